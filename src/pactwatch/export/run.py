"""`export(store, fmt, what, out)`: the store's rows in one of the export formats.

    summary = export(store, "csv", "events", out, since="2022-01-01", member="KGZ")

`summary.restricted` counts the rows whose dataset's terms restrict
redistribution (ICEWS, ACLED), so that the caller can warn before anyone
passes the file on. What each format keeps and loses: docs/interop.md.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, TextIO

from sqlalchemy import and_, or_, select

from pactwatch.errors import UsageError
from pactwatch.export import formats
from pactwatch.ingest.formats.tables import tables
from pactwatch.store import Store, iter_events
from pactwatch.store.schema import import_rows, incident_events, incidents

FORMATS = ("plover-json", "csv", "geojson", "cameo")
WHAT = ("events", "findings", "incidents")
_EVENTS_ONLY = ("geojson", "cameo")


@dataclass(slots=True)
class ExportSummary:
    rows: int = 0  # events, findings or incidents written
    no_point: int = 0  # geojson: events left out for want of coordinates
    restricted: dict[str, int] = field(default_factory=dict)  # dataset -> rows under its terms


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _events(store: Store, since: str | None, until: str | None, member: str | None,
            summary: ExportSummary) -> Iterator[dict[str, Any]]:  # fmt: skip
    restrictive = tables().restrictive
    for ev in iter_events(store, since=_day(since), until=_day(until), code=member):
        record = ev.to_dict()
        dataset = (ev.provenance or {}).get("dataset")
        if dataset in restrictive:
            summary.restricted[dataset] = summary.restricted.get(dataset, 0) + 1
        summary.rows += 1
        yield record


def _incidents(store: Store, since: str | None, until: str | None,
               member: str | None) -> list[dict[str, Any]]:  # fmt: skip
    inc, ie = incidents, incident_events
    query = select(inc)
    if since:
        query = query.where(or_(inc.c.date_last.is_(None), inc.c.date_last >= _day(since)))
    if until:
        query = query.where(or_(inc.c.date_first.is_(None), inc.c.date_first <= _day(until)))
    out: dict[int, dict[str, Any]] = {}
    with store.engine.connect() as conn:
        for row in conn.execute(query.order_by(inc.c.id)).mappings():
            parties = (row["parties"] or "").split()
            if member and member not in parties:
                continue
            out[row["id"]] = {
                "id": row["id"], "event": row["event"], "kind": row["kind"], "date": row["date"],
                "enddate": row["enddate"], "parties": parties, "loc_country": row["loc_country"],
                "sources": row["sources"], "outlets": row["outlets"],
                "disputed": bool(row["disputed"]), "first_report": row["first_report"],
                "last_report": row["last_report"], "reports": [], "disputes": [],
            }  # fmt: skip
        links = select(ie.c.incident_id, ie.c.event_id, ie.c.relation).order_by(ie.c.event_id)
        for incident_id, event_id, relation in conn.execute(links):
            if incident_id in out:
                key = "disputes" if relation == "disputes" else "reports"
                out[incident_id][key].append(event_id)
    return list(out.values())


def _restricted_of(store: Store, event_ids: Iterable[str], summary: ExportSummary) -> None:
    """Count the datasets with restrictive terms behind the findings' or incidents' records."""
    ids = sorted(set(event_ids))
    restrictive = sorted(tables().restrictive)
    with store.engine.connect() as conn:
        for i in range(0, len(ids), 500):
            query = select(import_rows.c.dataset, import_rows.c.event_id).where(
                and_(import_rows.c.event_id.in_(ids[i : i + 500]),
                     import_rows.c.dataset.in_(restrictive))
            )  # fmt: skip
            for dataset, _event_id in conn.execute(query):
                summary.restricted[dataset] = summary.restricted.get(dataset, 0) + 1


def export(
    store: Store, fmt: str, what: str, out: TextIO, *, charter: str | None = None,
    since: str | None = None, until: str | None = None, member: str | None = None,
    as_of: dt.date | None = None,
) -> ExportSummary:  # fmt: skip
    """Write the chosen rows to `out` in `fmt`; filters as `check` takes them."""
    if fmt not in FORMATS or what not in WHAT:
        raise UsageError(f"unknown format or --what: {fmt!r}, {what!r}")
    if fmt in _EVENTS_ONLY and what != "events":
        raise UsageError(
            f"--format {fmt} writes events only",
            fix=f"use --what events, or --format csv for {what}",
        )
    summary = ExportSummary()
    items: Iterable[dict[str, Any]]
    if what == "events":
        items = _events(store, since, until, member, summary)
    elif what == "findings":
        if not charter:
            raise UsageError(
                "--what findings needs --charter",
                fix="add --charter csto-treaty (see `pactwatch charters`)",
            )
        from pactwatch.check.check import check

        found = [f.to_dict() for f in check(store, charter, since, until, member, as_of=as_of)]
        _restricted_of(store, (e for f in found for e in f["events"]), summary)
        summary.rows, items = len(found), found
    else:
        incs = _incidents(store, since, until, member)
        _restricted_of(store, (e for i in incs for e in i["reports"] + i["disputes"]), summary)
        summary.rows, items = len(incs), incs
    if fmt == "plover-json":
        chunks = formats.jsonl(items)
    elif fmt == "csv":
        chunks = formats.csv_rows(what, items)
    elif fmt == "geojson":
        counts: dict[str, int] = {}
        chunks = formats.geojson(items, counts)
    else:
        chunks = formats.cameo_rows(items)
    for chunk in chunks:
        out.write(chunk)
    if fmt == "geojson":
        summary.no_point = counts.get("no_point", 0)
    return summary
