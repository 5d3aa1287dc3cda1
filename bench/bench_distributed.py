"""Benchmark: `ingest --scheduler` through one Dask worker and through two, and the
PostgreSQL write rate on its own.

    PACTWATCH_BENCH_PG_URL=postgresql://postgres@127.0.0.1:55436/pactwatch_test \\
        .venv/bin/python bench/bench_distributed.py            # 150,000 words
    ... bench/bench_distributed.py --words 300000 --json       # one JSON object last

The corpus is bench_extract.py's (the shipped documents repeated and varied until
it holds --words words). In one run, for 1 and then 2 workers, a `LocalCluster` of
worker processes with one thread each (OMP_NUM_THREADS=1; onnxruntime runs on one
thread anyway) is started, warmed up on two documents (so spaCy, the knowledge
files, the typer and the store are loaded before the timer starts), and then the
whole corpus is ingested through `pactwatch.ingest.distributed.ingest_distributed`
into a fresh PostgreSQL schema: documents per second, end to end (client reading
and deduplicating, scheduler, workers extracting and writing), with the client,
the scheduler and PostgreSQL on the same machine. The CPU seconds the workers and
the client spent are printed beside the wall time: on a machine shared with other
work, docs per worker CPU second is the figure that does not depend on the load. Then the stored documents and
records are read back and written again into another fresh schema from this one
process through `save_document` (what each worker does after extraction): the
write rate alone, in records per second. Target (issue 14): two workers >= 1.7x
one worker. Not part of the test suite; the schemas are dropped at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
import uuid
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_extract import build_corpus

PG_ENV = "PACTWATCH_BENCH_PG_URL"


def _schema_url(admin: Any, base: str, schemas: list[str]) -> str:
    from sqlalchemy import text
    from sqlalchemy.engine import make_url

    schema = f"pwbench_{uuid.uuid4().hex[:10]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    schemas.append(schema)
    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    return url.render_as_string(hide_password=False)


def _write_jsonl(path: Path, docs: list[Any]) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for doc in docs:
            fh.write(
                json.dumps({"id": doc.id, "text": doc.text, "report_date": doc.report_date}) + "\n"
            )
    return path


def _cpu_s() -> float:
    """CPU seconds (user and system) this process has used."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _through_workers(n_workers: int, url: str, corpus: Path, warmup: Path) -> dict[str, float]:
    from distributed import Client, LocalCluster

    from pactwatch.ingest.distributed import ingest_distributed

    start = time.perf_counter()
    with (
        LocalCluster(
            processes=True, n_workers=n_workers, threads_per_worker=1, dashboard_address=":0"
        ) as cluster,
        Client(cluster.scheduler_address, set_as_default=False) as client,
    ):
        ingest_distributed([warmup], url, cluster.scheduler_address)
        ready_s = time.perf_counter() - start
        # CPU time of the workers and of this client: on a shared machine the wall
        # clock alone cannot tell slow code from cores taken by other processes
        workers_before = sum(client.run(_cpu_s).values())
        own_before = _cpu_s()
        start = time.perf_counter()
        summary = ingest_distributed([corpus], url, cluster.scheduler_address)
        ingest_s = time.perf_counter() - start
        own_cpu_s = _cpu_s() - own_before
        workers_cpu_s = sum(client.run(_cpu_s).values()) - workers_before
    return {
        "ready_s": ready_s,
        "ingest_s": ingest_s,
        "new": summary.new,
        "records": summary.records,
        "workers_cpu_s": workers_cpu_s,
        "client_cpu_s": own_cpu_s,
    }


def _write_rate(source_url: str, target_url: str) -> tuple[int, int, float]:
    """Documents and records of one store written again into another: (docs, records, s)."""
    from itertools import groupby

    from pactwatch.store import get_document, iter_events, open_store, save_document

    with open_store(source_url) as source:
        by_doc = [
            (get_document(source, doc_id), list(events))
            for doc_id, events in groupby(iter_events(source), key=lambda ev: ev.text_info.doc_id)
            if not doc_id.startswith("warmup-")
        ]
    n_records = sum(len(events) for _, events in by_doc)
    with open_store(target_url) as target:
        start = time.perf_counter()
        for doc, events in by_doc:
            save_document(target, doc, events)
        write_s = time.perf_counter() - start
    return len(by_doc), n_records, write_s


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--words", type=int, default=150_000, help="words of text (default 150000)")
    parser.add_argument("--json", action="store_true", help="one JSON object as the last line")
    args = parser.parse_args(argv)
    base = os.environ.get(PG_ENV)
    if not base:
        print(f"bench_distributed: set {PG_ENV} to a PostgreSQL URL", file=sys.stderr)
        return 2
    # inherited by the worker processes: one thread each for numpy/BLAS
    os.environ["OMP_NUM_THREADS"] = "1"

    from sqlalchemy import create_engine, text

    from pactwatch.store.engine import normalise_url

    docs = build_corpus(args.words)
    n_words = sum(len(d.text.split()) for d in docs)
    print(f"corpus: {len(docs)} documents, {n_words} words; {os.cpu_count()} CPUs")
    admin = create_engine(normalise_url(base), isolation_level="AUTOCOMMIT")
    schemas: list[str] = []
    folder = Path(os.environ.get("TMPDIR", "/tmp")) / f"pwbench-{uuid.uuid4().hex[:8]}"
    folder.mkdir()
    try:
        corpus = _write_jsonl(folder / "corpus.jsonl", docs)
        warm = [type(d)(id=f"warmup-{d.id}", text=d.text + " (warm-up)") for d in docs[:2]]
        warmup = _write_jsonl(folder / "warmup.jsonl", warm)
        runs: dict[int, dict[str, float]] = {}
        urls: dict[int, str] = {}
        for n_workers in (1, 2):
            urls[n_workers] = _schema_url(admin, base, schemas)
            runs[n_workers] = _through_workers(n_workers, urls[n_workers], corpus, warmup)
            run = runs[n_workers]
            print(
                f"{n_workers} worker(s): {run['ingest_s']:7.1f} s  "
                f"{run['new'] / run['ingest_s']:6.2f} docs/s  {n_words / run['ingest_s']:7.0f} "
                f"words/s  {run['records']:.0f} records  (start-up and warm-up {run['ready_s']:.1f} s)"
            )
            busy = run["workers_cpu_s"] / (run["ingest_s"] * n_workers)
            print(
                f"    CPU: workers {run['workers_cpu_s']:.1f} s ({busy:.0%} of {n_workers} "
                f"core(s) for the wall time), client {run['client_cpu_s']:.1f} s; "
                f"{run['new'] / run['workers_cpu_s']:.2f} docs and "
                f"{n_words / run['workers_cpu_s']:.0f} words per worker CPU second"
            )
        n_docs, n_records, write_s = _write_rate(urls[2], _schema_url(admin, base, schemas))
    finally:
        with admin.connect() as conn:
            for schema in schemas:
                conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()
        for path in folder.iterdir():
            path.unlink()
        folder.rmdir()

    docs_1 = runs[1]["new"] / runs[1]["ingest_s"]
    docs_2 = runs[2]["new"] / runs[2]["ingest_s"]
    speedup = docs_2 / docs_1
    pg_rate = n_records / write_s
    print(
        f"speedup 2 workers / 1: {speedup:.2f}x  (efficiency {speedup / 2:.0%}; target >= 1.7x)"
        f"  {'OK' if speedup >= 1.7 else 'BELOW TARGET'}"
    )
    print(
        f"PostgreSQL alone: {n_docs} documents with {n_records} records in {write_s:.1f} s: "
        f"{pg_rate:.0f} records/s, {n_docs / write_s:.0f} documents/s (one connection, one "
        "transaction per document)"
    )
    if args.json:
        print(
            json.dumps(
                {
                    "words": n_words,
                    "documents": len(docs),
                    "records": int(runs[2]["records"]),
                    "docs_per_s_1": round(docs_1, 3),
                    "docs_per_s_2": round(docs_2, 3),
                    "words_per_s_1": round(n_words / runs[1]["ingest_s"]),
                    "words_per_s_2": round(n_words / runs[2]["ingest_s"]),
                    "speedup": round(speedup, 3),
                    "efficiency": round(speedup / 2, 3),
                    "ready_s_1": round(runs[1]["ready_s"], 1),
                    "ready_s_2": round(runs[2]["ready_s"], 1),
                    "workers_cpu_s_1": round(runs[1]["workers_cpu_s"], 1),
                    "workers_cpu_s_2": round(runs[2]["workers_cpu_s"], 1),
                    "client_cpu_s_2": round(runs[2]["client_cpu_s"], 1),
                    "docs_per_worker_cpu_s": round(runs[2]["new"] / runs[2]["workers_cpu_s"], 3),
                    "pg_records_per_s": round(pg_rate),
                    "pg_docs_per_s": round(n_docs / write_s),
                    "cpus": os.cpu_count(),
                }
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
