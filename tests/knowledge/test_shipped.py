"""The knowledge files shipped in the package load cleanly and say what extraction needs."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest

from pactwatch.knowledge import Knowledge, load_knowledge


@pytest.fixture(scope="module")
def knowledge() -> Knowledge:
    return load_knowledge()


def test_loads_once(knowledge: Knowledge) -> None:
    assert load_knowledge() is knowledge


def test_counts(knowledge: Knowledge) -> None:
    assert len(knowledge.states) >= 240
    sovereign_like = [s for s in knowledge.states.values() if s.names and s.demonyms]
    assert len(sovereign_like) >= 190
    assert {"CSTO", "NATO", "SCO", "EU", "EAEU", "CIS", "UN", "OSCE", "ECOWAS", "AU"} <= set(
        knowledge.igos
    )
    assert {"ASEAN", "GCC", "G7", "G20"} <= set(knowledge.igos)
    assert len(knowledge.agencies) >= 80
    assert len(knowledge.sector_nouns) >= 150


def test_every_state_has_a_seat_of_government_or_says_why(knowledge: Knowledge) -> None:
    missing = [
        code
        for code, state in knowledge.states.items()
        if not any(m.sector == "GOV" for m in state.metonyms) and not state.note
    ]
    assert missing == []


def test_file_headers_say_what_and_where_from() -> None:
    from pactwatch.knowledge.load import DEFAULT_DIR, FILES

    for name in FILES:
        first = (DEFAULT_DIR / name).read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# "), name


@pytest.mark.parametrize(
    ("text", "code", "sector", "kind"),
    [
        ("Bishkek", "KGZ", "GOV", "metonym"),
        ("the Pentagon", "USA", "MIL", "metonym"),
        ("Pentagon", "USA", "MIL", "metonym"),
        ("Yerevan", "ARM", "GOV", "metonym"),
        ("Ankara", "TUR", "GOV", "metonym"),
        ("Moscow", "RUS", "GOV", "metonym"),
        ("the Kremlin", "RUS", "GOV", "metonym"),
        ("London", "GBR", "GOV", "metonym"),
        ("Langley", "USA", "INTEL", "metonym"),
        ("Nur-Sultan", "KAZ", "GOV", "metonym"),
        ("Kiev", "UKR", "GOV", "metonym"),
        ("the Elysee", "FRA", "GOV", "metonym"),
        ("Brussels", "EU", "IGO", "metonym"),
        ("Kirghizia", "KGZ", None, "state"),
        ("Kyrgyz Republic", "KGZ", None, "state"),
        ("the U.S.", "USA", None, "state"),
        ("Byelorussia", "BLR", None, "state"),
        ("DPRK", "PRK", None, "state"),
        ("Türkiye", "TUR", None, "state"),
        ("Turkiye", "TUR", None, "state"),
        ("Ivory Coast", "CIV", None, "state"),
        ("Czech Republic", "CZE", None, "state"),
        ("Macedonia", "MKD", None, "state"),
        ("Swaziland", "SWZ", None, "state"),
        ("Burma", "MMR", None, "state"),
        ("Kosovo", "XKX", None, "state"),
        ("Kyrgyz", "KGZ", None, "demonym"),
        ("Azeri", "AZE", None, "demonym"),
        ("Emirati", "ARE", None, "demonym"),
        ("Nigerien", "NER", None, "demonym"),
        ("Collective Security Treaty Organisation", "CSTO", "IGO", "igo"),
        ("ODKB", "CSTO", "IGO", "igo"),
        ("Collective Security Council", "CSTO", "IGO", "igo"),
        ("North Atlantic Council", "NATO", "IGO", "igo"),
        ("UN Security Council", "UN", "IGO", "igo"),
        ("Security Council", "UN", "IGO", "igo"),
        ("MI6", "GBR", "INTEL", "agency"),
        ("FSB", "RUS", "INTEL", "agency"),
        ("National Security Agency", "USA", "INTEL", "agency"),
        ("Jogorku Kenesh", "KGZ", "LEG", "agency"),
        ("State Duma", "RUS", "LEG", "agency"),
        ("Wagner Group", "RUS", "MIL", "agency"),
    ],
)
def test_lookup(knowledge: Knowledge, text: str, code: str, sector: str | None, kind: str) -> None:
    alias = knowledge.lookup(text)
    assert alias is not None, text
    assert (alias.code, alias.sector, alias.kind) == (code, sector, kind)


def test_lookup_ignores_case_and_the(knowledge: Knowledge) -> None:
    assert knowledge.lookup("THE KREMLIN") == knowledge.lookup("Kremlin")
    assert knowledge.lookup("bishkek") is not None
    assert knowledge.lookup("no such place") is None


def test_qids(knowledge: Knowledge) -> None:
    expected = {
        "KGZ": "Q813", "TJK": "Q863", "KAZ": "Q232", "ARM": "Q399", "AZE": "Q227",
        "RUS": "Q159", "USA": "Q30", "GBR": "Q145", "TUR": "Q43", "BLR": "Q184",
        "UZB": "Q265", "TKM": "Q874", "MNG": "Q711", "CHN": "Q148", "IND": "Q668",
        "PAK": "Q843", "UKR": "Q212", "FIN": "Q33", "SWE": "Q34",
    }  # fmt: skip
    assert {c: knowledge.entity_for(c)[1] for c in expected} == expected
    assert knowledge.entity_for("NATO") == ("North Atlantic Treaty Organization", "Q7184")
    assert knowledge.entity_for("XYZ") == (None, None)


def test_demonyms(knowledge: Knowledge) -> None:
    assert knowledge.state_for_demonym("Russians") == "RUS"
    assert knowledge.state_for_demonym("kyrgyzstani") == "KGZ"
    assert knowledge.state_for_demonym("Kyrgyzstan") is None


def test_ambiguous_alias_takes_its_resolution(knowledge: Knowledge) -> None:
    congo = knowledge.lookup("Congo")
    assert congo is not None and congo.code == "COD"
    assert [a.code for a in knowledge.aliases() if a.text == "Congo"] == ["COD"]


def test_aliases_are_deterministic_and_cover_people(knowledge: Knowledge) -> None:
    aliases = knowledge.aliases()
    assert aliases == knowledge.aliases()
    assert {a.kind for a in aliases} >= {"state", "demonym", "metonym", "igo", "agency"}
    for alias in aliases:
        assert alias.text.strip() == alias.text and alias.text


def test_sector_nouns(knowledge: Knowledge) -> None:
    nouns = knowledge.sector_nouns
    assert nouns["military department"] == "MIL"
    assert nouns["paratroopers"] == "MIL"
    assert nouns["prime minister"] == "GOV"
    assert nouns["border guards"] == "MIL"
    assert nouns["authorities"] == "GOV"
    assert all(text == text.lower() for text in nouns)


@pytest.mark.parametrize(
    ("name", "on", "code"),
    [
        ("Japarov", "2022-10-10", "KGZ"),
        ("Atambayev", "2014-06-04", "KGZ"),
        ("Tokayev", "2022-01-05", "KAZ"),
        ("Pashinyan", "2022-10-10", "ARM"),
        ("Lukashenko", "2022-10-10", "BLR"),
    ],
)
def test_shipped_leaders(knowledge: Knowledge, name: str, on: str, code: str) -> None:
    if not knowledge.terms(name):
        pytest.skip(f"the shipped leader files do not list {name}")
    term = knowledge.resolve_person(name, datetime.date.fromisoformat(on))
    assert term is not None
    assert (term.code, term.sector) == (code, "GOV")
    person_aliases = [a for a in knowledge.aliases() if a.kind == "person" and a.text == name]
    assert person_aliases and person_aliases[0].person == term.person


@pytest.mark.parametrize(
    ("text", "code", "sector"),
    [
        ("Hamas", "PSE", "REB"),
        ("PKK", "TUR", "REB"),
        ("European Community", "EU", "IGO"),
        ("USSR", "SUN", None),
        ("KGB", "SUN", "INTEL"),
        ("MINUSMA", "UN", "MIL"),
        ("TASS", "RUS", "MED"),
        ("Barkhane", "FRA", "MIL"),
        # armed groups of no one state: the non-state code, whatever the place
        ("ISIS", "NSA", "REB"),
        ("Daesh", "NSA", "REB"),
        ("ISKP", "NSA", "REB"),
        ("al-Qaida", "NSA", "REB"),
    ],
)
def test_extended_actors(knowledge: Knowledge, text: str, code: str, sector: str | None) -> None:
    alias = knowledge.lookup(text)
    assert alias is not None and (alias.code, alias.sector) == (code, sector)


def test_every_code_in_the_gold_files_is_known(knowledge: Knowledge, shared_dir: Path) -> None:
    """The development set and the seed name no state or organisation we cannot resolve."""
    codes: set[str] = set()
    for path in (shared_dir / "data/dev/alliance-dev.jsonl", shared_dir / "data/seed/gold.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            for event in json.loads(line)["events"]:
                codes |= set(event.get("actor") or []) | set(event.get("recipient") or [])
    unknown = sorted(c for c in codes - {"NSA"} if knowledge.entity_for(c) == (None, None))
    assert unknown == []


def test_knowledge_can_key_a_cache(knowledge: Knowledge) -> None:
    assert {knowledge: 1}[knowledge] == 1


def test_not_actors(knowledge: Knowledge) -> None:
    assert {"Latin America", "Indian Ocean", "Persian Gulf"} <= set(knowledge.not_actors)
    assert all(knowledge.lookup(text) is None for text in knowledge.not_actors)
