"""Broken knowledge files: one KnowledgeError names every problem with file, line and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from pactwatch.errors import KnowledgeError
from pactwatch.knowledge import load_knowledge

from .helpers import IGOS, LEADERS, STATES, write_folder

BROKEN_STATES = """\
# broken on purpose
states:
  - code: KGZ
    qid: Q813
    names: [Kyrgyzstan]
    capital: Bishkek
  - code: KG
    name: Kyrgyzstan again
    qid: Q813
    names: []
  - code: TJK
    name: Tajikistan
    qid: X863
    names: [Tajikistan]
    metonyms:
      - {text: Dushanbe, sector: GOVT}
  - code: UZB
    name: Uzbekistan
    qid: null
    names: [Uzbekistan]
    metonyms:
      - {text: Tashkent, sector: GOV}
  - code: UZB
    name: Uzbekistan twice
    qid: null
    names: [Uzbekistan]
  - code: KAZ
    name: Kazakhstan
    qid: Q232
    names: [Kazakhstan, Tashkent]
  - code: USA
    name: United States
    name: America
    qid: Q30
    names: [US]
"""

BROKEN_IGOS = (
    IGOS
    + """\
  - code: csto
    name: lower-case code
    qid: null
    names: [lower]
  - code: USA
    name: Clash with a state code
    qid: null
    names: [Clash]
"""
)

BROKEN_AGENCIES = """\
# broken on purpose
agencies:
  - {code: XXX, sector: INTEL, name: Nobody's Service, names: []}
  - {code: UZB, sector: SPY, name: SNB, names: []}
  - {code: NSA, sector: GOV, name: Nobody's Ministry, names: []}
  - {code: NSA, sector: REB, name: Armed Group of No State, names: [AGNS]}
ambiguous:
  - {text: Nothing Here, codes: [UZB, KAZ], resolution: UZB, why: stale}
sector_nouns:
  - {text: Border Guards, sector: MIL}
  - {text: troops, sector: MIL}
  - {text: troops, sector: GOV}
"""

BROKEN_LEADERS = (
    "person,qid,aliases,code,sector,office,start,end\n"
    + "A One,,One,UZB,GOV,head_of_state,2021-13-01,\n"
    + "B Two,,Two,UZB,GOV,head_of_state,2010-05-01,2009-01-01\n"
    + "C Three,,Three,XYZ,GOV,head_of_state,2001-01-01,2002-01-01\n"
    + "D Four,,Four,KAZ,GOV,head_of_state,2000-01-01,2010-01-01\n"
    + "E Five,,Five,KAZ,GOV,head_of_state,2005-01-01,2012-01-01\n"
    + "F Six,Qx,Six,KAZ,ARMY,president,2005-01-01,\n"
)


@pytest.fixture
def problems(tmp_path: Path) -> list[str]:
    folder = write_folder(
        tmp_path / "k",
        states=BROKEN_STATES,
        igos=BROKEN_IGOS,
        agencies=BROKEN_AGENCIES,
        leaders={"a.csv": BROKEN_LEADERS},
    )
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(folder)
    return caught.value.problems


EXPECTED = [
    "states.yaml:3: states[KGZ].name: missing",
    "states.yaml:6: states[KGZ].capital: unknown field",
    "states.yaml:7: states[1].code: 'KG' does not match",
    "states.yaml:13: states[TJK].qid: 'X863' does not match",
    "states.yaml:16: states[TJK].metonyms[0].sector: 'GOVT' is not one of",
    "states.yaml:23: states[UZB].code: code given twice",
    "states.yaml:30: state alias: 'Tashkent' names KAZ here but UZB at states.yaml:22",
    "states.yaml:33: name: key given twice",
    "igos.yaml:16: igos[2].code: 'csto' does not match",
    "igos.yaml:1: igos[USA].code: USA is also a state code",
    "agencies.yaml:3: agencies[Nobody's Service].code: unknown state or igo 'XXX'",
    "agencies.yaml:4: agencies[SNB].sector: 'SPY' is not one of",
    "agencies.yaml:5: agencies[Nobody's Ministry].sector: a group of no state (code NSA) has sector OPP or REB, not GOV",
    "agencies.yaml:8: ambiguous: 'Nothing Here' is not ambiguous",
    "agencies.yaml:10: sector_nouns[0].text: write it in lower case",
    "agencies.yaml:12: sector_nouns[2].text: 'troops' already has sector MIL, here GOV",
    "leaders/a.csv:2: start: '2021-13-01'",
    "leaders/a.csv:3: end: 2009-01-01 is before start 2010-05-01",
    "leaders/a.csv:4: code: unknown state or igo 'XYZ'",
    "leaders/a.csv:6: start: E Five is head_of_state of KAZ from 2005-01-01 while D Four is",
    "leaders/a.csv:7: qid: 'Qx' is not a Wikidata id",
    "leaders/a.csv:7: sector: 'ARMY' is not one of",
    "leaders/a.csv:7: office: 'president' is not one of",
]


@pytest.mark.parametrize("expected", EXPECTED)
def test_each_problem_is_reported(problems: list[str], expected: str) -> None:
    assert any(p.startswith(expected) for p in problems), "\n".join(problems)


def test_nothing_else_is_reported(problems: list[str]) -> None:
    unexpected = [p for p in problems if not any(p.startswith(e) for e in EXPECTED)]
    assert unexpected == []


def test_message_names_the_error_code(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "k", agencies=BROKEN_AGENCIES)
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(folder)
    assert str(caught.value).startswith("[E030] ")
    assert "agencies.yaml:3:" in str(caught.value)


def test_the_valid_fixture_loads(tmp_path: Path) -> None:
    knowledge = load_knowledge(write_folder(tmp_path / "k", leaders={"kgz.csv": LEADERS}))
    assert set(knowledge.states) == {"KGZ", "TJK", "USA"}
    assert knowledge.lookup("CRRF") is not None


def test_missing_files_and_bad_yaml(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "k", igos="igos: [unclosed\n")
    (folder / "agencies.yaml").unlink()
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(folder)
    found = caught.value.problems
    assert len(found) == 2, found
    assert found[0].startswith("igos.yaml:2: yaml:"), found
    assert found[1].startswith("agencies.yaml:1: file: missing"), found


def test_empty_file(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(write_folder(tmp_path / "k", igos="# nothing yet\n"))
    assert caught.value.problems == ["igos.yaml:1: file: is empty"]


def test_unlisted_ambiguity_then_listed(tmp_path: Path) -> None:
    states = (
        STATES
        + "  - {code: COD, name: DR Congo, qid: Q974, names: [Congo]}\n"
        + "  - {code: COG, name: Republic of the Congo, qid: Q971, names: [Congo]}\n"
    )
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(write_folder(tmp_path / "a", states=states))
    assert caught.value.problems == [
        "states.yaml:26: state alias: 'Congo' names COG here but COD at states.yaml:25; "
        "remove one or list it under 'ambiguous:'"
    ]
    listed = states + (
        "ambiguous:\n  - {text: Congo, codes: [COD, COG], resolution: COD, why: usage}\n"
    )
    knowledge = load_knowledge(write_folder(tmp_path / "b", states=listed))
    congo = knowledge.lookup("congo")
    assert congo is not None and congo.code == "COD"
    assert knowledge.lookup("Republic of the Congo") is not None


def test_not_actors_must_hold_an_alias_and_not_be_one(tmp_path: Path) -> None:
    states = STATES + "not_actors: [Latin America, Washington, Arabian Sea]\n"
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(write_folder(tmp_path / "k", states=states))
    assert caught.value.problems == [
        "states.yaml:25: not_actors: 'Washington' is itself an actor alias",
        "states.yaml:25: not_actors: 'Arabian Sea' contains no actor alias; drop it",
    ]
    fine = STATES + "not_actors: [Latin America, New Washington Times]\n"
    knowledge = load_knowledge(write_folder(tmp_path / "ok", states=fine))
    assert knowledge.not_actors == ("Latin America", "New Washington Times")


def test_target_places_need_known_sectors() -> None:
    from pactwatch.errors import KnowledgeError
    from pactwatch.extract.lexicon import parse_lexicon

    good = {
        "verbs": {"attack": {"event": "ASSAULT"}},
        "target_places": {"post": "MIL", "area": None},
    }
    assert parse_lexicon(good).target_places == {"post": "MIL", "area": None}
    with pytest.raises(KnowledgeError, match=r"target_places\.post: unknown sector 'ARMY'"):
        parse_lexicon({**good, "target_places": {"post": "ARMY"}})


def test_verb_lemmas_map_a_form_to_its_lemma() -> None:
    from pactwatch.errors import KnowledgeError
    from pactwatch.extract.lexicon import parse_lexicon

    good = {"verbs": {"wage": {"light": True}}, "verb_lemmas": {"Waged": "wage"}}
    assert parse_lexicon(good).verb_lemmas == {"waged": "wage"}
    with pytest.raises(KnowledgeError, match="verb_lemmas must map a verb form to its lemma"):
        parse_lexicon({**good, "verb_lemmas": ["waged"]})
