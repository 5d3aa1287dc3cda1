"""Blocking keys: what corroborate reads of each record it has not seen yet.

A record's key is its event type and the sorted set of state and organisation
codes among its actors and recipients (unnamed groups and the media are no
party), its kind and place, and its days: the precise span when the text dates
it to within the incident bound, a vague span (a month, a year) otherwise, and
its report date. Keys are computed once per record and kept in `incident_keys`,
so the next run reads only records without one.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, NamedTuple

from sqlalchemy import (
    Connection,
    Integer,
    String,
    Text,
    and_,
    case,
    cast,
    func,
    insert,
    literal,
    literal_column,
    or_,
    select,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import FunctionElement

from pactwatch.records import NOT_PARTY_SECTORS
from pactwatch.store import schema

ROLES = ("actor", "recipient")
NOT_PARTIES = frozenset({"NSA"})  # unnamed groups are nobody in particular
_BATCH = 5000


def denies(ev: Any) -> Any:
    """SQL: the record says the event did not happen (negated, neither planned nor hypothetical).

    Matched on the JSON text of `aux` so that no record's JSON is decoded in Python.
    """
    aux = cast(ev.c.aux, Text)
    return and_(
        ev.c.factual.is_(False),
        aux.like('%"negation"%'),
        aux.not_like('%"future"%'),
        aux.not_like('%"hypothetical"%'),
    )


class day_number(FunctionElement[int]):
    """Days since 1970-01-01 of an ISO date (a DATE column or YYYY-MM-DD text), per dialect."""

    type = Integer()
    inherit_cache = True
    name = "day_number"


@compiles(day_number, "sqlite")
def _day_sqlite(element: day_number, compiler: Any, **kw: Any) -> str:
    (arg,) = list(element.clauses)
    return f"CAST(julianday({compiler.process(arg, **kw)}) - 2440587.5 AS INTEGER)"


@compiles(day_number)
def _day_default(element: day_number, compiler: Any, **kw: Any) -> str:
    (arg,) = list(element.clauses)
    return f"(CAST({compiler.process(arg, **kw)} AS DATE) - DATE '1970-01-01')"


class party_codes(FunctionElement[str]):
    """The record's parties: distinct actor and recipient codes, sorted, space-separated.

    Unnamed groups and the media are left out (NOT_PARTIES, NOT_PARTY_SECTORS). Compiled
    per dialect: PostgreSQL orders inside string_agg; SQLite (3.40 has no ORDER BY inside
    an aggregate) concatenates the rows of an ordered subquery, which it reads in order.
    """

    type = String()
    inherit_cache = True
    name = "party_codes"


def _party_filter(compiler: Any, arg: Any, **kw: Any) -> str:
    roles = ", ".join(f"'{r}'" for r in ROLES)
    codes = ", ".join(f"'{c}'" for c in sorted(NOT_PARTIES))
    sectors = ", ".join(f"'{c}'" for c in sorted(NOT_PARTY_SECTORS))
    return (
        f"pe.event_id = {compiler.process(arg, **kw)} AND pe.role IN ({roles}) "
        f"AND pe.code NOT IN ({codes}) AND (pe.sector IS NULL OR pe.sector NOT IN ({sectors}))"
    )


@compiles(party_codes, "sqlite")
def _parties_sqlite(element: party_codes, compiler: Any, **kw: Any) -> str:
    (arg,) = list(element.clauses)
    where = _party_filter(compiler, arg, **kw)
    return (
        "(SELECT group_concat(code, ' ') FROM "
        f"(SELECT DISTINCT pe.code AS code FROM entities AS pe WHERE {where} ORDER BY pe.code))"
    )


@compiles(party_codes)
def _parties_default(element: party_codes, compiler: Any, **kw: Any) -> str:
    (arg,) = list(element.clauses)
    where = _party_filter(compiler, arg, **kw)
    return f"(SELECT string_agg(DISTINCT pe.code, ' ' ORDER BY pe.code) FROM entities AS pe WHERE {where})"


def _parties_grouped() -> Any:
    """Subquery: (event_id, parties) of every record, as `party_codes` gives them one by one.

    For a run that keys every record (a first run, a rebuild) on PostgreSQL: one grouped
    pass over `entities` instead of a correlated subquery per record (7.6 -> 3.7 s at
    1,000,000 records, psql; a DISTINCT subquery grouped after took 18.7 s); for a few new
    records the correlated form stays, which reads only their entities.
    """
    pe = schema.entities.alias("pe")
    where = and_(
        pe.c.role.in_(ROLES),
        pe.c.code.not_in(sorted(NOT_PARTIES)),
        or_(pe.c.sector.is_(None), pe.c.sector.not_in(sorted(NOT_PARTY_SECTORS))),
    )
    codes = literal_column("string_agg(DISTINCT pe.code, ' ' ORDER BY pe.code)", String())
    return (
        select(pe.c.event_id, codes.label("parties"))
        .where(where)
        .group_by(pe.c.event_id)
        .subquery("party_sets")
    )


def next_run(conn: Connection) -> int:
    """This run's number, one more than any key's: a key keeps the number of the run that
    read it, so the run's own keys are told apart without marking them done afterwards
    (an UPDATE of every key, 3 s of a million-record rebuild)."""
    k = schema.incident_keys
    return int(conn.execute(select(func.coalesce(func.max(k.c.run), 0))).scalar_one()) + 1


def stage(conn: Connection, bound: int, run: int) -> int:
    """Write keys for every record without one (numbered `run`), in one INSERT ... SELECT.

    Nothing comes back to Python: on a million records the keys are the database's work.
    """
    ev, doc, k, ir = schema.events, schema.documents, schema.incident_keys, schema.import_rows
    # an imported record is one source of its own (one dataset row), whatever file holds it:
    # its row's normalised URL, else the row itself, stands for its document and its outlet
    row_key = ir.c.source_key
    report_day = case(
        (ev.c.report_date.like("____-__-__"), day_number(ev.c.report_date)), else_=None
    )
    first_keys = conn.execute(select(k.c.event_id).limit(1)).first() is None
    grouped = _parties_grouped() if first_keys and conn.dialect.name == "postgresql" else None
    parties = party_codes(ev.c.id) if grouped is None else grouped.c.parties
    rows = (
        select(
            ev.c.id.label("event_id"),
            func.coalesce(func.substr(row_key, 1, 200), ev.c.doc_id).label("doc_id"),
            func.coalesce(row_key, doc.c.source, literal("doc:") + ev.c.doc_id).label("outlet"),
            ev.c.event, func.coalesce(parties, "").label("parties"), ev.c.kind,
            ev.c.loc_country, ev.c.factual, denies(ev).label("denies"),
            day_number(ev.c.date_first).label("first_day"),
            day_number(func.coalesce(ev.c.date_last, ev.c.date_first)).label("last_day"),
            report_day.label("report_day"), func.coalesce(ir.c.url, doc.c.url).label("url"),
        )
        .select_from(ev)
        .join(doc, doc.c.id == ev.c.doc_id)
        .outerjoin(ir, ir.c.event_id == ev.c.id)
    )  # fmt: skip
    if grouped is not None:
        rows = rows.outerjoin(grouped, grouped.c.event_id == ev.c.id)
    if not first_keys:
        # only records without a key; with no key stored (a first run, a rebuild) there is
        # nothing to leave out, and PostgreSQL, planning for an empty incident_keys, scanned
        # it once per record while this very statement filled it (20 s of 21 for 50,000
        # records on a freshly loaded store: EXPLAIN ANALYZE, a nested-loop anti join)
        rows = rows.outerjoin(k, k.c.event_id == ev.c.id).where(k.c.event_id.is_(None))
    src = (
        rows
        # materialised: as a subquery it is flattened into the statement below, which reads
        # `parties` twice and so ran the correlated party_codes subquery twice per record
        .cte("src")
        .prefix_with("MATERIALIZED")
    )  # fmt: skip
    dated = and_(src.c.first_day.is_not(None), src.c.last_day.is_not(None))
    # a vague record (a month, a year) is placed at its end: by then every incident it may
    # belong to has begun
    sort_day = case(
        (and_(dated, src.c.last_day - src.c.first_day + 1 <= bound), src.c.first_day),
        (dated, src.c.last_day),
        else_=src.c.report_day,
    )
    role = case(
        (or_(src.c.parties == "", sort_day.is_(None)), "none"),
        (src.c.factual.is_(True), "report"),
        (src.c.denies, "denial"),
        else_="none",
    )
    query = select(
        src.c.event_id, src.c.doc_id, func.substr(src.c.outlet, 1, 300), src.c.event,
        func.substr(src.c.parties, 1, 200), src.c.kind, src.c.loc_country, role, sort_day,
        src.c.first_day, src.c.last_day, src.c.report_day, src.c.url, literal(run),
    )  # fmt: skip
    cols = ["event_id", "doc_id", "outlet", "event", "parties", "kind", "loc_country", "role",
            "sort_day", "first_day", "last_day", "report_day", "url", "run"]  # fmt: skip
    conn.execute(insert(k).from_select(cols, query))
    # counted, not taken from rowcount: drivers disagree on it for INSERT ... SELECT
    staged = select(func.count()).select_from(k).where(k.c.run == run)
    return int(conn.execute(staged).scalar_one())


class StagedKey(NamedTuple):
    """One staged key as the linker reads it (the columns of `staged_in_order`)."""

    event_id: str
    doc_id: str
    outlet: str
    event: str
    parties: str
    kind: str | None
    loc_country: str | None
    role: str
    sort_day: int
    first_day: int | None
    last_day: int | None
    report_day: int | None
    url: str | None  # the row's or the document's URL, as stored


def staged_in_order(conn: Connection, run: int) -> Iterator[StagedKey]:
    """Staged keys that can link, per event type in date order (the linker's input).

    Only the columns the linker reads, in the order of the index on (run, event, sort_day):
    a million rows cost one pass and a sort of the ties, not a window over each block.
    """
    k = schema.incident_keys
    query = (
        select(
            k.c.event_id, k.c.doc_id, k.c.outlet, k.c.event, k.c.parties, k.c.kind,
            k.c.loc_country, k.c.role, k.c.sort_day, k.c.first_day, k.c.last_day,
            k.c.report_day, k.c.url,
        )
        .where(k.c.run == run, k.c.role != "none")
        .order_by(k.c.event, k.c.sort_day, k.c.event_id)
    )  # fmt: skip
    # plain named tuples: the linker reads a dozen fields of each of a million rows, and a
    # field of a tuple costs a tenth of a field of SQLAlchemy's Row
    make = StagedKey._make
    if conn.dialect.name == "sqlite":
        # the driver's own cursor: SQLAlchemy's row processing cost as much as the linking;
        # the statement's only values are this module's constants and the run's number (an
        # int), rendered inline
        sql = str(query.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True}))
        cursor = conn.connection.cursor()
        try:
            cursor.execute(sql)
            while rows := cursor.fetchmany(_BATCH):
                yield from map(make, rows)
        finally:
            cursor.close()
        return
    for row in conn.execute(query.execution_options(yield_per=_BATCH)).tuples():
        yield make(row)


def staged_spans(conn: Connection, run: int) -> list[tuple[str, int, int]]:
    """(event type, first, last sort day) of the staged keys: where existing incidents matter."""
    k = schema.incident_keys
    if conn.execute(select(schema.incidents.c.id).limit(1)).first() is None:
        # no stored incident for a record to join (a rebuild, a first run): no span matters,
        # and listing the days of a million keys took a second
        return []
    query = (
        select(k.c.event, k.c.sort_day)
        .distinct()
        .where(k.c.run == run, k.c.role != "none")
        .order_by(k.c.event, k.c.sort_day)
    )
    spans: list[tuple[str, int, int]] = []
    for event, day in conn.execute(query):
        if spans and spans[-1][0] == event and day - spans[-1][2] <= 60:
            spans[-1] = (event, spans[-1][1], day)
        else:
            spans.append((event, day, day))
    return spans
