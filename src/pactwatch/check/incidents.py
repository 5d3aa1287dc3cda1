"""Incidents: records from different documents that describe the same event, linked as one.

Two records report the same incident when they come from different documents and
have the same event type, compatible kinds, at least one participant in common,
compatible dates (overlapping ranges; an undated record only beside one reported
within a month of it) and compatible places. Linking is transitive.

A record disputes an incident when it denies it (the same event, negated) or when
it is a REJECT by the accused of an ACCUSE's accusation. Incidents are recomputed
from scratch each time (`link_incidents` is idempotent).

The candidate pairs are found in SQL; only those pairs come back to Python.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    and_,
    case,
    cast,
    delete,
    func,
    insert,
    or_,
    select,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import FunctionElement

from pactwatch.check.check import engine_of
from pactwatch.store import schema

ROLES = ("actor", "recipient")
WINDOW_DAYS = 31  # how far apart (in days) two reports of one incident may be dated
UNDATED_WINDOW = dt.timedelta(days=WINDOW_DAYS)


@dataclass(frozen=True, slots=True)
class IncidentSummary:
    incidents: int
    linked_records: int
    disputed: int


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _report_day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _dates_compatible(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Dated records' ranges overlap; an undated record needs nearby report dates."""
    if a["date_first"] is not None and b["date_first"] is not None:
        a_last, b_last = a["date_last"] or a["date_first"], b["date_last"] or b["date_first"]
        return bool(a["date_first"] <= b_last and b["date_first"] <= a_last)
    ra, rb = _report_day(a["report_date"]), _report_day(b["report_date"])
    if ra is None or rb is None or abs(ra - rb) > UNDATED_WINDOW:
        return False
    # a report cannot describe an event that began after it was published
    for dated, undated in ((a, b), (b, a)):
        rep = _report_day(undated["report_date"])
        if dated["date_first"] is not None and rep is not None and dated["date_first"] > rep:
            return False
    return True


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


def _key_table(conn: Connection) -> Table:
    """A temporary table of (record, participant, day) keys, indexed so that pairs are range scans.

    A record's day is its start date, or its report date when undated. Pairing
    through this index keeps linking near-linear: only records of one type, with
    one participant in common, within WINDOW_DAYS of each other are compared.
    """
    keys = Table(
        "pw_link_keys", MetaData(),
        Column("event_id", String(220)), Column("doc_id", String(200)), Column("event", String(12)),
        Column("role", String(10)), Column("code", String(12)), Column("day", Integer),
        prefixes=["TEMPORARY"],
    )  # fmt: skip
    keys.drop(conn, checkfirst=True)
    keys.create(conn)
    ev, en = schema.events, schema.entities
    day = case(
        (ev.c.date_first.is_not(None), day_number(ev.c.date_first)),
        else_=day_number(ev.c.report_date),
    )
    conn.execute(
        insert(keys).from_select(
            ["event_id", "doc_id", "event", "role", "code", "day"],
            select(ev.c.id, ev.c.doc_id, ev.c.event, en.c.role, en.c.code, day)
            .select_from(ev)
            .join(en, en.c.event_id == ev.c.id)
            .where(
                en.c.role.in_(ROLES),
                en.c.code != "NSA",
                or_(ev.c.date_first.is_not(None), ev.c.report_date.like("____-__-__")),
            ),
        )
    )
    Index("ix_pw_link_keys", keys.c.event, keys.c.code, keys.c.day).create(conn)
    return keys


def _candidate_pairs(
    conn: Connection, keys: Table
) -> Iterable[tuple[dict[str, Any], dict[str, Any]]]:
    k1, k2 = keys.alias("k1"), keys.alias("k2")
    pairs = (
        select(k1.c.event_id.label("x"), k2.c.event_id.label("y"))
        .distinct()
        .select_from(k1)
        .join(
            k2,
            and_(
                k2.c.event == k1.c.event,
                k2.c.code == k1.c.code,
                k2.c.day.between(k1.c.day - WINDOW_DAYS, k1.c.day + WINDOW_DAYS),
                k2.c.doc_id > k1.c.doc_id,
            ),
        )
        .subquery("pairs")
    )
    a, b = schema.events.alias("a"), schema.events.alias("b")
    cols = ("id", "doc_id", "factual", "date_first", "date_last", "report_date")
    query = (
        select(
            *(a.c[c].label(f"a_{c}") for c in cols),
            _denies(a).label("a_denies"),
            *(b.c[c].label(f"b_{c}") for c in cols),
            _denies(b).label("b_denies"),
        )
        .select_from(pairs)
        .join(a, a.c.id == pairs.c.x)
        .join(b, b.c.id == pairs.c.y)
        .where(
            or_(a.c.factual.is_(True), b.c.factual.is_(True)),
            # dated pairs must overlap (exactly re-checked in Python; this keeps the rows few)
            or_(
                a.c.date_first.is_(None),
                b.c.date_first.is_(None),
                and_(
                    a.c.date_first <= func.coalesce(b.c.date_last, b.c.date_first),
                    b.c.date_first <= func.coalesce(a.c.date_last, a.c.date_first),
                ),
            ),
            or_(a.c.kind == b.c.kind, a.c.kind.is_(None), b.c.kind.is_(None)),
            or_(
                a.c.loc_country == b.c.loc_country,
                a.c.loc_country.is_(None),
                b.c.loc_country.is_(None),
            ),
        )
    )
    names = (*cols, "denies")
    for row in conn.execute(query).mappings():
        yield ({c: row[f"a_{c}"] for c in names}, {c: row[f"b_{c}"] for c in names})


def _denies(ev: Any) -> Any:
    """SQL: the record says the event did not happen (negated, and neither planned nor hypothetical).

    Matched on the JSON text of `aux` so that no record's JSON is decoded in Python.
    """
    aux = cast(ev.c.aux, Text)
    return and_(
        ev.c.factual.is_(False),
        aux.like('%"negation"%'),
        aux.not_like('%"future"%'),
        aux.not_like('%"hypothetical"%'),
    )


def _rejections(conn: Connection, keys: Table) -> list[tuple[str, str]]:
    """(accusation, rejection): a REJECT by the accused, aimed at the accuser, soon after."""
    acc_key, rej_key = keys.alias("ak"), keys.alias("rk")
    acc, rej = schema.events.alias("acc"), schema.events.alias("rej")
    aa, rr = schema.entities.alias("aa"), schema.entities.alias("rr")
    query = (
        select(acc.c.id, rej.c.id)
        .distinct()
        .select_from(acc_key)
        .join(
            rej_key,
            and_(
                rej_key.c.event == "REJECT",
                rej_key.c.code == acc_key.c.code,
                rej_key.c.role == "actor",
                rej_key.c.day.between(acc_key.c.day, acc_key.c.day + 2 * WINDOW_DAYS),
            ),
        )
        .join(acc, acc.c.id == acc_key.c.event_id)
        .join(rej, rej.c.id == rej_key.c.event_id)
        .join(aa, and_(aa.c.event_id == acc.c.id, aa.c.role == "actor"))
        .join(rr, and_(rr.c.event_id == rej.c.id, rr.c.role == "recipient", rr.c.code == aa.c.code))
        .where(
            acc_key.c.event == "ACCUSE",
            acc_key.c.role == "recipient",
            acc.c.factual.is_(True),
            rej.c.factual.is_(True),
        )
    )
    return [(str(x), str(y)) for x, y in conn.execute(query).all()]


def link_incidents(store: Any) -> IncidentSummary:
    """Recompute the `incidents` and `incident_events` tables from the records in the store."""
    engine = engine_of(store)
    uf = _UnionFind()
    disputes: dict[str, set[str]] = {}  # disputed record -> records disputing it
    with engine.begin() as conn:
        keys = _key_table(conn)
        for a, b in _candidate_pairs(conn, keys):
            if not _dates_compatible(a, b):
                continue
            if a["factual"] and b["factual"]:
                uf.union(a["id"], b["id"])
            elif a["factual"] != b["factual"]:
                factual, other = (a, b) if a["factual"] else (b, a)
                # a negated report of the same event denies it; a future or hypothetical one does not
                if other["denies"]:
                    disputes.setdefault(factual["id"], set()).add(other["id"])
        for accusation, rejection in _rejections(conn, keys):
            uf.find(accusation)
            disputes.setdefault(accusation, set()).add(rejection)
        keys.drop(conn)
    groups: dict[str, set[str]] = {}
    for record in list(uf.parent):
        groups.setdefault(uf.find(record), set()).add(record)
    for record in disputes:
        groups.setdefault(uf.find(record), set()).add(record)
    return _write(engine, groups, disputes)


_BATCH = 1000


def _write(
    engine: Any, groups: dict[str, set[str]], disputes: dict[str, set[str]]
) -> IncidentSummary:
    """Replace both tables in one transaction, in batches (ids are assigned here, 1..n)."""
    ev = schema.events
    inc, link = schema.incidents, schema.incident_events
    linked_ids = sorted({m for members in groups.values() for m in members})
    info: dict[str, Any] = {}
    incident_rows: list[dict[str, Any]] = []
    link_rows: list[dict[str, Any]] = []
    with engine.begin() as conn:
        for i in range(0, len(linked_ids), _BATCH):
            query = select(
                ev.c.id,
                ev.c.doc_id,
                ev.c.event,
                ev.c.kind,
                ev.c.date_first,
                ev.c.date_last,
                ev.c.report_date,
            ).where(ev.c.id.in_(linked_ids[i : i + _BATCH]))
            info.update({row.id: row for row in conn.execute(query)})
        for number, root in enumerate(sorted(groups), start=1):
            members = sorted(groups[root])
            disputing = sorted({d for m in members for d in disputes.get(m, ())} - set(members))
            rows = [info[m] for m in members if m in info]
            dates = [r.date_first for r in rows if r.date_first]
            lasts = [r.date_last or r.date_first for r in rows if r.date_first]
            reports = sorted(r.report_date for r in rows if r.report_date)
            incident_rows.append(
                {
                    "id": number, "event": rows[0].event,
                    "kind": next((r.kind for r in rows if r.kind), None),
                    "date_first": min(dates) if dates else None,
                    "date_last": max(lasts) if lasts else None,
                    "sources": len({r.doc_id for r in rows}), "disputed": bool(disputing),
                    "first_report": reports[0] if reports else None,
                    "last_report": reports[-1] if reports else None,
                }
            )  # fmt: skip
            link_rows += [
                {"incident_id": number, "event_id": m, "relation": "reports"} for m in members
            ]
            link_rows += [
                {"incident_id": number, "event_id": d, "relation": "disputes"} for d in disputing
            ]
        conn.execute(delete(link))
        conn.execute(delete(inc))
        for i in range(0, len(incident_rows), _BATCH):
            conn.execute(insert(inc), incident_rows[i : i + _BATCH])
        for i in range(0, len(link_rows), _BATCH):
            conn.execute(insert(link), link_rows[i : i + _BATCH])
    return IncidentSummary(
        incidents=len(incident_rows),
        linked_records=sum(1 for r in link_rows if r["relation"] == "reports"),
        disputed=sum(1 for r in incident_rows if r["disputed"]),
    )
