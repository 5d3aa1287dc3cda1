"""The place stage: golden cases (place_cases.yaml), the gazetteer's validation, robustness."""

from __future__ import annotations

import itertools
import time
from pathlib import Path
from typing import Any

import pycountry
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from pactwatch.errors import KnowledgeError
from pactwatch.extract._gazetteer import PLACES_FILE, load_gazetteer
from pactwatch.extract.places import MAX_CHARS, _find_places, find_places, place_for

CASES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "place_cases.yaml").read_text("utf-8")
)


def test_enough_cases() -> None:
    assert len(CASES) >= 30


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["text"][:40])
def test_golden(case: dict[str, Any]) -> None:
    got = [
        [
            case["text"][m.start : m.end],
            m.location.country_code,
            m.location.admin1,
            m.location.resolution,
        ]
        for m in find_places(case["text"])
    ]
    assert got == case["places"]


def test_results_are_fresh_lists() -> None:
    first = find_places("talks in Bishkek")
    first.clear()
    assert len(find_places("talks in Bishkek")) == 1


def test_city_has_coordinates() -> None:
    (match,) = find_places("talks in Bishkek")
    assert (match.location.lat, match.location.lon) == (42.87, 74.59)
    assert match.location.text == "Bishkek"


@pytest.mark.parametrize(
    ("name", "code", "admin1", "resolution"),
    [
        ("the Issyk-Kul region", "KGZ", "KG-Y", 2),
        ("ISSYK-KUL", "KGZ", "KG-Y", 2),
        ("osh", "KGZ", "KG-GO", 4),
        ("the Netherlands", "NLD", None, 1),
        ("Kyrgyz Republic", "KGZ", None, 1),
        ("Donetska oblast", "UKR", "UA-14", 2),  # an ISO 3166-2 name from pycountry
        ("Nur-Sultan", "KAZ", "KZ-71", 4),
        ("Galwan Valley", "IND", "IN-LA", 5),
    ],
)
def test_place_for(name: str, code: str, admin1: str | None, resolution: int) -> None:
    loc = place_for(name)
    assert loc is not None
    assert (loc.country_code, loc.admin1, loc.resolution, loc.text) == (
        code,
        admin1,
        resolution,
        name,
    )


@pytest.mark.parametrize(
    "name", ["Kyrgyz", "Russian", "Central Asia", "the South Caucasus", "nowhere", ""]
)
def test_not_a_place(name: str) -> None:
    assert place_for(name) is None


def test_every_state_is_found_by_its_iso_name() -> None:
    for country in pycountry.countries:
        if "," in country.name or "(" in country.name:
            continue
        loc = place_for(country.name)
        assert loc is not None and loc.country_code == country.alpha_3, country.name


def test_every_state_has_a_capital() -> None:
    """Every state with a seat of government has a city (Seychelles' Victoria is left out on purpose)."""
    cities = yaml.safe_load(PLACES_FILE.read_text("utf-8"))["cities"]
    covered = {c["country"] for c in cities}
    missing = {"AFG", "ARM", "KGZ", "USA", "TUV", "GRD", "ATG", "SGP"} - covered
    assert not missing
    assert len(covered) >= 190


def test_shipped_file_is_valid_and_starts_with_sources() -> None:
    load_gazetteer(PLACES_FILE)
    assert PLACES_FILE.read_text("utf-8").startswith("# places.yaml")
    assert "Sources." in PLACES_FILE.read_text("utf-8")[:600]


def test_every_problem_reported_at_once(tmp_path: Path) -> None:
    bad = tmp_path / "places.yaml"
    bad.write_text(
        "countries:\n"
        "  - {code: XXX, names: [Nowhere]}\n"
        "cities:\n"
        "  - {name: Alpha, country: KGZ, admin1: KG-ZZ, lat: 42.8, lon: 74.6}\n"
        "  - {name: Beta, country: KGZ, admin1: UA-14, lat: 95, lon: 74.6, colour: red}\n"
        "  - {name: Gamma, country: KGZ, admin1: null, lat: 42.0, lon: 74.0}\n"
        "  - {name: Gamma, country: TJK, admin1: null, lat: 38.0, lon: 68.0}\n"
        "ambiguous:\n"
        "  - {name: Delta, kind: city, country: KGZ}\n",
        encoding="utf-8",
    )
    with pytest.raises(KnowledgeError) as info:
        load_gazetteer(bad)
    problems = "\n".join(info.value.problems)
    for expected in (
        "places.yaml:2: code: 'XXX' is not an ISO 3166-1 alpha-3 code",
        "places.yaml:4: admin1: 'KG-ZZ' is not an ISO 3166-2 code",
        "places.yaml:5: admin1: UA-14 is not a subdivision of KGZ",
        "places.yaml:5: lat: 95 is not a number within ±90",
        "places.yaml:5: colour: unknown field",
        "'gamma' names 2 places (lines 6, 7): list it under ambiguous",
        "places.yaml:9: ambiguous: 'delta' names no place in this file",
    ):
        assert expected in problems, problems


def test_ambiguous_choice_is_used(tmp_path: Path) -> None:
    good = tmp_path / "places.yaml"
    good.write_text(
        "cities:\n"
        "  - {name: Gamma, country: KGZ, admin1: null, lat: 42.0, lon: 74.0}\n"
        "  - {name: Gamma, country: TJK, admin1: null, lat: 38.0, lon: 68.0}\n"
        "ambiguous:\n"
        "  - {name: Gamma, kind: city, country: TJK}\n",
        encoding="utf-8",
    )
    place = load_gazetteer(good).bare["gamma"]
    assert place is not None and place.country == "TJK"


def test_fast_on_a_long_sentence() -> None:
    sentence = (
        "Officials in Bishkek said on Tuesday that Kyrgyz and Tajik border guards had exchanged fire "
        "near the village of Vorukh in the Batken region, while the foreign ministry in Dushanbe "
        "accused Kyrgyzstan of provoking the clashes and called on the Collective Security Treaty "
        "Organization, whose secretariat is in Moscow, to send observers to the Fergana Valley before "
        "the summit in Astana next month, where leaders of Russia, Kazakhstan, Armenia and Belarus "
        "are expected to discuss the crisis with their Tajik and Kyrgyz counterparts."
    )
    assert len(sentence.split()) >= 80
    uncached = _find_places.__wrapped__  # find_places caches per sentence; time the real work
    uncached(sentence)
    started = time.perf_counter()
    for _ in range(200):
        uncached(sentence)
    assert (time.perf_counter() - started) / 200 < 0.002  # about 0.3 ms here; loose for slow CI


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=400))
def test_never_raises_and_offsets_index_text(text: str) -> None:
    matches = find_places(text)
    for m in matches:
        assert text[m.start : m.end] == m.location.text
    assert all(a.end <= b.start for a, b in itertools.pairwise(matches))


@settings(max_examples=100, deadline=None)
@given(
    words=st.lists(
        st.sampled_from(
            [
                "Kyrgyzstan",
                "the",
                "Osh",
                "region",
                "South",
                "Korea",
                "-",
                "led",
                "Issyk",
                "Kul",
                "Central",
                "Asia",
                "'s",
                ".",
                "Saint",
                "Petersburg",
            ]
        ),
        max_size=40,
    )
)
def test_place_like_word_salad(words: list[str]) -> None:
    text = " ".join(words)
    for m in find_places(text):
        assert text[m.start : m.end] == m.location.text


def test_huge_inputs_are_clipped_and_fast() -> None:
    names = " ".join(["Kyrgyzstan"] * 10_000)
    for text in (names, "x" * 5_000_000, "\x00\xff\ufffd" * 100_000, "South " * 10_000):
        started = time.perf_counter()
        matches = find_places(text)
        assert time.perf_counter() - started < 5
        assert all(m.end <= MAX_CHARS for m in matches)
