"""Leader files: terms of office, validation, and resolving a name on a date."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from pactwatch.errors import KnowledgeError
from pactwatch.knowledge import Knowledge, load_knowledge

from .helpers import HEADER, LEADERS, write_folder


def day(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


@pytest.fixture
def knowledge(tmp_path: Path) -> Knowledge:
    return load_knowledge(write_folder(tmp_path / "k", leaders={"kgz.csv": LEADERS}))


@pytest.mark.parametrize(
    ("name", "on", "person", "office"),
    [
        ("Atambayev", "2014-06-04", "Almazbek Atambayev", "head_of_state"),
        ("atambaev", "2011-03-01", "Almazbek Atambayev", "head_of_government"),
        # the handover day belongs to both terms: the head-of-state term wins
        ("Atambayev", "2011-12-01", "Almazbek Atambayev", "head_of_state"),
        # after the last term: the latest term that started before the date
        ("Atambayev", "2019-01-01", "Almazbek Atambayev", "head_of_state"),
        # before any term: the latest term
        ("Atambayev", "1990-01-01", "Almazbek Atambayev", "head_of_state"),
        ("Japarov", "2022-10-10", "Sadyr Japarov", "head_of_state"),
        ("ZHAPAROV", "2020-11-01", "Sadyr Japarov", "head_of_government"),
        ("Sadyr Japarov", "2020-12-01", "Sadyr Japarov", "head_of_government"),
        ("Mamytov", "2020-12-01", "Talant Mamytov", "head_of_state"),
    ],
)
def test_resolve_by_date(
    knowledge: Knowledge, name: str, on: str, person: str, office: str
) -> None:
    term = knowledge.resolve_person(name, day(on))
    assert term is not None
    assert (term.person, term.office, term.code, term.sector) == (person, office, "KGZ", "GOV")


def test_resolve_without_date_is_latest(knowledge: Knowledge) -> None:
    term = knowledge.resolve_person("Japarov", None)
    assert term is not None and term.start == day("2021-01-28") and term.end is None
    assert knowledge.resolve_person("Nobody", None) is None


def test_terms_and_person_aliases(knowledge: Knowledge) -> None:
    terms = knowledge.terms("Sadyr Japarov")
    assert [t.office for t in terms] == ["head_of_government", "head_of_state"]
    assert knowledge.terms("Zhaparov") == terms
    assert set(terms[0].aliases) == {"Sadyr Japarov", "Japarov", "Zhaparov"}
    people = [a for a in knowledge.aliases() if a.kind == "person"]
    assert {(a.text, a.person) for a in people} >= {
        ("Zhaparov", "Sadyr Japarov"),
        ("Sadyr Japarov", "Sadyr Japarov"),
        ("Atambaev", "Almazbek Atambayev"),
    }
    assert knowledge.lookup("Japarov") is None  # lookup is for non-person aliases


def test_acting_flag(knowledge: Knowledge) -> None:
    mamytov = knowledge.terms("Talant Mamytov")
    assert [t.acting for t in mamytov] == [True]


def test_empty_or_missing_folder(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "k")
    assert load_knowledge(folder).person_terms == {}
    (folder / "leaders").rmdir()
    assert load_knowledge(folder).person_terms == {}


def test_all_csv_files_are_read(tmp_path: Path) -> None:
    extra = HEADER + "Emomali Rahmon,,Rahmon|Rakhmonov,TJK,GOV,head_of_state,1994-11-16,\n"
    folder = write_folder(tmp_path / "k", leaders={"b.csv": LEADERS, "a.csv": extra, "x.txt": ""})
    knowledge = load_knowledge(folder)
    term = knowledge.resolve_person("Rakhmonov", day("2005-01-01"))
    assert term is not None and term.code == "TJK"


def _problems(tmp_path: Path, text: str) -> list[str]:
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(write_folder(tmp_path / "k", leaders={"t.csv": text}))
    return caught.value.problems


def test_overlapping_terms(tmp_path: Path) -> None:
    text = (
        HEADER
        + "A,,,KGZ,GOV,head_of_state,2010-01-01,2012-01-01\n"
        + "B,,,KGZ,GOV,head_of_state,2011-06-01,\n"
        + "C,,,KGZ,GOV,foreign_minister,2011-06-01,\n"
        + "D,,,KGZ,GOV,other,2011-06-01,\n"
        + "E,,,KGZ,GOV,other,2011-06-01,\n"
    )
    assert _problems(tmp_path, text) == [
        "leaders/t.csv:3: start: B is head_of_state of KGZ from 2011-06-01 while A is "
        "(leaders/t.csv:2, until 2012-01-01); fix the dates or mark one term acting"
    ]


def test_open_term_overlaps_every_later_one(tmp_path: Path) -> None:
    text = (
        HEADER
        + "A,,,TJK,GOV,head_of_state,1994-11-16,\n"
        + "B,,,TJK,GOV,head_of_state,2020-01-01,2021-01-01\n"
    )
    assert [p.split(": ")[0] for p in _problems(tmp_path, text)] == ["leaders/t.csv:3"]


def test_shared_alias_on_overlapping_dates(tmp_path: Path) -> None:
    text = (
        HEADER
        + "Heydar Aliyev,,Aliyev,USA,GOV,head_of_state,1993-10-10,2003-10-31\n"
        + "Ilham Aliyev,,Aliyev,USA,GOV,head_of_government,2003-08-04,2003-11-04\n"
    )
    found = _problems(tmp_path, text)
    assert len(found) == 1 and found[0].startswith("leaders/t.csv:3: aliases: 'aliyev' names both")


def test_shared_alias_on_separate_dates_resolves_by_date(tmp_path: Path) -> None:
    text = (
        HEADER
        + "Heydar Aliyev,,Aliyev,USA,GOV,head_of_state,1993-10-10,2003-10-31\n"
        + "Ilham Aliyev,,Aliyev,USA,GOV,head_of_state,2003-10-31,\n"
    )
    knowledge = load_knowledge(write_folder(tmp_path / "k", leaders={"t.csv": text}))
    early = knowledge.resolve_person("Aliyev", day("2001-01-01"))
    late = knowledge.resolve_person("Aliyev", day("2010-01-01"))
    assert early is not None and early.person == "Heydar Aliyev"
    assert late is not None and late.person == "Ilham Aliyev"


def test_row_problems(tmp_path: Path) -> None:
    text = (
        HEADER
        + ",,,KGZ,GOV,head_of_state,2010-01-01,\n"
        + "A,Q1,x||y,KGZ,GOV,head_of_state,10/01/2010,\n"
        + "B,Q1,,TJK,GOV,head_of_state,2010-01-01,,extra\n"
        + "B,Q2,,TJK,GOV,foreign_minister,2001-01-01,2002-01-01\n"
        + "C,,,TJK,GOV,other,1021-01-01,\n"
    )
    assert _problems(tmp_path, text) == [
        "leaders/t.csv:2: person: missing",
        "leaders/t.csv:3: start: '10/01/2010' is not a date YYYY-MM-DD",
        "leaders/t.csv:3: aliases: empty alias (two '|' in a row, or one at an end)",
        "leaders/t.csv:4: row: more cells than columns",
        "leaders/t.csv:5: qid: B has Q2 here but Q1 at leaders/t.csv:4",
        "leaders/t.csv:6: start: 1021-01-01 is outside 1900-2100 (a typo?)",
    ]


def test_header_problems(tmp_path: Path) -> None:
    text = "person,qid,aliases,code,sector,start,end,colour\nA,,,KGZ,GOV,2010-01-01,,red\n"
    assert _problems(tmp_path, text) == [
        "leaders/t.csv:1: header: missing column(s) office",
        "leaders/t.csv:1: header: unknown column(s) colour",
    ]


@pytest.mark.parametrize(
    "written", ["President Japarov", "Japarov's", "acting president Japarov", "Mr. Japarov"]
)
def test_titles_and_possessives(knowledge: Knowledge, written: str) -> None:
    term = knowledge.resolve_person(written, day("2022-10-10"))
    assert term is not None and term.person == "Sadyr Japarov"


@pytest.mark.parametrize("written", ["President", "Kyrgyz President Sadyr Japarov", "Japarovich"])
def test_no_person(knowledge: Knowledge, written: str) -> None:
    assert knowledge.resolve_person(written, day("2022-10-10")) is None


def test_spreadsheet_bom_is_accepted(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "k")
    (folder / "leaders" / "bom.csv").write_text("\ufeff" + LEADERS, encoding="utf-8")
    assert "Sadyr Japarov" in load_knowledge(folder).person_terms
