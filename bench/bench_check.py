"""Benchmark: check one charter over 1,000,000 synthetic records, on SQLite and on PostgreSQL.

    .venv/bin/python bench/bench_check.py                       # SQLite, + PostgreSQL if a URL is set
    .venv/bin/python bench/bench_check.py --records 200000 --charter csto-treaty
    PACTWATCH_BENCH_PG_URL=postgresql+psycopg://postgres@127.0.0.1:5432/bench .venv/bin/python bench/bench_check.py

The records are bulk-loaded (executemany on SQLite, COPY on PostgreSQL), the
planner statistics refreshed (ANALYZE), then `check()` is timed. Target: <= 20 s
on SQLite for one charter. PostgreSQL's URL comes from PACTWATCH_BENCH_PG_URL or
PACTWATCH_TEST_PG_URL (its tables are dropped and recreated). Not part of the test suite.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, text

from pactwatch.check.check import check
from pactwatch.check.incidents import link_incidents
from pactwatch.store import Store, open_store, schema

RECORDS_PER_DOC = 20
CODES = (
    ["RUS", "BLR", "ARM", "KAZ", "KGZ", "TJK"] * 3
    + ["UZB", "USA", "GBR", "TUR", "FRA", "DEU", "CHN", "IND", "PAK", "AZE", "GEO", "UKR", "IRN"]
    + ["NATO", "CSTO", "SCO", "EU", "NSA", "FIN", "SWE", "MNG", "AFG", "POL"]
)
TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
         "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"]  # fmt: skip
KIND_OF = {
    "ASSAULT": ["armed_clash", None], "COOPERATE": ["military_exercise", "military_facility", None],
    "REQUEST": ["assistance_request", None], "AID": ["arms_transfer", None], "CONSULT": ["summit", None],
}  # fmt: skip
EVENT_COLS = ["id", "doc_id", "n", "event", "mode", "context", "kind", "aux", "factual", "actor",
              "recipient", "date", "enddate", "date_first", "date_last", "report_date", "event_loc",
              "loc_country", "attribution", "hedged", "confidence", "sentence", "start", "end",
              "event_text", "reasons", "review"]  # fmt: skip
ENTITY_COLS = ["event_id", "role", "code", "sector", "text", "qid"]
DOC_COLS = ["id", "sha", "source", "url", "title", "report_date", "text", "origin", "ingested_at"]


def generate(
    n_records: int, seed: int = 4
) -> Iterator[tuple[list[Any], list[list[Any]], list[list[Any]]]]:
    """Batches of (document row, event rows, entity rows), one document at a time."""
    rng = random.Random(seed)
    start_day = dt.date(2000, 1, 1).toordinal()
    now = dt.datetime(2025, 1, 1, tzinfo=dt.UTC).isoformat()
    for d in range(0, (n_records + RECORDS_PER_DOC - 1) // RECORDS_PER_DOC):
        doc_id = f"syn-{d}"
        report = dt.date.fromordinal(start_day + rng.randrange(9000))
        sentences: list[str] = []
        events: list[list[Any]] = []
        entities: list[list[Any]] = []
        offset = 0
        for n in range(min(RECORDS_PER_DOC, n_records - d * RECORDS_PER_DOC)):
            sentence = f"Synthetic sentence {n} of document {d}."
            sentences.append(sentence)
            event = rng.choice(TYPES)
            kind = rng.choice(KIND_OF.get(event, [None]))
            actors = rng.sample(CODES, rng.choice((1, 1, 2)))
            recipients = [c for c in rng.sample(CODES, rng.choice((0, 1, 1))) if c not in actors]
            aux = (
                [] if rng.random() < 0.85 else [rng.choice(["future", "hypothetical", "negation"])]
            )
            if rng.random() < 0.8:
                day = dt.date.fromordinal(report.toordinal() - rng.randrange(60))
                date, first, last = day.isoformat(), day.isoformat(), day.isoformat()
            else:
                date = first = last = None
            hedged = rng.random() < 0.1
            event_id = f"{doc_id}:{n}"
            ents = [{"code": c, "sector": "GOV", "text": c, "qid": None} for c in actors]
            rents = [{"code": c, "sector": "GOV", "text": c, "qid": None} for c in recipients]
            events.append([
                event_id, doc_id, n, event, "[]", "[]", kind, json.dumps(aux), not aux,
                json.dumps(ents), json.dumps(rents), date, None, first, last, report.isoformat(),
                None, rng.choice([None, None, *(c for c in actors if len(c) == 3)]), json.dumps({"speaker": [], "hedged": hedged}),
                hedged, 0.5, n, offset, offset + len(sentence), "synthetic", "{}",
                "rejected" if rng.random() < 0.01 else None,
            ])  # fmt: skip
            entities += [[event_id, "actor", c, "GOV", c, None] for c in actors]
            entities += [[event_id, "recipient", c, "GOV", c, None] for c in recipients]
            offset += len(sentence) + 1
        body = " ".join(sentences)
        doc = [
            doc_id,
            f"{d:016x}",
            f"source-{d % 500}",
            None,
            None,
            report.isoformat(),
            body,
            "bench",
            now,
        ]
        yield doc, events, entities


def _batches(n_records: int, size: int = 5000) -> Iterator[tuple[list[Any], list[Any], list[Any]]]:
    docs: list[Any] = []
    events: list[Any] = []
    entities: list[Any] = []
    for doc, evs, ents in generate(n_records):
        docs.append(doc)
        events += evs
        entities += ents
        if len(events) >= size:
            yield docs, events, entities
            docs, events, entities = [], [], []
    if events:
        yield docs, events, entities


def load_sqlite(store: Store, n_records: int) -> None:
    raw = store.engine.raw_connection()
    try:
        cur = raw.cursor()
        cur.execute("PRAGMA synchronous=OFF")
        ins = {name: f'INSERT INTO {name} ({", ".join(chr(34) + c + chr(34) for c in cols)}) VALUES ({", ".join("?" * len(cols))})'
               for name, cols in (("documents", DOC_COLS), ("events", EVENT_COLS), ("entities", ENTITY_COLS))}  # fmt: skip
        cur.execute("PRAGMA journal_mode=OFF")
        # one explicit transaction: the store's driver runs in autocommit (it issues its own BEGINs)
        cur.execute("BEGIN")
        for docs, events, entities in _batches(n_records, 50_000):
            cur.executemany(ins["documents"], docs)
            cur.executemany(ins["events"], events)
            cur.executemany(ins["entities"], entities)
        cur.execute("COMMIT")
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("ANALYZE")
    finally:
        raw.close()


def load_postgres(store: Store, n_records: int) -> None:
    raw = store.engine.raw_connection()
    try:
        cur = raw.cursor()
        for docs, events, entities in _batches(n_records, 100_000):
            for name, cols, rows in (("documents", DOC_COLS, docs), ("events", EVENT_COLS, events),
                                     ("entities", ENTITY_COLS, entities)):  # fmt: skip
                columns = ", ".join(f'"{c}"' for c in cols)
                with cur.copy(f"COPY {name} ({columns}) FROM STDIN") as copy:  # type: ignore[attr-defined]
                    for row in rows:
                        copy.write_row(row)
        raw.commit()
        cur.execute("ANALYZE")
        raw.commit()
    finally:
        raw.close()


def reset_postgres(url: str) -> None:
    with open_store(url, migrate=False) as store, store.engine.begin() as conn:
        schema.metadata.drop_all(conn)
        conn.execute(text("DROP TABLE IF EXISTS alembic_version"))


def run(label: str, url: str, n_records: int, charter: str, link: bool = False) -> float:
    t0 = time.perf_counter()
    with open_store(url) as store:
        with store.engine.connect() as conn:
            held = conn.execute(select(func.count()).select_from(schema.events)).scalar_one()
        if held != n_records:
            if held:
                raise SystemExit(
                    f"{label}: the store holds {held:,} records, not {n_records:,}; give a fresh one"
                )
            (load_sqlite if store.dialect == "sqlite" else load_postgres)(store, n_records)
        loaded = time.perf_counter() - t0
        t1 = time.perf_counter()
        findings = check(store, charter, as_of=dt.date(2025, 1, 1))
        seconds = time.perf_counter() - t1
        print(f"{label}: {n_records:,} records ready in {loaded:.1f} s; check --charter {charter}: "
              f"{len(findings):,} findings in {seconds:.2f} s", flush=True)  # fmt: skip
        if link:
            t2 = time.perf_counter()
            summary = link_incidents(store)
            print(f"{label}: link_incidents: {summary.incidents:,} incidents "
                  f"in {time.perf_counter() - t2:.1f} s", flush=True)  # fmt: skip
    return seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--charter", default="csto-reform")
    parser.add_argument("--sqlite", help="SQLite file to (re)create (default: a temporary file)")
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument(
        "--reuse", action="store_true", help="keep stores already holding --records records"
    )
    parser.add_argument(
        "--link", action="store_true", help="also time link_incidents (after the check)"
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(args.sqlite or Path(tmp) / "bench.db")
        if not args.reuse:
            path.unlink(missing_ok=True)
        lite = run("sqlite", f"sqlite:///{path}", args.records, args.charter, args.link)
        verdict = "within" if lite <= 20 else "OVER"
        print(f"sqlite target <= 20 s: {verdict} ({lite:.2f} s)")
    pg_url = os.environ.get("PACTWATCH_BENCH_PG_URL") or os.environ.get("PACTWATCH_TEST_PG_URL")
    if args.no_postgres or not pg_url:
        print("postgresql: skipped (set PACTWATCH_BENCH_PG_URL)")
        return 0
    if not args.reuse:
        reset_postgres(pg_url)
    pg = run("postgresql", pg_url, args.records, args.charter, args.link)
    print(f"ratio postgresql/sqlite: {pg / lite:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
