"""`corroborate(store)`: link the records not yet linked into incidents, incrementally.

Steps, in one transaction: key every record without a key (`keys.stage`), load
the stored incidents near the new records' days, run the linker over the new
keys in date order per event type, write incidents and links, then link
rejections of accusations as disputes. `rebuild=True` forgets every incident and
key first (after a change to the linking rules or the bound).
"""

from __future__ import annotations

import gc
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import Connection, Engine, and_, delete, select, text, update

from pactwatch import settings
from pactwatch.corroborate import bulk, keys, persist, renumber
from pactwatch.corroborate.link import VAGUE_GRACE, Linker
from pactwatch.errors import UsageError
from pactwatch.store import schema

_FLUSH = 20_000


@dataclass(frozen=True, slots=True)
class CorroborateSummary:
    records: int  # records read for the first time in this run
    incidents_new: int
    incidents_grown: int
    links: int
    disputes: int
    largest_incident_days: int
    seconds: float

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# any constant works; it only has to be the same for every pactwatch process
_PG_LOCK_KEY = 74_617_762
_SQLITE_CACHE_KIB = 262_144  # 256 MiB of page cache while a run holds the write lock
_ANALYZE_AT = 10_000  # records read in one run from which PostgreSQL's statistics are refreshed


@contextmanager
def _writing(store: Any) -> Iterator[Connection]:
    """One writer at a time: two ingests finishing together must not key a record twice.

    SQLite: the Store's BEGIN IMMEDIATE; PostgreSQL: a transaction-scoped advisory lock.
    """
    engine = getattr(store, "engine", store)
    if not isinstance(engine, Engine):
        raise UsageError(f"not a store or an engine: {store!r}")
    with store.write() if hasattr(store, "write") else engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK_KEY})
        else:
            # a run reads every new record's entities and writes a key and a link for each:
            # SQLite's 2 MB default page cache makes a big store's run re-read its pages
            conn.exec_driver_sql(f"PRAGMA cache_size = -{_SQLITE_CACHE_KIB}")
        try:
            yield conn
        finally:
            if conn.dialect.name == "sqlite":
                conn.exec_driver_sql("PRAGMA cache_size = -2000")  # SQLite's default again


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """The cyclic garbage collector off while a run links: a rebuild holds half a million
    incidents (each with its sets and lists) and allocates more with every record, so the
    collector kept re-scanning them all, 60 % of the linker's time at 1,000,000 records
    (measured). What a run allocates in bulk (incidents, rows, tuples) holds no reference
    cycles, so reference counting frees it; anything else waits for the next collection.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def incident_days() -> int:
    bound = int(settings.get("incident_days"))
    if bound < 1:
        raise UsageError(
            f"incident_days must be a positive number of days, not {bound}",
            fix="set PACTWATCH_INCIDENT_DAYS=10 (the default)",
        )
    return bound


def _forget(conn: Connection) -> None:
    if conn.dialect.name == "postgresql":
        # TRUNCATE, still in the transaction: a DELETE left a million dead keys, which the
        # rebuild's inserts of the same event ids met again in the primary key's index
        conn.execute(text("TRUNCATE incident_events, incidents, incident_keys"))
        return
    conn.execute(delete(schema.incident_events))
    conn.execute(delete(schema.incidents))
    conn.execute(delete(schema.incident_keys))


def forget(store: Any) -> None:
    """Forget every incident and key (the next run links every record again)."""
    with _writing(store) as conn:
        _forget(conn)


_MONTH = 31  # the commonest vague span; incidents no wider are found by a bounded range


def _rejections(conn: Connection, bound: int, run: int) -> list[dict[str, Any]]:
    """A REJECT by the accused aimed at the accuser disputes the accusation's incident.

    An incident fits when the rejection comes within its days and 2 bounds after. Asked
    in one query, the index on (event, parties, day_first) reads every earlier
    accusation of the pair for each rejection (quadratic in a pair's accusations: 6.5 s of
    a 2,000,000-record run, CPU), so it is asked twice: incidents at most a month wide (nearly
    all) in a bounded range of days, and the few wider ones, gathered first.
    """
    inc = schema.incidents
    width = max(bound, _MONTH)
    narrow = _rejections_of(conn, inc, bound, run, width)
    wide = (
        select(inc.c.id, inc.c.event, inc.c.parties, inc.c.day_first, inc.c.day_last)
        .where(inc.c.event == "ACCUSE", inc.c.day_last - inc.c.day_first > width)
        .cte("wide")
        .prefix_with("MATERIALIZED")
    )
    found = narrow | _rejections_of(conn, wide, bound, run, None)
    return [
        {"incident_id": incident_id, "event_id": event_id, "relation": "disputes"}
        for incident_id, event_id in sorted(found)
    ]


def _rejections_of(
    conn: Connection, inc: Any, bound: int, run: int, width: int | None
) -> set[tuple[int, str]]:
    """(incident, rejection) pairs among `inc` (incidents at most `width` days wide, or a
    CTE of the wider ones with width None)."""
    k, ie = schema.incident_keys, schema.incident_events
    where = []
    if width is not None:
        # day_last >= sort_day - 2 bounds and day_last - day_first <= width bound day_first
        where = [
            inc.c.day_first >= k.c.sort_day - (2 * bound + width),
            inc.c.day_last - inc.c.day_first <= width,
        ]
    acc_to = schema.entities.alias("acc_to")  # the accused, in an accusation's report
    acc_by = schema.entities.alias("acc_by")  # the accuser
    rej_by = schema.entities.alias("rej_by")
    rej_to = schema.entities.alias("rej_to")
    query = (
        select(inc.c.id, k.c.event_id)
        .distinct()
        .select_from(k)
        .join(
            inc,
            and_(
                inc.c.event == "ACCUSE",
                inc.c.parties == k.c.parties,
                k.c.sort_day >= inc.c.day_first,
                k.c.sort_day <= inc.c.day_last + 2 * bound,
                *where,
            ),
        )
        .join(ie, and_(ie.c.incident_id == inc.c.id, ie.c.relation == "reports"))
        .join(acc_to, and_(acc_to.c.event_id == ie.c.event_id, acc_to.c.role == "recipient"))
        .join(acc_by, and_(acc_by.c.event_id == ie.c.event_id, acc_by.c.role == "actor"))
        .join(
            rej_by,
            and_(
                rej_by.c.event_id == k.c.event_id,
                rej_by.c.role == "actor",
                rej_by.c.code == acc_to.c.code,
            ),
        )
        .join(
            rej_to,
            and_(
                rej_to.c.event_id == k.c.event_id,
                rej_to.c.role == "recipient",
                rej_to.c.code == acc_by.c.code,
            ),
        )
        .where(k.c.run == run, k.c.event == "REJECT", k.c.role == "report")
    )
    return {(int(i), str(e)) for i, e in conn.execute(query)}


def corroborate(
    store: Any, *, rebuild: bool = False, bound: int | None = None
) -> CorroborateSummary:
    """Link the store's new records into incidents (all records with `rebuild`)."""
    t0 = time.perf_counter()
    days = bound if bound is not None else incident_days()
    new = grown = links = disputes = 0
    with _no_cycle_collection(), _writing(store) as conn:
        old_max = 0
        if rebuild:
            # incidents that come back keep their ids (findings and their states hang on them)
            old_max = renumber.remember(conn)
            _forget(conn)
        run = keys.next_run(conn)
        # every key and link written afresh: their foreign keys checked once at the end
        dropped = bulk.drop_constraints(conn) if bulk.is_bulk(conn) else []
        staged = keys.stage(conn, days, run)
        # also with nothing staged: a removed document leaves incidents to recount (sources 0)
        by_event = persist.load_open(
            conn, keys.staged_spans(conn, run) if staged else [], days, VAGUE_GRACE
        )
        linker = Linker(days, persist.next_id(conn))

        def flush() -> None:
            nonlocal new, grown, links, disputes
            done, linker.finished = linker.finished, []
            n, g = persist.write(conn, done)
            new, grown = new + n, grown + g
            links += sum(len(i.reports) for i in done)
            disputes += sum(len(i.disputes) for i in done)

        event = None
        opened: set[str] = set()
        for row in keys.staged_in_order(conn, run) if staged else ():
            if row.event != event:
                event = row.event
                opened.add(event)
                linker.start_event(event)
                linker.open(by_event.get(event, []))
            linker.add(row)
            if len(linker.finished) >= _FLUSH:
                flush()
        linker.finish()
        # stored incidents of types no new record has, which a review took a record from
        linker.finished += [
            i for e, incs in by_event.items() if e != event and e not in opened for i in incs
            if i.changed
        ]  # fmt: skip
        flush()
        bulk.add_back(conn, dropped)
        if staged:
            if conn.dialect.name == "postgresql" and staged >= _ANALYZE_AT:
                # the planner knows nothing yet of the rows just written: without statistics
                # it joined 11,000 rejections to 140,000 incidents by a nested loop (3 minutes)
                conn.execute(text("ANALYZE incidents, incident_events, incident_keys"))
            rejections = _rejections(conn, days, run)
            if rejections:
                persist.add_disputes(conn, rejections)
                disputes += len(rejections)
        if rebuild:
            renumber.restore(conn, old_max)
        largest = persist.largest_span(conn)
    return CorroborateSummary(
        records=staged, incidents_new=new, incidents_grown=grown, links=links, disputes=disputes,
        largest_incident_days=largest, seconds=round(time.perf_counter() - t0, 3),
    )  # fmt: skip


def unlink(conn: Connection, event_id: str) -> None:
    """Forget a record's key and links (a review changed its type, parties or dates).

    The next corroborate run reads it again as a new record; the incident it left is
    marked for a recount (sources 0) and rewritten by that run.
    """
    ie = schema.incident_events
    left = [
        row[0] for row in conn.execute(select(ie.c.incident_id).where(ie.c.event_id == event_id))
    ]
    conn.execute(delete(ie).where(ie.c.event_id == event_id))
    conn.execute(delete(schema.incident_keys).where(schema.incident_keys.c.event_id == event_id))
    if left:
        conn.execute(
            update(schema.incidents).where(schema.incidents.c.id.in_(left)).values(sources=0)
        )
