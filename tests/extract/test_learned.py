"""The typing stage: where the learned typer's probabilities change the rules' records.

Each decision has a case it must take (and a paraphrase of it) and a near miss it
must leave alone. The probabilities are given, so these tests pin the decision
rules, not the shipped model's numbers; `test_pipeline_*` run the real model.
"""

from __future__ import annotations

from typing import Any

import pytest

from pactwatch.extract import extract_document
from pactwatch.extract.learned import (
    AGREE_AT,
    ENCODE_EVENT_AT,
    LEAD_RECORD_AT,
    NEW_RECORD_AT,
    NONE_BELOW,
    confidence,
    model_candidate,
    revise,
    root_type,
    wants_encoder,
)
from pactwatch.extract.lexicon import load_lexicon
from pactwatch.extract.nlp import load_nlp
from pactwatch.extract.typer import UNSURE_BELOW, Typing, load_typer, unsure
from pactwatch.records import Document, Event, TextInfo


def sent(text: str) -> Any:
    return next(iter(load_nlp()(text).sents))


def record(event: str, conf: float = 0.6) -> Event:
    return Event(
        id="d:1",
        event=event,
        text_info=TextInfo("d", 1, 0, 10),
        event_text="x",
        confidence=conf,
        kind="armed_clash" if event == "ASSAULT" else None,
    )


def typing(best: str, p: float, **others: float) -> Typing:
    rest = (1.0 - p - sum(others.values())) / (15 - len(others))
    probs = {
        lab: rest
        for lab in (
            "AGREE",
            "AID",
            "ASSAULT",
            "COERCE",
            "CONSULT",
            "COOPERATE",
            "MOBILIZE",
            "PROTEST",
            "REJECT",
            "REQUEST",
            "SANCTION",
            "SUPPORT",
            "THREATEN",
            "YIELD",
            "ACCUSE",
            "NONE",
        )
    }
    probs.update(others)
    probs[best] = p
    return Typing(probs, "encoder")


@pytest.mark.parametrize(
    "text",
    [
        "Tajik troops withdrew from the disputed village.",
        "The rebels pulled out of the town on Friday.",
        # releasing people and returning are RETREAT's modes too (event-record.md)
        "The court freed the opposition leader.",
        "The government released forty prisoners.",
        "The survey ship returned to port on Sunday.",
    ],
)
def test_yield_is_a_retreat_when_forces_leave_or_people_go_free(text: str) -> None:
    assert root_type("YIELD", sent(text)) == "RETREAT"


@pytest.mark.parametrize(
    "text",
    [
        "The government conceded to the protesters' demands.",
        "The minister apologised for his remarks on Monday.",
    ],
)
def test_yield_is_a_concession_otherwise(text: str) -> None:
    assert root_type("YIELD", sent(text)) == "CONCEDE"


def test_confidence_follows_the_model_and_the_rules() -> None:
    sure, doubtful = record("ASSAULT", 0.6), record("ASSAULT", 0.6)
    revise([sure], typing("ASSAULT", 0.9), {"extractor": "prov"})
    revise([doubtful], typing("NONE", 0.6, ASSAULT=0.2), {"extractor": "prov"})
    assert sure.confidence > doubtful.confidence
    assert sure.provenance == {"extractor": "prov"}
    assert confidence(record("ASSAULT"), typing("ASSAULT", 0.9), 0.9) > confidence(
        record("ASSAULT"), typing("ASSAULT", 0.9), 0.3
    )


@pytest.mark.parametrize(
    "text",
    [
        "Kyrgyz border guards and Tajik soldiers traded gunfire near the village.",
        "The two armies swapped fire along the frontier on Monday.",
    ],
)
def test_model_candidate_for_a_sentence_the_rules_missed(text: str) -> None:
    cand = model_candidate(
        sent(text), typing("ASSAULT", NEW_RECORD_AT + 0.05, NONE=0.0), load_lexicon()
    )
    assert cand is not None and cand.event == "ASSAULT"
    assert cand.trigger.dep_ == "ROOT"


@pytest.mark.parametrize(
    "text",
    [
        "Kyrgyz border guards and Tajik soldiers traded gunfire near the village.",
        "The two armies swapped fire along the frontier on Monday.",
    ],
)
def test_the_lead_takes_the_model_from_a_lower_probability(text: str) -> None:
    between = typing("ASSAULT", (LEAD_RECORD_AT + NEW_RECORD_AT) / 2, NONE=0.0)
    assert model_candidate(sent(text), between, load_lexicon(), lead=True) is not None
    # near miss: the same probability in a later sentence of the story
    assert model_candidate(sent(text), between, load_lexicon()) is None
    below = typing("ASSAULT", LEAD_RECORD_AT - 0.05, NONE=0.0)
    assert model_candidate(sent(text), below, load_lexicon(), lead=True) is None


@pytest.mark.parametrize(
    "text",
    [
        "Ambassador Cui Tiankai defended the expansion of the reefs.",
        "Ambassador Li Wei defended the construction of the new port.",
    ],
)
def test_the_lead_reports_its_event_when_no_actor_is_known(text: str) -> None:
    # an official of a state the sentence leaves unnamed: the model's type, no actor
    [record] = extract_document(Document(id="d", text=text))
    assert record.event == "SUPPORT" and record.actor == []
    assert "learned typer" in record.reasons["event"] and "lead" in record.reasons["actor"]


@pytest.mark.parametrize(
    "text",
    [
        # the same sentence after the lead, and as the story's headline
        "Protesters gathered outside the courthouse on Monday. "
        "Ambassador Cui Tiankai defended the expansion of the reefs.",
        "Ambassador Cui Tiankai defended the expansion of the reefs\n\n"
        "Protesters gathered outside the courthouse on Monday.",
    ],
)
def test_only_the_lead_stands_with_no_actor(text: str) -> None:
    records = extract_document(Document(id="d", text=text))
    assert not [r for r in records if r.event == "SUPPORT"]


@pytest.mark.parametrize(
    "text",
    [
        "The government declared a state of emergency in the capital on Monday.",
        "The government introduced martial law in the north on Friday.",
    ],
)
def test_a_trigger_in_the_lead_keeps_its_type_with_no_actor(text: str) -> None:
    # the rules' type (event-record.md: COERCE martial-law, curfew), not the model's
    [record] = extract_document(Document(id="d", text=text, report_date="2024-04-18"))
    assert (record.event, record.actor, record.recipient) == ("COERCE", [], [])
    assert "lead" in record.reasons["actor"]


@pytest.mark.parametrize(
    "text",
    [
        "The Government today decided to close the Raja-Jooseppi crossing point in Lapland "
        "for passenger traffic.",
        "The authorities today decided to close two crossing points in Karelia for passenger "
        "traffic.",
    ],
)
def test_in_the_lead_a_type_the_model_is_sure_of_goes_first(text: str) -> None:
    # the rules read "decided to close" as a decision (AGREE) by no one named; the model,
    # sure, reads the closing (COERCE)
    records = extract_document(Document(id="d", text=text, report_date="2023-11-28"))
    assert [r.event for r in records] == ["COERCE"]
    assert "learned typer" in records[0].reasons["event"]


def test_a_second_title_line_is_no_lead() -> None:
    text = (
        "Finland: Ministry of the Interior statement, 28 November 2023\n\n"
        "Government decides to close the border crossing point\n\n"
        "Ambassador Cui Tiankai defended the expansion of the reefs."
    )
    records = extract_document(Document(id="d", text=text, report_date="2023-11-28"))
    # the body's first sentence is the lead; the title line stands for nothing on its own
    assert [(r.event, r.text_info.sentence) for r in records] == [("SUPPORT", 3)]


@pytest.mark.parametrize(
    "text",
    [
        # after the lead
        "Protests continued on Monday. The government declared a state of emergency in the "
        "capital.",
        # a lead whose other deed has its actor: nothing unnamed beside it
        "Tajik troops shelled a Kyrgyz village on Monday and the government declared a state "
        "of emergency.",
    ],
)
def test_an_unnamed_trigger_outside_an_empty_lead_makes_no_record(text: str) -> None:
    records = extract_document(Document(id="d", text=text, report_date="2024-04-18"))
    assert not [r for r in records if not r.actor and not r.recipient]


def test_no_model_candidate_when_the_model_is_unsure() -> None:
    s = sent("Kyrgyz border guards and Tajik soldiers traded gunfire near the village.")
    assert model_candidate(s, typing("ASSAULT", NEW_RECORD_AT - 0.1), load_lexicon()) is None


def test_no_model_candidate_when_the_sentence_may_report_nothing() -> None:
    s = sent("Russia and China share a border of more than 4,000 kilometres.")
    maybe_nothing = typing("AID", NEW_RECORD_AT + 0.02, NONE=NONE_BELOW + 0.01)
    assert model_candidate(s, maybe_nothing, load_lexicon()) is None
    sure = typing("AID", NEW_RECORD_AT + 0.02, NONE=NONE_BELOW - 0.05)
    assert model_candidate(s, sure, load_lexicon()) is not None


def test_model_candidate_of_a_reported_clause_is_the_reported_verb() -> None:
    s = sent("Officials said Tajik soldiers traded gunfire with Kyrgyz guards.")
    cand = model_candidate(s, typing("ASSAULT", 0.95, NONE=0.0), load_lexicon())
    assert cand is not None and cand.trigger.lemma_ == "trade"


@pytest.mark.parametrize(
    "text",
    [
        "It seems that the two armies traded gunfire near the village.",
        "There was heavy shooting near the village overnight.",
        "They traded gunfire near the village.",
    ],
)
def test_no_model_candidate_without_a_named_subject(text: str) -> None:
    assert model_candidate(sent(text), typing("ASSAULT", 0.95, NONE=0.0), load_lexicon()) is None


def test_verbless_sentence_gives_no_model_candidate() -> None:
    s = sent("Fresh clashes on the Kyrgyz-Tajik border.")
    if s.root.pos_ in ("VERB", "AUX"):
        pytest.skip("the parser found a verb")
    assert model_candidate(s, typing("ASSAULT", 0.95, NONE=0.0), load_lexicon()) is None


def test_records_name_their_extractor() -> None:
    events = extract_document(
        Document(id="d", text="Tajik troops shelled a Kyrgyz village on 14 September 2022.")
    )
    assert events
    assert all(e.provenance and e.provenance["extractor"].startswith("pactwatch ") for e in events)
    assert all(e.provenance and len(e.provenance["model"]) == 64 for e in events)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Majority Forward attacked the senator's record on Tuesday.", "Majority Forward"),
        (
            "The Kalinga Foundation opened an investigation into the officials.",
            "The Kalinga Foundation",
        ),
    ],
)
def test_an_unknown_named_subject_acts_as_a_non_state_actor(text: str, name: str) -> None:
    from pactwatch.extract.entities import EntityResolver
    from pactwatch.extract.learned import named_subject

    s = sent(text)
    cand = model_candidate(s, typing("ACCUSE", 0.95, NONE=0.0), load_lexicon())
    assert cand is not None
    resolver = EntityResolver(None)
    resolver.start_segment(s.doc)
    [actor] = named_subject(cand, resolver)
    assert actor.code == "NSA" and actor.text == name


@pytest.mark.parametrize(
    "text",
    [
        "Four Arab states cut ties with Qatar on Monday.",  # no name: no one in particular
        "Almaty hosted the talks on Friday.",  # a place, not an actor
    ],
)
def test_an_unnamed_or_place_subject_is_no_actor(text: str) -> None:
    from pactwatch.extract.entities import EntityResolver
    from pactwatch.extract.learned import named_subject

    s = sent(text)
    cand = model_candidate(s, typing("SANCTION", 0.95, NONE=0.0), load_lexicon())
    assert cand is not None
    resolver = EntityResolver(None)
    resolver.start_segment(s.doc)
    assert named_subject(cand, resolver) == []


@pytest.mark.parametrize(
    "text",
    [
        "American and Tajik units also held a five-day field training phase at the Fakhrabad training centre.",
        "Kyrgyz and Russian soldiers spent a week at the Edelweiss training centre near Balykchy.",
    ],
)
def test_a_learned_record_reads_no_facility_from_its_words(text: str) -> None:
    events = extract_document(Document(id="d", text=text, report_date="2022-10-14"))
    assert not [e for e in events if e.kind == "military_facility"]


def test_an_unknown_person_is_no_non_state_actor() -> None:
    from pactwatch.extract.entities import EntityResolver
    from pactwatch.extract.learned import named_subject

    s = sent("Kamchybek Tashiev and Saimumin Yatimov signed the document after talks.")
    cand = model_candidate(s, typing("AGREE", 0.95, NONE=0.0), load_lexicon())
    assert cand is not None
    resolver = EntityResolver(None)
    resolver.start_segment(s.doc)
    assert named_subject(cand, resolver) == []


def cheap(best: str, p: float, **others: float) -> Typing:
    """The cheap model's typing (`typing` gives the same probabilities)."""
    return Typing(typing(best, p, **others).probs, "cheap")


def test_the_encoder_reads_a_sentence_whose_records_it_must_rank() -> None:
    # two types: the encoder ranks them, even where the cheap model favours one
    assert wants_encoder(cheap("ASSAULT", 0.6), [record("ASSAULT"), record("ACCUSE")], lead=False)
    # paraphrase: one type the cheap model doubts (the encoder arbitrates)
    assert wants_encoder(cheap("AGREE", 0.6), [record("ASSAULT")], lead=False)
    # near miss: one type the cheap model gives even odds or more
    assert not wants_encoder(cheap("ASSAULT", AGREE_AT + 0.05), [record("ASSAULT")], lead=False)
    # near miss: RETREAT is read as YIELD, which the cheap model gives 0.6
    assert not wants_encoder(cheap("YIELD", 0.6), [record("RETREAT")], lead=False)


def test_the_encoder_reads_a_sentence_with_no_record_where_a_learned_one_may_come() -> None:
    # the lead: a learned record needs only LEAD_RECORD_AT there
    assert wants_encoder(cheap("AGREE", 0.2), [], lead=True)
    # paraphrase: a body sentence the cheap model gives some event
    assert wants_encoder(cheap("PROTEST", ENCODE_EVENT_AT + 0.05), [], lead=False)
    # near miss: a body sentence the cheap model sees no event in
    assert not wants_encoder(cheap("PROTEST", ENCODE_EVENT_AT - 0.1), [], lead=False)


def test_the_encoder_never_reads_what_the_cheap_model_is_sure_of() -> None:
    sure = cheap("ASSAULT", UNSURE_BELOW + 0.05)
    assert not wants_encoder(sure, [record("ASSAULT"), record("ACCUSE")], lead=True)
    assert not wants_encoder(sure, [], lead=True)
    # and never twice: an encoder typing is no longer unsure
    assert not wants_encoder(Typing(sure.probs, "encoder"), [], lead=True)


def test_the_pipeline_encodes_only_what_wants_encoder_picks() -> None:
    typer = load_typer()
    # body sentences with no event the cheap model is unsure of (below UNSURE_BELOW) but
    # gives no event ENCODE_EVENT_AT: the encoder stays idle there, after the lead
    lead = "Tajik troops shelled a Kyrgyz village on Tuesday, the border service said."
    body = [
        "The border runs through mountains and valleys that are hard to reach.",
        "Both countries are members of the Collective Security Treaty Organization.",
    ]
    cheap_typings = typer.type_sentences(body, encoder=False)
    assert all(unsure(t) and t.best[1] < ENCODE_EVENT_AT for t in cheap_typings)
    before = typer.encoded
    extract_document(Document(id="d", text=" ".join([lead, *body]), report_date="2022-09-16"))
    assert typer.encoded - before <= 1  # the lead at most


@pytest.mark.parametrize(
    "text",
    [
        "Directly after the attacks Tuesday, the Tajik government said Kyrgyz troops were responsible.",
        # paraphrases: another speaker and verb of saying, a demand
        "Moscow stated that Kyiv was to blame for the strike on the dam.",
    ],
)
@pytest.mark.parametrize("label", ["ACCUSE", "REQUEST"])
def test_an_event_done_by_saying_is_the_speakers(text: str, label: str) -> None:
    """'X said Y were responsible': X accuses; Y, whom the reported clause names, does not."""
    cand = model_candidate(
        sent(text), typing(label, NEW_RECORD_AT + 0.05, NONE=0.0), load_lexicon()
    )
    assert cand is not None and cand.event == label
    assert cand.trigger.lemma_ in ("say", "state")


def test_a_deed_reported_by_saying_is_the_doers() -> None:
    """Near miss: 'X said Y shelled the village' is Y's shelling, told by X."""
    text = "Kyrgyz officials said Tajik troops had shelled the village of Maksat on Monday."
    cand = model_candidate(
        sent(text), typing("ASSAULT", NEW_RECORD_AT + 0.05, NONE=0.0), load_lexicon()
    )
    assert cand is not None and cand.trigger.lemma_ == "shell"
