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

from sqlalchemy import Connection, and_, delete, exists, insert, literal, or_, select

from pactwatch.check.check import engine_of
from pactwatch.store import schema

ROLES = ("actor", "recipient")
UNDATED_WINDOW = dt.timedelta(days=31)


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
    """Dated pairs were already filtered in SQL; an undated record needs nearby report dates."""
    if a["date_first"] is not None and b["date_first"] is not None:
        return True
    ra, rb = _report_day(a["report_date"]), _report_day(b["report_date"])
    if ra is None or rb is None or abs(ra - rb) > UNDATED_WINDOW:
        return False
    # a report cannot describe an event that began after it was published
    for dated, undated in ((a, b), (b, a)):
        rep = _report_day(undated["report_date"])
        if dated["date_first"] is not None and rep is not None and dated["date_first"] > rep:
            return False
    return True


def _candidate_pairs(conn: Connection) -> Iterable[tuple[dict[str, Any], dict[str, Any]]]:
    a, b = schema.events.alias("a"), schema.events.alias("b")
    ea, eb = schema.entities.alias("ea"), schema.entities.alias("eb")
    shared = exists(
        select(literal(1))
        .select_from(ea)
        .join(eb, and_(eb.c.code == ea.c.code, eb.c.event_id == b.c.id, eb.c.role.in_(ROLES)))
        .where(ea.c.event_id == a.c.id, ea.c.role.in_(ROLES), ea.c.code != "NSA")
    )
    cols = ("id", "doc_id", "factual", "aux", "date_first", "report_date")
    query = (
        select(*(a.c[c].label(f"a_{c}") for c in cols), *(b.c[c].label(f"b_{c}") for c in cols))
        .select_from(a)
        .join(b, and_(b.c.event == a.c.event, b.c.doc_id > a.c.doc_id))
        .where(
            or_(a.c.kind == b.c.kind, a.c.kind.is_(None), b.c.kind.is_(None)),
            or_(
                a.c.loc_country == b.c.loc_country,
                a.c.loc_country.is_(None),
                b.c.loc_country.is_(None),
            ),
            or_(
                a.c.date_first.is_(None),
                b.c.date_first.is_(None),
                and_(a.c.date_first <= b.c.date_last, b.c.date_first <= a.c.date_last),
            ),
            shared,
        )
    )
    for row in conn.execute(query).mappings():
        yield (
            {c: row[f"a_{c}"] for c in cols},
            {c: row[f"b_{c}"] for c in cols},
        )


def _rejections(conn: Connection) -> list[tuple[str, str]]:
    """(accusation, rejection): a REJECT by the accused, aimed at the accuser."""
    acc, rej = schema.events.alias("acc"), schema.events.alias("rej")
    aa, ar = schema.entities.alias("aa"), schema.entities.alias("ar")
    ra, rr = schema.entities.alias("ra"), schema.entities.alias("rr")
    query = (
        select(acc.c.id, rej.c.id)
        .distinct()
        .select_from(acc)
        .join(aa, and_(aa.c.event_id == acc.c.id, aa.c.role == "actor"))
        .join(ar, and_(ar.c.event_id == acc.c.id, ar.c.role == "recipient"))
        .join(ra, and_(ra.c.role == "actor", ra.c.code == ar.c.code))
        .join(rej, and_(rej.c.id == ra.c.event_id, rej.c.event == "REJECT", rej.c.id != acc.c.id))
        .join(rr, and_(rr.c.event_id == rej.c.id, rr.c.role == "recipient", rr.c.code == aa.c.code))
        .where(acc.c.event == "ACCUSE", acc.c.factual.is_(True), rej.c.factual.is_(True))
        .where(
            or_(
                acc.c.report_date.is_(None),
                rej.c.report_date.is_(None),
                rej.c.report_date >= acc.c.report_date,
            )
        )
    )
    return [(str(x), str(y)) for x, y in conn.execute(query).tuples()]


def link_incidents(store: Any) -> IncidentSummary:
    """Recompute the `incidents` and `incident_events` tables from the records in the store."""
    engine = engine_of(store)
    uf = _UnionFind()
    disputes: dict[str, set[str]] = {}  # disputed record -> records disputing it
    with engine.connect() as conn:
        for a, b in _candidate_pairs(conn):
            if not _dates_compatible(a, b):
                continue
            if a["factual"] and b["factual"]:
                uf.union(a["id"], b["id"])
            elif a["factual"] != b["factual"]:
                factual, other = (a, b) if a["factual"] else (b, a)
                # a negated report of the same event denies it; a future or hypothetical one does not
                aux = set(other["aux"] or [])
                if "negation" in aux and not aux & {"future", "hypothetical"}:
                    disputes.setdefault(factual["id"], set()).add(other["id"])
        for accusation, rejection in _rejections(conn):
            uf.find(accusation)
            disputes.setdefault(accusation, set()).add(rejection)
    groups: dict[str, set[str]] = {}
    for record in list(uf.parent):
        groups.setdefault(uf.find(record), set()).add(record)
    for record in disputes:
        groups.setdefault(uf.find(record), set()).add(record)
    return _write(engine_of(store), groups, disputes, uf)


def _write(
    engine: Any, groups: dict[str, set[str]], disputes: dict[str, set[str]], uf: _UnionFind
) -> IncidentSummary:
    ev = schema.events
    inc, link = schema.incidents, schema.incident_events
    n_disputed = linked = 0
    with engine.begin() as conn:
        conn.execute(delete(link))
        conn.execute(delete(inc))
        for root in sorted(groups):
            members = sorted(groups[root])
            disputing = sorted({d for m in members for d in disputes.get(m, ())} - set(members))
            rows = conn.execute(
                select(
                    ev.c.id,
                    ev.c.doc_id,
                    ev.c.event,
                    ev.c.kind,
                    ev.c.date_first,
                    ev.c.date_last,
                    ev.c.report_date,
                ).where(ev.c.id.in_(members))
            ).all()
            dates = [r.date_first for r in rows if r.date_first]
            lasts = [r.date_last or r.date_first for r in rows if r.date_first]
            reports = sorted(r.report_date for r in rows if r.report_date)
            kind = next((r.kind for r in rows if r.kind), None)
            incident_id = conn.execute(
                insert(inc).returning(inc.c.id),
                [
                    {
                        "event": rows[0].event,
                        "kind": kind,
                        "date_first": min(dates) if dates else None,
                        "date_last": max(lasts) if lasts else None,
                        "sources": len({r.doc_id for r in rows}),
                        "disputed": bool(disputing),
                        "first_report": reports[0] if reports else None,
                        "last_report": reports[-1] if reports else None,
                    }
                ],
            ).scalar_one()
            conn.execute(
                insert(link),
                [
                    {"incident_id": incident_id, "event_id": m, "relation": "reports"}
                    for m in members
                ]
                + [
                    {"incident_id": incident_id, "event_id": d, "relation": "disputes"}
                    for d in disputing
                ],
            )
            linked += len(members)
            n_disputed += bool(disputing)
    return IncidentSummary(incidents=len(groups), linked_records=linked, disputed=n_disputed)
