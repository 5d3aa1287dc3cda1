"""Benchmark: `ingest --scheduler` through one Dask worker and through two, and the
PostgreSQL write rate on its own.

    PACTWATCH_BENCH_PG_URL=postgresql://postgres@127.0.0.1:55436/pactwatch_test \\
        .venv/bin/python bench/bench_distributed.py --json     # 150,000 words
    ... bench/bench_distributed.py --runs 3 --json             # three runs, the median last

The corpus is bench_extract.py's (the shipped documents repeated and varied until
it holds --words words). In one run, for 1 and then 2 workers, a `LocalCluster` of
worker processes with one thread each (OMP_NUM_THREADS=1; onnxruntime runs on one
thread anyway) is started, warmed up on two documents (so spaCy, the knowledge
files, the typer and the store are loaded before the timer starts), and then the
whole corpus is ingested through `pactwatch.ingest.distributed.ingest_distributed`
into a fresh schema of a PostgreSQL started before the run. Two figures each:

- extraction (issue 14's 1.7x target): documents extracted and written per second by
  the workers, from the first batch task's start to the last one's finish as the
  workers timed them (Dask's task stream);
- end to end, with everything on this machine: the client's call from reading the
  inputs to the stored findings refreshed at its end.

The CPU seconds of each part (the workers; the client's thread; the scheduler and
nannies, which LocalCluster runs in the client's process; the PostgreSQL server where
it runs here; and the rest of the machine: other users) are
printed beside the wall time, with the load average: on a shared machine the wall
clock alone cannot tell slow code from cores taken by others; docs per worker CPU
second does not depend on the load. Then the stored documents and records are read
back and written again into another fresh schema from this one process through
`save_document` (what each worker does after extraction): the write rate alone, in
records per second. Not part of the test suite; the schemas are dropped at the end.
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
# the worker settings docs/scale.md gives (environment variables, so the worker processes
# inherit them): each worker's event-loop thread sampled the extracting thread's stack
# every 10 ms for Dask's profiler and checked its own health every 20 ms and its memory
# every 100 ms, 5 % of the extracting thread's CPU in all (measured: 0.41 s beside 7.6 s),
# and 1 % with these; --dask-defaults leaves them out
DASK_SETTINGS = {
    "DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED": "False",
    "DASK_DISTRIBUTED__ADMIN__TICK__INTERVAL": "1s",
    "DASK_DISTRIBUTED__WORKER__MEMORY__MONITOR_INTERVAL": "1s",
    "DASK_DISTRIBUTED__ADMIN__SYSTEM_MONITOR__INTERVAL": "2s",
}


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


def _machine_cpu_s() -> float:
    """CPU seconds every process on this machine has used (busy time of all cores)."""
    import psutil

    times = psutil.cpu_times()
    return float(sum(times) - times.idle - getattr(times, "iowait", 0.0))


def _postgres_cpu_s(url: str) -> float | None:
    """CPU seconds of the PostgreSQL server listening on this machine at the URL's port: its
    postmaster, the backends alive now, and those that ended (the postmaster waited for
    them); None when it does not run here or cannot be told."""
    import psutil
    from sqlalchemy.engine import make_url

    port = make_url(url).port or 5432
    try:
        listening = [
            c.pid for c in psutil.net_connections("tcp")
            if c.laddr and c.laddr.port == port and c.status == psutil.CONN_LISTEN and c.pid
        ]  # fmt: skip
        if not listening:
            return None
        postmaster = psutil.Process(listening[0])
        t = postmaster.cpu_times()
        total = t.user + t.system + t.children_user + t.children_system
        for child in postmaster.children(recursive=True):
            try:
                c = child.cpu_times()
            except psutil.Error:
                continue  # ended since the listing: counted by the postmaster next time
            total += c.user + c.system
        return float(total)
    except (psutil.Error, OSError):
        return None


class _Timed:
    """Wraps one of the client's steps and adds up its wall time and the CPU time of the
    thread that ran it (bench only)."""

    def __init__(self, module: Any, name: str) -> None:
        self.module, self.name = module, name
        self.seconds = self.cpu_s = 0.0
        self.calls = 0
        self.real = getattr(module, name)

        def timed(*args: Any, **kwargs: Any) -> Any:
            t0, c0 = time.perf_counter(), time.thread_time()
            try:
                return self.real(*args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - t0
                self.cpu_s += time.thread_time() - c0
                self.calls += 1

        setattr(module, name, timed)

    def restore(self) -> None:
        setattr(self.module, self.name, self.real)


def _extraction(stream: list[dict[str, Any]], prefix: str) -> dict[str, Any]:
    """From the workers' own start and finish of each batch task (Dask's task stream):
    the span from the first start to the last finish, and each worker's busy seconds."""
    spans = [
        (task["worker"], ss["start"], ss["stop"])
        for task in stream
        if str(task["key"]).startswith(prefix)
        for ss in task["startstops"]
        if ss["action"] == "compute"
    ]
    busy: dict[str, float] = {}
    for worker, start, stop in spans:
        busy[worker] = busy.get(worker, 0.0) + stop - start
    return {
        "tasks": len(spans),
        "span_s": max(s[2] for s in spans) - min(s[1] for s in spans),
        "busy_s": sorted(busy.values()),
    }


def _through_workers(
    n_workers: int, url: str, corpus: Path, warmup: Path, batch_docs: int
) -> dict[str, Any]:
    import distributed
    from distributed import Client, LocalCluster

    import pactwatch.corroborate
    from pactwatch.ingest import distributed as dist_ingest
    from pactwatch.ingest import run as local_run

    start = time.perf_counter()
    with (
        LocalCluster(
            processes=True, n_workers=n_workers, threads_per_worker=1, dashboard_address=":0"
        ) as cluster,
        Client(cluster.scheduler_address, set_as_default=False) as client,
    ):
        dist_ingest.ingest_distributed([warmup], url, cluster.scheduler_address)
        ready_s = time.perf_counter() - start

        # CPU time of every part on this machine: on a shared machine the wall clock alone
        # cannot tell slow code from cores taken by other processes. LocalCluster runs the
        # scheduler and the nannies in this process, on its event-loop thread; the client's
        # own work (reading, deduplicating, linking, refreshing) runs on this thread.
        def cpu_now() -> dict[str, float]:
            return {
                "workers": sum(client.run(_cpu_s).values()),
                "client": time.thread_time(),
                "process": _cpu_s(),
                "postgres": _postgres_cpu_s(url) or 0.0,
                "machine": _machine_cpu_s(),
            }

        before = cpu_now()
        linking = _Timed(pactwatch.corroborate, "corroborate")
        refreshing = [
            _Timed(dist_ingest, "refresh_findings"),
            _Timed(local_run, "refresh_findings"),
        ]
        load = os.getloadavg()[0]
        try:
            with distributed.get_task_stream(client=client) as stream:
                start = time.perf_counter()
                summary = dist_ingest.ingest_distributed(
                    [corpus], url, cluster.scheduler_address, batch_docs=batch_docs
                )
                ingest_s = time.perf_counter() - start
        finally:
            linking.restore()
            for timed in refreshing:
                timed.restore()
        after = cpu_now()
        tasks = _extraction(stream.data, "pactwatch-ingest-")
    cpu = {part: after[part] - before[part] for part in before}
    cpu["scheduler_nannies"] = cpu.pop("process") - cpu["client"]
    known = sum(v for k, v in cpu.items() if k != "machine")
    cpu["other"] = max(0.0, cpu["machine"] - known)  # other users of the machine
    postgres_seen = _postgres_cpu_s(url) is not None
    return {
        "ready_s": ready_s,
        "ingest_s": ingest_s,
        "new": summary.new,
        "records": summary.records,
        "cpu": cpu,
        "postgres_seen": postgres_seen,
        "extract_span_s": tasks["span_s"],
        "worker_busy_s": tasks["busy_s"],
        "tasks": tasks["tasks"],
        "link_s": linking.seconds,
        "link_cpu_s": linking.cpu_s,
        "links": linking.calls,
        "refresh_s": sum(t.seconds for t in refreshing),
        "refresh_cpu_s": sum(t.cpu_s for t in refreshing),
        "load_1min": load,
    }


def _report(n_workers: int, run: dict[str, Any], n_words: int) -> None:
    cpu, wall = run["cpu"], run["ingest_s"]
    print(
        f"{n_workers} worker(s): end to end {wall:6.1f} s  {run['new'] / wall:6.2f} docs/s  "
        f"{n_words / wall:6.0f} words/s  {run['records']:.0f} records  (start-up and "
        f"warm-up {run['ready_s']:.1f} s; load average {run['load_1min']:.2f} before)"
    )
    busy = ", ".join(f"{b:.1f}" for b in run["worker_busy_s"])
    print(
        f"    extraction: {run['tasks']} batches from the first start to the last finish on "
        f"the workers {run['extract_span_s']:.1f} s: {run['new'] / run['extract_span_s']:.2f} "
        f"docs/s (each worker busy {busy} s)"
    )
    parts = ", ".join(
        f"{part} {cpu[part]:.1f}" for part in
        ("workers", "client", "scheduler_nannies", "postgres", "other")
        if part != "postgres" or run["postgres_seen"]
    )  # fmt: skip
    print(
        f"    CPU s: {parts} of {cpu['machine']:.1f} on the machine ({os.cpu_count()} cores x "
        f"{wall:.1f} s = {wall * (os.cpu_count() or 1):.1f}); workers "
        f"{cpu['workers'] / (wall * n_workers):.0%} of {n_workers} core(s); "
        f"{run['new'] / cpu['workers']:.2f} docs per worker CPU second"
    )
    print(
        f"    client steps: linking {run['link_s']:.1f} s ({run['link_cpu_s']:.1f} CPU s) over "
        f"{run['links']} calls, refreshing the stored findings {run['refresh_s']:.1f} s "
        f"({run['refresh_cpu_s']:.1f} CPU s)"
    )


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
    parser.add_argument("--runs", type=int, default=1, help="1-then-2-worker runs (default 1)")
    parser.add_argument(
        "--batch-docs", type=int, default=None, help="documents per task (default: the client's)"
    )
    parser.add_argument(
        "--dask-defaults", action="store_true",
        help="Dask's own worker settings, not those docs/scale.md gives",
    )  # fmt: skip
    parser.add_argument("--json", action="store_true", help="one JSON object as the last line")
    args = parser.parse_args(argv)
    base = os.environ.get(PG_ENV)
    if not base:
        print(f"bench_distributed: set {PG_ENV} to a PostgreSQL URL", file=sys.stderr)
        return 2
    # inherited by the worker processes: one thread each for numpy/BLAS
    os.environ["OMP_NUM_THREADS"] = "1"
    if not args.dask_defaults:
        os.environ.update(DASK_SETTINGS)
        import dask

        dask.config.refresh()  # this process runs LocalCluster's scheduler and nannies

    from sqlalchemy import create_engine, text

    from pactwatch.ingest.distributed import BATCH_DOCS
    from pactwatch.store.engine import normalise_url

    batch_docs = args.batch_docs or BATCH_DOCS
    docs = build_corpus(args.words)
    n_words = sum(len(d.text.split()) for d in docs)
    print(
        f"corpus: {len(docs)} documents, {n_words} words; {os.cpu_count()} CPUs; batches of "
        f"{batch_docs}; {'Dask defaults' if args.dask_defaults else 'docs/scale.md worker settings'}; "
        f"load average {', '.join(f'{x:.2f}' for x in os.getloadavg())}"
    )
    admin = create_engine(normalise_url(base), isolation_level="AUTOCOMMIT")
    schemas: list[str] = []
    folder = Path(os.environ.get("TMPDIR", "/tmp")) / f"pwbench-{uuid.uuid4().hex[:8]}"
    folder.mkdir()
    results: list[dict[int, dict[str, Any]]] = []
    try:
        corpus = _write_jsonl(folder / "corpus.jsonl", docs)
        warm = [type(d)(id=f"warmup-{d.id}", text=d.text + " (warm-up)") for d in docs[:2]]
        warmup = _write_jsonl(folder / "warmup.jsonl", warm)
        urls: dict[int, str] = {}
        for n_run in range(args.runs):
            runs: dict[int, dict[str, Any]] = {}
            print(f"run {n_run + 1} of {args.runs}")
            for n_workers in (1, 2):
                urls[n_workers] = _schema_url(admin, base, schemas)
                runs[n_workers] = _through_workers(
                    n_workers, urls[n_workers], corpus, warmup, batch_docs
                )
                _report(n_workers, runs[n_workers], n_words)
            results.append(runs)
            print(
                f"    speedup 2 workers / 1: extraction {_speedup(runs, 'extract_span_s'):.2f}x "
                f"(target >= 1.7x), end to end {_speedup(runs, 'ingest_s'):.2f}x; on two cores "
                f"of our own (estimate from the CPU seconds, not measured) {_idle_estimate(runs):.2f}x"
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

    # the figures of the run whose extraction speedup is the median (the last of two)
    ranked = sorted(results, key=lambda r: _speedup(r, "extract_span_s"))
    runs = ranked[len(ranked) // 2]
    docs_1 = runs[1]["new"] / runs[1]["ingest_s"]
    docs_2 = runs[2]["new"] / runs[2]["ingest_s"]
    extract_1 = runs[1]["new"] / runs[1]["extract_span_s"]
    extract_2 = runs[2]["new"] / runs[2]["extract_span_s"]
    speedup, extract_speedup = docs_2 / docs_1, extract_2 / extract_1
    pg_rate = n_records / write_s
    print(
        f"extraction speedup 2 workers / 1: {extract_speedup:.2f}x (documents extracted and "
        f"written per second by the workers; target >= 1.7x)  "
        f"{'OK' if extract_speedup >= 1.7 else 'BELOW TARGET'}; end to end {speedup:.2f}x "
        f"(efficiency {speedup / 2:.0%})"
        + (
            f"; median of {len(results)} runs: {[round(_speedup(r, 'extract_span_s'), 2) for r in results]}"
            if len(results) > 1
            else ""
        )
    )
    print(
        f"PostgreSQL alone: {n_docs} documents with {n_records} records in {write_s:.1f} s: "
        f"{pg_rate:.0f} records/s, {n_docs / write_s:.0f} documents/s (one connection, one "
        "transaction per document)"
    )
    if args.json:
        print(
            json.dumps(
                _figures(results, runs, n_words, len(docs), batch_docs, pg_rate, n_docs / write_s)
            )
        )
    return 0


def _idle_estimate(runs: dict[int, dict[str, Any]]) -> float:
    """The speedup two cores nobody else used would give, estimated from CPU seconds: one
    worker alone has a core to itself (the client, the scheduler and PostgreSQL use the
    other), two workers share both cores with all of those. Not a measurement: the CPU a
    document costs also moves with the load (shared caches)."""
    one, two = runs[1], runs[2]
    beside = sum(two["cpu"][part] for part in ("client", "scheduler_nannies", "postgres"))
    per_doc_1 = one["cpu"]["workers"] / one["new"]
    per_doc_2 = (two["cpu"]["workers"] + beside) / two["new"]
    return float(2 * per_doc_1 / per_doc_2)


def _speedup(runs: dict[int, dict[str, Any]], time_key: str) -> float:
    return float((runs[2]["new"] / runs[2][time_key]) / (runs[1]["new"] / runs[1][time_key]))


def _figures(
    results: list[dict[int, dict[str, Any]]],
    runs: dict[int, dict[str, Any]],
    n_words: int,
    n_docs: int,
    batch_docs: int,
    pg_rate: float,
    pg_docs_rate: float,
) -> dict[str, Any]:
    one, two = runs[1], runs[2]
    return {
        "words": n_words,
        "documents": n_docs,
        "records": int(two["records"]),
        "batch_docs": batch_docs,
        "runs": len(results),
        "extract_docs_per_s_1": round(one["new"] / one["extract_span_s"], 3),
        "extract_docs_per_s_2": round(two["new"] / two["extract_span_s"], 3),
        "extract_speedup": round(_speedup(runs, "extract_span_s"), 3),
        "extract_speedups": [round(_speedup(r, "extract_span_s"), 3) for r in results],
        "docs_per_s_1": round(one["new"] / one["ingest_s"], 3),
        "docs_per_s_2": round(two["new"] / two["ingest_s"], 3),
        "words_per_s_1": round(n_words / one["ingest_s"]),
        "words_per_s_2": round(n_words / two["ingest_s"]),
        "speedup": round(_speedup(runs, "ingest_s"), 3),
        "speedups": [round(_speedup(r, "ingest_s"), 3) for r in results],
        "idle_cores_speedup_estimates": [round(_idle_estimate(r), 3) for r in results],
        "efficiency": round(_speedup(runs, "ingest_s") / 2, 3),
        "ready_s_1": round(one["ready_s"], 1),
        "ready_s_2": round(two["ready_s"], 1),
        "cpu_s_1": {k: round(v, 1) for k, v in one["cpu"].items()},
        "cpu_s_2": {k: round(v, 1) for k, v in two["cpu"].items()},
        "docs_per_worker_cpu_s_1": round(one["new"] / one["cpu"]["workers"], 3),
        "docs_per_worker_cpu_s_2": round(two["new"] / two["cpu"]["workers"], 3),
        "link_s_2": round(two["link_s"], 2),
        "link_cpu_s_2": round(two["link_cpu_s"], 2),
        "links_2": two["links"],
        "refresh_s_2": round(two["refresh_s"], 2),
        "load_1min": [round(r[n]["load_1min"], 2) for r in results for n in (1, 2)],
        "pg_records_per_s": round(pg_rate),
        "pg_docs_per_s": round(pg_docs_rate),
        "cpus": os.cpu_count(),
    }


if __name__ == "__main__":
    sys.exit(main())
