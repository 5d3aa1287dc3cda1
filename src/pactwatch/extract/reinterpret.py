"""Event types that depend on what the parse and factuality found.

The lexicon says what a word can mean; some meanings are only settled once the
stage after it has run: a meeting not attended is a REJECT, "will not
recognise" a refusal, an action announced on a condition a threat, a party's
own announced help a promise, a party's report of the other side's attack an
accusation, missiles fired into the sea a show of force.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from pactwatch.extract.events import HOSTILE_MODES, Candidate
from pactwatch.extract.factuality import Factuality
from pactwatch.extract.roles import Roles
from pactwatch.knowledge.words import load_words
from pactwatch.records import NOT_PARTY_SECTORS, Attribution, Event

Token = Any

# nouns that turn a reported exit into a threat of one ("statements about the departure")
_THREAT_NOUNS = frozenset(
    {
        "statement",
        "statements",
        "signal",
        "signals",
        "blackmail",
        "threat",
        "threats",
        "talk",
        "warning",
        "warnings",
        "ultimatum",
        "hint",
        "hints",
        "rhetoric",
        "demands",
    }
)
# conflict events that, said by a party, are an accusation by that party
_ACCUSABLE = frozenset({"ASSAULT", "COERCE", "MOBILIZE"})


def reinterpret(cand: Candidate, fact: Factuality) -> bool:
    """Event types that depend on factuality; False when the mention is no event.

    A skipped meeting is a REJECT; "will not recognise" is a REJECT; a retaliation
    announced for later is a THREATEN made now (one already carried out is not a threat);
    an exit spoken of is a threat of one.
    """
    if cand.sense.future_only:
        if not ({"future", "hypothetical"} & set(fact.aux)) and not _modal_above(cand.head):
            return False
        fact.aux = [a for a in fact.aux if a not in ("future", "hypothetical")]
        fact.reason = f"'{cand.trigger.text}' announced for later: a threat"
    if fact.speaker and {"future", "hypothetical"} & set(fact.aux) and cand.event != "THREATEN":
        conditional_offer(cand, fact)
    if cand.event == "REJECT" and "negation" in fact.aux and cand.content and _rule_out(cand):
        # "Warsaw did not rule out closing further crossings": an option kept open
        hostile = HOSTILE_MODES.get(cand.content or "")
        cand.event, cand.mode = ("THREATEN", [hostile]) if hostile else ("AGREE", [])
        fact.aux = [a for a in fact.aux if a != "negation"]
        fact.reason = "an action not ruled out: " + ("a threat" if hostile else "an offer")
    if "negation" in fact.aux and _will_or_would(cand.head) and cand.event != "REJECT":
        cand.event = "REJECT"
        cand.mode = []
        fact.aux = []
        fact.reason = "'will not' / 'would not': a refusal"
    if (
        cand.event == "COOPERATE"
        and "negation" in fact.aux
        and cand.sense.lemma in load_words().obligation_verbs
    ):
        # "Tajikistan has not implemented the council's decision": a refusal of it, the
        # course it asked for (PLOVER's REJECT mode "change")
        cand.event, cand.mode = "REJECT", ["change"]
        fact.aux.remove("negation")
        fact.reason += "; a decision or obligation not carried out is REJECT"
    if cand.event == "CONSULT" and "negation" in fact.aux:
        cand.event = "REJECT"
        cand.mode = ["meet"]
        fact.aux.remove("negation")
        fact.reason += "; a meeting not attended is REJECT (meet)"
    if cand.kind == "membership" or cand.event in ("SANCTION", "RETREAT"):
        node = cand.trigger
        for _ in range(4):
            if node.head.i == node.i:
                break
            node = node.head
            if node.lower_ in _THREAT_NOUNS:
                cand.event = "THREATEN"
                cand.mode = ["relations"]
                cand.kind = cand.kind or "membership"
                fact.aux = [a for a in fact.aux if a not in ("future", "hypothetical")]
                fact.reason = f"an exit spoken of in '{node.text}' is a threat"
                verb = node
                while verb.head.i != verb.i and verb.pos_ not in ("VERB", "AUX"):
                    verb = verb.head
                if verb.pos_ in ("VERB", "AUX") and cand.governor is None:
                    cand.governor = verb
                break
    return True


def conditional_offer(cand: Candidate, fact: Factuality) -> None:
    """ "Nigeria said it will withdraw its force unless Goukouni steps down": a party
    announcing what it will do on a condition makes a threat (a harm, or any "unless")
    or a promise (AGREE: "would meet the mediator if he gave them a veto")."""
    head = cand.head
    if not _will_or_would(head) or "negation" in fact.aux:
        return
    marks = {
        m.lower_
        for c in head.children
        if c.dep_ == "advcl"
        for m in c.children
        if m.dep_ == "mark" and m.lower_ in ("if", "unless")
    }
    if not marks:
        return
    hostile = HOSTILE_MODES.get(cand.event)
    if hostile or "unless" in marks or cand.event in ("REJECT", "SANCTION"):
        cand.event, cand.mode = "THREATEN", [hostile or "relations"]
        fact.reason = "an action announced on a condition: a threat"
    else:
        cand.event, cand.mode = "AGREE", []
        fact.reason = "an action offered on a condition: a promise"
    fact.aux = []


# what a party says it will do for another is a promise; what it says it will do to one, a threat
_PROMISED = frozenset({"SUPPORT", "AID", "CONCEDE"})
_THREATENED = frozenset({"COERCE", "SANCTION", "ASSAULT"})


def self_announced(cand: Candidate, roles: Roles, fact: Factuality) -> None:
    """ "Hungary said it will support the resolution" is a promise made now (AGREE);
    "NATO said it would tighten the blockade" a threat (THREATEN). Scheduled events
    announced by others ("the summit will be held") keep their type, marked future."""
    if "future" not in fact.aux or "negation" in fact.aux or not fact.speaker:
        return
    if cand.event not in _PROMISED | _THREATENED:
        return
    if not {e.code for e in fact.speaker} & {e.code for e in roles.actor}:
        return
    if cand.event in _PROMISED:
        cand.event, cand.mode = "AGREE", []
        fact.reason = "a party's own announced help: a promise"
    else:
        cand.event, cand.mode = "THREATEN", [HOSTILE_MODES.get(cand.event, "restrict")]
        fact.reason = "a party's own announced harm: a threat"
    fact.aux = []


def speaker_accuses(cand: Candidate, roles: Roles, fact: Factuality) -> None:
    """ "Baku said Armenian units were to blame for the attack on its positions": a charge
    whose clause names no accuser is brought by whoever says it. The speaker is no
    recipient of its own charge ("its positions" are Baku's)."""
    if cand.event != "ACCUSE" or roles.actor or not fact.speaker:
        return
    speakers = [e for e in fact.speaker if e.sector not in NOT_PARTY_SECTORS]
    if not speakers:
        return
    roles.actor = list(speakers)
    spoken = {e.code for e in speakers}
    roles.recipient = [e for e in roles.recipient if e.code not in spoken]
    roles.how = "no accuser in the clause: the one who says it"


def accusation(event: Event) -> Event | None:
    """A party reporting the other side's attack accuses it ("the Tajik side says Kyrgyz troops opened fire")."""
    # a state's media report the deed; they do not bring the state's charge ("Kyrgyz
    # media reported that Tajik troops shelled ..." is no accusation by Kyrgyzstan)
    speakers = [
        e
        for e in event.attribution.speaker
        if len(e.code) >= 2 and e.sector not in NOT_PARTY_SECTORS
    ]
    if event.event not in _ACCUSABLE or not speakers:
        return None
    spoken = {e.code for e in speakers}
    if event.actor and any(e.code in spoken for e in event.actor):
        # "Putin says Russia will station weapons": its own deed, no accusation; so is a
        # fight the speaker is a side of ("Baku told the council the operation had ended")
        return None
    if event.recipient and not any(e.code in spoken for e in event.recipient):
        # "Israel struck Iran, two US officials said": a third party's account of a deed
        # done to another, not a charge the wronged side brings
        return None
    if not event.recipient and all(e.sector == "IGO" for e in speakers):
        # "fighting ... has killed hundreds, according to the World Health Organization":
        # an organisation's count of a deed done to no one it names is an account
        return None
    targets = [e for e in event.actor if e.code not in spoken] or [
        e for e in event.recipient if e.code not in spoken
    ]
    if not targets:
        return None
    return replace(
        event,
        event="ACCUSE",
        mode=["allege"],
        kind=None,
        actor=list(speakers),
        recipient=targets,
        attribution=Attribution(),
        date=None,
        enddate=None,
        confidence=round(max(0.05, event.confidence - 0.1), 3),  # never above the deed reported
        event_text=event.event_text,
        reasons={
            **event.reasons,
            "event": f"{'/'.join(sorted(spoken))} reports {event.event} by the other side: an accusation",
            "date": "the date of the deed reported is not the date of the report of it",
        },
    )


def _modal_above(token: Token) -> bool:
    """A will/would/could on the event's verb or the verbs that govern it."""
    node = token
    for _ in range(4):
        if _will_or_would(node) or any(
            c.dep_ == "aux" and c.lower_ in ("could", "may", "might") for c in node.children
        ):
            return True
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def _will_or_would(verb: Token) -> bool:
    return any(
        c.dep_ == "aux" and c.lower_ in ("will", "would", "wo", "shall", "'ll")
        for c in verb.children
    )


def convert(cand: Candidate, roles: Roles) -> None:
    """Types the participants decide: missiles fired into the sea are a show of force."""
    if cand.event == "REJECT" and cand.sense.event == "SANCTION" and cand.kind == "sanctions":
        # "Kazakhstan will not join the sanctions against Russia": a refusal of those who
        # ask it to join, unnamed; Russia is no one it refuses
        roles.recipient = []
    if cand.event == "REJECT" and ("meet" in cand.mode or cand.sense.event == "COOPERATE"):
        # "Japarov did not attend the CIS summit", "Armenia will not take part in the CSTO's
        # exercises": the organisation is snubbed, not snubbing
        igos = [e for e in roles.actor if e.sector == "IGO"]
        if igos and len(igos) < len(roles.actor):
            roles.actor = [e for e in roles.actor if e.sector != "IGO"]
            roles.recipient += [e for e in igos if all(r.code != e.code for r in roles.recipient)]
    if cand.event == "ASSAULT" and not roles.recipient and not _aimed(cand.trigger):
        objects = {
            t.lemma_.lower() for c in cand.trigger.children if c.dep_ == "dobj" for t in c.subtree
        }
        if objects & {"missile", "rocket", "projectile", "warhead"}:
            cand.event = "MOBILIZE"
            cand.mode = ["weapons"]
            cand.kind = None


_OPEN_WATER = frozenset({"sea", "waters", "water", "ocean", "gulf"})


def _aimed(verb: Token) -> bool:
    """Fired "against guerrilla camps" or "at a village": at a target, not into the sea."""
    heads = [verb, *(t for c in verb.children if c.dep_ == "dobj" for t in c.subtree)]
    return any(
        prep.dep_ == "prep"
        and prep.lower_ in ("at", "against", "on", "into")
        and any(
            p.dep_ == "pobj"
            and p.lemma_.lower() not in _OPEN_WATER
            and p.ent_type_ not in ("DATE", "TIME")
            for p in prep.children
        )
        for head in heads
        for prep in head.children
    )


def _rule_out(cand: Candidate) -> bool:
    words = {t.lower_ for t in cand.words} | {cand.trigger.lemma_.lower()}
    return "rule" in words and any(t.lower_ == "out" for t in cand.words)
