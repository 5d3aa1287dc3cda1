"""A distributed ingest survives killed workers: 0 documents lost, 0 duplicated.

A real `dask scheduler` and two `dask worker` processes on loopback; the real
`pactwatch ingest --scheduler` command stores 200 documents into PostgreSQL.
Part-way, one worker process is killed with SIGKILL (its nanny starts it again),
and later a whole worker, nanny and all. The store must end with exactly the
documents and records of a one-process ingest, and the summary must say so.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, func, select
from sqlalchemy.exc import DBAPIError

from pactwatch.ingest.run import ingest
from pactwatch.ingest.runs import runs
from pactwatch.store import open_store
from pactwatch.store.engine import normalise_url
from pactwatch.store.schema import documents
from tests.conftest import PROJECT, StoreUrlFactory
from tests.ingest.test_distributed import SAMPLES, _stored

pytestmark = [pytest.mark.slow, pytest.mark.postgres]

N_DOCS = 200
DASK = Path(sys.executable).parent / "dask"


def _corpus(path: Path) -> Path:
    base = [json.loads(line) for line in SAMPLES.read_text(encoding="utf-8").splitlines()]
    base = base[:12]  # the last two samples are too alike for copies to differ
    lines = []
    for n in range(N_DOCS):
        doc = base[n % len(base)]
        paragraphs = doc["text"].split("\n\n")
        body = paragraphs[1:]
        shift = (n // len(base)) % max(len(body), 1)
        # a numbered headline keeps every copy's text distinct
        head = f"{paragraphs[0]} ({n})"
        lines.append(
            {**doc, "id": f"doc-{n:03d}", "text": "\n\n".join([head, *body[shift:], *body[:shift]])}
        )
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    return path


def _env() -> dict[str, str]:
    env = dict(os.environ, OMP_NUM_THREADS="1")
    env["PYTHONPATH"] = os.pathsep.join([str(PROJECT), env.get("PYTHONPATH", "")])
    return env


@pytest.fixture
def scheduler(tmp_path: Path) -> Iterator[tuple[str, list[subprocess.Popen[bytes]]]]:
    """A `dask scheduler` and two `dask worker` processes, one thread each."""
    pytest.importorskip("distributed")
    info = tmp_path / "scheduler.json"
    log = (tmp_path / "dask.log").open("wb")
    common = ["--dashboard-address", ":0"]
    procs = [
        subprocess.Popen(
            [
                str(DASK),
                "scheduler",
                "--host",
                "127.0.0.1",
                "--port",
                "0",
                "--scheduler-file",
                str(info),
                *common,
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            env=_env(),
        )
    ]
    try:
        deadline = time.monotonic() + 60
        while not info.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        address = json.loads(info.read_text())["address"]
        for name in ("a", "b"):
            procs.append(
                subprocess.Popen(
                    [
                        str(DASK),
                        "worker",
                        address,
                        "--nthreads",
                        "1",
                        "--nworkers",
                        "1",
                        "--name",
                        name,
                        "--host",
                        "127.0.0.1",
                        *common,
                    ],
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    env=_env(),
                )
            )
        yield address, procs
    finally:
        for proc in reversed(procs):
            proc.terminate()
        for proc in reversed(procs):
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        log.close()


def _count(url: str) -> int:
    engine = create_engine(normalise_url(url))
    try:
        with engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(documents)).scalar_one())
    except DBAPIError:
        return 0  # tables not created yet
    finally:
        engine.dispose()


def _worker_pids(address: str) -> dict[str, int]:
    """Worker name → process id of the worker (the nanny's child), asked of the workers."""
    from distributed import Client

    with Client(address, timeout=30, set_as_default=False) as client:
        client.wait_for_workers(2, timeout=60)
        pids: dict[str, Any] = client.run(os.getpid)
        names = {a: w["name"] for a, w in client.scheduler_info(n_workers=-1)["workers"].items()}
    return {str(names[a]): int(pid) for a, pid in pids.items()}


def _wait_for(url: str, n: int, ingest_proc: subprocess.Popen[bytes], timeout: float) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and ingest_proc.poll() is None:
        found = _count(url)
        if found >= n:
            return found
        time.sleep(0.1)
    return _count(url)


def test_killed_workers_lose_and_duplicate_nothing(
    scheduler: tuple[str, list[subprocess.Popen[bytes]]],
    make_store_url: StoreUrlFactory,
    tmp_path: Path,
) -> None:
    address, procs = scheduler
    feed = _corpus(tmp_path / "feed.jsonl")
    local_url, cluster_url = make_store_url("postgresql"), make_store_url("postgresql")
    pids = _worker_pids(address)

    command = [sys.executable, "-m", "pactwatch", "ingest", str(feed), "--db", cluster_url,
               "--scheduler", address]  # fmt: skip
    run = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env())
    try:
        first = _wait_for(cluster_url, 20, run, timeout=240)
        os.kill(pids["a"], signal.SIGKILL)  # the worker process; its nanny restarts it
        second = _wait_for(cluster_url, first + 60, run, timeout=240)
        # worker b's nanny first, so that it cannot start the worker again
        os.kill(procs[2].pid, signal.SIGKILL)
        with contextlib.suppress(ProcessLookupError):  # it may have seen its nanny die
            os.kill(pids["b"], signal.SIGKILL)
        out, err = run.communicate(timeout=300)
    finally:
        if run.poll() is None:
            run.kill()
            run.wait()
    assert first < N_DOCS and second < N_DOCS, "the kills came after the ingest ended"

    with open_store(local_url) as store:
        local = ingest([feed], store)
    assert run.returncode == 0, err.decode()
    assert out.decode().startswith(
        f"ingested: {N_DOCS} new, 0 unchanged, 0 rejected; {local.records} records stored in "
    )
    assert local.new == N_DOCS
    assert _stored(cluster_url) == _stored(local_url)
    # `status` saw it: the batches the killed workers were running, run again
    with open_store(cluster_url) as store:
        [shown] = runs(store)
    assert shown["state"] == "finished" and shown["documents_new"] == N_DOCS
    assert shown["batches_retried"] >= 1 and shown["batches_queued"] == 0
