"""`ingest --scheduler`: extraction on real Dask worker processes, written to PostgreSQL.

A `LocalCluster` of two worker processes (one thread each) ingests a few dozen
documents; the store must then hold exactly what a one-process ingest stores, and
the summary must be the same. Refusals (a SQLite store, a worker with another
pactwatch version) are checked on real processes too. Skipped without Dask or
without PACTWATCH_TEST_PG_URL (the SQLite refusal needs neither).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pactwatch.cli import main
from pactwatch.errors import ClusterError, UsageError
from pactwatch.ingest.run import IngestSummary, ingest
from pactwatch.store import iter_events, open_store
from tests.conftest import PROJECT, StoreUrlFactory

SAMPLES = PROJECT / "src" / "pactwatch" / "samples" / "corpus.jsonl"
# the fields a person reviews; batching must not change them
REVIEWED = ("event", "actor", "recipient", "date", "aux", "attribution")


def _corpus(folder: Path) -> Path:
    """36 new documents (the samples, and copies with their paragraphs rotated), one text
    repeated under another id, one id reused for another text, one not in English."""
    folder.mkdir()
    base = [json.loads(line) for line in SAMPLES.read_text(encoding="utf-8").splitlines()]
    lines = []
    for copy in range(3):
        for doc in base[:12]:
            paragraphs = doc["text"].split("\n\n")
            body = paragraphs[1:]
            shift = copy % max(len(body), 1)
            text = "\n\n".join([paragraphs[0], *body[shift:], *body[:shift]])
            lines.append({**doc, "id": f"{doc['id']}#{copy}", "text": text})
    lines.append({**lines[0], "id": "same-text-other-id"})
    lines.append({**lines[1], "id": lines[2]["id"]})
    lines.append(
        {
            "id": "not-english",
            "text": "Le ministre a déclaré que les troupes quitteraient la frontière demain "
            "matin, selon le communiqué publié par le gouvernement à Bichkek.",
        }
    )
    path = folder / "feed.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    return path


def _stored(url: str) -> tuple[list[tuple[str, str]], list[tuple[Any, ...]]]:
    """The documents (id, sha) and each record's reviewed fields, in id order."""
    from sqlalchemy import select

    from pactwatch.store.schema import documents

    with open_store(url) as store:
        with store.engine.connect() as conn:
            docs = [
                (row.id, row.sha)
                for row in conn.execute(
                    select(documents.c.id, documents.c.sha).order_by(documents.c.id)
                )
            ]
        records = sorted(
            (ev.id, *(json.dumps(ev.to_dict()[name], sort_keys=True) for name in REVIEWED))
            for ev in iter_events(store)
        )
    return docs, records


def _summary(summary: IngestSummary) -> dict[str, Any]:
    found = summary.to_dict()
    found["doc_ids"] = summary.doc_ids
    return found


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        processes=True, n_workers=2, threads_per_worker=1, dashboard_address=":0"
    ) as running:
        yield running


@pytest.mark.slow
@pytest.mark.postgres
def test_two_workers_store_what_one_process_stores(
    cluster: Any, make_store_url: StoreUrlFactory, tmp_path: Path
) -> None:
    from pactwatch.ingest.distributed import ingest_distributed

    feed = _corpus(tmp_path / "corpus")
    local_url, cluster_url = make_store_url("postgresql"), make_store_url("postgresql")
    with open_store(local_url) as store:
        local = ingest([feed], store, report_date="2022-10-10")
    # small batches, so both workers take part and batches finish out of order
    spread = ingest_distributed(
        [feed], cluster_url, cluster.scheduler_address, report_date="2022-10-10", batch_docs=4
    )

    assert (local.new, local.unchanged, len(local.rejected)) == (36, 1, 2)
    assert _summary(spread) == _summary(local)
    assert local.records > 36
    assert _stored(cluster_url) == _stored(local_url)

    again = ingest_distributed(
        [feed], cluster_url, cluster.scheduler_address, report_date="2022-10-10"
    )
    assert (again.new, again.unchanged, again.records) == (0, 37, 0)
    assert _stored(cluster_url) == _stored(local_url)


@pytest.mark.postgres
def test_command_line_with_scheduler(
    cluster: Any, pg_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    feed = _corpus(tmp_path / "corpus")
    args = ["ingest", str(feed), "--db", pg_url, "--report-date", "2022-10-10"]
    assert main([*args, "--scheduler", cluster.scheduler_address]) == 1  # two inputs rejected
    out, err = capsys.readouterr()
    assert out.startswith("ingested: 36 new, 1 unchanged, 2 rejected; ")
    assert "not-english" in err or "not in English" in err
    # the same settings table: PACTWATCH_SCHEDULER does what --scheduler does
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PACTWATCH_SCHEDULER", cluster.scheduler_address)
        assert main(args) == 1
    assert capsys.readouterr().out.startswith("ingested: 0 new, 37 unchanged, 2 rejected; ")


def _refusal(preload: str, pg_url: str, tmp_path: Path) -> tuple[str, str]:
    """Ingest on a one-worker cluster whose worker ran `preload` first: the worker's
    address and the ClusterError's message; nothing may be stored."""
    distributed = pytest.importorskip("distributed")
    from pactwatch.ingest.distributed import ingest_distributed

    script = tmp_path / "preload.py"
    script.write_text(preload)
    feed = _corpus(tmp_path / "corpus")
    with distributed.LocalCluster(
        processes=True,
        n_workers=1,
        threads_per_worker=1,
        dashboard_address=":0",
        preload=[str(script)],
    ) as other:
        address = next(iter(other.scheduler_info["workers"]))
        with pytest.raises(ClusterError) as refused:
            ingest_distributed([feed], pg_url, other.scheduler_address)
    with open_store(pg_url) as store:
        assert list(iter_events(store)) == []
    return address, str(refused.value)


@pytest.mark.postgres
def test_worker_with_another_version_is_refused_by_name(pg_url: str, tmp_path: Path) -> None:
    address, message = _refusal(
        "import pactwatch\npactwatch.__version__ = '0.0.0+other'\n", pg_url, tmp_path
    )
    assert f"{address} runs pactwatch 0.0.0+other" in message


@pytest.mark.postgres
def test_unreachable_scheduler_is_named(pg_url: str, tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    from pactwatch.ingest.distributed import ingest_distributed

    feed = _corpus(tmp_path / "corpus")
    with pytest.raises(ClusterError, match=r"no Dask scheduler answers at tcp://127.0.0.1:9"):
        ingest_distributed([feed], pg_url, "tcp://127.0.0.1:9", connect_timeout_s=1)


def test_without_dask_the_scale_extra_is_named(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import sys

    from pactwatch.ingest.distributed import ingest_distributed

    # None in sys.modules makes the import fail as it does where Dask is not installed
    monkeypatch.setitem(sys.modules, "distributed", None)
    monkeypatch.setitem(sys.modules, "pactwatch.ingest.worker", None)
    import pactwatch.ingest

    monkeypatch.delattr(pactwatch.ingest, "worker", raising=False)  # set by an earlier import
    feed = _corpus(tmp_path / "corpus")
    with pytest.raises(UsageError, match=r"pip install 'pactwatch\[scale\]'"):
        ingest_distributed([feed], "postgresql://nobody@127.0.0.1:9/none", "tcp://127.0.0.1:9")


def test_sqlite_store_is_refused(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    feed = _corpus(tmp_path / "corpus")
    args = ["ingest", str(feed), "--db", sqlite_url, "--scheduler", "tcp://127.0.0.1:9"]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "[E001] --scheduler needs a PostgreSQL store" in err
    assert "postgresql://" in err and "leave out --scheduler" in err
    assert "Traceback" not in err
    assert not Path(sqlite_url.removeprefix("sqlite:///")).exists()  # nothing created


def test_bad_scheduler_address_is_refused(
    pg_url_or_any: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from pactwatch.ingest.distributed import check_scheduler

    with pytest.raises(UsageError, match="tcp://HOST:PORT"):
        check_scheduler("10.0.0.5")
    monkeypatch.setenv("PACTWATCH_SCHEDULER", "10.0.0.5:8786")
    assert main(["ingest", "x.txt", "--db", pg_url_or_any]) == 2
    err = capsys.readouterr().err
    assert "PACTWATCH_SCHEDULER='10.0.0.5:8786'" in err and "tcp://10.0.0.5:8786" in err


@pytest.fixture
def pg_url_or_any() -> str:
    # the settings check runs before any store is opened: no server needed
    return "postgresql://nobody@127.0.0.1:9/none"


def test_a_store_on_loopback_with_a_remote_scheduler_is_warned_of(
    caplog: pytest.LogCaptureFixture,
) -> None:
    from pactwatch.ingest.distributed import _warn_if_local

    with caplog.at_level("WARNING", logger="pactwatch"):
        _warn_if_local("postgresql://me@127.0.0.1/pw", "tcp://127.0.0.1:8786")
        _warn_if_local("postgresql://me@db.internal/pw", "tcp://10.0.0.5:8786")
        assert caplog.messages == []
        _warn_if_local("postgresql://me:secret@localhost/pw", "tcp://10.0.0.5:8786")
    assert caplog.messages == [
        "--db postgresql+psycopg://me:***@localhost/pw names this machine, and the workers "
        "of tcp://10.0.0.5:8786 may run on others, where it names them; give the store's "
        "address on the network (docs/scale.md)"
    ]


def test_mismatched_workers_are_each_named() -> None:
    pytest.importorskip("distributed")
    from pactwatch.ingest.worker import mismatches

    own = ("0.1.0", "a" * 64)
    found: dict[str, Any] = {
        "tcp://10.0.0.1:1": own,
        "tcp://10.0.0.2:1": ("0.1.0", "b" * 64),
        "tcp://10.0.0.3:1": ModuleNotFoundError("No module named 'pactwatch'"),
    }
    problems = mismatches(own, found)
    assert problems == [
        f"tcp://10.0.0.2:1 has event typer sha256 {'b' * 16}…, this client {'a' * 16}…",
        "tcp://10.0.0.3:1 cannot run pactwatch (ModuleNotFoundError: No module named 'pactwatch')",
    ]


def test_errors_cross_process_boundaries_intact() -> None:
    import pickle

    from pactwatch.errors import InputRejected, StoreError

    rejected = pickle.loads(pickle.dumps(InputRejected("a.txt", "too long", fix="cut it")))
    assert (rejected.origin, rejected.reason, rejected.fix) == ("a.txt", "too long", "cut it")
    assert str(rejected) == "[E010] a.txt: too long (fix: cut it)"
    store = pickle.loads(pickle.dumps(StoreError("down", fix="start it")))
    assert str(store) == "[E020] down (fix: start it)"


@pytest.mark.postgres
def test_each_acknowledged_batch_is_linked_and_shown_by_status(
    cluster: Any,
    pg_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """After each batch: its records are in incidents (corroborated, not at the end only)
    and `status` shows the run with its batches; at the end the findings of the charter a
    webhook follows are stored and the run shows as finished."""
    from sqlalchemy import func, select

    from pactwatch.ingest.distributed import ingest_distributed
    from pactwatch.store.schema import deliveries, findings, incident_keys

    hook = tmp_path / "pactwatch.toml"
    hook.write_text(
        '[[webhooks]]\nurl = "http://127.0.0.1:9/hook"\ncharters = ["csto-treaty"]\n'
        'secret_env = "PW_TEST_HOOK_SECRET"\n'
    )
    monkeypatch.setenv("PACTWATCH_CONFIG", str(hook))
    monkeypatch.setenv("PW_TEST_HOOK_SECRET", "s3cret")
    feed = _corpus(tmp_path / "corpus")
    # (records acknowledged, records keyed by corroborate, batches done, batches queued)
    seen: list[tuple[int, int, int, int]] = []

    def spy(summary: IngestSummary) -> None:
        if not summary.new:
            return  # a rejection or a stored document counted on the client: no batch yet
        with open_store(pg_url) as store:
            with store.engine.connect() as conn:
                keyed = conn.execute(select(func.count()).select_from(incident_keys)).scalar_one()
            assert main(["status", "--format", "json", "--db", pg_url]) == 0
            [run] = json.loads(capsys.readouterr().out)["ingests"]
        assert run["state"] == "running" and run["scheduler"] == cluster.scheduler_address
        assert run["documents_new"] == summary.new and run["records"] == summary.records
        seen.append((summary.records, keyed, run["batches_done"], run["batches_queued"]))

    summary = ingest_distributed(
        [feed], pg_url, cluster.scheduler_address, report_date="2022-10-10", batch_docs=4,
        progress=spy,
    )  # fmt: skip
    assert summary.new == 36
    assert len(seen) >= 9  # one look after each of the 9 batches
    # every record of the batches acknowledged so far is keyed (workers may have written
    # more, of batches not yet back); without corroboration per batch, 0 until the end
    assert all(keyed >= acknowledged > 0 for acknowledged, keyed, _, _ in seen), seen
    assert [done for _, _, done, _ in seen] == sorted(done for _, _, done, _ in seen)
    assert seen[-1][2] == 9 and seen[0][3] > 0
    with open_store(pg_url) as store, store.engine.connect() as conn:
        charters = set(conn.execute(select(findings.c.charter).distinct()).scalars())
        queued = conn.execute(
            select(findings.c.charter, func.count())
            .join(deliveries, deliveries.c.finding_id == findings.c.id)
            .group_by(findings.c.charter)
        ).all()
    # refreshed (every charter the dashboard offers), and the followed one's new ones queued
    assert "csto-treaty" in charters and len(queued) == 1 and queued[0][0] == "csto-treaty"
    assert main(["status", "--db", pg_url]) == 0
    out = capsys.readouterr().out
    line = next(row for row in out.splitlines() if row.startswith("ingest "))
    assert "finished at " in line and f"on {cluster.scheduler_address}" in line
    assert "batches 9 done, 0 queued, 0 retried; 36 new, 1 unchanged, 2 rejected" in line


@pytest.mark.postgres
def test_worker_with_another_model_is_refused_by_name(pg_url: str, tmp_path: Path) -> None:
    from pactwatch.extract.typer import load_typer

    # the worker's typer reports another sha256, as a worker with another typer.onnx would
    address, message = _refusal(
        "from pactwatch.extract.typer import load_typer\nload_typer().sha256 = 'f' * 64\n",
        pg_url,
        tmp_path,
    )
    own = load_typer().sha256
    assert f"{address} has event typer sha256 {'f' * 16}…, this client {own[:16]}…" in message
    assert "runs pactwatch" not in message  # the same version: only the model differs


@pytest.mark.postgres
def test_the_stored_findings_are_refreshed_during_and_after_the_run(
    cluster: Any, pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The dashboard's stored findings and counts follow the run (here after every batch
    that linked records: REFRESH_S 0) and are current for the data at its end."""
    from sqlalchemy import select

    from pactwatch.ingest import distributed
    from pactwatch.store.schema import precomputed
    from tests.ingest.test_refresh import stale

    monkeypatch.setattr(distributed, "REFRESH_S", 0.0)
    feed = _corpus(tmp_path / "corpus")
    counted: list[tuple[int, int]] = []  # (documents acknowledged, documents in "totals")

    def spy(summary: IngestSummary) -> None:
        if not summary.new:
            return
        with open_store(pg_url) as store, store.engine.connect() as conn:
            totals = conn.execute(
                select(precomputed.c.value).where(precomputed.c.name == "totals")
            ).scalar()
        counted.append((summary.new, totals["documents"] if totals else 0))

    summary = distributed.ingest_distributed(
        [feed], pg_url, cluster.scheduler_address, report_date="2022-10-10", batch_docs=4,
        progress=spy,
    )  # fmt: skip
    assert summary.new == 36 and len(counted) >= 9
    # counted after the batch was linked: every acknowledged document (and any other the
    # workers had written by then); without a refresh during the run, nothing is stored
    assert all(stored >= acknowledged for acknowledged, stored in counted), counted
    with open_store(pg_url) as store:
        assert stale(store) == []


def test_the_last_documents_go_in_smaller_batches() -> None:
    """A run ends when its last batch does: its last documents, when more than a batch, are
    spread over one batch per piece, not left as a full batch to one worker."""
    from pactwatch.ingest.distributed import _tail
    from pactwatch.records import Document

    def docs(n: int) -> list[tuple[int, Document]]:
        return [(i, Document(id=f"d{i}", text="x")) for i in range(n)]

    assert [len(b) for b in _tail(docs(22), 16, 4)] == [6, 6, 6, 4]
    assert [len(b) for b in _tail(docs(16), 16, 4)] == [16]
    assert [len(b) for b in _tail(docs(3), 16, 4)] == [3]
    assert list(_tail([], 16, 4)) == []
    assert [p for b in _tail(docs(31), 16, 4) for p, _ in b] == list(range(31))
