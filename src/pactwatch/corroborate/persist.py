"""Reading stored incidents that new records may join, and writing incidents back.

Incident ids are assigned once (the next free integer) and never change on an
incremental run: a record joins an incident, the incident's row is updated in
place, and its links are added beside the old ones.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    Connection,
    Table,
    bindparam,
    delete,
    func,
    insert,
    select,
    update,
)

from pactwatch.corroborate.days import from_day, span_dates
from pactwatch.corroborate.link import Incident
from pactwatch.sources import count_reports
from pactwatch.store import schema

_BATCH = 1000


def next_id(conn: Connection) -> int:
    return (
        int(conn.execute(select(func.coalesce(func.max(schema.incidents.c.id), 0))).scalar_one())
        + 1
    )


def _incident(row: Any, bound: int) -> Incident:
    inc = Incident(
        row.id, row.event, frozenset(row.parties.split()), row.kind, row.loc_country,
        disputed=bool(row.disputed), existing=True, changed=row.sources == 0,
    )  # fmt: skip
    if row.day_first is not None and row.day_last is not None:
        span = (int(row.day_first), int(row.day_last))
        if row.precise:
            inc.first, inc.last = span
        elif row.date_first is None:
            inc.reported = span
        else:
            inc.vague = span
    return inc


def load_open(
    conn: Connection, spans: Iterable[tuple[str, int, int]], bound: int, grace: int
) -> dict[str, list[Incident]]:
    """Stored incidents of each event type near the days of this run's records, with their sources."""
    inc, ie, k = schema.incidents, schema.incident_events, schema.incident_keys
    found: dict[int, Incident] = {}
    # incidents a review took a record from (sources 0) are recounted whatever their type
    queries = [select(inc).where(inc.c.sources == 0)]
    queries += [
        select(inc).where(
            inc.c.event == event,
            inc.c.day_last >= lo - 2 * bound - grace,
            inc.c.day_first <= hi + bound,
        )
        for event, lo, hi in spans
    ]
    for query in queries:
        for row in conn.execute(query):
            found[row.id] = _incident(row, bound)
    ids = sorted(found)
    stale = {i for i, target in found.items() if target.changed}
    for target in (found[i] for i in stale):
        # a review took a record away: days and parties are recomputed from what is left
        target.first = target.last = target.vague = target.reported = None
        target.parties = frozenset()
    for i in range(0, len(ids), _BATCH):
        query = (
            select(
                ie.c.incident_id, ie.c.relation, k.c.doc_id, k.c.outlet, k.c.report_day,
                k.c.first_day, k.c.last_day, k.c.parties, k.c.url,
            )
            .join(k, k.c.event_id == ie.c.event_id)
            .where(ie.c.incident_id.in_(ids[i : i + _BATCH]))
        )  # fmt: skip
        for row in conn.execute(query):
            target = found[row.incident_id]
            if row.relation != "reports":
                continue
            target.docs.add(row.doc_id)
            target.outlets.add(row.outlet)
            if row.url is not None:
                target.urls.add((row.doc_id, row.outlet, row.url))
            if row.report_day is not None:
                target.report_days.append(row.report_day)
            if row.incident_id in stale:
                target.take_days(row.first_day, row.last_day, row.report_day, bound)
                target.parties = target.parties | frozenset(row.parties.split())
    for i in stale:
        found[i].key = " ".join(sorted(found[i].parties))
    out: dict[str, list[Incident]] = {}
    for target in found.values():
        out.setdefault(target.event, []).append(target)
    return out


_INCIDENT_COLS = (
    "id", "event", "kind", "parties", "loc_country", "day_first", "day_last", "precise",
    "date_first", "date_last", "date", "enddate", "sources", "outlets", "disputed",
    "first_report", "last_report",
)  # fmt: skip
_LINK_COLS = ("incident_id", "event_id", "relation")


@lru_cache(maxsize=65_536)
def _iso(day: int) -> str:
    return from_day(day).isoformat()


def _row(inc: Incident, as_text: bool) -> tuple[Any, ...]:
    """The incident's row in _INCIDENT_COLS order; dates as ISO text where the store keeps text."""
    lo, hi = inc.anchor()
    first: Any = None
    last: Any = None
    date: str | None = None
    enddate: str | None = None
    if inc.first is not None or inc.vague is not None:  # dated
        date, enddate = span_dates(lo, hi)
        first, last = (_iso(lo), _iso(hi)) if as_text else (from_day(lo), from_day(hi))
    days = inc.report_days
    reported: tuple[str | None, str | None] = (None, None)
    if len(days) == 1:  # most incidents: one report
        reported = (_iso(days[0]),) * 2
    elif days:
        reported = (_iso(min(days)), _iso(max(days)))
    sources, outlets = len(inc.docs), len(inc.outlets)
    if inc.urls and sources + outlets > 2:  # reports at one URL may be one source
        sources, outlets = count_reports(inc.docs, inc.outlets, inc.urls)
    return (
        inc.id, inc.event, inc.kind, inc.key, inc.loc, lo, hi, inc.first is not None, first, last,
        date, enddate, sources, outlets, inc.disputed, *reported,
    )  # fmt: skip


def write(conn: Connection, incidents: list[Incident]) -> tuple[int, int]:
    """Insert new incidents, update grown ones, add their new links; (new, updated)."""
    # SQLite keeps dates as ISO text (what SQLAlchemy's Date type writes there)
    as_text = conn.dialect.name == "sqlite"
    empty: list[int] = []
    new: list[tuple[Any, ...]] = []
    grown: list[tuple[Any, ...]] = []
    for i in incidents:  # one pass: a rebuild writes half a million incidents
        if not i.existing:
            new.append(_row(i, as_text))
        elif i.docs:
            grown.append(_row(i, False))
        else:
            empty.append(i.id)
    if empty:  # a review took its only record away; its dispute links go with it
        conn.execute(
            delete(schema.incident_events).where(schema.incident_events.c.incident_id.in_(empty))
        )
        conn.execute(delete(schema.incidents).where(schema.incidents.c.id.in_(empty)))
    links = [(i.id, e, "reports") for i in incidents for e in i.reports]
    links += [(i.id, e, "disputes") for i in incidents for e in i.disputes]
    inc = schema.incidents
    _bulk_insert(conn, inc, _INCIDENT_COLS, new)
    if grown:
        stmt = (
            update(inc)
            .where(inc.c.id == bindparam("b_id"))
            .values({c: bindparam(f"b_{c}") for c in _INCIDENT_COLS[1:]})
        )
        conn.execute(
            stmt, [{f"b_{c}": v for c, v in zip(_INCIDENT_COLS, row, strict=True)} for row in grown]
        )
    _bulk_insert(conn, schema.incident_events, _LINK_COLS, links)
    return len(new), len(grown)


def _bulk_insert(
    conn: Connection, table: Table, cols: tuple[str, ...], rows: list[tuple[Any, ...]]
) -> None:
    """Plain rows through the driver's executemany (COPY on PostgreSQL), in the connection's
    transaction.

    A rebuild writes a row per record; SQLAlchemy's per-row parameter processing cost more
    than the inserts themselves, and these rows need none.
    """
    if not rows:
        return
    names = ", ".join(f'"{c}"' for c in cols)
    if conn.dialect.name == "postgresql":
        # COPY, in the run's transaction: executemany sent a million links as a million
        # statements (27 s of a million-record rebuild with the incidents, measured)
        cursor = conn.connection.cursor()
        try:
            with cursor.copy(f"COPY {table.name} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        finally:
            cursor.close()
        return
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    sql = f"INSERT INTO {table.name} ({names}) VALUES ({', '.join([mark] * len(cols))})"
    cursor = conn.connection.cursor()
    try:
        for i in range(0, len(rows), 10 * _BATCH):
            cursor.executemany(sql, rows[i : i + 10 * _BATCH])
    finally:
        cursor.close()


def largest_span(conn: Connection) -> int:
    """Days covered by the widest precisely dated incident (the bound holds for these)."""
    inc = schema.incidents
    width = func.max(inc.c.day_last - inc.c.day_first + 1)
    query = select(width).where(inc.c.precise.is_(True))
    return int(conn.execute(query).scalar_one() or 0)


def add_disputes(conn: Connection, links: list[dict[str, Any]]) -> None:
    """Links of relation `disputes` not already there; their incidents become disputed."""
    ie, inc = schema.incident_events, schema.incidents
    # the links the records already have, read in batches: one query per rejection took
    # half a second of a million-record rebuild
    event_ids = sorted({link["event_id"] for link in links})
    have: set[tuple[int, str]] = set()
    for i in range(0, len(event_ids), _BATCH):
        query = select(ie.c.incident_id, ie.c.event_id).where(
            ie.c.event_id.in_(event_ids[i : i + _BATCH])
        )
        have.update((int(a), str(b)) for a, b in conn.execute(query))
    fresh = [link for link in links if (link["incident_id"], link["event_id"]) not in have]
    if fresh:
        conn.execute(insert(ie), fresh)
        ids = sorted({link["incident_id"] for link in fresh})
        conn.execute(update(inc).where(inc.c.id.in_(ids)).values(disputed=True))
