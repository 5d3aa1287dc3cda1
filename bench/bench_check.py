"""Benchmark: corroborate and check over 1,000,000 synthetic records, on SQLite and PostgreSQL.

    .venv/bin/python bench/bench_check.py --no-postgres --json   # the SQLite figures
    .venv/bin/python bench/bench_check.py --records 200000 --charter csto-treaty
    PACTWATCH_BENCH_PG_URL=postgresql+psycopg://postgres@127.0.0.1:5432/bench \
        .venv/bin/python bench/bench_check.py --records 5000000 --no-sqlite --json [--reuse]

The records are bulk-loaded (executemany on SQLite, COPY on PostgreSQL) and the
planner statistics refreshed (ANALYZE). Then, per backend:

1. `corroborate` links the N records into incidents (timed: corroborate_s);
2. `check` runs one charter over them, incidents included (timed: check_s);
3. N more records are loaded, the incidents forgotten (untimed) and `corroborate`
   links all 2N (the ratio to step 1 is corroborate_ratio_2x: linear work gives 2.0;
   the synthetic records are twice as dense in time then, so a little more).

Targets (issue 11): corroborate 1,000,000 records on SQLite in <= 30 s; the 2x
ratio <= 2.3; no incident wider than `incident_days`; check <= 3 s. With --json
the last line(s) are one JSON object per backend, SQLite first. PostgreSQL's URL
comes from PACTWATCH_BENCH_PG_URL or PACTWATCH_TEST_PG_URL (its tables are
dropped and recreated unless --reuse). Not part of the test suite.
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

from pactwatch.check import stored
from pactwatch.check.check import check
from pactwatch.corroborate import corroborate, forget, incident_days
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
    n_records: int, seed: int = 4, part: int = 0
) -> Iterator[tuple[list[Any], list[list[Any]], list[list[Any]]]]:
    """Batches of (document row, event rows, entity rows), one document at a time.

    `part` makes distinct document ids (and another seed) for the second half of a 2x run.
    """
    rng = random.Random(seed + part)
    start_day = dt.date(2000, 1, 1).toordinal()
    now = dt.datetime(2025, 1, 1, tzinfo=dt.UTC).isoformat()
    docs = (n_records + RECORDS_PER_DOC - 1) // RECORDS_PER_DOC
    for d in range(part * docs, (part + 1) * docs):
        doc_id = f"syn-{d}"
        report = dt.date.fromordinal(start_day + rng.randrange(9000))
        sentences: list[str] = []
        events: list[list[Any]] = []
        entities: list[list[Any]] = []
        offset = 0
        for n in range(min(RECORDS_PER_DOC, n_records - (d - part * docs) * RECORDS_PER_DOC)):
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


def _batches(
    n_records: int, size: int = 5000, part: int = 0
) -> Iterator[tuple[list[Any], list[Any], list[Any]]]:
    docs: list[Any] = []
    events: list[Any] = []
    entities: list[Any] = []
    for doc, evs, ents in generate(n_records, part=part):
        docs.append(doc)
        events += evs
        entities += ents
        if len(events) >= size:
            yield docs, events, entities
            docs, events, entities = [], [], []
    if events:
        yield docs, events, entities


def load_sqlite(store: Store, n_records: int, part: int = 0) -> None:
    raw = store.engine.raw_connection()
    try:
        cur = raw.cursor()
        cur.execute("PRAGMA synchronous=OFF")
        ins = {name: f'INSERT INTO {name} ({", ".join(chr(34) + c + chr(34) for c in cols)}) VALUES ({", ".join("?" * len(cols))})'
               for name, cols in (("documents", DOC_COLS), ("events", EVENT_COLS), ("entities", ENTITY_COLS))}  # fmt: skip
        cur.execute("PRAGMA journal_mode=OFF")
        # one explicit transaction: the store's driver runs in autocommit (it issues its own BEGINs)
        cur.execute("BEGIN")
        for docs, events, entities in _batches(n_records, 50_000, part):
            cur.executemany(ins["documents"], docs)
            cur.executemany(ins["events"], events)
            cur.executemany(ins["entities"], entities)
        cur.execute("COMMIT")
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("ANALYZE")
    finally:
        raw.close()


def load_postgres(store: Store, n_records: int, part: int = 0) -> None:
    raw = store.engine.raw_connection()
    try:
        cur = raw.cursor()
        for docs, events, entities in _batches(n_records, 100_000, part):
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
    """Drop the schema and make it again: migrations make tables, functions and triggers
    outside schema.py (event_search), at whose foreign keys metadata.drop_all stopped, so
    a second run without --reuse failed."""
    with open_store(url, migrate=False) as store, store.engine.begin() as conn:
        name = conn.execute(text("SELECT current_schema()")).scalar_one()
        conn.execute(text(f'DROP SCHEMA "{name}" CASCADE'))
        conn.execute(text(f'CREATE SCHEMA "{name}"'))


def _held(store: Store) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(schema.events)).scalar_one())


def run(label: str, url: str, n_records: int, charter: str, double: bool) -> dict[str, Any]:
    """Load, corroborate, check, then (with `double`) load as many again and corroborate all."""
    out: dict[str, Any] = {"backend": label, "records": n_records, "charter": charter,
                           "incident_days": incident_days()}  # fmt: skip
    with open_store(url) as store:
        load = load_sqlite if store.dialect == "sqlite" else load_postgres
        held = _held(store)
        t0 = time.perf_counter()
        if held not in (0, n_records, 2 * n_records):
            raise SystemExit(f"{label}: the store holds {held:,} records; give a fresh one")
        if held == 0:
            load(store, n_records)
        out["load_s"] = round(time.perf_counter() - t0, 1)
        if held == 2 * n_records:
            raise SystemExit(f"{label}: the store already holds 2x; give a fresh one or no --reuse")
        first = corroborate(store, rebuild=True)
        out["corroborate_s"] = round(first.seconds, 2)
        out["incidents"] = first.incidents_new
        out["largest_incident_days"] = first.largest_incident_days
        print(f"{label}: corroborate {n_records:,} records: {first.incidents_new:,} incidents, "
              f"{first.disputes:,} disputes, widest {first.largest_incident_days} day(s), "
              f"in {first.seconds:.2f} s", flush=True)  # fmt: skip
        t1 = time.perf_counter()
        findings = check(store, charter, as_of=dt.date(2025, 1, 1))
        out["check_s"] = round(time.perf_counter() - t1, 2)
        out["findings"] = len(findings)
        print(f"{label}: check --charter {charter}: {len(findings):,} findings in "
              f"{out['check_s']:.2f} s (incidents included)", flush=True)  # fmt: skip
        # check stores its findings (first/last seen, states): the first check above inserted
        # them; a second one only moves last_seen. record_s: that storing step alone
        t2 = time.perf_counter()
        check(store, charter, as_of=dt.date(2025, 1, 1))
        out["check_again_s"] = round(time.perf_counter() - t2, 2)
        t3 = time.perf_counter()
        stored.remember(store, charter, findings)
        out["record_s"] = round(time.perf_counter() - t3, 2)
        print(f"{label}: check again {out['check_again_s']:.2f} s, of which storing the "
              f"findings {out['record_s']:.2f} s", flush=True)  # fmt: skip
        if double:
            load(store, n_records, part=1)
            # the first run linked a fresh store: forget its incidents outside the timing, so
            # that both runs do the same work on N and 2N records
            forget(store)
            again = corroborate(store)
            out["corroborate_2x_s"] = round(again.seconds, 2)
            out["corroborate_ratio_2x"] = round(again.seconds / max(first.seconds, 1e-9), 2)
            out["largest_incident_days"] = max(
                out["largest_incident_days"], again.largest_incident_days
            )
            print(f"{label}: corroborate {2 * n_records:,} records in {again.seconds:.2f} s: "
                  f"{out['corroborate_ratio_2x']:.2f}x the time for {n_records:,}", flush=True)  # fmt: skip
    return out


def _verdicts(out: dict[str, Any]) -> None:
    bound = out["incident_days"]
    ratio = out.get("corroborate_ratio_2x")
    checks = [
        ("corroborate <= 30 s", out["corroborate_s"] <= 30),
        ("2x records <= 2.3x time", None if ratio is None else ratio <= 2.3),  # --no-double
        (f"largest incident <= {bound} days", out["largest_incident_days"] <= bound),
        ("check <= 3 s", out["check_s"] <= 3),
    ]
    for name, ok in checks:
        verdict = "not run" if ok is None else "within" if ok else "OVER"
        print(f"{out['backend']} target {name}: {verdict}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--charter", default="csto-reform")
    parser.add_argument("--sqlite", help="SQLite file to (re)create (default: a temporary file)")
    parser.add_argument("--no-postgres", action="store_true")
    # PostgreSQL's own target is 5,000,000 records: SQLite's run on as many is no target's
    parser.add_argument("--no-sqlite", action="store_true", help="PostgreSQL only")
    parser.add_argument("--no-double", action="store_true", help="skip the 2x run")
    parser.add_argument(
        "--reuse", action="store_true", help="keep stores already holding --records records"
    )
    parser.add_argument("--json", action="store_true", help="one JSON object per backend, last")
    args = parser.parse_args(argv)
    results = []
    if args.no_sqlite:
        print("sqlite: skipped (--no-sqlite)")
    else:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(args.sqlite or Path(tmp) / "bench.db")
            if not args.reuse:
                path.unlink(missing_ok=True)
            results.append(
                run("sqlite", f"sqlite:///{path}", args.records, args.charter, not args.no_double)
            )
    pg_url = os.environ.get("PACTWATCH_BENCH_PG_URL") or os.environ.get("PACTWATCH_TEST_PG_URL")
    if args.no_postgres or not pg_url:
        print("postgresql: skipped (set PACTWATCH_BENCH_PG_URL)")
    else:
        if not args.reuse:
            reset_postgres(pg_url)
        results.append(run("postgresql", pg_url, args.records, args.charter, not args.no_double))
    for out in results:
        _verdicts(out)
    if args.json:
        for out in results:
            print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
