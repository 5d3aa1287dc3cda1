"""Roles from context, where the parse of the sentence names no participant.

The parse (`roles.py`) comes first; these fill what it left empty from the
document and the place: a summit's organisation, a protest's state, police
acting at home, the organisation a membership event is about, both sides of a
clash, the doer of a deed a reaction refers back to ("condemned the vetoes"). Each sets `Roles.how` to say where the participant came from.
"""

from __future__ import annotations

from typing import Any

from pactwatch.extract.clauses import own_subjects, subject_of
from pactwatch.extract.entities import MEDIATED, EntityResolver, member_of, stance_of
from pactwatch.extract.events import Candidate
from pactwatch.extract.factuality import Factuality
from pactwatch.extract.lexicon import load_lexicon
from pactwatch.extract.roles import Roles, judged_in, lone_place, sentence_states, timed_deed
from pactwatch.knowledge.words import load_words
from pactwatch.records import Entity, Event, Location


def context_actor(
    cand: Candidate, roles: Roles, resolver: EntityResolver, loc: Location | None
) -> None:
    """An actor from context where the sentence names none: a summit's organisation, a protest's state."""
    if (
        cand.event == "CONSULT"
        and (cand.kind == "summit" or "multilateral" in cand.mode)
        and not _held_by(cand.trigger)
        and (igo := resolver.last_igo(cand.trigger)) is not None
    ):
        roles.actor = [igo]
        roles.how = "the organisation the document named last"
        roles.syntactic = False
    elif (
        cand.event in ("PROTEST", "COERCE")
        and loc is not None
        and loc.country_code
        and (cand.event == "PROTEST" or _in_own_clause(cand.trigger, loc))
    ):
        name, qid = resolver.knowledge.entity_for(loc.country_code)
        sector = "CVL" if cand.event == "PROTEST" else "GOV"
        roles.actor = [Entity(loc.country_code, sector, loc.text, qid)]
        if cand.event == "PROTEST" and not roles.recipient:
            roles.recipient = [Entity(loc.country_code, "GOV", name or loc.text, qid)]
        roles.how = "the state where it happened"
        roles.syntactic = False
    elif (opener := _misparsed_opener(cand, resolver)) is not None:
        roles.actor = opener
        roles.how = "the known actor that opens the sentence (a name the parser misread)"
        roles.syntactic = False
    elif loc is not None and loc.country_code and _police(cand, resolver):
        # "Police used tear gas to disperse protesters in Tbilisi": police act at home
        _, qid = resolver.knowledge.entity_for(loc.country_code)
        roles.actor = [Entity(loc.country_code, "COP", loc.text, qid)]
        roles.how = "police of the state where it happened"
        roles.syntactic = False


def _in_own_clause(trigger: Any, loc: Location) -> bool:
    """Whether the place is named in the deed's own clause ("detained in Bishkek"), not in
    another ("some of whom were detained by police, say the plant would make Kazakhstan
    dependent on Moscow": no Russian arrest)."""
    clause = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
    words = " ".join(t.text for t in clause.subtree)
    return bool(loc.text) and loc.text in words


# what the small parser makes of an all-caps name that opens a sentence ("ECOWAS imposed
# sanctions": a verb; "USAID announced": an adverb), where a subject would be nsubj
_MISREAD = frozenset({"ROOT", "advmod", "npadvmod", "amod", "dep", "intj"})


def _misparsed_opener(cand: Candidate, resolver: EntityResolver) -> list[Entity] | None:
    """A known actor that opens the sentence, before the event's words, that the parse
    attached as no subject: the small model reads "ECOWAS imposed sanctions" with ECOWAS
    (in capitals) for a verb, and "The United States on Monday extended sanctions" as one
    noun phrase headed by "States"; the sanctions lose their actor. Not in the passive,
    whose subject is done to ("OSCE observers were expelled")."""
    sent = cand.trigger.sent
    first = sent[0]
    if _named_root(sent, resolver):
        # "The United States on Monday extended sanctions": a date after the name makes
        # the small parser read the whole sentence as one noun phrase headed by the name
        first = sent.root
    elif not (first.text.isupper() and len(first.text) >= 2) or first.dep_ not in _MISREAD:
        return None
    if first.i >= cand.trigger.i or any(t.dep_ in ("nsubjpass", "auxpass") for t in sent):
        return None
    span = resolver.span_at(first)
    if span is None:
        return None
    entity = resolver.resolve_span(span)
    if entity is None and span.label_ == "ORG" and not resolver.knowledge.is_outlet(span.text):
        entity = Entity("NSA", None, span.text)  # an organisation the knowledge lacks ("USAID")
    return [entity] if entity is not None else None


def _named_root(sent: Any, resolver: EntityResolver) -> bool:
    """The parse found no verb to head the sentence and took the name that opens it for
    its head ("The United States on Monday extended sanctions on Iran": States is the
    root, "extended" a modifier)."""
    root = sent.root
    if root.pos_ != "PROPN" or any(t.dep_ == "ROOT" and t.pos_ in ("VERB", "AUX") for t in sent):
        return False
    span = resolver.span_at(root)
    opens = {sent.start, sent.start + (1 if sent[0].lower_ == "the" else 0)}
    return span is not None and span.start in opens and span.end == root.i + 1


def _held_by(noun: Any) -> bool:
    """Whether a meeting noun names who holds it, someone the knowledge files do not
    know ("the first session of the newly elected parliament", "the party's congress"):
    then it is theirs, not the organisation the document named last. (A meeting it is
    part of is no holder: "the first session of the summit".)"""
    nouns = load_lexicon().nouns
    holders = [c for c in noun.children if c.dep_ == "poss"] + [
        p
        for c in noun.children
        if c.dep_ == "prep" and c.lower_ == "of"
        for p in c.children
        if p.dep_ == "pobj"
    ]
    return any(
        h.pos_ in ("NOUN", "PROPN")
        and not any(s.event == "CONSULT" for s in nouns.get(h.lemma_.lower(), ()))
        for h in holders
    )


def membership_recipient(
    cand: Candidate, roles: Roles, resolver: EntityResolver, kind: str | None = None
) -> None:
    """Joining, applying to or leaving is joining an organisation: the one the phrase names
    ("became a member of NATO", "froze its participation in the CSTO"), else the one the
    document named last ("Sweden applied"). `kind` is the record's, from the trigger or
    from the words around it."""
    if (kind or cand.kind) != "membership" or any(
        e.sector == "IGO" for e in roles.recipient + roles.actor
    ):
        return
    named = [
        e
        for t in cand.trigger.subtree
        if (span := resolver.span_at(t)) is not None and t.i == span.start
        for e in [resolver.resolve_span(span)]
        if e is not None and e.sector == "IGO"
    ]
    if named:
        roles.recipient.append(named[0])
    elif (igo := resolver.last_igo(cand.trigger)) is not None:
        roles.recipient.append(igo)
        roles.how += "; the organisation the document named last"


def _police(cand: Candidate, resolver: EntityResolver) -> bool:
    verb = cand.head if cand.head.pos_ in ("VERB", "AUX") else cand.head.head
    subj, passive = subject_of(verb)
    return subj is not None and not passive and resolver.sector_of(subj) == "COP"


def fallback_roles(
    cand: Candidate, roles: Roles, resolver: EntityResolver, sent: Any, fact: Factuality
) -> None:
    """Context for what the parse left empty: both sides of a clash, the place's state of a protest."""
    if roles.actor:
        return
    symmetric = cand.sense.symmetric or cand.kind in ("armed_clash", "military_exercise")
    if symmetric and cand.sense.pos == "NOUN":
        exclude = set(fact.speaker_tokens)
        # "a Russian-brokered ceasefire": the mediator is no side of it ("Vietnamese-led
        # forces" fighting are a side)
        exclude |= {
            t.i
            for token in sent
            if token.lower_.rsplit("-", 1)[-1] in MEDIATED and stance_of(token) == "third"
            for t in token.subtree
        }
        exclude |= _timed_doer(cand)
        if cand.event == "ASSAULT":
            exclude |= _third_parties(cand.trigger)
        # "the drills went ahead despite objections from Moscow": who objects is no side
        exclude |= {t.i for token in sent if token.lower_ == "despite" for t in token.subtree}
        # nor the body its sides belong to ("Kazakhstan and Tajikistan, fellow members of
        # the CSTO, sent observers to the drills")
        exclude |= {
            t.i
            for token in sent
            if token.dep_ == "appos" and member_of(token)
            for t in token.subtree
        }
        placed = {t.i for noun in sent for t in lone_place(noun, resolver)} - exclude
        exclude |= placed
        # a directed deed ("an attack", "the shelling") is fought by the states of its own
        # clause, not by those of the deeds its clause hangs under ("the CSTO deployed
        # troops, most of them Russian, after Tokayev said the country faced an attack")
        directed = not cand.sense.symmetric and cand.kind == "armed_clash"
        if directed:
            exclude |= _outside_own_clause(cand.trigger, sent)
        # nor by those of a clause that only frames its own ("the clashes began as leaders
        # gathered in the Uzbek city of Samarkand for a summit of the SCO")
        framing = _framing_clauses(cand.trigger) - exclude
        exclude |= framing
        found = sentence_states(sent, resolver, exclude)
        found = [e for e in found if all(e.code != r.code for r in roles.recipient)]
        # many states in one sentence are a list, not the sides of one clash (a place's
        # state counts towards the list)
        limit = 8 if cand.kind == "military_exercise" else 3
        listed = len(sentence_states(sent, resolver, exclude - placed)) if placed else len(found)
        if (2 <= len(found) <= limit and listed <= limit) or (
            found and cand.kind == "military_exercise"
        ):
            roles.actor = found
            roles.how = "every side named in the sentence (two-sided event)"
            roles.syntactic = False
            return
        # a state the frame or a place names must be one of the pair too ("fighting
        # erupted when Georgian forces launched an assault" is no French-Russian fight;
        # "clashes with smugglers on the Afghan border" none between the last two named)
        aside = framing | placed
        named = sentence_states(sent, resolver, exclude - aside) if aside else found
        # fighting is fought by the last two states that fought (or made a truce or pulled
        # back between them), never by the last pair that talked or the last two named
        # ("Erdogan met Aliyev in Baku. Heavy fighting was reported" is no Turkish-Azerbaijani
        # fight); a ceasefire is between the document's last pair
        memory = resolver.memory
        if cand.event == "ASSAULT":
            pair = list(memory.fought)
        else:
            pair = list(memory.pair) if directed else memory.last_pair()
        # the sentence's one named side must be one of them ("Georgian forces" is no
        # side of a French-Russian pair)
        if (
            len(pair) == 2
            # fighting, or a ceasefire between those who fought
            and (cand.event == "ASSAULT" or "ceasefire" in cand.mode)
            and all(any(p.code == e.code for p in pair) for e in named)
        ):
            roles.actor = pair
            roles.how = "the two sides the document named last"
            roles.syntactic = False


def _clause_verb(trigger: Any) -> Any | None:
    """The verb nearest above `trigger`: the head of its clause."""
    return next((a for a in trigger.ancestors if a.pos_ in ("VERB", "AUX")), None)


def _outside_own_clause(trigger: Any, sent: Any) -> set[int]:
    """The sentence's tokens outside the clause of the verb nearest above `trigger`."""
    clause = _clause_verb(trigger)
    own = {t.i for t in (clause.subtree if clause is not None else sent)}
    return {t.i for t in sent if t.i not in own}


# clauses that hang on a deed's clause to frame it: when, why, who else
_FRAMING = frozenset({"advcl", "relcl", "ccomp", "csubj", "parataxis"})
_FRAME_MARKS = frozenset({"mark", "aux"})  # "as", "if", "while"; "to" of a purpose


def _framing_clauses(trigger: Any) -> set[int]:
    """The tokens of the clauses that hang on the clause of `trigger` without holding it,
    each opened by a word that says how it frames it ("as", "when", "if", "which", "to");
    an unmarked one may be the small parser's misreading of the main clause."""
    clause = _clause_verb(trigger)
    if clause is None:
        return set()
    return {
        t.i
        for c in clause.children
        if c.dep_ in _FRAMING
        and not any(t.i == trigger.i for t in c.subtree)
        and any(m.dep_ in _FRAME_MARKS or m.tag_ in ("WDT", "WRB", "WP") for m in c.children)
        for t in c.subtree
    }


def _timed_doer(cand: Candidate) -> set[int]:
    """ "Tokayev expressed condolences to Russia after the attack": a deed named only to
    time another ("after", "before", "during", "following") is not fought by whoever did
    that other deed: the tokens of its subject. Nor, when it only times conduct someone is
    judged for, by the judge or the judged ("Moscow praised Kazakhstan for its restraint
    during the clashes" is no Russian-Kazakh clash): the tokens of the judging verb's
    subject and object."""
    verb = timed_deed(cand.trigger)
    subj = subject_of(verb)[0] if verb is not None else None
    out = set() if subj is None else {t.i for t in subj.subtree}
    judge = judged_in(cand.trigger)
    if judge is not None:
        parties = [c for c in judge.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")]
        out |= {t.i for p in parties for t in p.subtree}
    return out


def _third_parties(trigger: Any) -> set[int]:
    """Whoever only speaks of, watches or is touched by a fight is no side of it: "Russia
    and Belarus called for an end to the fighting", "Kazakhstan and Uzbekistan offered to
    mediate in the clashes", "Kazakhstan expressed concern about the clashes", "Lavrov
    raised the fighting with his Armenian counterpart", "Russia and Kazakhstan followed the
    clashes with alarm", "the fighting worried Russia and Kazakhstan" (every state named was
    taken for a side: a hostilities finding between allies). The verb nearest above the
    noun decides. A verb of a deed, or one of a fight's going on, ending, beginning or
    casualties (words.yaml), leaves its parties as they are: "ended the fighting", "took
    part in the clashes", "the clashes killed five Kyrgyz soldiers". Otherwise the subject
    (or the subject of the verb controlling it) is no side when the fight is its object or
    what its talk is about, or the verb asks, accuses, praises or talks (`_ABOUT_A_FIGHT`,
    `topic_verbs`); and the objects are none when the fight, or a phrase that holds it, is
    the verb's subject ("the fighting worried Russia", "news of the clashes reached
    Moscow")."""
    verb = next((a for a in trigger.ancestors if a.pos_ in ("VERB", "AUX")), None)
    if verb is None:
        return set()
    words = load_words()
    lemma = verb.lemma_.lower()
    senses = {s.event for s in load_lexicon().verbs.get(lemma, ())}
    fight_verbs = (
        words.going_on_verbs | words.ending_verbs | words.beginning_verbs | words.casualty_verbs
    )
    if senses & _DEEDS or lemma in fight_verbs:
        return set()
    # the verb's own dependent on the way up from the noun: its object, its subject, ...
    below = next(t for t in [trigger, *trigger.ancestors] if t.head.i == verb.i)
    # the fight is the subject, or what the subject is "of" ("news of the clashes")
    told = below.i == trigger.i or (trigger.head.lower_ == "of" and trigger.head.head.i == below.i)
    if below.dep_ in ("nsubj", "nsubjpass") and told:
        objects = [c for c in verb.children if c.dep_ in ("dobj", "dative")]
        return {t.i for o in objects for t in o.subtree}
    about = trigger.dep_ == "pobj" and trigger.head.lower_ in _TOPIC_PREPS
    talk = lemma in words.topic_verbs or bool(senses & _ABOUT_A_FIGHT)
    if not (about or talk or below.dep_ == "dobj"):
        return set()
    # "offered to mediate": the subject of the verb that controls a verb with none
    node = verb
    while not own_subjects(node):
        if node.dep_ not in ("xcomp", "advcl", "conj") or node.head.i == node.i:
            return set()
        node = node.head
    tokens = {t.i for subj in own_subjects(node) for t in subj.subtree}
    return set() if trigger.i in tokens else tokens


_REACTIONS = frozenset({"ACCUSE", "SUPPORT", "REJECT", "REQUEST"})
# reactions are no deeds to react to, except a refusal ("condemned the vetoes")
_NOT_DEEDS = _REACTIONS - {"REJECT"}
# the events of a verb that speaks of a fight, asks for its end or brokers it, without
# fighting (`_third_parties`: "called for an end to the fighting", "offered to mediate in
# the clashes"): reactions that are no deeds, and talks; unless the verb also names a deed
# ("end", "stop", "halt": those who stop fought)
_ABOUT_A_FIGHT = _NOT_DEEDS | {"CONSULT"}
_DEEDS = frozenset({"ASSAULT", "COERCE", "RETREAT", "MOBILIZE", "SANCTION", "CONCEDE"})
# prepositions that make a fight what is talked or felt about ("concern about the clashes")
_TOPIC_PREPS = frozenset({"about", "over", "on", "regarding", "concerning"})


def deed_actor(cand: Candidate, roles: Roles, earlier: list[Event]) -> None:
    """ "The EU adopted a package of sanctions. The measures ban the reloading of LNG": what a
    deed told before does, as the subject of a verb, its doer does."""
    if roles.actor:
        return
    subj, passive = subject_of(cand.head)
    deed_nouns = load_words().deed_nouns
    if (
        subj is None
        or passive
        or subj.lemma_.lower() not in deed_nouns
        or not any(d.lower_ in ("the", "this", "these") for d in subj.children)
    ):
        return
    deed, doers = _deed_told_before(deed_nouns[subj.lemma_.lower()], earlier, set())
    if deed is not None:
        roles.actor = doers
        roles.how = f"'{subj.text}' are {'/'.join(e.code for e in doers)}'s, told before"
        roles.syntactic = False
        roles.deed = deed


def _deed_told_before(
    types: frozenset[str], earlier: list[Event], ours: set[str]
) -> tuple[Event | None, list[Entity]]:
    """The last deed the document told of the `types` a deed noun stands for (any deed
    when empty), and who did it, leaving out `ours`: what "the move", "the measures"
    refer to."""
    for event in reversed(earlier[-12:]):
        doers = [e for e in event.actor if e.code not in ours]
        if doers and (not types or event.event in types) and event.event not in _NOT_DEEDS:
            return event, doers
    return None, []


def deed_recipient(cand: Candidate, roles: Roles, earlier: list[Event]) -> None:
    """ "Berlin welcomed the move", "Qatar called the measures unjustified": a reaction to a
    deed the document told is addressed to whoever did it."""
    if cand.event not in _REACTIONS or roles.recipient or not roles.actor:
        return
    verb = cand.head
    # nouns that refer back to a deed the document told ("condemned the move")
    deed_nouns = load_words().deed_nouns
    deed = next(
        (c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in deed_nouns), None
    )
    if deed is None or not any(d.lower_ in ("the", "this", "that", "these") for d in deed.children):
        return
    _told, doers = _deed_told_before(
        deed_nouns[deed.lemma_.lower()], earlier, {e.code for e in roles.actor}
    )
    if doers:
        roles.recipient = doers
        roles.how += f"; '{deed.text}' is {'/'.join(e.code for e in doers)}'s, told before"


# what answers a request for help, and how far back the request may be told
_ANSWERS = frozenset({"AID", "MOBILIZE"})
_REQUEST_SENTENCES = 1


def answered_request(records: list[Event], earlier: list[Event], sentence: int) -> None:
    """ "Troops ... were flown in after Tokayev asked the alliance for help": help sent
    with no recipient named, told beside a request for help (in its sentence or the one
    before), went to whoever asked."""
    requests = [
        e
        for e in [*earlier[-12:], *records]  # the sentence before tells a handful at most
        if e.event == "REQUEST"
        and e.kind == "assistance_request"
        and sentence - e.text_info.sentence <= _REQUEST_SENTENCES
    ]
    if not requests:
        return
    asker = requests[-1].actor
    for record in records:
        if record.event in _ANSWERS and not record.recipient and record.actor:
            if any(a.code == b.code for a in asker for b in record.actor):
                continue  # a state does not answer its own request
            record.recipient = [Entity(a.code, a.sector, a.text, a.qid) for a in asker]
            record.reasons["recipient"] = (
                f"help sent beside {'/'.join(a.code for a in asker)}'s request for it"
            )


# what people outside the state do as a group, where no state can be named for them
_GROUP_ACTS = frozenset(
    {"PROTEST", "REQUEST", "REJECT", "CONCEDE", "ACCUSE", "RETREAT", "THREATEN", "AGREE"}
)


def group_actor(cand: Candidate, roles: Roles, resolver: EntityResolver) -> None:
    """An unnamed group of people who protest, demand, refuse, give in, withdraw, threaten
    or agree ("union workers will not end the strike", "thousands of students rallied",
    "twenty rebels surrendered"), where neither the parse nor the place names a state: NSA
    with the sector its noun names, in its own words."""
    if roles.actor or cand.event not in _GROUP_ACTS:
        return
    verb = cand.head
    for _ in range(3):  # "went on strike": the verb the noun hangs on
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    subj, passive = subject_of(verb)
    if subj is None or passive:
        return
    found = resolver.group(subj)
    if found:
        roles.actor = found
        roles.how = "the group of people that acted, in its own words"
        roles.syntactic = False
