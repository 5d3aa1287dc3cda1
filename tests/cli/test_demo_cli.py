"""`pactwatch demo` end to end, as a new user runs it: in an empty folder, twice."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.test_extract_cli import Result, finish, start


@pytest.fixture(scope="module")
def demo_runs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Result], list[Result]]:
    work = tmp_path_factory.mktemp("demo")
    runs: list[Result] = []
    statuses: list[Result] = []
    for _ in range(2):
        runs.append(finish(start(["demo"], work)))
        statuses.append(finish(start(["status", "--format", "json"], work)))
    return work, runs, statuses


def test_demo_prints_events_and_the_comparison(
    demo_runs: tuple[Path, list[Result], list[Result]],
) -> None:
    _work, runs, _ = demo_runs
    first = runs[0]
    assert first.returncode == 0, first.stderr
    out = first.stdout
    assert "Events" in out and "event record(s)" in out
    assert any(event in out for event in ("ASSAULT", "REJECT", "THREATEN", "COOPERATE"))
    assert "csto-treaty" in out and "csto-reform" in out
    assert "under csto-treaty (in force)" in out


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
    # the second run shows the same events
    assert runs[1].stdout.count("\n") >= runs[0].stdout.count("\n") - 2
