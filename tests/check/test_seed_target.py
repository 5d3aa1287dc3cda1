"""The issue's target on the seed column: what the proposed CSTO rules flag, beside the rules in force.

Two versions: over hand-made records shaped like the seed's gold events (must pass
now), and end to end through `pactwatch ingest` + `pactwatch check --format json`
(the real extractor on the real column).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from pactwatch.check.charter import load_charter
from pactwatch.check.check import check, findings_json
from pactwatch.cli import main
from pactwatch.corroborate import corroborate
from pactwatch.records import Attribution, Document, Entity, Event, Location, TextInfo
from pactwatch.store import open_store, save_document

SEED = "data/seed/csto-op-ed-2022-10-10.txt"
GOLD = "data/seed/gold.jsonl"
REPORT_DATE = "2022-10-10"
# the column's own proposals: no finding may quote them
PROPOSALS = (
    "should include a ban",
    "should be prohibited",
    "ban should also be imposed",
    "subordination to common decisions must be built",
)


def _sentence(text: str, quote: str) -> tuple[int, int]:
    """The span of the sentence (or line) around the first occurrence of `quote`."""
    at = text.index(quote)
    start = max(text.rfind(". ", 0, at) + 2, text.rfind("\n", 0, at) + 1, 0)
    ends = [
        i for i in (text.find(". ", at + len(quote)), text.find("\n", at + len(quote))) if i != -1
    ]
    end = min(ends) + 1 if ends else len(text)
    return start, end


def _date(window: list[str] | None) -> str | None:
    if not window:
        return None
    first, last = window
    if first == last:
        return first
    return first[:7] if first[:7] == last[:7] else first


def gold_records(shared: Path) -> tuple[Document, list[Event]]:
    """The seed column and one record per gold event, as an extractor should write them."""
    gold = json.loads((shared / GOLD).read_text(encoding="utf-8").splitlines()[0])
    text = gold["text"]
    doc = Document(id="seed", text=text, report_date=REPORT_DATE, url=None, source="PolitNavigator")
    events = []
    for n, g in enumerate(gold["events"]):
        start, end = _sentence(text, g["quotes"][0])
        events.append(
            Event(
                id=f"seed:{n}",
                event=g["event"],
                kind=g["kind"],
                aux=list(g["aux"]),
                actor=[Entity(c, None, c) for c in g["actor"]],
                recipient=[Entity(c, None, c) for c in g["recipient"]],
                date=_date(g["date"]),
                report_date=REPORT_DATE,
                event_loc=Location(text=g["loc"], country_code=g["loc"]) if g["loc"] else None,
                attribution=Attribution(),
                confidence=0.9,
                event_text=g["quotes"][0][:40],
                text_info=TextInfo("seed", n, start, end),
            )
        )
    return doc, events


def _flagged(result: dict[str, Any], rule: str) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for f in result["findings"]:
        if f["rule"] == rule:
            out.setdefault(f["member"], []).append(f)
    return out


def assert_seed_target(reform: dict[str, Any], treaty: dict[str, Any]) -> None:
    hostilities = _flagged(reform, "no-hostilities-between-members")
    assert {"KGZ", "TJK"} <= set(hostilities)
    for member in ("KGZ", "TJK"):
        months = {(f["first_date"] or "")[:7] for f in hostilities[member]}
        assert {"2022-09", "2021-04"} <= months, (member, months)
    exercises = _flagged(reform, "no-exercises-with-adversaries")
    assert {"TJK", "KAZ", "KGZ"} <= set(exercises)
    assert all("USA" in f["counterparts"] for m in ("TJK", "KAZ", "KGZ") for f in exercises[m])
    facilities = _flagged(reform, "no-adversary-facilities")
    assert "KAZ" in facilities
    assert {f["grade"] for f in facilities["KAZ"]} == {"single-source"}
    force = _flagged(treaty, "art1-non-use-of-force")
    assert {"KGZ", "TJK"} <= set(force)
    for result in (reform, treaty):
        for f in result["findings"]:
            for e in f["evidence"]:
                assert not any(p in e["quote"] for p in PROPOSALS), e["quote"]


def test_seed_target_on_gold_shaped_records(shared_dir: Path, store_url: str) -> None:
    doc, events = gold_records(shared_dir)
    with open_store(store_url) as store:
        save_document(store, doc, events)
        corroborate(store)
        today = dt.date(2025, 1, 1)
        reform = findings_json(
            load_charter("csto-reform"), check(store, "csto-reform", as_of=today)
        )
        treaty = findings_json(
            load_charter("csto-treaty"), check(store, "csto-treaty", as_of=today)
        )
    assert_seed_target(reform, treaty)
    # one column is one source: nothing it says alone is corroborated
    assert {f["grade"] for f in reform["findings"]} <= {"single-source", "disputed", "hedged"}


def test_seed_target_end_to_end(
    shared_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'seed.db'}"
    assert main(["ingest", str(shared_dir / SEED), "--report-date", REPORT_DATE, "--db", url]) == 0
    capsys.readouterr()
    results = []
    for charter in ("csto-reform", "csto-treaty"):
        assert main(["check", "--charter", charter, "--format", "json", "--db", url]) == 0
        results.append(json.loads(capsys.readouterr().out))
    assert_seed_target(*results)
