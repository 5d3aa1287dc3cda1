"""`pactwatch status` shows each ingest: running (with its counts), finished, failed, or
stopped without finishing (its process gone, or no heartbeat for STALE_S)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import update

from pactwatch.cli import main
from pactwatch.ingest import runs as runs_module
from pactwatch.ingest.run import IngestSummary, ingest
from pactwatch.ingest.runs import STALE_S, IngestRun, runs
from pactwatch.store import Store, open_store
from pactwatch.store.schema import ingest_runs
from tests.conftest import PROJECT

SAMPLES = PROJECT / "src" / "pactwatch" / "samples" / "corpus.jsonl"


def _status(url: str, capsys: pytest.CaptureFixture[str]) -> list[dict[str, Any]]:
    assert main(["status", "--format", "json", "--db", url]) == 0
    found: list[dict[str, Any]] = json.loads(capsys.readouterr().out)["ingests"]
    return found


def test_a_local_ingest_is_shown_while_it_runs_and_when_it_ended(
    store_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(runs_module, "HEARTBEAT_S", 0.0)  # a row write after each document
    looks: list[dict[str, Any]] = []

    def look(summary: IngestSummary) -> None:
        [run] = _status(store_url, capsys)
        assert run["documents_new"] == summary.new
        looks.append(run)

    with open_store(store_url) as store:
        summary = ingest([SAMPLES], store, report_date="2022-10-10", progress=look)
    assert summary.new == 14 and len(looks) == 14
    assert {run["state"] for run in looks} == {"running"}
    assert looks[0]["pid"] == os.getpid() and looks[0]["host"] == socket.gethostname()
    assert looks[0]["scheduler"] is None and looks[0]["finished_at"] is None
    assert looks[0]["started_by"].startswith("cli:")
    [ended] = _status(store_url, capsys)
    assert ended["state"] == "finished" and ended["finished_at"] is not None
    assert (ended["documents_new"], ended["records"]) == (14, summary.records)
    assert main(["status", "--db", store_url]) == 0
    lines = [row for row in capsys.readouterr().out.splitlines() if row.startswith("ingest ")]
    assert len(lines) == 1 and "finished at " in lines[0] and "on this machine" in lines[0]
    assert f"14 new, 0 unchanged, 0 rejected, {summary.records} records" in lines[0]


def test_a_run_that_raised_is_shown_failed_with_why(
    store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    def stop(summary: IngestSummary) -> None:
        if summary.new == 3:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        ingest([SAMPLES], store, report_date="2022-10-10", progress=stop)
    [run] = runs(store)
    assert run["state"] == "failed" and run["error"] == "KeyboardInterrupt"
    assert run["documents_new"] == 3


def test_a_killed_ingest_is_shown_stopped_not_running(store_url: str, tmp_path: Path) -> None:
    """SIGKILL leaves the row `running`: its pid on this machine is gone, so it is not."""
    script = (
        "import os, signal, sys\n"
        "from pactwatch.ingest.runs import IngestRun\n"
        "from pactwatch.store import open_store\n"
        "store = open_store(sys.argv[1])\n"
        "IngestRun.start(store, ['feed.jsonl'])\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    done = subprocess.run([sys.executable, "-c", script, store_url], check=False, timeout=120)
    assert done.returncode == -9
    with open_store(store_url) as store:
        [run] = runs(store)
    assert run["state"] == "stopped" and run["inputs"] == "feed.jsonl"
    assert run["pid"] != os.getpid() and run["finished_at"] is None


def test_a_run_elsewhere_is_running_until_its_heartbeat_is_stale(store: Store) -> None:
    run = IngestRun.start(store, ["a.jsonl"], scheduler="tcp://10.0.0.5:8786", by="ops")
    with store.write() as conn:  # as if started on another machine
        conn.execute(update(ingest_runs).values(host="worker-host-7", pid=1))
    run.update(IngestSummary(new=5, records=40), queued=3, done=2, retried=1)
    now = datetime.now(UTC)
    [shown] = runs(store, now=now)
    assert shown["state"] == "running" and shown["batches_queued"] == 3
    assert (shown["batches_done"], shown["batches_retried"], shown["records"]) == (2, 1, 40)
    [later] = runs(store, now=now + timedelta(seconds=STALE_S + 1))
    assert later["state"] == "stopped" and later["batches_queued"] == 0
    assert "stopped without finishing" in runs_module.describe(later)
    assert "batches 2 done, 0 queued, 1 retried" in runs_module.describe(later)


def test_running_ones_first_then_only_the_last_that_ended(store: Store) -> None:
    for _ in range(2):
        IngestRun.start(store, ["old"]).finish(IngestSummary(new=1))
    last = IngestRun.start(store, ["last"])
    last.finish(IngestSummary(new=2))
    live = IngestRun.start(store, ["live"])
    shown = runs(store)
    assert [(r["id"], r["state"]) for r in shown] == [(live.id, "running"), (last.id, "finished")]
