"""What the knowledge files say, as frozen records, and the lookups over them.

`Knowledge` is built by `pactwatch.knowledge.load.load_knowledge` after every
file validated; nothing here checks input.
"""

from __future__ import annotations

import datetime
import functools
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

ALIAS_KINDS: tuple[str, ...] = ("state", "demonym", "metonym", "igo", "agency", "person")
OFFICES: tuple[str, ...] = (
    "head_of_state",
    "head_of_government",
    "foreign_minister",
    "defence_minister",
    "secretary_general",
    "other",
)

_SPACE = re.compile(r"\s+")
_POSSESSIVE = re.compile(r"'s?$")
# titles written before a name ("president kagame"): one is stripped at a time
_TITLE = re.compile(
    r"(?:acting |interim |former |then-|late |new |outgoing |incoming |deputy |vice[- ])?"
    r"(?:president|prime minister|premier|chancellor|foreign minister|defen[cs]e minister"
    r"|foreign secretary|defen[cs]e secretary|secretary of state|secretary[- ]general"
    r"|minister|king|queen|emir|crown prince|prince|sheikh|sultan|ayatollah|supreme leader"
    r"|general|gen\.|lt\.|col\.|marshal|admiral|mr\.?|mrs\.?|ms\.?|dr\.?|leader)\s+"
)
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2010": "-", "\u2011": "-"})


@functools.lru_cache(maxsize=1 << 16)
def alias_key(text: str) -> str:
    """The form aliases are compared in: case-, accent-, space- and leading-"the"-insensitive.

    "the Élysée", "Elysee" and "ELYSEE" are one alias; so are "the US" and "US".
    """
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text.translate(_QUOTES))
        text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    key = _SPACE.sub(" ", text).strip().casefold()
    return key[4:] if key.startswith("the ") else key


@dataclass(frozen=True, slots=True)
class Alias:
    """One surface form and the actor it names."""

    text: str  # as written in text ("Bishkek", "the Pentagon", "Kyrgyz")
    code: str  # "KGZ", "CSTO", ...
    sector: str | None  # None for plain state names and demonyms; "IGO" for organisations
    qid: str | None
    kind: str  # one of ALIAS_KINDS
    person: str | None = None  # kind "person": the canonical name (key into `Knowledge.terms`)


@dataclass(frozen=True, slots=True)
class Named:
    """A metonym or an organ: a name that stands for an actor in one sector."""

    text: str
    sector: str


@dataclass(frozen=True, slots=True)
class State:
    code: str
    name: str
    qid: str | None
    names: tuple[str, ...]
    demonyms: tuple[str, ...]
    metonyms: tuple[Named, ...]
    note: str | None = None  # e.g. why a territory has no capital metonym


@dataclass(frozen=True, slots=True)
class Igo:
    code: str
    name: str
    qid: str | None
    names: tuple[str, ...]
    metonyms: tuple[Named, ...]
    bodies: tuple[Named, ...]
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Agency:
    """A named state organ ("FSB", "Bundeswehr", "Jogorku Kenesh") of state `code`."""

    code: str
    sector: str
    name: str
    names: tuple[str, ...]
    qid: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Term:
    """One term of office; `end` None means still in office."""

    person: str
    qid: str | None
    code: str
    sector: str
    office: str
    start: datetime.date
    end: datetime.date | None
    aliases: tuple[str, ...]
    acting: bool = False

    def covers(self, on: datetime.date) -> bool:
        return self.start <= on and (self.end is None or on <= self.end)


# lookup() prefers the more specific kind when one text is several kinds of alias of one code
_KIND_RANK = {"state": 0, "igo": 1, "agency": 2, "metonym": 3, "demonym": 4}


# eq=False: hashed by identity, so a Knowledge can key caches (its mappings are unhashable)
@dataclass(frozen=True, eq=False)
class Knowledge:
    """Every actor pactwatch knows, with lookups by surface form, code and date."""

    states: Mapping[str, State]
    igos: Mapping[str, Igo]
    agencies: tuple[Agency, ...]
    sector_nouns: Mapping[str, str]
    # canonical person name -> terms, oldest first
    person_terms: Mapping[str, tuple[Term, ...]]
    # aliases of states, igos and agencies, ambiguities already resolved
    actor_aliases: tuple[Alias, ...]
    # phrases holding an alias but naming no actor ("Latin America", "Indian Ocean"):
    # extraction matches them so that the alias inside is not taken for an actor
    not_actors: tuple[str, ...] = ()
    # news outlets, and the last words of an outlet's name ("news", "agency"): the
    # source of a report, never a party to the event
    media: frozenset[str] = frozenset()
    # organ names an organisation shares with states ("Security Council"): with a
    # state's possessive or demonym ("Armenia's Security Council") they are that state's
    shared_organs: frozenset[str] = frozenset()
    _by_key: dict[str, Alias] = field(init=False, repr=False, compare=False)
    _demonyms: dict[str, str] = field(init=False, repr=False, compare=False)
    _persons: dict[str, tuple[str, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_key: dict[str, Alias] = {}
        demonyms: dict[str, str] = {}
        for alias in self.actor_aliases:
            key = alias_key(alias.text)
            old = by_key.get(key)
            if old is None or _KIND_RANK[alias.kind] < _KIND_RANK[old.kind]:
                by_key[key] = alias
            if alias.kind == "demonym":
                demonyms.setdefault(key, alias.code)
        persons: dict[str, list[str]] = {}
        for name, terms in self.person_terms.items():
            for text in terms[0].aliases:
                names = persons.setdefault(alias_key(text), [])
                if name not in names:
                    names.append(name)
        object.__setattr__(self, "states", MappingProxyType(dict(self.states)))
        object.__setattr__(self, "igos", MappingProxyType(dict(self.igos)))
        object.__setattr__(self, "sector_nouns", MappingProxyType(dict(self.sector_nouns)))
        object.__setattr__(self, "person_terms", MappingProxyType(dict(self.person_terms)))
        object.__setattr__(self, "_by_key", by_key)
        object.__setattr__(self, "_demonyms", demonyms)
        object.__setattr__(self, "_persons", {k: tuple(v) for k, v in persons.items()})

    def aliases(self) -> list[Alias]:
        """Every surface form: states, demonyms, metonyms, igos, agencies, then persons.

        The order is the files' order (deterministic). A person alias carries the
        code and sector of the person's latest term; resolve by date with
        `resolve_person`.
        """
        out = list(self.actor_aliases)
        for name in sorted(self.person_terms):
            terms = self.person_terms[name]
            latest = max(terms, key=lambda t: t.start)
            for text in latest.aliases:
                out.append(Alias(text, latest.code, latest.sector, latest.qid, "person", name))
        return out

    def terms(self, person: str) -> list[Term]:
        """The terms of a canonical person name (or any alias of one person), oldest first."""
        if person in self.person_terms:
            return list(self.person_terms[person])
        names = self._people_named(person)
        return sorted((t for n in names for t in self.person_terms[n]), key=lambda t: t.start)

    def resolve_person(self, name: str, on: datetime.date | None) -> Term | None:
        """The term a name as written spoke for on `on`.

        The term covering `on` (heads of state before heads of government before
        ministers when one person holds two); else the latest term that started
        before `on`; else (`on` None, or before every term) the latest term.
        """
        terms = [t for n in self._people_named(name) for t in self.person_terms[n]]
        if not terms:
            return None
        if on is not None:
            covering = [t for t in terms if t.covers(on)]
            if covering:
                return min(covering, key=lambda t: (t.acting, OFFICES.index(t.office), t.start))
            before = [t for t in terms if t.start <= on]
            if before:
                return max(before, key=lambda t: (t.start, -OFFICES.index(t.office)))
        return max(terms, key=lambda t: (t.start, -OFFICES.index(t.office)))

    def _people_named(self, name: str) -> tuple[str, ...]:
        """Canonical names for a name as written; a title or a possessive may surround it.

        "President Kagame" and "Putin's" find their people when no alias
        includes the title.
        """
        key = alias_key(name)
        found = self._persons.get(key)
        if found is None:
            key = _POSSESSIVE.sub("", key)
            while found is None and key:
                found = self._persons.get(key)
                title = _TITLE.match(key)
                key = key[title.end() :] if title else ""
        return found or ()

    def entity_for(self, code: str) -> tuple[str | None, str | None]:
        """(name, qid) of a state or organisation code; (None, None) when unknown."""
        state = self.states.get(code)
        if state is not None:
            return state.name, state.qid
        igo = self.igos.get(code)
        if igo is not None:
            return igo.name, igo.qid
        return None, None

    def state_for_demonym(self, text: str) -> str | None:
        return self._demonyms.get(alias_key(text))

    def is_outlet(self, text: str) -> bool:
        """Whether `text` names a news outlet (a known one, or by the word it ends with)."""
        key = alias_key(text)
        alias = self._by_key.get(key)
        if alias is not None and alias.sector == "MED" and alias.kind == "agency":
            return True
        if key in self.media:
            return True
        # a media word in a name ("the Washington Post", "Tasnim news agency"), not in a
        # description ("a border post", "military positions near the radio station")
        words = text.split()
        return any(
            w.lower() in self.media and (w[:1].isupper() or words[n - 1][:1].isupper())
            for n, w in enumerate(words[1:], start=1)
        )

    def lookup(self, text: str) -> Alias | None:
        """The actor alias `text` names (case-, accent- and "the"-insensitive); no persons."""
        return self._by_key.get(alias_key(text))
