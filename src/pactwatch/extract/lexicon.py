"""The trigger lexicon (knowledge/triggers.yaml), loaded and validated once."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from pactwatch.errors import KnowledgeError
from pactwatch.knowledge.yamlsrc import plain_load
from pactwatch.records import EVENT_TYPES, KINDS, SECTORS

_FLAGS = (
    "symmetric",
    "control",
    "light",
    "speech",
    "hedge",
    "nominal_only_with_participants",
    "future_only",
    "needs_negative",
    "received",
    "charges",
    "needs_bare",
    "be_to",
)
_LISTS = ("mode", "context", "needs", "excludes", "needs_prep", "needs_subject", "excludes_subject", "needs_governor", "excludes_governor", "needs_modifier", "needs_dep", "recipient_preps", "actor_preps")  # fmt: skip
_ENTITY_NEEDS = ("state", "igo", "any")


@dataclass(frozen=True, slots=True)
class Sense:
    """What one trigger word can mean (see the field notes at the top of triggers.yaml)."""

    lemma: str
    pos: str  # "VERB" or "NOUN"
    event: str | None = None
    mode: tuple[str, ...] = ()
    context: tuple[str, ...] = ()
    kind: str | None = None
    symmetric: bool = False
    control: bool = False
    light: bool = False
    speech: bool = False
    hedge: bool = False
    nominal_only_with_participants: bool = False
    future_only: bool = False
    needs_negative: bool = False  # the complement must hold one of `negative_words`
    received: bool = False  # the subject receives what the event gives ("received weapons")
    charges: bool = False  # what the verb is done for is the doer's charge (triggers.yaml)
    needs_bare: bool = False  # the needed object stands alone: "stopped work" (triggers.yaml)
    be_to: bool = False  # "X is to blame": X is who it is done to (triggers.yaml)
    needs: frozenset[str] = frozenset()
    excludes: frozenset[str] = frozenset()  # no event when the complement holds one of these
    needs_prep: frozenset[str] = frozenset()
    needs_subject: frozenset[str] = frozenset()
    excludes_subject: frozenset[str] = frozenset()  # no event when the subject holds one
    needs_governor: frozenset[str] = frozenset()
    excludes_governor: frozenset[str] = frozenset()  # no event under one of these words
    needs_modifier: frozenset[str] = frozenset()
    needs_dep: frozenset[str] = frozenset()
    needs_entity: str | None = None
    recipient_preps: frozenset[str] = frozenset()
    actor_preps: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Lexicon:
    verbs: dict[str, tuple[Sense, ...]]
    nouns: dict[str, tuple[Sense, ...]]
    kind_cues: dict[str, frozenset[str]]
    mode_cues: dict[str, dict[str, frozenset[str]]]
    not_triggers: frozenset[str] = field(default_factory=frozenset)
    negative_words: frozenset[str] = field(default_factory=frozenset)
    # nouns of places and facilities that stand for their owner when an event is done to
    # them, with the owner's sector (None: the state itself): "shelled military positions
    # in Armenia" is done to Armenia's military
    target_places: dict[str, str | None] = field(default_factory=dict)
    # words that move a sentence's time off the deed told before it ("then", "overnight")
    episode_breaks: frozenset[str] = field(default_factory=frozenset)
    document_nouns: frozenset[str] = field(default_factory=frozenset)
    # verb forms the parser lemmatises wrongly, with their lemma ("waged": wage)
    verb_lemmas: dict[str, str] = field(default_factory=dict)
    # the longest multiword key, in words ("state of emergency" = 3)
    max_words: int = 1

    def verb_lemma(self, token: Any) -> str:
        """A verb's lemma, mended where the parser's lemmatiser is wrong."""
        return self.verb_lemmas.get(token.lower_) or str(token.lemma_).lower()

    def speech(self, lemma: str) -> Sense | None:
        """The verb's speech sense, if it is a verb of saying."""
        return next((s for s in self.verbs.get(lemma, ()) if s.speech), None)

    def is_light(self, lemma: str) -> bool:
        return any(s.light for s in self.verbs.get(lemma, ()))


def _sense(lemma: str, pos: str, raw: Any, where: str, problems: list[str]) -> Sense | None:
    if not isinstance(raw, dict):
        problems.append(f"{where}: expected a mapping of fields")
        return None
    known = {"event", "kind", "needs_entity", *_FLAGS, *_LISTS}
    for key in raw:
        if key not in known:
            problems.append(f"{where}: unknown field {key!r}")
    event = raw.get("event")
    if event is not None and event not in EVENT_TYPES:
        problems.append(f"{where}: event {event!r} is not a PLOVER type")
    if event is None and not (raw.get("light") or raw.get("speech")):
        problems.append(f"{where}: needs an event, or light/speech: true")
    kind = raw.get("kind")
    if kind is not None and kind not in KINDS:
        problems.append(f"{where}: kind {kind!r} is not one of {', '.join(KINDS)}")
    needs_entity = raw.get("needs_entity")
    if needs_entity is not None and needs_entity not in _ENTITY_NEEDS:
        problems.append(f"{where}: needs_entity must be one of {_ENTITY_NEEDS}")
    lists: dict[str, Any] = {}
    for key in _LISTS:
        value = raw.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            problems.append(f"{where}: {key} must be a list of words")
            value = []
        lists[key] = (
            tuple(value) if key in ("mode", "context") else frozenset(v.lower() for v in value)
        )
    fields: dict[str, Any] = {flag: bool(raw.get(flag, False)) for flag in _FLAGS}
    fields.update(lists)
    return Sense(
        lemma=lemma,
        pos=pos,
        event=event,
        kind=kind,
        needs_entity=needs_entity,
        **fields,
    )


def parse_lexicon(data: Any, source: str = "triggers.yaml") -> Lexicon:
    """Build a Lexicon from parsed YAML, reporting every problem at once."""
    problems: list[str] = []
    if not isinstance(data, dict):
        raise KnowledgeError(
            [f"{source}: expected a mapping with verbs, nouns, kind_cues, mode_cues"]
        )
    tables: dict[str, dict[str, tuple[Sense, ...]]] = {"verbs": {}, "nouns": {}}
    for section, pos in (("verbs", "VERB"), ("nouns", "NOUN")):
        for lemma, raw in (data.get(section) or {}).items():
            # a word with several senses lists them; the first whose conditions hold wins
            raws = raw if isinstance(raw, list) else [raw]
            senses = []
            for n, one in enumerate(raws):
                where = f"{source}: {section}.{lemma}" + (f"[{n}]" if len(raws) > 1 else "")
                sense = _sense(str(lemma), pos, one, where, problems)
                if sense:
                    senses.append(sense)
            tables[section][str(lemma).lower()] = tuple(senses)
    kind_cues: dict[str, frozenset[str]] = {}
    for kind, words in (data.get("kind_cues") or {}).items():
        if kind not in KINDS:
            problems.append(f"{source}: kind_cues.{kind}: unknown kind")
        kind_cues[kind] = frozenset(str(w).lower() for w in words)
    mode_cues: dict[str, dict[str, frozenset[str]]] = {}
    for event, modes in (data.get("mode_cues") or {}).items():
        if event not in EVENT_TYPES:
            problems.append(f"{source}: mode_cues.{event}: not a PLOVER type")
        mode_cues[event] = {m: frozenset(str(w).lower() for w in ws) for m, ws in modes.items()}
    target_places: dict[str, str | None] = {}
    for noun, sector in (data.get("target_places") or {}).items():
        if sector is not None and sector not in SECTORS:
            problems.append(f"{source}: target_places.{noun}: unknown sector {sector!r}")
        target_places[str(noun).lower()] = sector
    verb_lemmas = data.get("verb_lemmas") or {}
    if not isinstance(verb_lemmas, dict):
        problems.append(f"{source}: verb_lemmas must map a verb form to its lemma")
        verb_lemmas = {}
    if problems:
        raise KnowledgeError(problems)
    keys = [*tables["verbs"], *tables["nouns"]]
    return Lexicon(
        verbs=tables["verbs"],
        nouns=tables["nouns"],
        kind_cues=kind_cues,
        mode_cues=mode_cues,
        not_triggers=frozenset(data.get("not_triggers") or []),
        negative_words=frozenset(str(w).lower() for w in data.get("negative_words") or []),
        target_places=target_places,
        episode_breaks=frozenset(str(w).lower() for w in data.get("episode_breaks") or []),
        document_nouns=frozenset(str(w).lower() for w in data.get("document_nouns") or []),
        verb_lemmas={str(k).lower(): str(v).lower() for k, v in verb_lemmas.items()},
        max_words=max(len(k.split()) for k in keys),
    )


@functools.cache
def load_lexicon() -> Lexicon:
    text = resources.files("pactwatch.knowledge").joinpath("triggers.yaml").read_text("utf-8")
    return parse_lexicon(plain_load(text))
