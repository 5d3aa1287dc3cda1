"""Roles stage: actor and recipient of a trigger, from the dependency parse.

Subjects act and objects receive; the passive swaps them ("were sanctioned by
the EU"); coordination keeps every conjunct ("Tokayev, Pashinyan and Japarov
ask"); prepositions say the rest ("attack on", "talks with", "aid to",
"clashes between X and Y"). Two-sided violence and meetings put every side
among the actors.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from pactwatch.extract.clauses import agent_of, nominal_gerund, own_subjects, subject_of
from pactwatch.extract.entities import GROUP_WORDS, EntityResolver, stance_of, state_of_place
from pactwatch.extract.events import Candidate
from pactwatch.extract.lexicon import load_lexicon
from pactwatch.extract.nlp import RULER_LABEL
from pactwatch.knowledge.words import load_words
from pactwatch.records import NON_STATE, Entity, Event

Token = Any

# where a verb's recipient is, by default, when the lexicon does not say
_DEFAULT_RECIPIENT_PREPS: dict[str, frozenset[str]] = {
    "ASSAULT": frozenset({"on", "against", "at", "into"}),
    "AID": frozenset({"to", "for", "into", "in"}),
    "SANCTION": frozenset({"on", "against", "from"}),
    "ACCUSE": frozenset({"against", "into"}),
    "THREATEN": frozenset({"against", "to"}),
    "REQUEST": frozenset({"to", "from"}),
    "REJECT": frozenset({"from", "by"}),
    "CONSULT": frozenset({"to", "in"}),
    "SUPPORT": frozenset({"for", "to"}),
    "COOPERATE": frozenset({"to", "in", "on"}),
    "COERCE": frozenset({"against", "on", "into", "in"}),
    "RETREAT": frozenset({"from"}),
    "PROTEST": frozenset({"against", "outside"}),
    "MOBILIZE": frozenset({"near", "along", "on", "to"}),
    "AGREE": frozenset({"with", "to"}),
    "CONCEDE": frozenset({"to"}),
}
_DEFAULT_ACTOR_PREPS = frozenset({"with", "alongside"})
# prepositions that place a two-sided deed
_WHERE = frozenset({"on", "at", "along", "near", "across", "in", "inside"})
# a noun's "from X" names where it came from, its doer, for these
# (not ASSAULT: "attacks by Islamists from Afghanistan" are no deed of Afghanistan)
_FROM_IS_ACTOR = frozenset({"PROTEST", "ACCUSE", "REQUEST", "THREATEN", "SUPPORT", "AID"})
# a noun's "of X" names its agent for these (the withdrawal of Russian troops)…
_OF_IS_ACTOR = frozenset({"RETREAT", "MOBILIZE", "AID", "PROTEST", "CONSULT", "COOPERATE", "REQUEST", "ACCUSE", "THREATEN", "REJECT", "AGREE", "SUPPORT", "CONCEDE"})  # fmt: skip
# …and its victim for these (the occupation of Crimea)
_SYMMETRIC_EVENTS = frozenset({"CONSULT", "COOPERATE", "ASSAULT", "AGREE"})
# objects that are the thing moved, not the recipient ("supplied weapons")
_THING_EVENTS = frozenset({"AID", "SANCTION", "MOBILIZE", "RETREAT", "REQUEST", "AGREE", "REJECT", "THREATEN", "COOPERATE"})  # fmt: skip


@dataclass
class Roles:
    actor: list[Entity] = field(default_factory=list)
    recipient: list[Entity] = field(default_factory=list)
    how: str = ""  # reason text
    syntactic: bool = True  # False when filled from context rather than the parse
    endangers: bool = False  # "its integration threatened them": a danger, not a threat made
    # the deed told before that the subject names ("The measures ban ..."): its doer acts
    deed: Event | None = None
    # codes named "against": the side a two-sided deed is aimed at, never made its doer
    # when no one else is ("planning a war against Armenia" is no war Armenia plans)
    aimed: set[str] = field(default_factory=set)


# events whose object is a thing sent or moved, not the one it goes to
_SENT_THINGS = frozenset({"AID", "MOBILIZE"})

# events whose passive subject was sent or moved by its owner ("Russian troops were
# deployed", "were withdrawn"), unlike one done to ("Russian diplomats were expelled")
_SENT = frozenset({"AID", "MOBILIZE", "RETREAT"})

# verbs that with a thing for subject mean "endanger", not "threaten"
_ENDANGER = frozenset({"threaten", "warn"})


def _inanimate(subj: Token, resolver: EntityResolver) -> bool:
    """ "Its integration into NATO threatened all participants": a thing that endangers
    others threatens nobody; the actors its modifiers name are not the ones acting."""
    return (
        subj.pos_ == "NOUN"
        and resolver.span_at(subj) is None
        and not resolver.sector_of(subj)
        and subj.lower_ not in GROUP_WORDS
    )


# "except for Belarus and Armenia": named to be left out
_EXCEPT = frozenset({"except", "excluding", "besides", "unlike"})


def _after_be_to(verb: Token) -> bool:
    """Whether a verb is the infinitive of "be to" ("were to blame")."""
    return (
        verb.dep_ == "xcomp"
        and verb.head.lemma_ == "be"
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    )


def _prep_objects(token: Token, preps: frozenset[str]) -> list[Token]:
    out: list[Token] = []
    for child in token.children:
        if child.dep_ in ("prep", "dative") and child.lower_ in preps:
            out.extend(p for p in child.children if p.dep_ == "pobj")
    return out


# prepositions on a thing that say whom it is aimed at ("the ban on", "sanctions against")
_AIMED_AT = frozenset({"on", "against"})

# prepositions that tell another deed's time ("said after talks with Putin")
_TIME_OF_DEED = frozenset({"after", "before", "during", "following"})


def find_roles(cand: Candidate, resolver: EntityResolver, sent: Any) -> Roles:
    sense = cand.sense
    event = cand.event
    trig = cand.trigger
    head = cand.head
    roles = Roles()
    recipient_preps = sense.recipient_preps or _DEFAULT_RECIPIENT_PREPS.get(event, frozenset())
    actor_preps = sense.actor_preps or (
        _DEFAULT_ACTOR_PREPS if event in _SYMMETRIC_EVENTS else frozenset()
    )

    # the subject of the verb that carries the event
    verb = head if head.pos_ in ("VERB", "AUX") else None
    if verb is not None:
        subj, passive = subject_of(verb)
        # "Tajik forces were to blame": the subject of "be to" is blamed, as in a passive
        passive = passive or (sense.be_to and _after_be_to(verb))
        agent = agent_of(verb)
        if passive:
            if agent is not None:
                roles.actor += resolver.phrase(agent)
            released = "release" in cand.mode  # "Three Russians were released": people
            if subj is not None and (
                released or not (event in _THING_EVENTS and trig.pos_ == "VERB")
            ):
                roles.recipient += resolver.phrase(subj)
            elif subj is not None and agent is None and event in _SENT and resolver.sector_of(subj):
                # "troops from Russia were flown in", "Russian troops were deployed":
                # whose forces were sent is who sent them
                roles.actor += resolver.phrase(subj)
            elif subj is not None and subj.i != trig.i and trig.pos_ == "NOUN" and subj.i == trig.i:
                pass
        elif subj is not None and subj.i != trig.i:
            if _inanimate(subj, resolver) and cand.sense.lemma in _ENDANGER:
                roles.endangers = True
            else:
                roles.actor += resolver.phrase(subj)
                if cand.sense.symmetric:
                    roles.actor += _listed_before(subj, resolver)
        elif subj is None and trig.pos_ == "VERB" and agent is None:
            # the small parser loses subjects ("the Kazakh government ... regularly
            # supplied", parsed as an adjective): take the nearest actor before the verb
            np = _nearest_actor_phrase(trig, resolver)
            if np is not None:
                roles.actor += resolver.phrase(np)
                roles.syntactic = False
        # "discussed the situation in Afghanistan": what is talked about is no party
        topic = verb.lemma_.lower() in load_words().topic_verbs
        # "have begun leaving Afghanistan": a verb trigger under a light or control verb has
        # objects of its own
        inner = list(trig.children) if trig.pos_ == "VERB" and trig.i != verb.i else []
        for child in [*verb.children, *inner]:
            if (
                child.dep_ in ("dobj", "dative")
                and child.i != trig.i
                and not _is_trigger_word(child, cand)
                and not (child.dep_ == "dobj" and topic)
            ):
                ents = resolver.phrase(child)
                if (
                    ents
                    and event in _SENT_THINGS
                    and child.dep_ == "dobj"
                    and child.pos_ == "NOUN"
                    # "supplied the Russian army with trucks": the object is supplied
                    and not any(c.dep_ == "prep" and c.lower_ == "with" for c in verb.children)
                ):
                    # what is sent is no recipient: "deployed Russian and Belarusian troops"
                    # are sent by their states too; "Russian-made weapons" come from Russia
                    arms = load_lexicon().kind_cues.get("arms_transfer", frozenset())
                    if not resolver.sector_of(child) or child.lemma_.lower() in arms:
                        pass
                    elif verb.lemma_.lower() in load_words().beneficiary_verbs:
                        roles.recipient += ents  # "supplied the Russian military": it receives
                    else:
                        roles.actor += _owners(child, resolver)
                elif ents:
                    roles.recipient += ents
        # "stayed away from the summit", "pulled out of the talks": the preposition may hang
        # on the verb's particle or adverb
        particles = [c for c in verb.children if c.dep_ in ("prt", "advmod") and c.i > verb.i]
        # "imposed visa restrictions on Nicaraguan officials": the preposition may hang on
        # the measure the sense needs, the verb's object
        measures = [
            c
            for c in verb.children
            if c.dep_ == "dobj" and sense.needs and c.lemma_.lower() in sense.needs
        ]
        # "stopped financing the CSTO", "stopped paying its dues to the CSTO": the deed the
        # verb needs, told as its complement, is done to whom that complement names
        for comp in verb.children:
            if comp.dep_ != "xcomp" or not sense.needs:
                continue
            objects = [c for c in comp.children if c.dep_ == "dobj"]
            if comp.lower_ in sense.needs:
                measures.append(comp)
                roles.recipient += [e for c in objects for e in resolver.phrase(c)]
            elif any(c.lemma_.lower() in sense.needs or c.lower_ in sense.needs for c in objects):
                measures.append(comp)
        for pobj in [
            *_prep_objects(verb, recipient_preps),
            *(p for c in particles + measures for p in _prep_objects(c, recipient_preps)),
            *_given_to(verb, cand, resolver, recipient_preps),
        ]:
            if pobj.i == trig.i:
                continue
            if (
                pobj.head.lower_ == "in"
                and (
                    any(not _same(e, roles.actor) for e in roles.recipient)
                    # "officials met in Baku": a host is no party without a known guest
                    or (event == "CONSULT" and not roles.actor)
                )
                and _is_city(pobj, resolver)
            ):
                continue  # "detained several Russian citizens in Baku": where, not whom
            found = resolver.phrase(pobj)
            roles.recipient += found
            if pobj.head.lower_ == "against":
                roles.aimed |= {e.code for e in found}
        for pobj in _prep_objects(verb, actor_preps):
            roles.actor += resolver.phrase(pobj)
    # a gerund used as a noun has a noun's roles ("Fighting between Armenia and Azerbaijan")
    if trig.pos_ in ("NOUN", "PROPN") or trig is not head or nominal_gerund(trig):
        _noun_roles(cand, resolver, roles, recipient_preps, actor_preps)
    # the one asked, urged or warned, or helped: the subject of the clause it governs
    if verb is not None and (
        event in ("REQUEST", "THREATEN") or (event == "AID" and sense.control)
    ):
        own = {e.code for e in roles.actor}
        for child in verb.children:
            if child.dep_ == "ccomp":
                for sub in child.children:
                    if sub.dep_ in ("nsubj", "nsubjpass"):
                        # not the one warning ("Washington warned Central Asian states
                        # that their banks could face sanctions": "their" is no Washington)
                        roles.recipient += [e for e in resolver.phrase(sub) if e.code not in own]
    # what a condemning statement is about: the actors its clause names
    if event == "ACCUSE":
        for absorbed in cand.absorbed:
            if absorbed.dep_ == "ccomp":
                # "Baku declares that its units only answered": the speaker's own side
                # is what it defends, not whom it accuses
                own = {a.code for a in roles.actor}
                roles.recipient += [
                    e for e in _clause_actors(absorbed, resolver) if e.code not in own
                ]
    # "the Sejm passed a resolution condemning the verdict": the resolution's author acts
    if (
        not roles.actor
        and verb is not None
        and verb.dep_ == "acl"
        and verb.head.head.pos_ in ("VERB", "AUX")
        # not a clause with a subject of its own: "an accusation that she was detained"
        # tells what is claimed, and whoever made the claim did not detain her
        and not any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in verb.children)
    ):
        outer, _passive = subject_of(verb.head.head)
        if outer is not None:
            roles.actor += resolver.phrase(outer)
    # xcomp objects of a control verb ("threatened to leave the CSTO")
    for absorbed in cand.absorbed:
        for child in absorbed.children:
            if child.dep_ in ("dobj", "pobj") or (
                child.dep_ == "prep" and child.lower_ in ("to", "from", "with", "on", "against")
            ):
                target = (
                    child
                    if child.dep_ != "prep"
                    else next((c for c in child.children if c.dep_ == "pobj"), None)
                )
                if target is None:
                    continue
                found = resolver.phrase(target)
                if not found and target.pos_ == "NOUN":
                    # "refused to lift the ban on Cypriot ships", "stood ready to respond
                    # with sanctions against Minsk": whom the thing acted with is aimed at
                    found = [
                        e for p in _prep_objects(target, _AIMED_AT) for e in resolver.phrase(p)
                    ]
                roles.recipient += found
    if cand.sense.received:
        _received(cand.trigger, resolver, roles)
    elif not (event in _SYMMETRIC_EVENTS and cand.sense.symmetric):
        _unnamed_recipients(cand, verb, resolver, recipient_preps, roles)
    roles.actor = _unique(roles.actor)
    roles.recipient = [e for e in _unique(roles.recipient) if not _same(e, roles.actor)]
    if event in _SYMMETRIC_EVENTS and cand.sense.symmetric:
        sides = (
            [e for e in roles.recipient if e.code not in roles.aimed]
            if not roles.actor
            else roles.recipient
        )
        unnamed = not roles.actor
        roles.actor = (
            _unique(roles.actor + sides) if not roles.actor or event != "CONSULT" else roles.actor
        )
        if event != "CONSULT" or unnamed:
            # "Lukashenko's son met Putin": with no one else named, Putin is a side of the
            # meeting, not also the one met
            roles.recipient = [e for e in roles.recipient if not _same(e, roles.actor)]
    roles.how = "subject and objects of the trigger in the parse"
    return roles


# events whose object is a thing sent, given or withheld, and the prepositions on that
# thing that name whom it concerns: whom it goes to ("suspended arms deliveries to
# Armenia", "granted asylum to"), or whose proposal or charge was turned down ("rejected
# accusations by the US", "a request from Kyiv")
_GIVEN: dict[str, frozenset[str]] = {
    "AID": frozenset({"to", "for"}),
    "SANCTION": frozenset({"to", "for"}),
    "RETREAT": frozenset({"to", "for"}),
    "REJECT": frozenset({"by", "from"}),
}


# prepositions that, hung on the thing a verb acts with, name whom the deed is aimed at:
# "cut diplomatic ties with Qatar", "imposed a curfew on Basra", "closed its borders to
# Qatar", "launched legal action against the Polish government", "an investigation into
# the firm", "established diplomatic relations with Bhutan", "issued an ultimatum to".
# Only on the object, and "with" only on a bond (`bond_nouns`): elsewhere it names a
# partner ("imposed sanctions with the EU")
_ON_THING: dict[str, frozenset[str]] = {
    "SANCTION": frozenset({"on", "against"}),
    "COERCE": frozenset({"on", "against", "to"}),
    "ACCUSE": frozenset({"against", "into"}),
    "SUPPORT": frozenset({"to", "for"}),
    "THREATEN": frozenset({"to", "against", "on"}),
}
_WITH_BOND = frozenset({"SANCTION", "SUPPORT"})


def _given_to(
    verb: Token, cand: Candidate, resolver: EntityResolver, read: frozenset[str]
) -> list[Token]:
    """Whom the thing a verb moves or turns down concerns: "Russia suspended arms
    deliveries to Armenia", "granted political asylum to Julian Assange", "rejected
    accusations by Armenia". The thing itself names no actor; the preposition hangs on it
    or on the verb (those of the verb's own recipient prepositions, `read`, are read
    already)."""
    preps = _GIVEN.get(cand.event, frozenset())
    if cand.sense.charges:
        # "imposed sanctions on Russia for its invasion of Ukraine": what the punished are
        # punished for is the charge (clauses._accused), not whom the measures go to
        preps -= {"for"}
    on_thing = preps | _ON_THING.get(cand.event, frozenset())
    if not on_thing:
        return []
    things = [
        c
        for c in verb.children
        if c.dep_ == "dobj" and c.i != cand.trigger.i and resolver.span_at(c) is None
    ]
    if not things:
        return []
    bonds = load_words().bond_nouns if cand.event in _WITH_BOND else frozenset()
    # "established diplomatic ties on Saturday with Bhutan": the parse may hang the bond's
    # "with" on the verb
    bonded = [c for c in things if c.lemma_.lower() in bonds or c.lower_ in bonds]
    with_ = frozenset({"with"})
    return [
        *_prep_objects(verb, preps - read),
        *(p for c in things for p in _prep_objects(c, on_thing)),
        *(p for c in bonded for p in _prep_objects(c, with_)),
        *(_prep_objects(verb, with_ - read) if bonded else []),
    ]


def _listed_before(subj: Token, resolver: EntityResolver) -> list[Entity]:
    """A headline's list with a comma for "and" ("Kyrgyz, Tajik troops clash again"): the
    parse leaves the first name outside the subject; a state named just before it, with
    only a comma between, is one more side of a two-sided deed."""
    doc = subj.doc
    start = subj.left_edge.i
    if start < 2 or doc[start - 1].text != "," or start - 2 < subj.sent.start:
        return []
    before = doc[start - 2]
    if before.i != subj.sent.start or before.dep_ in ("nsubj", "nsubjpass"):
        return []  # only a list that opens the line
    if before.text.isupper():
        return []  # a dateline ("BISHKEK, Tajik troops ...") is where, not who
    return [e for e in resolver.phrase(before, depth=1) if e.is_state]


def _received(verb: Token, resolver: EntityResolver, roles: Roles) -> None:
    """The roles of what was received ("Belarus has begun receiving Russian tactical nuclear
    weapons", "Armenia received artillery from India"): the subject got it; whoever it
    came from, by the "from" phrase or the state the object belongs to, gave it."""
    givers = [e for p in _prep_objects(verb, frozenset({"from"})) for e in resolver.phrase(p)]
    if not givers:
        # "came under fire from Azerbaijani positions": "from" may hang on the noun
        held = [p for c in verb.children if c.dep_ == "prep" for p in c.children]
        givers = [
            e
            for h in held
            if h.dep_ == "pobj"
            for p in _prep_objects(h, frozenset({"from"}))
            for e in resolver.phrase(p)
        ]
    if not givers:
        givers = [
            e for c in verb.children if c.dep_ == "dobj" for e in resolver.phrase(c) if e.is_state
        ]
    roles.recipient = roles.actor
    roles.actor = givers


def _unnamed_recipients(
    cand: Candidate,
    verb: Token | None,
    resolver: EntityResolver,
    preps: frozenset[str],
    roles: Roles,
) -> None:
    """Recipients the event is done to without a name, when the parse found no named
    one, or only the place where it happened ("detained 18 people in Bishkek" is done
    to people in Kyrgyzstan, not to its government): an unnamed group ("18 people",
    "fired on protesters", "the killing of civilians"), or the owner of a place or
    facility ("shelled military positions in Armenia")."""
    # where it happened, when the verb says so: the state of "in Bishkek"
    where = (
        [e for p in _prep_objects(verb, frozenset({"in"})) for e in resolver.phrase(p)]
        if verb is not None
        else []
    )
    if roles.recipient and not all(_same(e, where) for e in roles.recipient):
        return  # a named recipient beyond the place: the parse's answer stands
    heads: list[Token] = []
    if verb is not None:
        if cand.event not in _THING_EVENTS or "release" in cand.mode:
            # people released are who the release is done to ("freed 37 prisoners")
            heads += [c for c in verb.children if c.dep_ in ("dobj", "dative")]
        heads += [p for p in _prep_objects(verb, preps) if p.head.lower_ != "in"]
    if cand.trigger.pos_ == "NOUN":
        heads += _prep_objects(cand.trigger, preps)
        if cand.event not in _OF_IS_ACTOR:
            heads += _prep_objects(cand.trigger, frozenset({"of"}))
    heads = [h for h in heads if h.i != cand.trigger.i]
    found: list[Entity] = []
    for head in heads:
        for entity in (
            resolver.group(head)
            or _place_owner(head, resolver, where)
            or _attacked_place(cand, head, resolver)
        ):
            if entity.code == "NSA" and where:
                entity = Entity(where[0].code, entity.sector, entity.text, where[0].qid)
            found.append(entity)
    if found:
        roles.recipient = found


def _place_owner(head: Token, resolver: EntityResolver, where: list[Entity]) -> list[Entity]:
    """The owner of a place or facility an event is done to ("military positions in
    Armenia's Jermuk region", "a border post in Batken", "the town of Idlib"): the state
    the phrase places it in, with the sector its words name (a "police headquarters" is
    COP, a "military base" MIL, a village CVL)."""
    places = load_lexicon().target_places
    lemma = head.lemma_.lower()
    if head.pos_ != "NOUN" or lemma not in places:
        return []
    sector = places[lemma]
    holder = _holder(head, resolver) or [
        # "the last ISIS bastion in Syria", "Islamic State targets": the group it belongs to
        e
        for c in head.children
        if c.dep_ == "compound"
        for e in resolver.phrase(c)
        if not e.is_state
    ]
    if holder:
        return holder
    for child in head.children:
        if child.dep_ in ("amod", "compound"):
            sector = resolver.sector_of(child) or sector  # "police headquarters": COP
    owners: list[Entity] = []
    for child in head.children:
        if child.dep_ == "poss":
            owners += resolver.phrase(child)
        elif child.dep_ == "prep" and child.lower_ in ("in", "of", "near", "inside"):
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                found = resolver.phrase(pobj)
                if not found and pobj.pos_ == "PROPN":
                    # a place's name: "in the south" is no Cameroonian region
                    state = state_of_place(pobj.doc[pobj.left_edge.i : pobj.i + 1].text)
                    found = [state] if state is not None else []
                owners += found
    states = [e for e in owners or where if e.is_state]
    if not states:
        return []
    words = head.doc[head.left_edge.i : head.right_edge.i + 1].text
    return [Entity(states[0].code, sector, words, states[0].qid)]


def _attacked_place(cand: Candidate, head: Token, resolver: EntityResolver) -> list[Entity]:
    """A town or region attacked by name ("Tajik troops shelled Batken", "an attack on
    Kharkiv"): the attack is aimed at the state it lies in, by the gazetteer. Not a
    capital, which names its government and is resolved as one already."""
    if cand.event != "ASSAULT" or head.pos_ != "PROPN" or resolver.span_at(head) is None:
        return []
    words = head.doc[head.left_edge.i : head.i + 1].text
    state = state_of_place(words)
    return [] if state is None else [Entity(state.code, None, words, state.qid)]


def _holder(head: Token, resolver: EntityResolver) -> list[Entity]:
    """Who holds a place its phrase says is held ("the rebel-held enclave of eastern
    Ghouta", "the ISIS-held old city", "Russian-held territory"): the one an attack on it
    is aimed at, rather than the state the place lies in (often the attacker's own)."""
    for child in head.children:
        if child.dep_ != "amod" or child.lower_ != "held":
            continue
        for by in child.children:
            if by.dep_ not in ("npadvmod", "compound", "amod", "nmod"):
                continue
            named = resolver.phrase(by)
            if named:
                return named
            sector = resolver.sector_of(by)
            if sector is not None:
                words = head.doc[head.left_edge.i : head.right_edge.i + 1].text
                return [Entity("NSA", sector, words)]
    return []


# events whose noun often carries its own name: exercises, manoeuvres, forums, summits
_NAMED_GATHERINGS = frozenset({"COOPERATE", "CONSULT", "MOBILIZE"})


def _noun_roles(
    cand: Candidate,
    resolver: EntityResolver,
    roles: Roles,
    recipient_preps: frozenset[str],
    actor_preps: frozenset[str],
) -> None:
    trig = cand.trigger
    event = cand.event
    hosts: list[Entity] = []
    for child in trig.children:
        dep = child.dep_
        if dep in ("poss", "amod", "compound", "nmod") and child.i not in {w.i for w in cand.words}:
            ents = resolver.phrase(child)
            if dep == "compound" and event in _NAMED_GATHERINGS:
                # a name the knowledge files lack, before an exercise or a meeting, is its
                # name: "the Eagle Partner exercise" (but "a Taliban attack" is theirs)
                ents = [e for e in ents if e.code != NON_STATE or e.sector is not None]
            stance = stance_of(child)
            if cand.event == "CONSULT" and _is_city(child, resolver):
                continue  # "the Vilnius summit" is where, not who
            if stance == "anti":
                roles.recipient += ents  # "anti-Russian rallies" are against Russia
            elif stance is None:
                roles.actor += ents
        elif dep == "prep":
            prep = child.lower_
            pobjs = [p for p in child.children if p.dep_ == "pobj"]
            for pobj in pobjs:
                if cand.sense.symmetric and prep in _WHERE and lone_place(pobj, resolver):
                    continue  # "clashes on the Afghan border" are where, not with whom
                ents = resolver.phrase(pobj)
                if not ents and prep == "by":
                    # "an attack by terrorists trained abroad": the doer, unnamed
                    ents = resolver.group(pobj)
                if not ents:
                    continue
                if prep in ("between", "by", "among"):
                    roles.actor += ents
                elif prep == "of":
                    (roles.actor if event in _OF_IS_ACTOR else roles.recipient).extend(ents)
                elif prep == "from" and event in _FROM_IS_ACTOR and cand.sense.kind != "membership":
                    # "despite protests from Russia", "demands from Moscow": whence it came
                    # (not "withdrawal from", "the expected departure from the bloc")
                    roles.actor += ents
                elif prep in actor_preps:
                    roles.actor += ents
                elif prep in recipient_preps or prep in ("against", "on", "to", "with", "in"):
                    if prep == "in" and event not in ("COOPERATE", "AID", "CONSULT", "MOBILIZE"):
                        continue
                    if prep == "in" and _is_city(pobj, resolver):
                        hosts += ents  # a host only beside a known guest (below)
                        continue
                    roles.recipient += ents
                    if prep == "against":
                        roles.aimed |= {e.code for e in ents}
    if roles.actor:
        # "officials held talks in Baku" names no party; "a meeting in Washington with the
        # Canadian prime minister" has the host too
        roles.recipient += hosts


def other_side(cand: Candidate, resolver: EntityResolver, roles: Roles) -> list[Entity]:
    """ "Erdogan said after talks with Putin", "Armenia closed the road after clashes with
    Azerbaijan": talks, a meeting or clashes with someone, told as the time of another
    deed and naming no other side of their own, were held by that deed's subject. (Not in
    a headline, whose short grammar the parse misreads: "calls off CSTO drills weeks after
    border war with Tajikistan" has the CSTO drilling.)"""
    trig = cand.trigger
    harmed = _harmed_in(trig)
    if (
        harmed is not None
        and cand.sense.symmetric
        and any(c.dep_ == "prep" and c.lower_ == "with" for c in trig.children)
    ):
        # "twenty Indian soldiers were killed in a clash with Chinese troops": those who
        # fell in it were on one side of it
        return [
            e for e in resolver.phrase(harmed) if not _same(e, roles.actor) and e.sector != "IGO"
        ]
    timed = timed_deed(trig)
    if (
        cand.event not in _SYMMETRIC_EVENTS
        or timed is None
        or not any(c.dep_ == "prep" and c.lower_ == "with" for c in trig.children)
        or any(
            c.dep_ in ("poss", "compound", "amod", "nmod") and resolver.phrase(c)
            for c in trig.children
        )
        or any(c.dep_ == "prep" and c.lower_ in ("between", "by", "among") for c in trig.children)
    ):
        return []
    subj, passive = subject_of(timed)
    if subj is None or passive or any(c.dep_ == "neg" for c in timed.children):
        # what one did not do during a fight makes it no side: "the CSTO had not fulfilled
        # its obligations to Armenia during the fighting with Azerbaijan"
        return []
    # an organisation is no side of a clash it only times a deed of
    return [
        e
        for e in resolver.phrase(subj)
        if not _same(e, roles.actor) and (cand.event != "ASSAULT" or e.sector != "IGO")
    ]


def _harmed_in(trig: Token) -> Token | None:
    """Who was killed, wounded or died "in" the event a noun names (words.yaml
    `casualty_verbs`), or None."""
    prep = trig.head
    verb = prep.head
    if (
        trig.dep_ != "pobj"
        or prep.lower_ != "in"
        or verb.lemma_.lower() not in load_words().casualty_verbs
    ):
        return None
    harmed = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if harmed is None and not any(c.dep_ == "dobj" for c in verb.children):
        # "three guards died in a shootout": the subject of a verb with no object
        harmed = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return harmed


def timed_deed(trig: Token) -> Token | None:
    """The verb of the deed a noun only times ("said after talks with Putin", "expressed
    condolences after the attack"), or None."""
    prep = trig.head
    if (
        trig.dep_ != "pobj"
        or prep.lower_ not in _TIME_OF_DEED
        or prep.head.pos_ not in ("VERB", "AUX")
    ):
        return None
    return prep.head


def judged_in(trig: Token) -> Token | None:
    """The verb that judges conduct a noun only times: "Moscow praised Kazakhstan for its
    restraint during the clashes", "criticised the CSTO over failing to help Tajikistan
    during the clashes" (praised, criticised). The time hangs on the conduct (a noun, or a
    verb with no subject of its own), and the conduct on the verb by a preposition of what
    one is judged for (words.yaml `charge_preps`); None otherwise."""
    prep = trig.head
    if trig.dep_ != "pobj" or prep.lower_ not in _TIME_OF_DEED:
        return None
    charge_preps = load_words().charge_preps
    node = prep.head
    while node.head.i != node.i:
        if node.pos_ in ("VERB", "AUX") and own_subjects(node):
            return None  # a deed of its own, with its doer: timed_deed's
        if node.dep_ == "prep" and node.lower_ in charge_preps and node.head.pos_ == "VERB":
            return node.head if own_subjects(node.head) else None
        node = node.head
    return None


def _is_city(token: Token, resolver: EntityResolver) -> bool:
    span = resolver.span_at(token)
    if span is None or span.label_ != RULER_LABEL or not span.ent_id_.isdigit():
        return (
            span is not None
            and span.label_ in ("GPE", "LOC", "FAC")
            and resolver.resolve_span(span) is None
        )
    return resolver.city_alias(token)


def _clause_actors(clause: Token, resolver: EntityResolver) -> list[Entity]:
    subj = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    found = resolver.phrase(subj) if subj is not None else []
    if found:
        return found
    out: list[Entity] = []
    for token in clause.subtree:
        span = resolver.span_at(token)
        if span is not None and token.i == span.start:
            entity = resolver.resolve_span(span)
            if entity is not None:
                out.append(entity)
    return out


def _nearest_actor_phrase(trig: Token, resolver: EntityResolver) -> Token | None:
    sent_start = trig.sent.start
    for i in range(trig.i - 1, max(sent_start, trig.i - 25) - 1, -1):
        token = trig.doc[i]
        if token.lower_ in (";", ":") or (token.dep_ == "mark" and token.head.i != trig.i):
            return None
        if resolver.span_at(token) is None:
            continue
        head = token
        while (
            head.dep_ in ("compound", "amod", "poss", "conj", "appos", "nmod", "flat")
            and head.head.i != head.i
        ):
            head = head.head
        if head.dep_ in ("pobj",):
            continue
        return head
    return None


def _is_trigger_word(token: Token, cand: Candidate) -> bool:
    return token.i == cand.trigger.i or any(token.i == w.i for w in cand.words)


def _who(entity: Entity) -> tuple[str, str]:
    """What tells two participants apart: the code, and for a non-state actor (all NSA)
    its words too: "gunmen killed Abdullah" has two different NSA sides."""
    return (entity.code, entity.text.lower() if entity.code == "NSA" else "")


def _same(entity: Entity, others: list[Entity]) -> bool:
    return any(
        _who(o) == _who(entity)
        and (o.sector == entity.sector or entity.sector is None or o.sector is None)
        for o in others
    )


def _unique(entities: list[Entity]) -> list[Entity]:
    out: list[Entity] = []
    for entity in entities:
        if all(_who(e) != _who(entity) for e in out):
            out.append(entity)
    return out


def _owners(sent_thing: Token, resolver: EntityResolver) -> list[Entity]:
    """Whose troops or units are sent: the words before them and their "of"/"from", not
    where they go or are ("deployed troops in Dushanbe" are no Tajik troops)."""
    out: list[Entity] = []
    for c in sent_thing.children:
        if c.dep_ == "prep" and c.lower_ not in ("of", "from"):
            continue
        if c.dep_ in ("relcl", "acl", "appos"):
            continue
        out += resolver.phrase(c, depth=1)
    return out


def lone_place(noun: Token, resolver: EntityResolver) -> list[Token]:
    """The words before a place noun when they name one state, which they only locate
    ("drills near the Polish border", "clashes with smugglers on the Afghan border"); none
    when the phrase names two ("the Kyrgyz-Tajik border", "Kyrgyzstan's border with
    Tajikistan": the sides it lies between) or none."""
    places = load_words().place_nouns
    if noun.lemma_.lower() not in places and noun.lower_ not in places:
        return []
    if len(_state_codes(noun.subtree, resolver)) > 1:
        return []
    words = list(noun.doc[noun.left_edge.i : noun.i])
    return words if len(_state_codes(words, resolver)) == 1 else []


def _state_codes(tokens: Iterable[Token], resolver: EntityResolver) -> set[str]:
    return {
        entity.code
        for t in tokens
        if (span := resolver.span_at(t)) is not None
        and (entity := resolver.resolve_span(span)) is not None
        and entity.is_state
    }


def sentence_states(sent: Any, resolver: EntityResolver, exclude: set[int]) -> list[Entity]:
    """Every state-level actor a sentence names outside the excluded tokens, in order."""
    out: list[Entity] = []
    seen: set[tuple[int, int]] = set()
    excepted = {t.i for token in sent if token.lower_ in _EXCEPT for t in token.subtree}
    for token in sent:
        if token.i in exclude or token.i in excepted:
            continue
        span = resolver.span_at(token)
        if span is None or (span.start, span.end) in seen:
            continue
        seen.add((span.start, span.end))
        entity = resolver.resolve_span(span)
        if entity is not None:
            out.append(entity)
    return _unique(out)
