"""kill -9 in the middle of an ingest loses nothing and duplicates nothing.

A `pactwatch ingest` of 500 documents is killed part-way; running it again must
leave exactly the documents and records of a run that was never interrupted.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, func, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError

from pactwatch import extract
from pactwatch.ingest.run import ingest
from pactwatch.store import open_store
from pactwatch.store.engine import normalise_url
from pactwatch.store.schema import documents, entities, events
from tests.conftest import PROJECT, StoreUrlFactory
from tests.fake_extract import fake_extract_documents

N_DOCS = 500
KILL_AFTER = 20  # documents stored before the kill


def _corpus(folder: Path, n_docs: int) -> Path:
    folder.mkdir()
    for i in range(n_docs):
        (folder / f"report-{i:03d}.txt").write_text(
            f"Kyrgyz border guards fired at Tajik post number {i} near Batken. "
            f"Dushanbe protested to Bishkek on September {1 + i % 28}. "
            f"The CSTO called both members to restraint in statement {i}."
        )
    return folder


def _command(corpus: Path, url: str) -> list[str]:
    """The real command line, with a quick deterministic extractor in place of the NLP
    (whose start-up alone takes longer than this whole test should)."""
    args = ["ingest", str(corpus), "--db", url, "--report-date", "2022-10-10"]
    return [sys.executable, "-m", "tests.fake_extract", *args]


def _env(**extra: str) -> dict[str, str]:
    env = dict(os.environ, **extra)
    env["PYTHONPATH"] = os.pathsep.join([str(PROJECT), env.get("PYTHONPATH", "")])
    return env


def _count(engine: Engine) -> int:
    try:
        with engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(documents)).scalar_one())
    except DBAPIError:
        return 0  # tables not created yet


def _snapshot(url: str) -> dict[str, list[Any]]:
    """Everything ingest wrote, minus what differs between runs by nature (times, serials)."""
    engine = create_engine(normalise_url(url))
    try:
        with engine.connect() as conn:
            docs = conn.execute(
                select(*[c for c in documents.c if c.name != "ingested_at"]).order_by(
                    documents.c.id
                )
            ).all()
            evs = conn.execute(select(events).order_by(events.c.id)).all()
            ents = conn.execute(
                select(*[c for c in entities.c if c.name != "id"]).order_by(
                    entities.c.event_id, entities.c.role, entities.c.id
                )
            ).all()
    finally:
        engine.dispose()
    return {
        "documents": [tuple(r) for r in docs],
        "events": [tuple(r) for r in evs],
        "entities": [tuple(r) for r in ents],
    }


@pytest.mark.slow
@pytest.mark.parametrize(
    "backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def test_sigkill_then_rerun_equals_an_uninterrupted_run(
    backend: str, tmp_path: Path, make_store_url: StoreUrlFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = _corpus(tmp_path / "corpus", N_DOCS)
    reference, interrupted = make_store_url(backend), make_store_url(backend)
    env = _env(PACTWATCH_BATCH_SIZE="4")

    # the uninterrupted run in this process (quicker): the function the command calls
    monkeypatch.setattr(extract, "extract_documents", fake_extract_documents)
    with open_store(reference) as store:
        summary = ingest([corpus], store, report_date="2022-10-10")
    assert (summary.new, summary.rejected) == (N_DOCS, [])
    expected = _snapshot(reference)
    assert len(expected["documents"]) == N_DOCS
    assert expected["events"] and expected["entities"]

    # slow each document a little so that the kill lands part-way for certain
    proc = subprocess.Popen(
        _command(corpus, interrupted),
        cwd=tmp_path,
        env={**env, "PACTWATCH_FAKE_DELAY": "0.003"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    watcher = create_engine(normalise_url(interrupted))
    try:
        deadline = time.monotonic() + 120
        while _count(watcher) < KILL_AFTER:
            assert proc.poll() is None, f"ingest ended before it could be killed: {proc.stderr}"
            assert time.monotonic() < deadline, "ingest stored nothing in 120 s"
            time.sleep(0.005)
        proc.kill()  # SIGKILL: no cleanup, no rollback by the process itself
        proc.wait(timeout=30)
        assert proc.returncode == -9
        stored = _count(watcher)
    finally:
        watcher.dispose()
        if proc.stderr:
            proc.stderr.close()
    assert KILL_AFTER <= stored < N_DOCS

    again = subprocess.run(
        _command(corpus, interrupted),
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert again.returncode == 0, again.stderr
    assert f"{N_DOCS - stored} new, {stored} unchanged" in again.stdout
    assert _snapshot(interrupted) == expected

    if backend == "sqlite":
        engine = create_engine(normalise_url(interrupted))
        try:
            with engine.connect() as conn:
                assert conn.exec_driver_sql("PRAGMA integrity_check").scalar_one() == "ok"
                assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
        finally:
            engine.dispose()


@pytest.mark.parametrize(
    "backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def test_two_ingests_at_once_store_each_document_once(
    backend: str, tmp_path: Path, make_store_url: StoreUrlFactory
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(60):
        (corpus / f"r{i:02d}.txt").write_text(f"Report {i}. Bishkek protested. Moscow called.")
    url = make_store_url(backend)  # a new store: both processes also race to create the tables
    procs = [
        subprocess.Popen(
            _command(corpus, url),
            cwd=tmp_path,
            env=_env(PACTWATCH_FAKE_DELAY="0.002"),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    results = [p.communicate(timeout=300) for p in procs]
    for proc, (_out, err) in zip(procs, results, strict=True):
        assert proc.returncode == 0, err
    snapshot = _snapshot(url)
    assert len(snapshot["documents"]) == 60
    assert len({row[0] for row in snapshot["events"]}) == len(snapshot["events"]) == 180
