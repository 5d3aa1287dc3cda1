"""Entity stage: spaCy spans and noun phrases → `Entity` (code, sector, text, qid).

Known actors come from the EntityRuler (nlp.py) and resolve through the knowledge
files; people resolve through their office on the event date; a sector noun
("military", "authorities", "border guards") takes its state from a modifier
("the Kyrgyz military department" → KGZ MIL). Vague references ("the alliance",
"the two sides", "it") resolve against what the document mentioned last.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from pactwatch.extract._anaphora import count
from pactwatch.extract.clauses import children_of
from pactwatch.extract.nlp import RULER_LABEL, ruler_aliases
from pactwatch.extract.places import place_for
from pactwatch.extract.text import dateline_end
from pactwatch.knowledge import Knowledge, load_knowledge
from pactwatch.knowledge.alliances import ever_member
from pactwatch.knowledge.model import Term, alias_key
from pactwatch.knowledge.words import load_words
from pactwatch.records import Entity

Token = Any  # spacy.tokens.Token (spaCy ships no type stubs for Cython classes)
Span = Any

# dependency labels that stay inside one noun phrase
_NP_DEPS = frozenset(
    {"compound", "amod", "nmod", "poss", "appos", "conj", "nummod", "det", "npadvmod", "flat"}
)
_NP_PREPS = frozenset({"of", "from"})
GROUP_WORDS = frozenset(
    {"bloc", "alliance", "organisation", "organization", "union", "grouping", "association"}
)
_PAIR_WORDS = frozenset({"parties", "sides", "neighbours", "neighbors", "republics", "countries", "states", "nations", "rivals", "adversaries", "members", "leaders", "presidents", "governments", "ministers", "armies", "militaries"})  # fmt: skip
_PRONOUNS_ONE = frozenset({"it", "its"})
_RELATIVES = frozenset({"which", "who", "that"})
_PLURAL = frozenset({"NNS", "NNPS"})
_PRONOUNS_PERSON = frozenset({"he", "she", "his", "her"})
_PRONOUNS_MANY = frozenset({"they", "their", "them"})
_POSSESSIVES = frozenset({"its", "their", "his", "her"})
# prepositions that place allies or members in a body of their own ("of the EU")
_OF_BODY = frozenset({"in", "of", "from", "within", "outside", "among"})
_NER_LABELS = frozenset({"GPE", "NORP", "ORG", "PERSON", "LOC", "FAC"})
# named things that act: an unknown organisation is a non-state actor; an unknown
# place or nationality is not, nor (measured on the development sets) an unknown
# person, who is more often an official of a state the sentence does not name
_UNKNOWN_ACTOR_LABELS = frozenset({"ORG", "PERSON"})
# NER PERSON spans that are titles, not names
# sectors of unnamed groups that can be an event's recipient in their own words
_GROUP_SECTORS = frozenset({"CVL", "OPP", "REB"})
# the sectors of private people: a title of theirs is no office of a state
_PRIVATE_SECTORS = _GROUP_SECTORS | {"MED", "BUS"}
# how long after leaving office a person is still named by surname alone in the news
_SURNAME_YEARS = 2
_TITLE_WORDS = frozenset({"president", "prime", "minister", "chancellor", "king", "secretary", "general", "foreign", "defence", "defense", "mr", "mrs", "ms", "dr", "sir", "premier", "leader"})  # fmt: skip
_SECTOR_DEFAULT_PERSON = "GOV"
MEDIATED = frozenset({"brokered", "mediated"})
_HYPHENS = ("-", "\u2010", "\u2011")
_THIRD_PARTY = frozenset(
    {
        "brokered",
        "mediated",
        "led",
        "backed",
        "sponsored",
        "supported",
        "made",
        "built",
        "drafted",
        "funded",
        "trained",
        "supplied",
        "armed",
        "controlled",
        "installed",
        "held",
        "occupied",
        "annexed",
    }
)


def parse_day(value: str | None) -> datetime.date | None:
    if not value:
        return None
    parts = value.split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else 7
        day = int(parts[2]) if len(parts) > 2 else 1
        return datetime.date(year, month, day)
    except (ValueError, IndexError):
        return None


@dataclass
class Memory:
    """What the document has mentioned so far, most recent last."""

    states: list[Entity] = field(default_factory=list)
    igos: list[Entity] = field(default_factory=list)
    actors: list[Entity] = field(default_factory=list)
    # the two sides of the last two-sided event ("the parties" refers back to them)
    pair: list[Entity] = field(default_factory=list)
    # the two states of the last fight, whoever attacked whom (who "the fighting" is between)
    fought: list[Entity] = field(default_factory=list)
    # the states that last acted together, three or more ("the four states" refers back)
    group: list[Entity] = field(default_factory=list)
    # people by name, for "he" and "she": the state each spoke for
    people: list[Entity] = field(default_factory=list)
    # the one actor the last sentence's main clause had as subject, for an "it" that
    # opens the next ("Moldova accused Russia of ... . Last month it banned ...": Moldova)
    subject: Entity | None = None
    # institutions named with their state, by head noun ("Kyrgyzstan's border service"),
    # for "the service" told after
    organs: dict[str, Entity] = field(default_factory=dict)

    def note(self, entity: Entity) -> None:
        target = self.igos if entity.sector == "IGO" else self.states
        for bucket in (target, self.actors):
            if bucket and bucket[-1].code == entity.code:
                continue
            bucket.append(entity)
            del bucket[:-12]

    def last_pair(self) -> list[Entity]:
        if len(self.pair) == 2:
            return list(self.pair)
        out: list[Entity] = []
        for entity in reversed(self.states):
            if all(e.code != entity.code for e in out):
                out.append(entity)
            if len(out) == 2:
                break
        return list(reversed(out))


def _long_gone(terms: list[Term], on: datetime.date | None) -> bool:
    """Whether every term of a name ended more than `_SURNAME_YEARS` before the date a
    text speaks of (a term still to come counts: the news names candidates)."""
    return on is not None and all(
        t.end is not None and (on - t.end).days > 365 * _SURNAME_YEARS for t in terms
    )


def _party_position(head: Token) -> bool:
    """Whether a person's name stands where a party to a deed stands: the subject, the
    object, or the object of a preposition on a verb ("granted asylum to Julian Assange").
    On a noun ("the attacks on Blackburn", "the killing of Ricardo Ramirez") it describes
    the noun, which may be no deed the sentence reports."""
    if head.dep_ in ("nsubj", "nsubjpass", "dobj"):
        return True
    return head.dep_ == "pobj" and head.head.head.pos_ in ("VERB", "AUX")


class EntityResolver:
    """Resolves entity mentions of one document; keeps the document's memory."""

    def __init__(self, report_date: str | None, knowledge: Knowledge | None = None) -> None:
        self.knowledge = knowledge or load_knowledge()
        self.aliases = ruler_aliases()
        self.on = parse_day(report_date)
        self.memory = Memory()
        self._span_of: dict[int, Span] = {}
        self._dateline_end = 0
        self._cache: dict[tuple[int, int], Entity | None] = {}
        self._binding: set[int] = set()  # subject pronouns whose clause is being read (_unbound)

    # --- spans -------------------------------------------------------------

    def start_segment(self, doc: Any) -> None:
        """Index a parsed segment's entity spans by token."""
        self._span_of = {}
        self._cache = {}
        skip = self._dateline_end = dateline_end(doc.text)
        for span in doc.ents:
            if span.start_char < skip:
                continue
            if span.label_ == RULER_LABEL and self._tail_of_other_name(span):
                continue
            if span.label_ == RULER_LABEL or span.label_ in _NER_LABELS:
                for token in span:
                    self._span_of[token.i] = span

    def in_dateline(self, token: Token) -> bool:
        """Whether the token is in the segment's wire dateline ("MOSCOW/BAKU, April 18 -"):
        where the report was filed, never who acted."""
        return bool(token.idx < self._dateline_end)

    def _tail_of_other_name(self, span: Span) -> bool:
        """A one-word alias that ends an organisation's longer name is that name's
        word, not the actor: "Congress" in "the African National Congress". Only where
        the parser's own organisation name runs up to it: a title, a nationality, a
        direction or a name the knowledge holds ("President Erdogan", "Kyrgyz
        Parliament", "Western Cambodia", "US Congress") keeps it."""
        if len(span) != 1 or span.start - 1 <= span.sent.start:
            return False
        before = span.doc[span.start - 1]
        return (
            before.pos_ == "PROPN"
            and before.ent_type_ == "ORG"
            and self.sector_of(before) is None
            and self.knowledge.lookup(before.text) is None
        )

    def span_at(self, token: Token) -> Span | None:
        return self._span_of.get(token.i)

    def resolve_span(self, span: Span, on: datetime.date | None = None) -> Entity | None:
        key = (span.start, span.end)
        if on is None and key in self._cache:
            return self._cache[key]
        entity = self._resolve_span(span, on or self.on)
        if on is None:
            self._cache[key] = entity
        return entity

    def _resolve_span(self, span: Span, on: datetime.date | None) -> Entity | None:
        text = span.text
        k = self.knowledge
        if span.label_ == RULER_LABEL and span.ent_id_.isdigit():
            alias = self.aliases[int(span.ent_id_)]
            if alias.kind == "person":
                return self._person(text, on)
            sector = alias.sector
            name_qid = k.entity_for(alias.code)[1] if alias.qid is None else alias.qid
            return Entity(alias.code, sector, text, name_qid)
        if span.label_ == "PERSON":
            return self._person(text, on)
        # a name is capitalised: "the congress" of a breakaway region is not the US Congress
        known = None if text.islower() else k.lookup(text)
        if known is not None:
            return Entity(known.code, known.sector, text, known.qid or k.entity_for(known.code)[1])
        return None

    def _person(self, text: str, on: datetime.date | None) -> Entity | None:
        words = [
            w for w in text.replace("'s", "").split() if w.lower().strip(".") not in _TITLE_WORDS
        ]
        candidates = [" ".join(words)] + ([words[-1]] if len(words) > 1 else [])
        for name in candidates:
            term = self.knowledge.resolve_person(name, on)
            if term is not None and " " not in name and _long_gone(self.knowledge.terms(name), on):
                # a surname alone names the one in office, not a predecessor of decades
                # ago: "Kok" in "Kok-Tash" (2022) is no Dutch prime minister of the 1990s
                continue
            if term is not None:
                qid = self.knowledge.entity_for(term.code)[1]
                return Entity(term.code, term.sector or _SECTOR_DEFAULT_PERSON, text, qid)
        return None

    def note_sentence(self, sent: Span) -> None:
        """Remember the actors a sentence mentioned, for later vague references."""
        seen: set[tuple[int, int]] = set()
        listed: dict[int, list[Entity]] = {}  # states coordinated in one list, by its first
        for token in sent:
            span = self._span_of.get(token.i)
            if span is None or (span.start, span.end) in seen:
                continue
            seen.add((span.start, span.end))
            entity = self.resolve_span(span)
            if entity is not None:
                self.memory.note(entity)
                if self._is_person(span):
                    self.memory.people = [*self.memory.people[-3:], entity]
                if entity.is_state:
                    first = span.root
                    while first.dep_ in ("conj", "appos") and first.head.i != first.i:
                        first = first.head
                    group = listed.setdefault(first.i, [])
                    if all(e.code != entity.code for e in group):
                        group.append(entity)
        for group in listed.values():
            if len(group) > 2:
                # "announced by Mali, Burkina Faso and Niger ... the three states"
                self.memory.group = group
        subj = next((c for c in sent.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and subj.pos_ != "PRON":
            found = self.phrase(subj)
            self.memory.subject = found[0] if len(found) == 1 else None

    def last_igo(self, token: Token) -> Entity | None:
        """The organisation named last before `token`: earlier in its own sentence ("Georgia,
        which hopes to join NATO, was told at the alliance's summit"), else in the
        sentences before it."""
        for t in reversed(token.doc[token.sent.start : token.i]):
            igo = self._igo_named_at(t)
            if igo is not None:
                return igo
        return self.memory.igos[-1] if self.memory.igos else None

    def _igo_named_at(self, token: Token) -> Entity | None:
        """The organisation a name starting at `token` names; an organ a state may share
        ("Security Council of Armenia") names none."""
        span = self._span_of.get(token.i)
        if span is None or span.start != token.i:
            return None
        if alias_key(span.text) in self.knowledge.shared_organs:
            return None
        entity = self.resolve_span(span)
        return entity if entity is not None and entity.sector == "IGO" else None

    def _igo_in_sentence(self, token: Token) -> Entity | None:
        """An organisation the token's sentence names, by name or as "the alliance"."""
        for t in token.sent:
            if t.i == token.i:
                continue
            igo = self._igo_named_at(t)
            if igo is not None:
                return igo
            if t.lower_ in GROUP_WORDS and any(c.lower_ == "the" for c in t.children):
                igo = self.last_igo(t)
                if igo is not None:
                    return igo
        return None

    def pair_before(self, token: Token) -> list[Entity]:
        """Two states named earlier in the token's own sentence, and no others ("Tokayev met
        Erdogan in Astana, where the two leaders signed"): the two the phrase refers to,
        else the pair the document named last."""
        found: list[Entity] = []
        for t in token.doc[token.sent.start : token.i]:
            span = self._span_of.get(t.i)
            if span is None or span.start != t.i:
                continue
            entity = self.resolve_span(span)
            if entity is not None and entity.is_state and all(e.code != entity.code for e in found):
                found.append(entity)
        return found if len(found) == 2 else self.memory.last_pair()

    def _is_person(self, span: Span) -> bool:
        if span.label_ == RULER_LABEL and span.ent_id_.isdigit():
            return self.aliases[int(span.ent_id_)].kind == "person"
        return bool(span.label_ == "PERSON")

    # --- noun phrases ---------------------------------------------------------

    def phrase(
        self, head: Token, on: datetime.date | None = None, *, depth: int = 0
    ) -> list[Entity]:
        """The actors a noun phrase headed by `head` names, in order."""
        out: list[Entity] = []
        seen: set[int] = set()
        self._walk(head, on, out, seen, depth)
        if not out and depth == 0:
            out.extend(self._unknown_named(head) or self._fighters_of(head) or self._placed(head))
        return unique_codes(out)

    def _fighters_of(self, head: Token) -> list[Entity]:
        """Fighters named by an organisation the knowledge files do not hold ("Taliban
        fighters", "Jamaat Ansarullah militants"): that organisation, as a non-state actor
        with the fighters' sector (REB). Only armed men: the same name on other people
        ("Taliban prisoners", "Google employees") is not who acts."""
        if head.pos_ != "NOUN" or self.sector_of(head) != "REB":
            return []
        for child in head.children:
            span = self._span_of.get(child.i)
            if child.dep_ == "compound" and span is not None and span.label_ == "ORG":
                return [Entity(e.code, "REB", e.text, e.qid) for e in self._unknown_named(child)]
        return []

    def group(self, head: Token) -> list[Entity]:
        """An unnamed group of people that an event is done to ("18 people", "other
        rights activists", "civilians in the south"): NSA in the sentence's own words,
        with the sector its noun names. Only groups outside the state (civilians,
        opposition, rebels), since "the government" or "troops" of no named state are
        someone the sentence leaves unsaid, not a group."""
        if head.pos_ != "NOUN" or head.tag_ not in ("NNS", "NN"):
            return []
        sector = self.sector_of(head)
        end = head.i + 1
        if sector is None:
            # "dozens of demonstrators", "a group of activists": the people counted
            counted = [
                p
                for c in head.children
                if c.dep_ == "prep" and c.lower_ == "of"
                for p in c.children
                if p.dep_ == "pobj"
            ]
            if counted:
                sector, end = self.sector_of(counted[0]), counted[0].i + 1
        if sector not in _GROUP_SECTORS:
            return []
        return [Entity("NSA", sector, head.doc[head.left_edge.i : end].text)]

    def _possessor(self, token: Token) -> list[Entity]:
        """Whose "its", "their" or "his" is, in its own sentence: the subject of a clause
        above it ("Kyrgyz officials said their troops had pulled back": Kyrgyzstan's)."""
        node = token.head
        while node.head.i != node.i:  # tokens are views: compare positions, not identity
            controller = _object_controller(node)
            if controller is not None and token.lower_ in ("its", "their"):
                # "Lavrov called on Baku to withdraw its troops": the one asked to do it
                owners = self.phrase(controller, depth=1)
                if owners:
                    return owners
            node = node.head
            subject = _subject_before(node, token)
            if subject is not None and subject.lower_ in _RELATIVES and node.dep_ == "relcl":
                subject = node.head  # "NATO, which has held its largest exercises": NATO's
            if subject is not None and token.lower_ == "its" and subject.tag_ in _PLURAL:
                # "said that Armenian forces had fired on its positions": "its" is no
                # "forces"; a subject above, singular, owns it
                continue
            if subject is not None:
                owners = self.phrase(subject, depth=1)
                land = load_words().land_nouns
                if token.head.lemma_.lower() in land and all(e.sector == "IGO" for e in owners):
                    # "the alliance had failed to help Armenia when Azerbaijani troops
                    # crossed into its territory": an organisation has no territory
                    continue
                return owners
        return []

    def _unbound(self, pronoun: Token, owner: list[Entity]) -> list[Entity]:
        """A subject pronoun is not its own clause's object: in "criticised the CSTO, saying
        it had failed to protect Armenia", "it" is no Armenia (that would be "itself"). When
        the owner found above is its clause's object, the nearest other party named before
        it in the sentence; none if there is no other."""
        if pronoun.i in self._binding:
            return owner  # asked again while reading its own clause ("it ... its positions")
        self._binding.add(pronoun.i)
        try:
            # the objects named outright, not what they hold: "it would close two of its
            # border crossings" is no crossing
            bound = {e.code for obj in _objects(pronoun.head) for e in self._named_at(obj)}
            if not bound & {e.code for e in owner}:
                return owner
            for token in reversed(pronoun.doc[pronoun.sent.start : pronoun.i]):
                if token.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj") or token.pos_ == "PRON":
                    continue
                found = self.phrase(token, depth=1)
                if found and not bound & {e.code for e in found}:
                    return found
            return []
        finally:
            self._binding.discard(pronoun.i)

    def _named_at(self, token: Token) -> list[Entity]:
        """The actor a name heading `token` (or joined to it by "and") resolves to."""
        out: list[Entity] = []
        for t in (token, *(c for c in token.children if c.dep_ == "conj")):
            span = self._span_of.get(t.i)
            entity = self.resolve_span(span) if span is not None else None
            if entity is not None:
                out.append(entity)
        return out

    def _unknown_named(self, head: Token) -> list[Entity]:
        """A named organisation the knowledge files do not hold: the state its name
        names ("the Ministry of Defence of Armenia"), else a non-state actor: "Siemens"
        is code NSA with the sentence's own words, so the record is still made. A news
        outlet is no actor at all."""
        span = self._span_of.get(head.i)
        if span is None or span.label_ not in _UNKNOWN_ACTOR_LABELS:
            return []
        # a title of office ("President", "General"); "Activist", "Blogger" are no office
        titled = span.label_ == "PERSON" and any(
            self.sector_of(t) not in (None, *_PRIVATE_SECTORS) for t in head.lefts
        )
        if span.label_ == "PERSON" and not _party_position(head):
            return []  # a person named in passing ("the attacks on Blackburn") is no party
        text = span.text
        if text.islower() or any(c.isdigit() for c in text) or self.knowledge.is_outlet(text):
            return []  # "Vostok-2018" names an exercise, not who holds it
        if place_for(text) is not None:
            return []  # a place the parser took for an organisation ("Almaty")
        sector = self.sector_of(head)
        # a person's state is in the words before the name ("Uttar Pradesh Chief
        # Minister Yogi Adityanath"), never in what follows it ("McCain, from entering
        # Russia"); an organisation's name may end with it ("Ministry of Defence of Armenia")
        person = span.label_ == "PERSON"
        words = head.doc[head.left_edge.i : head.i + 1] if person else head.subtree
        for token in list(words)[:16]:
            # "the Ministry of Defence of Armenia" (one name to the parser): the state it names
            inner = self._span_of.get(token.i)
            state = self.resolve_span(inner) if inner is not None and inner is not span else None
            if state is None and span.start <= token.i < span.end and token.text[:1].isupper():
                alias = self.knowledge.lookup(token.text)
                if alias is not None and alias.kind in ("state", "demonym"):
                    state = Entity(alias.code, None, token.text, alias.qid)
            if state is None and inner is not None and inner is not span:
                state = state_of_place(inner.text)  # "Uttar Pradesh Chief Minister ..."
            if state is not None and state.is_state:
                return [Entity(state.code, sector or "GOV", text, state.qid)]
            if state is not None and state.sector == "IGO" and not person:
                # "the Council of Foreign Ministers of the CSTO": an organ of the organisation
                return [Entity(state.code, "IGO", text, state.qid)]
        # a title of office with no state before it ("President Dos Santos") is an
        # official of a state the sentence leaves unnamed, not a non-state actor
        return [] if titled else [Entity("NSA", sector, text)]

    def _placed(self, head: Token) -> list[Entity]:
        """People or an institution of no named state, placed by the phrase in a place
        the gazetteer knows ("authorities in Wyoming", "a court in Lyon"): that place's
        state, with the sector the noun names. A bare place is no actor ("in Wyoming")
        and an unplaced noun ("the authorities") stays unresolved."""
        sector = self.sector_of(head)
        if sector is None:
            return []
        # "the West Bengal government": a place's name before the noun
        for child in head.children:
            if child.dep_ in ("compound", "amod") and child.ent_type_ == "GPE":
                span = self._span_of.get(child.i)
                words = span if span is not None else head.doc[child.left_edge.i : child.i + 1]
                state = state_of_place(words.text)
                if state is not None:
                    return [Entity(state.code, sector, head.doc[words.start : head.i + 1].text)]
        for child in head.children:
            if child.dep_ != "prep" or child.lower_ != "in":
                continue
            for pobj in (c for c in child.children if c.dep_ == "pobj" and c.ent_type_ == "GPE"):
                state = state_of_place(pobj.doc[pobj.left_edge.i : pobj.i + 1].text)
                if state is not None:
                    words = head.doc[head.left_edge.i : pobj.i + 1].text
                    return [Entity(state.code, sector, words)]
        return []

    def _walk(
        self, token: Token, on: datetime.date | None, out: list[Entity], seen: set[int], depth: int
    ) -> None:
        if token.i in seen or depth > 6:
            return
        seen.add(token.i)
        span = self._span_of.get(token.i)
        sector = self.sector_of(token)
        found: list[Entity] = []
        if span is not None:
            for t in span:
                seen.add(t.i)
            entity = self.resolve_span(span, on)
            if entity is not None:
                entity = self._state_organ(span, entity, on)
            if entity is not None:
                found.append(entity)
                if entity.sector is not None:
                    # a word of a name is no sector noun: "the Islamic State" is the group
                    # (REB), not a government
                    sector = None
        children = list(token.children)
        if token.lower_ in load_words().relational_nouns:
            # "its allies in the CSTO": whose allies they are is not who they are; the
            # organisation they are allies in is
            children = [c for c in children if c.dep_ != "poss"]
            if not found and (igo := self._igo_of(token)) is not None:
                found.append(igo)
        for child in children:
            if child.dep_ in _NP_DEPS and child.dep_ != "conj":
                if child.dep_ in ("amod", "compound") and stance_of(child) is not None:
                    continue  # "pro-American Islamists" are not American
                if (
                    child.dep_ == "amod"
                    and child.tag_ == "VBN"
                    and (found or token.lower_ in GROUP_WORDS)
                ):
                    # "the Russian-led CSTO", "the Moscow-led alliance": who leads a named
                    # body or an alliance is no party; the body is
                    continue
                if child.dep_ == "appos" and found and (is_description(child) or _relative(child)):
                    continue  # "NATO, the US-led alliance": the description restates NATO
                if child.dep_ == "appos" and member_of(child):
                    continue  # "the two countries, both members of the CSTO": not the CSTO
                if (
                    child.dep_ == "compound"
                    and token.lemma_.lower() in load_words().pact_nouns
                    and self.city_alias(child)
                ):
                    continue  # "the Rome Statute", "the Minsk agreements": where, not who
                self._walk(child, on, found, seen, depth + 1)
            elif child.dep_ == "prep" and child.lower_ in _NP_PREPS:
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        self._walk(pobj, on, found, seen, depth + 1)
        if not found and span is None and sector is not None:
            # "security forces in Guinea", "protesters in Yerevan": a state's own people
            for child in children:
                if child.dep_ == "prep" and child.lower_ == "in":
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            self._walk(pobj, on, found, seen, depth + 1)
            found = [e for e in found if e.sector != "IGO"]
        if not found and span is None:
            found.extend(self._vague(token))
        if sector is not None:
            found = [_with_sector(e, sector) for e in found]
        if sector is not None or token.lemma_.lower() in self.memory.organs:
            # "the service", told after "Kyrgyzstan's border service"
            self._organ(token, found)
        out.extend(found)
        for child in children:
            if child.dep_ == "conj":
                self._walk(child, on, out, seen, depth + 1)

    def city_alias(self, token: Token) -> bool:
        """Whether the knowledge files name `token` as a city standing for its state."""
        span = self._span_of.get(token.i)
        if span is None or span.label_ != RULER_LABEL or not span.ent_id_.isdigit():
            return False
        return self.aliases[int(span.ent_id_)].kind == "metonym"

    def _igo_of(self, token: Token) -> Entity | None:
        """The organisation an "in" or "of" phrase on `token` names ("allies in the CSTO")."""
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in ("in", "of"):
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        span = self._span_of.get(pobj.i)
                        entity = self.resolve_span(span) if span is not None else None
                        if entity is not None and entity.sector == "IGO":
                            return entity
        return None

    def _organ(self, token: Token, found: list[Entity]) -> None:
        """Remember an institution named with its one state ("Kyrgyzstan's border
        service"), or resolve "the service" told after it to that state."""
        if token.tag_ not in ("NN", "NNP"):
            return  # singular institutions only: "the troops" may be anyone's
        key = token.lemma_.lower()
        states = [e for e in found if e.is_state]
        if len(states) == 1 and len(found) == 1:
            self.memory.organs[key] = states[0]
        elif (
            not found
            and key in self.memory.organs
            and any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)
            and not any(c.dep_ in ("poss", "amod", "prep") for c in token.children)
        ):
            found.append(self.memory.organs[key])

    def _state_organ(self, span: Span, entity: Entity, on: datetime.date | None) -> Entity:
        """ "Armenia's Security Council", "the Kyrgyz Security Council": an organ name the
        organisation shares with states, owned by the state that modifies it."""
        if alias_key(span.text) not in self.knowledge.shared_organs:
            return entity
        root = span.root
        owners = [*root.children, *(root.head.children if root.dep_ == "compound" else [])]
        # "the Security Council of Armenia"
        owners += [
            o for c in root.children if c.dep_ == "prep" and c.lower_ == "of" for o in c.children
        ]
        for owner in owners:
            if (
                owner.dep_ not in ("poss", "amod", "compound", "pobj")
                or span.start <= owner.i < span.end
            ):
                continue
            owner_span = self._span_of.get(owner.i)
            state = self.resolve_span(owner_span, on) if owner_span is not None else None
            if state is not None and state.is_state:
                sector = entity.sector if entity.is_state and entity.sector else "GOV"
                return Entity(state.code, sector, span.text, state.qid)
        return entity

    def sector_of(self, token: Token) -> str | None:
        """The sector a noun names ("troops" MIL, "opposition groups" OPP), or None."""
        nouns = self.knowledge.sector_nouns
        lemma = token.lemma_.lower()
        modifier = None
        for child in token.children:
            if child.dep_ == "compound":
                both = f"{child.lemma_.lower()} {lemma}"
                if both in nouns:
                    return nouns[both]
                if self._span_of.get(child.i) is None:
                    # not a word of a name: "an Islamic State attack" is no state's
                    modifier = modifier or nouns.get(child.lower_)
        # "opposition groups", "army officers": the modifier names the sector
        return nouns.get(token.lower_) or nouns.get(lemma) or modifier

    def _vague(self, token: Token) -> list[Entity]:
        lower = token.lower_
        mem = self.memory
        if token.pos_ == "PRON" and (
            (token.dep_ == "poss" and lower in _POSSESSIVES)
            # "Georgia was told that it would become a member": the subject above; "Armenia
            # refused to host the drills, and in November it declined to sign": the subject
            # of the clause it is joined to (not after "but": "asked Russia, but it refused")
            or (
                token.dep_ in ("nsubj", "nsubjpass")
                and lower in _PRONOUNS_ONE
                and (
                    token.head.dep_ == "ccomp"
                    or (
                        token.head.dep_ == "conj"
                        and not any(c.lower_ == "but" for c in token.head.head.children)
                    )
                )
            )
        ):
            owner = self._possessor(token)
            if owner and token.dep_ in ("nsubj", "nsubjpass"):
                owner = self._unbound(token, owner)
            if owner:
                return owner
        if lower in GROUP_WORDS:
            igo = self.last_igo(token)
            if igo is not None:
                return [igo]
        counted = [c for c in token.children if c.dep_ == "nummod" or c.like_num]
        if lower == "leaders" and not counted and (igo := self._igo_in_sentence(token)):
            # "Iran signed a memorandum to join the organisation, and the leaders agreed":
            # the leaders of the organisation the sentence speaks of, not the last pair
            return [igo]
        if (
            lower in _PAIR_WORDS
            and any(c.lower_ in {"two", "both", "the"} for c in token.children)
            # "the three Gulf states" are no pair
            and all(c.lower_ in ("two", "2") for c in counted)
        ):
            return self.pair_before(token)
        if (
            lower in _PAIR_WORDS
            and len(counted) == 1
            and count(counted[0].lower_) == len(mem.group)
        ):
            return list(mem.group)  # "the four states", after four states acted together
        if (
            lower in ("allies", "allied", "members")
            and mem.igos
            # "allies in the CSTO", "members of the EU" name their own organisation; the
            # parse may hang "for help" on "allies" instead of the verb
            and not any(
                c.dep_ in ("compound", "amod") or (c.dep_ == "prep" and c.lower_ in _OF_BODY)
                for c in token.children
            )
        ):
            whose = next((c for c in token.children if c.dep_ == "poss"), None)
            if whose is None:
                return [mem.igos[-1]]
            # "Yerevan asked its allies for help": the alliance the story speaks of, when
            # whoever's allies they are is in it (not "Washington asked its allies")
            owners = self.phrase(whose, depth=1)  # "its": whose it is (`_possessor`)
            alliance = mem.igos[-1].code
            if owners and all(ever_member(alliance, e.code) for e in owners):
                return [mem.igos[-1]]
        if lower == "whose" and token.head.head.dep_ == "relcl":
            # "Kyrgyzstan and Tajikistan, whose troops fought": the phrase it hangs on
            return self.phrase(token.head.head.head, depth=1)
        if lower in ("other", "another") and any(
            c.lower_ in ("each", "one") for c in token.children
        ):
            # "whose troops fought each other": the verb's own subjects, reciprocally
            verb = token.head
            subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is not None:
                return self.phrase(subject, depth=1)
        if lower in {"both", "each"} and token.head.lower_ not in ("other", "another"):
            return mem.last_pair()
        if (
            token.pos_ == "PRON"
            and lower == "it"
            and token.dep_ in ("nsubj", "nsubjpass")
            and token.head.dep_ in ("ROOT", "relcl")
        ):
            # the subject before goes on being the subject: one written earlier in the
            # sentence ("Kyrgyzstan also buys drones; it received ..."; "Britain
            # sanctioned four firms that it said had shipped parts": a relative clause's
            # "it" is never the noun the clause describes), else the last sentence's
            before = [
                t
                for t in token.sent
                if t.i < token.i and t.dep_ in ("nsubj", "nsubjpass") and t.pos_ != "PRON"
            ]
            found = self.phrase(before[-1], depth=1) if before else []
            if len(found) == 1:
                return found
            if not before and mem.subject is not None:
                return [mem.subject]
        if (
            token.pos_ == "PRON"
            and lower in ("it", "them")
            and token.dep_ == "dobj"
            and token.head.dep_ == "advcl"
            and token.head.tag_ == "VBG"
        ):
            # "sanctioned Keremet Bank, accusing it of helping Russia": the one the deed it
            # explains was done to, never its doer (who would be "itself")
            done_to = [c for c in token.head.head.children if c.dep_ == "dobj"]
            found = self.phrase(done_to[0], depth=1) if done_to else []
            if found:
                return found
        if token.pos_ == "PRON" and lower in _PRONOUNS_ONE and mem.actors:
            return [mem.actors[-1]]
        if token.pos_ == "PRON" and lower in _PRONOUNS_PERSON and mem.people:
            return [mem.people[-1]]  # "Blinken ... He called the attacks reckless"
        if token.pos_ == "PRON" and lower in _PRONOUNS_MANY and len(mem.pair) == 2:
            return list(mem.pair)  # "they" after a two-sided event: its two sides
        return []


def _objects(verb: Token) -> list[Token]:
    """The objects of a verb and of the "to" clauses it governs ("failed to protect Armenia")."""
    out = [c for c in verb.children if c.dep_ in ("dobj", "dative")]
    for child in verb.children:
        if child.dep_ == "xcomp":
            out += _objects(child)
    return out


def _subject_before(verb: Token, token: Token) -> Token | None:
    """The subject of `verb` written before `token` and not containing it."""
    for child in children_of(verb):
        if (
            child.dep_ in ("nsubj", "nsubjpass")
            and child.right_edge.i < token.i
            and not child.left_edge.i <= token.i <= child.right_edge.i
        ):
            return child
    return None


def is_description(appos: Token) -> bool:
    """An appositive that describes the name before it ("the US-led alliance", "Armenia's
    main ally"), not the parser's reading of a list ("Saudi Arabia, Egypt", "president of
    France Emmanuel Macron", "France, its partners and Canada")."""
    return (
        appos.pos_ == "NOUN"
        and any(c.dep_ in ("det", "poss") for c in appos.children)
        and not any(c.dep_ == "conj" for c in appos.children)
    )


def member_of(appos: Token) -> bool:
    """An appositive that says what the name before it belongs to ("Kazakhstan and
    Tajikistan, fellow members of the CSTO", "Armenia, one of Russia's allies"): the body
    it names is not who acts."""
    noun = appos
    if appos.lower_ in ("one", "both", "all") and (
        of := next((c for c in appos.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    ):
        noun = next((c for c in of.children if c.dep_ == "pobj"), appos)
    return noun.lemma_.lower() == "member" or noun.lower_ in load_words().relational_nouns


def _relative(appos: Token) -> bool:
    """A relative clause the parse read as an apposition ("Poland and Lithuania, which
    border Belarus, called": Belarus with "which" and "border" hung on it)."""
    return any(c.lower_ in ("which", "who", "whose", "that") for c in appos.children)


def stance_of(token: Token) -> str | None:
    """'anti' or 'pro' where a modifier is written "anti-Russian" or "pro-American"."""
    doc = token.doc
    i = token.left_edge.i
    for j in (i - 1, i - 2, token.i - 2, token.i - 1):
        if 0 <= j < len(doc) and doc[j].lower_ in ("anti", "pro"):
            return str(doc[j].lower_)
    text = token.text.lower()
    if text.startswith("anti-"):
        return "anti"
    if text.startswith("pro-"):
        return "pro"
    # "Russian-brokered ceasefire", "US-made drones", "Russia-backed separatists": a third party
    k = token.right_edge.i
    if k + 2 < len(doc) and doc[k + 1].text in _HYPHENS and doc[k + 2].lower_ in _THIRD_PARTY:
        return "third"
    if "-" in text and text.rsplit("-", 1)[1] in _THIRD_PARTY:
        return "third"
    # "a Russian-brokered ceasefire" as the tokenizer splits it: the mediator hangs on the
    # participle (not "US-led" or "US-backed", which PLOVER codes as the US acting)
    if (
        text in MEDIATED
        and token.i >= 2
        and doc[token.i - 1].text in _HYPHENS
        and doc[token.i - 2].head.i == token.i
    ):
        return "third"
    return None


def _with_sector(entity: Entity, sector: str) -> Entity:
    if entity.sector == "IGO" or entity.sector == sector:
        return entity
    return Entity(entity.code, sector, entity.text, entity.qid)


def unique_codes(entities: list[Entity]) -> list[Entity]:
    """The first entity of each code, in order."""
    out: list[Entity] = []
    for entity in entities:
        if all(e.code != entity.code for e in out):
            out.append(entity)
    return out


def state_of_place(text: str) -> Entity | None:
    """The state a place name lies in, by the gazetteer ("Wyoming" -> USA)."""
    place = place_for(text)
    if place is None or not place.country_code:
        return None
    return Entity(place.country_code, None, text)


def _object_controller(verb: Token) -> Token | None:
    """Who is to do what an infinitive says when the verb above names them as its object:
    "called on Baku to withdraw", "urged Armenia to pull back" (`object_control`; not
    "promised Armenia to send": the one who promises does it)."""
    if verb.dep_ != "xcomp" or verb.head.lemma_.lower() not in load_words().object_control:
        return None
    above = verb.head
    for child in above.children:
        if child.i > verb.i:
            continue
        if child.dep_ == "dobj":
            return child
        if child.dep_ == "prep" and child.lower_ in ("on", "upon"):
            return next((p for p in child.children if p.dep_ == "pobj"), None)
    return None
