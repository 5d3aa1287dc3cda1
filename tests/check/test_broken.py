"""Broken charters: every error at once, each with file, line and field; the CLI exits 2 doing nothing.

Each file in broken/ ends with `# expect: LINE: FIELD: start of message` lines.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pactwatch.check.charter import load_charter, parse_charter
from pactwatch.cli import main
from pactwatch.errors import CharterError, KnowledgeError
from pactwatch.knowledge.alliances import parse_alliances

BROKEN = sorted((Path(__file__).parent / "broken").glob("*.yaml"))
EXPECT = re.compile(r"^# expect: (\d+): (.+?): (.+)$", re.M)


def test_a_dozen_broken_charters() -> None:
    assert len(BROKEN) >= 12


@pytest.mark.parametrize("path", BROKEN, ids=[p.stem for p in BROKEN])
def test_every_error_named_with_file_line_and_field(path: Path) -> None:
    expected = EXPECT.findall(path.read_text(encoding="utf-8"))
    assert expected, f"{path.name} declares no expected errors"
    with pytest.raises(CharterError) as info:
        load_charter(str(path))
    problems = info.value.problems
    assert len(problems) == len(expected), "\n".join(problems)
    for problem, (line, field, start) in zip(problems, expected, strict=True):
        assert problem.startswith(f"{path}:{line}: {field}: {start}"), problem


@pytest.mark.parametrize(
    "path", BROKEN[:3] + [p for p in BROKEN if p.stem == "many-errors"], ids=lambda p: p.stem
)
def test_cli_exits_2_and_does_nothing(
    path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "never.db"
    status = main(["check", "--charter", str(path), "--db", f"sqlite:///{db}"])
    out, err = capsys.readouterr()
    assert status == 2
    assert out == ""
    for line, field, _start in EXPECT.findall(path.read_text(encoding="utf-8")):
        assert f"{path}:{line}: {field}: " in err
    assert not db.exists()  # nothing else done: not even the store was created


def test_unknown_charter_name(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--charter", "warsaw-pact", "--db", "sqlite://"]) == 2
    assert "csto-reform" in capsys.readouterr().err  # the message lists the shipped charters


def test_a_charter_needs_a_mapping() -> None:
    with pytest.raises(CharterError) as info:
        parse_charter("- just\n- a list\n", "list.yaml")
    assert info.value.problems == [
        "list.yaml:1: (file): a charter is a mapping with id, title, alliance, rules"
    ]


def test_alliance_registry_errors_all_at_once() -> None:
    text = (
        "NATO:\n"
        "  name: North Atlantic Treaty Organization\n"
        "  founded: 1949-04-04\n"
        "  members:\n"
        "    - {code: FIN, joined: 2023-04-31}\n"
        "    - {code: Sweden, joined: 2024-03-07}\n"
        "    - {code: USA, joined: 1949-04-04, left: 1948-01-01}\n"
        "    - {code: TUR, joined: 1952-02-18, suspended: [{from: 2020-01-01, until: 2019-01-01}], colour: red}\n"
        "  allies: []\n"
    )
    with pytest.raises(KnowledgeError) as info:
        parse_alliances(text, "reg.yaml")
    assert info.value.problems == [
        "reg.yaml:9: NATO.allies: unknown field",
        "reg.yaml:5: NATO.members[0].joined: not a YYYY-MM-DD date: '2023-04-31'",
        "reg.yaml:6: NATO.members[1].code: not an ISO alpha-3 code: 'Sweden'",
        "reg.yaml:7: NATO.members[2].left: not a date after 'joined': '1948-01-01'",
        "reg.yaml:8: NATO.members[3].colour: unknown field",
        "reg.yaml:8: NATO.members[3].suspended[0].until: is before 'from'",
    ]
