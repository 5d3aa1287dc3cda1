"""The alliance registry: membership on a date, with joins, departures, suspensions and freezes."""

from __future__ import annotations

import datetime as dt

import pytest

from pactwatch.errors import KnowledgeError, NotFound
from pactwatch.knowledge.alliances import ever_member, load_alliances, members_on


def test_the_registry_loads_and_names_the_dev_sets_alliances() -> None:
    registry = load_alliances()
    for code in (
        "CSTO",
        "CST",
        "NATO",
        "SCO",
        "EAEU",
        "CIS",
        "EU",
        "ECOWAS",
        "AES",
        "G5S",
        "GCC",
        "AU",
        "ASEAN",
        "AUKUS",
    ):
        assert registry[code].members, code


@pytest.mark.parametrize(
    ("alliance", "code", "day", "member"),
    [
        ("CSTO", "UZB", "2010-01-01", True),
        ("CSTO", "UZB", "2012-07-01", False),  # suspended 2012-06-28
        ("CSTO", "UZB", "2013-01-01", False),  # left
        ("CSTO", "UZB", "2006-06-22", False),
        ("CSTO", "ARM", "2024-06-01", True),  # frozen participation: still bound by the treaty
        ("CST", "GEO", "1998-01-01", True),
        ("CST", "GEO", "1999-05-01", False),
        ("NATO", "FIN", "2022-06-01", False),
        ("NATO", "FIN", "2023-04-04", True),
        ("NATO", "SWE", "2024-03-06", False),
        ("NATO", "SWE", "2024-03-07", True),
        ("ECOWAS", "MLI", "2020-01-01", True),
        ("ECOWAS", "MLI", "2025-02-01", False),
        ("G5S", "MLI", "2022-05-16", False),
        ("GCC", "QAT", "2018-01-01", True),
        ("AES", "NER", "2024-01-01", True),
    ],
)
def test_members_on(alliance: str, code: str, day: str, member: bool) -> None:
    assert (code in members_on(alliance, day)) is member
    assert (code in members_on(alliance, dt.date.fromisoformat(day))) is member


def test_frozen_is_recorded() -> None:
    [arm] = [m for m in load_alliances()["CSTO"].members if m.code == "ARM"]
    assert arm.frozen and arm.frozen[0].start == dt.date(2024, 2, 22)


def test_unknown_alliance_and_bad_date() -> None:
    with pytest.raises(NotFound):
        members_on("WARSAW", "1980-01-01")
    with pytest.raises(KnowledgeError):
        members_on("NATO", "yesterday")


def test_ever_member_reads_the_registry_whatever_the_day() -> None:
    assert ever_member("CSTO", "ARM")
    assert ever_member("CSTO", "UZB")  # left in 2012, a member once
    assert not ever_member("CSTO", "USA")
    assert not ever_member("UN", "ARM")  # no alliance in the registry
