"""What each extraction stage contributes, as properties of the records.

Each test fails when its stage is removed or broken: text (offsets), entities
and roles (codes in the right role), dates, places, factuality (proposals,
denials, hedges), merge (one record per event) and the record format. They
assert the property, not every field, so that better extraction keeps them
green. All documents are extracted in one pass (the parser loads once).
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from pactwatch.extract import extract_documents
from pactwatch.records import Document

REPORT_DATE = "2023-03-22"  # a Wednesday

TEXTS: dict[str, str] = {
    # offsets: Windows newlines, typographic quotes, a non-BMP character, leading blanks
    "crlf": (
        "Kyrgyz troops shelled a Tajik village.\r\n\r\n"
        "  “We saw it,” a resident said 🙂. Tajik troops shelled the Kyrgyz village "
        "of Ak-Sai on 14 September 2022.\r\nRussia and Belarus held a joint military "
        "exercise near Brest on Monday.\r\n"
    ),
    "unicode": (
        "Zürich — « Réunion » : Armenia’s prime minister met Kazakhstan’s president "
        "in Astana on Monday. Pashinyan and Tokayev signed an agreement on trade."
    ),
    "proposal": (
        "The charter should include a ban on hostilities between members. "
        "Members that attack one another ought to lose their voting rights. "
        "The charter should oblige Russia to send troops to Armenia whenever Azerbaijan attacks it. "
        "If Azerbaijan attacks Armenia again, Russia could send troops to Armenia."
    ),
    "should": "Kazakhstan should impose sanctions on Russia, the author argues.",
    "skipped": "Kyrgyz President Sadyr Japarov did not go to the summit in Astana on Friday.",
    "reportedly": "Russian forces reportedly shelled the Ukrainian city of Kharkiv on Tuesday.",
    "according": "According to the Ukrainian military, Russian forces shelled Kharkiv on Tuesday.",
    "repeated": (
        "Armenia cancelled the CSTO exercise on Tuesday. Armenia's cancellation of the "
        "exercise angered Moscow. Yerevan cancelled the drills because of the border war."
    ),
    "old": "In 2019 Kyrgyz troops shelled a Tajik village.",
    "recent": "Tajik troops shelled the Kyrgyz village of Ak-Sai on 14 September 2022.",
    "roles": "Tokayev, Pashinyan and Japarov asked Russia for help on Monday.",
    "passive": "The Kyrgyz village of Ak-Sai was shelled by Tajik forces on Tuesday.",
    "in-state": "Security forces in Guinea shelled the village of Kolo on Monday.",
    "in-state-compound": "Opposition groups in Zimbabwe demanded that the government resign.",
    "own-help": "Hungary said on Monday it will send humanitarian aid to Ukraine.",
    "own-harm": "The European Union said it would impose sanctions on Belarus.",
    "topic": "Armenia and Azerbaijan held talks on the withdrawal of troops from the border.",
    "endanger": (
        "Ukraine asked NATO for weapons. Its integration into NATO threatened every member "
        "of the CSTO."
    ),
    "he": "Antony Blinken visited Bahrain on Monday. He called the Houthi attacks reckless.",
    "dismissed-as": "Moldova's government dismissed the congress as a propaganda event.",
    "fight-hunger": "Lula promised the Brazilian Congress that Brazil would fight hunger.",
    "fire": (
        "Kyrgyz and Tajik border guards exchanged fire near Batken on Saturday. "
        "Russia launched drones at Kharkiv on Sunday. "
        "North Korea launched two ballistic missiles into the sea on Monday."
    ),
    "no-sign": "Washington said it had seen no sign that Russia was preparing to attack Poland.",
    "station": "Putin says Russia will station nuclear weapons in Belarus.",
    "at-summit": "EU leaders will discuss relations with Turkey at a summit in Brussels.",
    "anniversary": "Paris called off a gala to mark the anniversary of a naval battle with Britain.",
    "one-side": (
        "Sarkozy flew to Moscow for talks with Medvedev on Tuesday. "
        "Fighting erupted last week when Georgian forces launched an assault on Tskhinvali."
    ),
    "rule-out": "Moscow has not ruled out using force against Kyiv.",
    "police": "Police used tear gas to disperse protesters in Tbilisi on Monday.",
    "ending": "Medvedev announced on Tuesday that Russia was ending its military operation in Georgia.",
    "member": (
        "NATO leaders met in Vilnius on Monday. Sweden, which applied in May last year, "
        "is not yet a member."
    ),
    "deed": (
        "China and Russia vetoed the resolution on Thursday. "
        "US Ambassador Linda Thomas-Greenfield condemned the vetoes."
    ),
    "willing": "Syria says it is willing to withdraw its troops from Lebanon.",
    "ready": "Borrell said the European Union stood ready to impose further sanctions on Belarus.",
    "unless": (
        "Nigeria announced that it will withdraw its peacekeeping force from Chad "
        "unless the president steps down."
    ),
}

SPEC_KEYS = [
    "id", "event", "mode", "context", "kind", "aux", "actor", "recipient", "date",
    "enddate", "report_date", "event_loc", "attribution", "confidence", "text_info",
    "event_text", "reasons",
]  # fmt: skip
ENTITY_KEYS = ["code", "sector", "text", "qid"]
LOCATION_KEYS = ["text", "country_code", "admin1", "lat", "lon", "resolution"]


def _docs() -> list[Document]:
    return [Document(id=name, text=text, report_date=REPORT_DATE) for name, text in TEXTS.items()]


def _run() -> dict[str, list[dict[str, Any]]]:
    return {doc.id: [e.to_dict() for e in events] for doc, events in extract_documents(_docs())}


@pytest.fixture(scope="module")
def records() -> dict[str, list[dict[str, Any]]]:
    return _run()


def codes(entities: list[dict[str, Any]]) -> set[str]:
    return {e["code"] for e in entities}


def test_every_span_is_a_sentence_of_the_document(records: dict[str, list[dict[str, Any]]]) -> None:
    assert records["crlf"] and records["unicode"]
    for name, recs in records.items():
        text = TEXTS[name]
        for r in recs:
            info = r["text_info"]
            span = text[info["start"] : info["end"]]
            assert info["doc_id"] == name
            assert span and span == span.strip(), (name, span)
            assert "\n" not in span and "\r" not in span, (name, span)
            # the trigger words are in the evidence sentence
            for word in re.findall(r"\w+", r["event_text"]):
                assert word in span, (name, r["event_text"], span)


def test_offsets_survive_crlf_quotes_and_wide_characters(
    records: dict[str, list[dict[str, Any]]],
) -> None:
    text = TEXTS["crlf"]
    spans = [text[r["text_info"]["start"] : r["text_info"]["end"]] for r in records["crlf"]]
    assert any(s.startswith("Tajik troops shelled the Kyrgyz village") for s in spans), spans
    assert any(s.startswith("Russia and Belarus held") for s in spans), spans
    sentences = [r["text_info"]["sentence"] for r in records["crlf"]]
    assert all(isinstance(n, int) and n >= 1 for n in sentences)


def test_ids_are_stable_and_numbered(records: dict[str, list[dict[str, Any]]]) -> None:
    again = _run()
    assert again == records  # the same input gives the same output, ids included
    for name, recs in records.items():
        assert [r["id"] for r in recs] == [f"{name}:{n}" for n in range(1, len(recs) + 1)]


def test_records_have_the_spec_keys_in_order(records: dict[str, list[dict[str, Any]]]) -> None:
    all_records = [r for recs in records.values() for r in recs]
    assert all_records
    for r in all_records:
        # provenance, the spec's extension, is the last key when present
        assert list(r) == [*SPEC_KEYS, "provenance"]
        assert r["provenance"]["extractor"].startswith("pactwatch ")
        for entity in r["actor"] + r["recipient"] + r["attribution"]["speaker"]:
            assert list(entity) == ENTITY_KEYS
        if r["event_loc"] is not None:
            assert list(r["event_loc"]) == LOCATION_KEYS
        assert list(r["attribution"]) == ["speaker", "hedged"]
        assert list(r["text_info"]) == ["doc_id", "sentence", "start", "end"]
        assert 0 <= r["confidence"] <= 1
        assert r["reasons"] and all(isinstance(v, str) for v in r["reasons"].values())


def test_proposals_and_conditionals_yield_no_record(
    records: dict[str, list[dict[str, Any]]],
) -> None:
    assert records["proposal"] == []
    # at most a REQUEST by the author; never the sanction itself
    assert not [r for r in records["should"] if r["event"] == "SANCTION"]


def test_a_sector_noun_in_a_state_is_that_states(
    records: dict[str, list[dict[str, Any]]],
) -> None:
    (rec,) = [r for r in records["in-state"] if r["event"] == "ASSAULT"]
    assert codes(rec["actor"]) == {"GIN"}
    # the sector can come from a modifier ("opposition groups")
    (rec,) = [r for r in records["in-state-compound"] if r["event"] == "REQUEST"]
    assert codes(rec["actor"]) == {"ZWE"} and rec["actor"][0]["sector"] == "OPP"


def test_a_thing_that_endangers_threatens_nobody(
    records: dict[str, list[dict[str, Any]]],
) -> None:
    assert not [r for r in records["endanger"] if r["event"] == "THREATEN"]


def test_he_is_the_person_named_last(records: dict[str, list[dict[str, Any]]]) -> None:
    (rec,) = [r for r in records["he"] if r["event"] == "ACCUSE"]
    assert codes(rec["actor"]) == {"USA"}


def test_dismissing_as_propaganda_is_a_condemnation(
    records: dict[str, list[dict[str, Any]]],
) -> None:
    recs = records["dismissed-as"]
    assert [r["event"] for r in recs] == ["ACCUSE"]
    # a lower-case "congress" is no name: not the US Congress
    assert "USA" not in codes(recs[0]["recipient"])


def test_fighting_hunger_is_no_battle(records: dict[str, list[dict[str, Any]]]) -> None:
    assert not [r for r in records["fight-hunger"] if r["event"] == "ASSAULT"]


def test_fire_exchanged_and_drones_launched_are_attacks(
    records: dict[str, list[dict[str, Any]]],
) -> None:
    by_text = {r["event_text"]: r for r in records["fire"]}
    assert by_text["exchanged"]["event"] == "ASSAULT"
    assert codes(by_text["exchanged"]["actor"]) == {"KGZ", "TJK"}
    events = sorted(r["event"] for r in records["fire"] if r["event_text"] == "launched")
    # drones launched at a city are an attack; missiles into the sea a show of force
    assert events == ["ASSAULT", "MOBILIZE"]


def test_no_sign_of_an_attack_is_no_attack(records: dict[str, list[dict[str, Any]]]) -> None:
    assert not [r for r in records["no-sign"] if r["event"] == "ASSAULT"]


def test_weapons_stationed_abroad_are_a_deployment_not_an_accusation(
    records: dict[str, list[dict[str, Any]]],
) -> None:
    recs = records["station"]
    assert [(r["event"], r["aux"]) for r in recs] == [("MOBILIZE", ["future"])]
    assert codes(recs[0]["recipient"]) == {"BLR"}


def test_talks_at_a_summit_are_one_meeting(records: dict[str, list[dict[str, Any]]]) -> None:
    assert [r["event"] for r in records["at-summit"]] == ["CONSULT"]


def test_an_anniversary_refers_to_a_battle_without_reporting_it(
    records: dict[str, list[dict[str, Any]]],
) -> None:
    assert not [r for r in records["anniversary"] if r["event"] == "ASSAULT"]


def test_the_last_pair_is_no_side_of_a_fight_it_does_not_include(
    records: dict[str, list[dict[str, Any]]],
) -> None:
    fights = [r for r in records["one-side"] if r["event"] == "ASSAULT"]
    assert fights and all(codes(r["actor"]) <= {"GEO"} for r in fights)


def test_force_not_ruled_out_is_a_threat_not_an_attack(
    records: dict[str, list[dict[str, Any]]],
) -> None:
    recs = records["rule-out"]
    assert [(r["event"], r["aux"]) for r in recs] == [("THREATEN", [])]
    assert codes(recs[0]["actor"]) == {"RUS"}


def test_police_act_for_the_state_they_police(
    records: dict[str, list[dict[str, Any]]],
) -> None:
    (rec,) = [r for r in records["police"] if r["event"] == "ASSAULT"]
    assert codes(rec["actor"]) == {"GEO"} and rec["actor"][0]["sector"] == "COP"


def test_ending_ones_own_operation_is_a_withdrawal(
    records: dict[str, list[dict[str, Any]]],
) -> None:
    assert [r["event"] for r in records["ending"]] == ["RETREAT"]


def test_an_application_is_to_the_organisation_under_discussion(
    records: dict[str, list[dict[str, Any]]],
) -> None:
    (rec,) = [r for r in records["member"] if r["event"] == "REQUEST"]
    assert codes(rec["actor"]) == {"SWE"} and codes(rec["recipient"]) == {"NATO"}


def test_a_reaction_to_a_deed_told_before_is_addressed_to_its_doers(
    records: dict[str, list[dict[str, Any]]],
) -> None:
    (rec,) = [r for r in records["deed"] if r["event"] == "ACCUSE"]
    assert codes(rec["actor"]) == {"USA"} and codes(rec["recipient"]) == {"CHN", "RUS"}


def test_what_talks_are_about_is_no_event(records: dict[str, list[dict[str, Any]]]) -> None:
    assert [r["event"] for r in records["topic"]] == ["CONSULT"]


def test_a_readiness_is_a_promise_or_a_threat(
    records: dict[str, list[dict[str, Any]]],
) -> None:
    # what the party is ready to do is the content of its statement, not an event
    assert [r["event"] for r in records["willing"]] == ["AGREE"]
    assert codes(records["willing"][0]["actor"]) == {"SYR"}
    assert [r["event"] for r in records["ready"]] == ["THREATEN"]
    assert codes(records["ready"][0]["actor"]) == {"EU"}


def test_a_partys_own_announced_help_or_harm_is_a_promise_or_a_threat(
    records: dict[str, list[dict[str, Any]]],
) -> None:
    assert [(r["event"], r["aux"]) for r in records["own-help"]] == [("AGREE", [])]
    assert codes(records["own-help"][0]["actor"]) == {"HUN"}
    assert [r["event"] for r in records["own-harm"]] == ["THREATEN"]


def test_an_action_announced_on_a_condition_is_a_threat(
    records: dict[str, list[dict[str, Any]]],
) -> None:
    recs = records["unless"]
    assert [r["event"] for r in recs] == ["THREATEN"]
    assert codes(recs[0]["actor"]) == {"NGA"} and recs[0]["aux"] == []


def test_a_skipped_summit_is_a_reject(records: dict[str, list[dict[str, Any]]]) -> None:
    recs = records["skipped"]
    assert [r["event"] for r in recs] == ["REJECT"]
    assert "meet" in recs[0]["mode"] and "negation" not in recs[0]["aux"]
    assert "KGZ" in codes(recs[0]["actor"])
    assert not any(r["event"] == "CONSULT" for r in recs)


def test_reportedly_is_hedged(records: dict[str, list[dict[str, Any]]]) -> None:
    (rec,) = [r for r in records["reportedly"] if r["event"] == "ASSAULT"]
    assert rec["attribution"]["hedged"] is True
    assert "RUS" in codes(rec["actor"])


def test_according_to_names_the_speaker(records: dict[str, list[dict[str, Any]]]) -> None:
    (rec,) = [r for r in records["according"] if r["event"] == "ASSAULT"]
    assert "UKR" in codes(rec["attribution"]["speaker"])
    assert "RUS" in codes(rec["actor"]) and "UKR" not in codes(rec["actor"])


def test_unattributed_records_have_no_speaker(records: dict[str, list[dict[str, Any]]]) -> None:
    (rec,) = [r for r in records["recent"] if r["event"] == "ASSAULT"]
    assert rec["attribution"] == {"speaker": [], "hedged": False}


def test_repeated_mentions_merge(records: dict[str, list[dict[str, Any]]]) -> None:
    rejects = [r for r in records["repeated"] if r["event"] == "REJECT"]
    assert len(rejects) == 1, rejects
    assert "ARM" in codes(rejects[0]["actor"])


def test_historical_only_for_events_over_a_year_old(
    records: dict[str, list[dict[str, Any]]],
) -> None:
    (old,) = [r for r in records["old"] if r["event"] == "ASSAULT"]
    assert old["date"] == "2019" and "historical" in old["aux"]
    (recent,) = [r for r in records["recent"] if r["event"] == "ASSAULT"]
    assert recent["date"] == "2022-09-14" and "historical" not in recent["aux"]


def test_relative_dates_resolve_against_the_report_date(
    records: dict[str, list[dict[str, Any]]],
) -> None:
    (rec,) = [r for r in records["reportedly"] if r["event"] == "ASSAULT"]
    assert rec["date"] == "2023-03-21"  # the Tuesday before Wednesday 22 March
    assert "2023-03-22" in rec["reasons"]["date"]


def test_place_of_the_event(records: dict[str, list[dict[str, Any]]]) -> None:
    (rec,) = [r for r in records["reportedly"] if r["event"] == "ASSAULT"]
    assert rec["event_loc"] is not None and rec["event_loc"]["country_code"] == "UKR"
    assert "event_loc" in rec["reasons"]


def test_coordinated_actors_and_recipient(records: dict[str, list[dict[str, Any]]]) -> None:
    (rec,) = [r for r in records["roles"] if r["event"] == "REQUEST"]
    assert codes(rec["actor"]) == {"KAZ", "ARM", "KGZ"}
    assert codes(rec["recipient"]) == {"RUS"}
    assert all(e["sector"] == "GOV" for e in rec["actor"])  # people resolved through office


def test_passive_voice_puts_the_agent_first(records: dict[str, list[dict[str, Any]]]) -> None:
    (rec,) = [r for r in records["passive"] if r["event"] == "ASSAULT"]
    assert "TJK" in codes(rec["actor"]) and "TJK" not in codes(rec["recipient"])
    assert "KGZ" in codes(rec["recipient"]) and "KGZ" not in codes(rec["actor"])
