"""Dashboard latency on 1,000,000 records in SQLite: median and p95 of /, /events (filtered)
and /findings. Target: p95 <= 300 ms.

    .venv/bin/python bench/bench_web.py [--records 1000000] [--runs 30] [--db /tmp/bench-web.db]

The store is built once by bulk insert (reused when the file exists with the same size);
requests go through Starlette's TestClient, so the figures are the app's own time
without network. The first /findings computes the charter check (reported as "cold");
later ones are served from the findings cache until a review or ingest changes the data.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
import urllib.request
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from pactwatch.store import open_store
from pactwatch.web import create_app

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

CODES = ["RUS", "KAZ", "KGZ", "TJK", "ARM", "BLR", "UZB", "USA", "GBR", "TUR", "CHN", "AZE",
         "IRN", "UKR", "GEO", "FRA", "DEU", "IND", "PAK", "AFG"]  # fmt: skip
TYPES = ["AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "ACCUSE", "REJECT", "THREATEN",
         "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"]  # fmt: skip
KINDS = [None, None, None, "armed_clash", "military_exercise", "military_facility", "summit"]
PER_DOC = 20
# the dashboard's question-answering pages (issue 12): search, facets, sorting, map, overview
EXTRA = [
    "/events?q=border",
    "/events?type=assault&sort=type",
    "/events?sort=-date&facets=1",
    "/documents?q=exercise",
    "/map",
    "/api/events?q=military&per_page=100",
]


def build(path: Path, n_records: int, seed: int = 7) -> None:
    open_store(f"sqlite:///{path}").close()  # schema and indexes from the migrations
    rnd = random.Random(seed)
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=OFF")
    con.execute("PRAGMA synchronous=OFF")
    now = datetime.now(UTC).isoformat(" ")
    n_docs = n_records // PER_DOC
    day0 = date(2015, 1, 1)
    text = "Kyrgyzstan and Tajikistan exchanged fire on the border near Batken. " * 4
    con.executemany(
        "INSERT INTO documents (id, sha, source, url, title, report_date, text, origin, ingested_at)"
        " VALUES (?,?,?,?,?,?,?,?,?)",
        (
            (f"d{i}", f"{i:016x}", f"source{i % 50}", None, f"Report {i}",
             (day0 + timedelta(days=i * 3650 // n_docs)).isoformat(), text, "bench", now)
            for i in range(n_docs)
        ),
    )  # fmt: skip
    ev_rows, ent_rows = [], []
    for i in range(n_records):
        doc, n = f"d{i // PER_DOC}", i % PER_DOC
        a, b = rnd.sample(CODES, 2)
        first = day0 + timedelta(days=rnd.randrange(3650))
        undated = rnd.random() < 0.1
        aux = "[]" if rnd.random() < 0.8 else '["future"]'
        actor = json.dumps([{"code": a, "sector": "GOV", "text": a, "qid": None}])
        recipient = json.dumps([{"code": b, "sector": "MIL", "text": b, "qid": None}])
        ev_rows.append((
            f"{doc}:{n}", doc, n, rnd.choice(TYPES), "[]", "[]", rnd.choice(KINDS), aux,
            aux == "[]", actor, recipient, None if undated else first.isoformat(), None,
            None if undated else first.isoformat(), None if undated else first.isoformat(),
            first.isoformat(), None, None, "{}", rnd.random() < 0.1, 0.7, 0, 0, 60,
            "exchanged fire", "{}",
        ))  # fmt: skip
        ent_rows.append((f"{doc}:{n}", "actor", a, "GOV", a))
        ent_rows.append((f"{doc}:{n}", "recipient", b, "MIL", b))
        if len(ev_rows) >= 100_000:
            _flush(con, ev_rows, ent_rows)
    _flush(con, ev_rows, ent_rows)
    con.commit()
    con.execute("ANALYZE")
    con.close()


def _flush(
    con: sqlite3.Connection, ev_rows: list[tuple[object, ...]], ent_rows: list[tuple[object, ...]]
) -> None:
    con.executemany(
        "INSERT INTO events (id, doc_id, n, event, mode, context, kind, aux, factual, actor,"
        " recipient, date, enddate, date_first, date_last, report_date, event_loc, loc_country,"
        ' attribution, hedged, confidence, sentence, start, "end", event_text, reasons)'
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        ev_rows,
    )
    con.executemany(
        "INSERT INTO entities (event_id, role, code, sector, text) VALUES (?,?,?,?,?)", ent_rows
    )
    ev_rows.clear()
    ent_rows.clear()


def built(db: Path, records: int) -> Path:
    """The bulk-built store of `records` records at `db`, built unless it is there already."""
    marker = db.with_suffix(".records")
    if not (db.exists() and marker.exists() and marker.read_text() == str(records)):
        db.unlink(missing_ok=True)
        t0 = time.perf_counter()
        build(db, records)
        marker.write_text(str(records))
        print(f"built {records:,} records in {time.perf_counter() - t0:.0f} s: {db}")
    return db


def demo_store(folder: Path) -> Path:
    """The demo's store (`pactwatch demo` run in `folder`), made once."""
    db = folder / "pactwatch.db"
    if not db.exists():
        folder.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [sys.executable, "-m", "pactwatch", "-q", "demo"],
            cwd=folder, check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
    return db


@contextmanager
def serving(db_url: str, timeout: float = 120) -> Iterator[tuple[str, int]]:
    """A real `pactwatch serve` process over `db_url` on a free loopback port: (base URL, pid).

    Quiet (-q: no access log), so that the figures are the server's work, not its logging."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "pactwatch", "-q", "serve", "--port", str(port), "--db", db_url],
        stderr=subprocess.DEVNULL, env={**os.environ, "PACTWATCH_SECRET_KEY": "bench"},
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(f"{base}/openapi.json", timeout=2):
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"pactwatch serve did not start on {base}") from None
                time.sleep(0.2)
        yield base, proc.pid
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def timed(client: TestClient, url: str, runs: int) -> tuple[float, float, int]:
    times = []
    status = 0
    for _ in range(runs):
        t0 = time.perf_counter()
        status = client.get(url).status_code
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return statistics.median(times), times[max(0, round(0.95 * len(times)) - 1)], status


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--records", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument("--db", type=Path, default=Path("/tmp/pactwatch-bench-web.db"))
    ap.add_argument("--charter", default="csto-reform")
    ap.add_argument(
        "--store", help="time an existing store (URL, e.g. the demo's) instead of building one"
    )
    ap.add_argument("--json", action="store_true", help="print one JSON object as the last line")
    args = ap.parse_args()
    if not args.store:
        built(args.db, args.records)
    store = open_store(args.store or f"sqlite:///{args.db}", create=False)
    client = TestClient(create_app(store=store, secret_key="bench"))
    t0 = time.perf_counter()
    status = client.get(f"/findings?charter={args.charter}").status_code
    print(
        f"/findings cold (runs the charter check): {(time.perf_counter() - t0) * 1000:,.0f} ms, HTTP {status}"
    )
    urls = [
        f"/?charter={args.charter}",
        "/events",
        "/events?type=ASSAULT&actor=KGZ&since=2020-01-01&until=2022-12-31&factuality=factual",
        "/events?kind=military_exercise&recipient=USA&page=3",
        f"/findings?charter={args.charter}",
        "/api/events?type=COERCE&per_page=100",
        *EXTRA,
    ]
    figures: dict[str, dict[str, float]] = {}
    print(f"{'page':<88} {'median ms':>10} {'p95 ms':>8}  HTTP")
    worst = 0.0
    for url in urls:
        client.get(url)  # warm the page's code path
        median, p95, status = timed(client, url, args.runs)
        worst = max(worst, p95)
        figures[url] = {"median_ms": round(median, 1), "p95_ms": round(p95, 1), "status": status}
        print(f"{url:<88} {median:>10.1f} {p95:>8.1f}  {status}")
    print(f"worst p95: {worst:.1f} ms (target 300 ms): {'met' if worst <= 300 else 'NOT met'}")
    if args.json:
        print(json.dumps({"pages": figures, "worst_p95_ms": round(worst, 1)}))
    return 0 if worst <= 300 else 1


if __name__ == "__main__":
    sys.exit(main())
