"""Who may be a party to an event: news outlets never are; named organisations the
knowledge files do not hold are non-state actors (NSA) in their own words."""

from __future__ import annotations

import pytest

from pactwatch.extract import extract_document
from pactwatch.knowledge import load_knowledge
from pactwatch.records import Document, Event


def events(text: str) -> list[Event]:
    return extract_document(Document(id="d", text=text, report_date="2022-09-19"))


def codes(evs: list[Event]) -> set[str]:
    return {e.code for ev in evs for e in [*ev.actor, *ev.recipient]}


@pytest.mark.parametrize(
    "text",
    [
        "Deputy Prime Minister Edil Baisalov told RIA Novosti on Monday that Tajik soldiers had shelled Kyrgyz villages.",
        "Kyrgyz officials told Sputnik that Tajik forces had attacked a border post.",
        "Tajik troops shelled two Kyrgyz villages, Japarov told TASS on Monday.",
    ],
)
def test_a_news_outlet_is_no_party(text: str) -> None:
    evs = events(text)
    assert evs, "the attack is still reported"
    assert "RUS" not in codes(evs)


def test_a_state_named_beside_an_outlet_is_still_a_party() -> None:
    evs = events("Russia accused Kyrgyzstan of breaking the ceasefire, TASS reported.")
    assert "RUS" in codes(evs) and "KGZ" in codes(evs)


@pytest.mark.parametrize(
    ("name", "outlet"),
    [
        ("Reuters", True),
        ("Tasnim news agency", True),
        ("Asian News International", True),
        ("RIA Novosti", True),
        ("Russia", False),
        ("the Foreign Ministry", False),
        ("Post Office", False),
        ("the Washington Post", True),
        # a media word in a description is no outlet
        ("a border post in Kyrgyzstan's Batken province", False),
    ],
)
def test_outlets_by_name_and_by_the_word_that_ends_them(name: str, outlet: bool) -> None:
    assert load_knowledge().is_outlet(name) is outlet


def test_an_unknown_named_company_is_a_non_state_actor() -> None:
    evs = events("Siemens supplied drones to Lithuania.")
    assert any(a.code == "NSA" and a.text == "Siemens" for ev in evs for a in ev.actor)
    assert "LTU" in codes(evs)


def test_an_exercise_name_is_no_actor() -> None:
    evs = events("The Vostok-2018 exercise began in Russia on Tuesday.")
    assert "NSA" not in codes(evs)


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("Armenia's Security Council condemned the shelling.", "ARM"),
        ("The Kyrgyz Security Council condemned the attack on Monday.", "KGZ"),
    ],
)
def test_a_states_own_security_council_is_that_state(text: str, state: str) -> None:
    actors = {a.code for ev in events(text) for a in ev.actor}
    assert state in actors and "UN" not in actors


@pytest.mark.parametrize(
    "text",
    [
        "The UN Security Council condemned the attack on Monday.",
        "The Security Council condemned the attack on Monday.",
    ],
)
def test_the_security_council_alone_is_the_uns(text: str) -> None:
    assert "UN" in {a.code for ev in events(text) for a in ev.actor}


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("The Ministry of Defence of Armenia accused Azerbaijan of shelling Jermuk.", "ARM"),
        ("The Ministry of Emergency Situations of Kyrgyzstan sent aid to Batken.", "KGZ"),
    ],
)
def test_an_unknown_organ_named_with_its_state_is_that_state(text: str, state: str) -> None:
    actors = [a for ev in events(text) for a in ev.actor]
    assert state in {a.code for a in actors}
    assert "NSA" not in {a.code for a in actors}


def _on(text: str, report_date: str) -> set[str]:
    return codes(extract_document(Document(id="d", text=text, report_date=report_date)))


@pytest.mark.parametrize(
    ("text", "report_date", "state"),
    [
        ("Pashinyan accused Azerbaijan of shelling Armenian villages.", "2022-09-14", "ARM"),
        # in office, and a surname alone still names him the year after he left
        ("Kok condemned the bombing of Belgrade.", "1999-04-01", "NLD"),
        ("Kok condemned the bombing of Belgrade.", "2003-06-01", "NLD"),
        # the full name names him whenever
        ("Wim Kok condemned the bombing of Belgrade.", "2022-09-14", "NLD"),
    ],
)
def test_a_leader_named_by_surname_while_in_office(text: str, report_date: str, state: str) -> None:
    assert state in _on(text, report_date)


@pytest.mark.parametrize(
    "text",
    [
        # a Dutch prime minister of 1994-2002 is no party in 2022, by surname or in a place name
        "Kok condemned the bombing of Belgrade.",
        "Tajik border guards opened fire on Kyrgyz positions near the village of Kok-Tash.",
    ],
)
def test_a_surname_of_a_leader_long_gone_is_no_one(text: str) -> None:
    assert "NLD" not in _on(text, "2022-09-14")


def _recipients(text: str) -> list[tuple[str, str | None]]:
    evs = extract_document(Document(id="d", text=text, report_date="2022-09-16"))
    return [(e.code, e.sector) for ev in evs for e in ev.recipient]


@pytest.mark.parametrize(
    ("text", "recipient"),
    [
        # a place or facility attacked stands for its owner, with the sector its words name
        (
            "Azerbaijani forces shelled military positions in Armenia's Jermuk region.",
            ("ARM", "MIL"),
        ),
        ("Tajik troops attacked a border post in Kyrgyzstan's Batken province.", ("KGZ", "MIL")),
        ("Russian artillery shelled the town of Kharkiv on Monday.", ("UKR", "CVL")),
        ("The Taliban stormed a police headquarters in eastern Afghanistan.", ("AFG", "COP")),
        # people an event is done to are a group of the state where it happened,
        # not the government of the city named
        ("Kyrgyz police detained 18 people in Bishkek.", ("KGZ", "CVL")),
        ("Belarusian police arrested dozens of demonstrators in Minsk on Sunday.", ("BLR", "CVL")),
    ],
)
def test_an_unnamed_target_stands_for_its_owner(text: str, recipient: tuple[str, str]) -> None:
    assert _recipients(text) == [recipient]


@pytest.mark.parametrize(
    "text",
    [
        # where the fire came from is not whom it hit
        "Tajik troops fired from positions in Tajikistan's Sughd region on Monday.",
        # troops sent are the thing moved, not the recipient
        "Russia sent troops to Kazakhstan on Thursday.",
    ],
)
def test_a_place_that_is_not_the_target_is_no_recipient(text: str) -> None:
    assert not any(sector in ("MIL", "CVL") and code != "KAZ" for code, sector in _recipients(text))
    assert "TJK" not in {code for code, _ in _recipients(text)}


@pytest.mark.parametrize(
    ("text", "state"),
    [
        # "its", "their": the subject of the clause above, in the same sentence
        ("Kyrgyzstan said its troops had pulled back from the border.", "KGZ"),
        ("Kyrgyz officials said their troops had pulled back from the border.", "KGZ"),
        ("The Kyrgyz defence ministry said its troops had pulled back from the border.", "KGZ"),
        # the nearest subject above, not the speaker, when the clause names its own
        ("Russia said Kazakh troops had completed their withdrawal from Almaty.", "KAZ"),
    ],
)
def test_a_possessive_belongs_to_the_subject_above_it(text: str, state: str) -> None:
    evs = [e for e in events(text) if e.event == "RETREAT"]
    assert [[a.code for a in e.actor] for e in evs] == [[state]]


def test_a_possessive_with_no_subject_before_it_is_no_one() -> None:
    # written before its owner: no guess from the words that follow
    assert events("Its troops pulled back from the border, Kyrgyzstan said.") == []
