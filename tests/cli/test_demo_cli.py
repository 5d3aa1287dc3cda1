"""`pactwatch demo` end to end, as a new user runs it: in an empty folder, twice."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.test_extract_cli import Result, finish, start

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def demo_runs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Result], list[Result]]:
    work = tmp_path_factory.mktemp("demo")
    runs: list[Result] = []
    statuses: list[Result] = []
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("COLUMNS", "100")  # what the issue measures: a 100-column terminal
        for _ in range(2):
            runs.append(finish(start(["demo"], work)))
            statuses.append(finish(start(["status", "--format", "json"], work)))
        runs.append(finish(start(["demo", "--verbose"], work)))
    return work, runs, statuses


def test_demo_prints_events_and_the_comparison(
    demo_runs: tuple[Path, list[Result], list[Result]],
) -> None:
    _work, runs, _ = demo_runs
    first = runs[0]
    assert first.returncode == 0, first.stderr
    out = first.stdout
    assert "event record(s)" in out and "Findings (one per member and incident)" in out
    assert "csto-treaty: art1-non-use-of-force" in out and "csto-reform:" in out
    assert "under csto-treaty (in force)" in out
    assert "Next:" in out and "pactwatch serve" in out


def test_demo_fits_a_100_column_terminal(
    demo_runs: tuple[Path, list[Result], list[Result]],
) -> None:
    _work, runs, _ = demo_runs
    lines = runs[1].stdout.splitlines()  # the second run, as the issue measures it
    assert len(lines) <= 120
    assert max(len(line) for line in lines) <= 100
    # quotes are cut at a word, marked with an ellipsis
    quoted = [line for line in lines if "“" in line]
    assert quoted and all(line.rstrip().endswith(("”", "…”")) for line in quoted)


def test_demo_verbose_prints_every_record(
    demo_runs: tuple[Path, list[Result], list[Result]],
) -> None:
    _work, runs, _ = demo_runs
    verbose = runs[2]
    assert verbose.returncode == 0, verbose.stderr
    assert "Events" in verbose.stdout
    assert any(e in verbose.stdout for e in ("ASSAULT", "REJECT", "THREATEN", "COOPERATE"))
    assert "csto-treaty vs csto-reform" in verbose.stdout


def test_demo_writes_the_report(demo_runs: tuple[Path, list[Result], list[Result]]) -> None:
    work, runs, _ = demo_runs
    index = work / "pactwatch-report" / "index.html"
    assert index.is_file()
    assert "<html" in index.read_text(encoding="utf-8").lower()
    assert str(Path("pactwatch-report")) in runs[0].stdout
    assert (work / "pactwatch.db").is_file()  # the default store, in the working folder


def test_demo_twice_stores_nothing_new(demo_runs: tuple[Path, list[Result], list[Result]]) -> None:
    _work, runs, statuses = demo_runs
    assert runs[1].returncode == 0, runs[1].stderr
    assert "0 new" in runs[1].stdout
    counts = [json.loads(s.stdout) for s in statuses]
    assert all(s.returncode == 0 for s in statuses)
    assert counts[0]["documents"] > 0
    assert counts[1]["documents"] == counts[0]["documents"]
    assert counts[1]["events"] == counts[0]["events"]
    # the second run shows the same findings
    assert runs[1].stdout.count("\n") >= runs[0].stdout.count("\n") - 2


@pytest.mark.parametrize(
    ("text", "most", "expected"),
    [
        ("Kyrgyzstan cancelled the exercise", 100, "Kyrgyzstan cancelled the exercise"),
        ("Kyrgyzstan cancelled the exercise", 20, "Kyrgyzstan…"),
        ("Kyrgyzstan, Tajikistan and Russia", 13, "Kyrgyzstan…"),
        ("Indestructible", 8, "Indestr…"),
    ],
)
def test_cut_at_a_word_with_an_ellipsis(text: str, most: int, expected: str) -> None:
    from pactwatch.cli.demo_cmd import cut

    assert cut(text, most) == expected
    assert len(cut(text, most)) <= most
