"""A document that takes longer than its time budget to extract is rejected by name;
the documents around it are stored (issue 12: a per-document time budget checked
between extraction stages)."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pactwatch.errors import InputRejected
from pactwatch.extract import extract_documents, pipeline
from pactwatch.ingest.run import ingest
from pactwatch.records import Document
from pactwatch.store import Store, iter_events

SHORT = "Kyrgyz guards fired at a Tajik post on Monday."
LONG = " ".join(f"Tajik troops shelled the Kyrgyz village number {n}." for n in range(30))


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """A clock that moves one second each time extraction looks at it: a document's time
    is then the number of sentences it has, whatever the machine is doing."""
    ticks = itertools.count()
    monkeypatch.setattr(pipeline.time, "monotonic", lambda: float(next(ticks)))


def test_a_slow_document_is_rejected_and_the_others_go_on(clock: None) -> None:
    docs = [
        Document(id="short-1", text=SHORT),
        Document(id="long", text=LONG, origin="feed.jsonl:2"),
        Document(id="short-2", text=SHORT),
    ]
    rejected: list[InputRejected] = []
    done = [
        d.id
        for d, _ in extract_documents(docs, budget_s=10, on_reject=lambda _d, e: rejected.append(e))
    ]
    assert done == ["short-1", "short-2"]
    assert [r.origin for r in rejected] == ["feed.jsonl:2"]
    assert "more than 10 s" in rejected[0].reason
    assert "PACTWATCH_DOC_SECONDS" in (rejected[0].fix or "")


def test_without_a_budget_every_document_is_extracted(clock: None) -> None:
    docs = [Document(id="long", text=LONG)]
    assert [d.id for d, _ in extract_documents(docs)] == ["long"]


def test_ingest_stores_what_fits_and_names_what_did_not(
    store: Store, tmp_path: Path, clock: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PACTWATCH_DOC_SECONDS", "10")
    (tmp_path / "a.txt").write_text(SHORT)
    (tmp_path / "b.txt").write_text(LONG)
    summary = ingest([tmp_path / "a.txt", tmp_path / "b.txt"], store, report_date="2022-09-19")
    assert summary.new == 1
    assert [r.origin for r in summary.rejected] == [str(tmp_path / "b.txt")]
    assert {e.text_info.doc_id for e in iter_events(store)} == set(summary.doc_ids)


def test_the_command_line_names_the_document_and_exits_1(tmp_path: Path) -> None:
    (tmp_path / "slow.txt").write_text(LONG)
    env = {**os.environ, "PACTWATCH_DOC_SECONDS": "0.000001"}
    run = subprocess.run(
        [sys.executable, "-m", "pactwatch", "extract", str(tmp_path / "slow.txt")],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert run.returncode == 1, run.stderr
    assert "slow.txt" in run.stderr and "PACTWATCH_DOC_SECONDS" in run.stderr
    assert "Traceback" not in run.stderr
    assert run.stdout == ""
