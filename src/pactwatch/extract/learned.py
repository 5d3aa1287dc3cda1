"""Typing stage: the learned typer's probabilities beside the rules' records.

The rules (events, factuality, roles) are good at who, to whom, when and how
sure; the model (typer.py, trained on real labelled news and on our own
documents) reads what kind of event a sentence reports, or that it reports none.
Per sentence (the encoder reads it only where `wants_encoder` says its answer can
change something; elsewhere the cheap model's probabilities stand):

- a rule record keeps the rules' type, and its confidence becomes mostly the
  model's calibrated probability of that type: a trigger in a sentence the model
  reads as background (NONE) or as another kind of event ranks low;
- a sentence with no rule record yields a record of the model's type when the
  model is sure of it, sure the sentence reports something, and the parse names
  who acted (`model_candidate`).

Measured on the development documents (docs/extraction.md), letting the model
overrule a rule's type, or add records beside the rules' in the same sentence,
cost precision there and gained no recall: the model learned sentences that each
report one event, and alliance news tells several per sentence.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pactwatch.extract.clauses import subject_of
from pactwatch.extract.entities import EntityResolver
from pactwatch.extract.events import Candidate, ruled_out
from pactwatch.extract.lexicon import Lexicon, Sense
from pactwatch.extract.places import place_for
from pactwatch.extract.roles import Roles
from pactwatch.extract.typer import Typing, unsure
from pactwatch.knowledge.words import load_words
from pactwatch.records import COOPERATION_TYPES, Entity, Event

Token = Any

# a sentence with no rule record yields the model's type from this probability on,
# when the model also gives less than NONE_BELOW to "the sentence reports no event"
NEW_RECORD_AT = 0.9
NONE_BELOW = 0.1
# ... and in the story's lead, from this probability on: the labelled news the model
# learned from is mostly such sentences (validation split: 0.9 → 0.7 gained 3 of 100
# sentences, the development documents none lost; docs/extraction.md)
LEAD_RECORD_AT = 0.7
# the encoder reads a sentence with rule records of one type when the cheap model gives
# that type less than this, and one with no record when the cheap model gives its best
# event at least this (`wants_encoder`)
AGREE_AT = 0.5
ENCODE_EVENT_AT = 0.5
# how much a record's confidence owes to the rules' own evidence (roles, date, clause)
_RULE_WEIGHT = 0.25
# model types an event of which is the saying itself: the speaker of "X said Y ..." acts
_SAID = frozenset({"ACCUSE", "REQUEST"})


def wants_encoder(typing: Typing, records: Sequence[Event], *, lead: bool) -> bool:
    """Whether the encoder should read a sentence the cheap model is unsure of, once the
    rules have read it. The encoder costs about two parses of its sentence (10 ms on one
    core), so it reads only where its answer can change something:

    - records of several types: it ranks them, and the top one is the sentence's
      event (which deed a later "confirmed the move on Tuesday" dates, which is the
      sentence's top record): the cheap model ranks "the drills" above "pulled out
      of the drills";
    - records of one type the cheap model gives less than even odds (AGREE_AT): it
      arbitrates between the rules and the cheap model (the record's confidence);
    - no record: in the lead, where a learned record needs LEAD_RECORD_AT; elsewhere
      where the cheap model gives some event ENCODE_EVENT_AT (a learned record there
      needs NEW_RECORD_AT, which the encoder does not give where the cheap model sees
      no event).

    Measured (docs/extraction.md): records identical on every set we can read, the
    encoder's share of sentences 47% → 26%."""
    if not unsure(typing):
        return False
    if records:
        types = {r.event for r in records}
        return len(types) > 1 or typing.of(next(iter(types))) < AGREE_AT
    return lead or typing.best[1] >= ENCODE_EVENT_AT


def root_type(label: str, sent: Any) -> str:
    """A model root as a PLOVER 2 type: YIELD is RETREAT or CONCEDE by its words."""
    if label != "YIELD":
        return label
    lemmas = {t.lemma_.lower() for t in sent} | {t.lower_ for t in sent}
    return "RETREAT" if lemmas & load_words().retreat_words else "CONCEDE"


def confidence(event: Event, typing: Typing, rule_confidence: float) -> float:
    """Mostly the model's calibrated probability of the type, partly the rules' case."""
    score = (1 - _RULE_WEIGHT) * typing.of(event.event) + _RULE_WEIGHT * rule_confidence
    return round(max(0.01, min(0.99, score)), 3)


def revise(records: list[Event], typing: Typing, provenance: dict[str, str]) -> None:
    """Set each record's confidence from the model, and say which extractor made it."""
    for r in records:
        r.confidence = confidence(r, typing, r.confidence)
        r.provenance = dict(provenance)


def model_candidate(
    sent: Any, typing: Typing, lex: Lexicon, *, lead: bool = False
) -> Candidate | None:
    """A candidate of the model's type for a sentence the rules found nothing in. In
    the story's lead (`lead`), which a news report spends on its main event, the
    model is trusted from LEAD_RECORD_AT on."""
    label, p = typing.best
    if p < (LEAD_RECORD_AT if lead else NEW_RECORD_AT) or typing.none >= NONE_BELOW:
        return None
    verb = _main_verb(sent, lex, said=label in _SAID)
    if verb is None:
        return None
    event = root_type(label, sent)
    if ruled_out(verb, event):
        return None  # "The Kremlin declined to comment": the rules know it is no refusal
    sense = Sense(lemma=verb.lemma_.lower(), pos="VERB", event=event)
    sure = p >= NEW_RECORD_AT
    return Candidate(
        trigger=verb, sense=sense, event=event, words=[verb], learned=True, lead=lead, sure=sure
    )


def named_subject(cand: Candidate, resolver: EntityResolver) -> list[Entity]:
    """For a learned candidate whose subject names an organisation the knowledge files
    do not hold ("Majority Forward", "the Kalinga Foundation"): that subject as a
    non-state actor in the sentence's own words. Only a name (a proper noun in the
    phrase's head or its compounds), never a person's: "Four Arab states" or "the
    departure" are no one in particular."""
    subj, passive = subject_of(cand.head)
    if subj is None or passive or resolver.in_dateline(subj):
        return []
    if any(t.ent_type_ == "PERSON" for t in subj.subtree):
        return []  # an unknown person is more often an official of an unnamed state
    span = resolver.span_at(subj)
    named = (
        subj.pos_ == "PROPN"
        or any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in subj.children)
        or (span is not None and span.label_ == "ORG")
    )
    if not named:
        return []
    words = list(subj.subtree)
    text = subj.doc[words[0].i : words[-1].i + 1].text
    if len(words) > 8 or resolver.knowledge.is_outlet(text) or place_for(text) is not None:
        return []
    return [Entity("NSA", resolver.sector_of(subj), text)]


def accuses_unsurely(cand: Candidate, roles: Roles) -> bool:
    """Whether a learned record below NEW_RECORD_AT would charge a state with conflict:
    the lead's lower bar is for cooperation and for parties no state stands for; a
    wrong accusation against a state costs more than a missed one."""
    if not cand.learned or cand.sure or cand.event in COOPERATION_TYPES:
        return False
    return any(e.is_state for e in (*roles.actor, *roles.recipient))


def unnamed_subject(cand: Candidate, resolver: EntityResolver) -> bool:
    """Whether a learned candidate's subject is someone the knowledge files cannot name:
    a name ("Ambassador Cui Tiankai", "Jurisdiction for Peace") or a noun of an
    institution or its people ("the court", "the authorities"), not a thing ("the ice",
    "a ceasefire") nor a pronoun."""
    subj, _passive = subject_of(cand.head)
    if subj is None:
        return False
    return subj.pos_ == "PROPN" or (subj.pos_ == "NOUN" and resolver.sector_of(subj) is not None)


def _main_verb(sent: Any, lex: Lexicon, *, said: bool = False) -> Token | None:
    """The verb that tells the sentence's event: its root, or the verb of the clause a
    verb of saying reports; None unless it has a named subject. An event done by saying
    (`said`: an accusation, a demand) is the speaker's: in "the Tajik government said
    Kyrgyz troops were responsible" Tajikistan accuses, and the troops accuse no one."""
    root = sent.root
    if root.pos_ not in ("VERB", "AUX"):
        return None
    verb = root
    if lex.speech(root.lemma_.lower()) is not None and not said:
        # "X said Y did Z": the event is what Y did
        reported = [c for c in root.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX")]
        if reported:
            verb = reported[0]
    # the one who acts must be named as the verb's subject: "it seems that ...", "there
    # was ..." or a pronoun leave the learned type with no one to stand on
    subj, _passive = subject_of(verb)
    if subj is None or subj.pos_ == "PRON" or subj.dep_ == "expl":
        return None
    return verb
