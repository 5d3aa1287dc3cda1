"""Event records ↔ rows of `events` and `entities`, and reading them back."""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from datetime import date
from typing import Any

from sqlalchemy import Connection, RowMapping, Select, and_, exists, null, or_, select

from pactwatch.errors import NotFound
from pactwatch.records import Attribution, Entity, Event, Location, TextInfo
from pactwatch.store.engine import Store
from pactwatch.store.schema import entities, events

# aux values under which an event is still reported as having happened
_FACTUAL_AUX = frozenset({"historical"})


def date_bounds(value: str | None) -> tuple[date | None, date | None]:
    """First and last day a PLOVER date can mean; its length is its precision.

    "2022" → 2022-01-01..2022-12-31, "2022-09" → 2022-09-01..2022-09-30,
    "2022-09-14" → that day. Anything else (or None) → (None, None).
    """
    if not value:
        return None, None
    try:
        parts = [int(p) for p in value.split("-")]
        if len(parts) == 1 and len(value) == 4:
            return date(parts[0], 1, 1), date(parts[0], 12, 31)
        if len(parts) == 2 and len(value) == 7:
            last = calendar.monthrange(parts[0], parts[1])[1]
            return date(parts[0], parts[1], 1), date(parts[0], parts[1], last)
        if len(parts) == 3 and len(value) == 10:
            day = date(parts[0], parts[1], parts[2])
            return day, day
    except ValueError:
        return None, None
    return None, None


def is_factual(aux: list[str]) -> bool:
    """Reported as having happened: no aux, or only "historical"."""
    return set(aux) <= _FACTUAL_AUX


def event_row(ev: Event, n: int) -> dict[str, Any]:
    """The `events` row of one record; `n` is its position among its document's records."""
    first, _ = date_bounds(ev.date)
    _, last = date_bounds(ev.enddate or ev.date)
    return {
        "id": ev.id,
        "doc_id": ev.text_info.doc_id,
        "n": n,
        "event": ev.event,
        "mode": list(ev.mode),
        "context": list(ev.context),
        "kind": ev.kind,
        "aux": list(ev.aux),
        "factual": is_factual(ev.aux),
        "actor": [e.to_dict() for e in ev.actor],
        "recipient": [e.to_dict() for e in ev.recipient],
        "date": ev.date,
        "enddate": ev.enddate,
        "date_first": first,
        "date_last": last,
        "report_date": ev.report_date,
        # SQL NULL rather than JSON null, so that `event_loc IS NULL` finds it
        "event_loc": ev.event_loc.to_dict() if ev.event_loc else null(),
        "loc_country": ev.event_loc.country_code if ev.event_loc else None,
        "attribution": ev.attribution.to_dict(),
        "hedged": ev.attribution.hedged,
        "confidence": float(ev.confidence),
        "sentence": ev.text_info.sentence,
        "start": ev.text_info.start,
        "end": ev.text_info.end,
        "event_text": ev.event_text,
        "reasons": dict(ev.reasons),
        "provenance": dict(ev.provenance) if ev.provenance is not None else null(),
    }


def entity_rows(ev: Event) -> list[dict[str, Any]]:
    """One `entities` row per actor, recipient and speaker, so charter rules are joins."""
    roles = (
        ("actor", ev.actor),
        ("recipient", ev.recipient),
        ("speaker", ev.attribution.speaker),
    )
    return [
        {
            "event_id": ev.id,
            "role": role,
            "code": e.code,
            "sector": e.sector,
            "text": e.text,
            "qid": e.qid,
        }
        for role, members in roles
        for e in members
    ]


def event_from_row(row: RowMapping) -> Event:
    """The record a row of `events` holds (the inverse of `event_row`)."""
    loc = row["event_loc"]
    attribution = row["attribution"] or {}
    return Event(
        id=row["id"],
        event=row["event"],
        mode=list(row["mode"] or []),
        context=list(row["context"] or []),
        kind=row["kind"],
        aux=list(row["aux"] or []),
        actor=[Entity.from_dict(e) for e in row["actor"] or []],
        recipient=[Entity.from_dict(e) for e in row["recipient"] or []],
        date=row["date"],
        enddate=row["enddate"],
        report_date=row["report_date"],
        event_loc=Location.from_dict(loc) if loc else None,
        attribution=Attribution.from_dict(attribution),
        confidence=float(row["confidence"]),
        text_info=TextInfo(
            doc_id=row["doc_id"], sentence=row["sentence"], start=row["start"], end=row["end"]
        ),
        event_text=row["event_text"],
        reasons=dict(row["reasons"] or {}),
        provenance=dict(row["provenance"]) if row["provenance"] else None,
    )


def insert_events(conn: Connection, evs: list[Event]) -> None:
    """Insert records and their entity rows on an open transaction."""
    if not evs:
        return
    conn.execute(events.insert(), [event_row(ev, n) for n, ev in enumerate(evs)])
    rows = [row for ev in evs for row in entity_rows(ev)]
    if rows:
        conn.execute(entities.insert(), rows)


def get_event(store: Store, event_id: str) -> Event:
    """One stored record by id; NotFound if there is none."""
    with store.engine.connect() as conn:
        row = conn.execute(select(events).where(events.c.id == event_id)).mappings().first()
    if row is None:
        raise NotFound(
            f"no event record {event_id!r} in {store.display_url}",
            fix="list records with `pactwatch status` or check the id",
        )
    return event_from_row(row)


def events_query(
    *,
    doc_id: str | None = None,
    event: str | None = None,
    kind: str | None = None,
    factual: bool | None = None,
    code: str | None = None,
    role: str | None = None,
    since: date | None = None,
    until: date | None = None,
) -> Select[Any]:
    """SELECT over `events` with the usual filters; `since`/`until` keep records whose
    date window overlaps that span; `code` (and `role`) match a participant."""
    query = select(events)
    conditions = []
    if doc_id is not None:
        conditions.append(events.c.doc_id == doc_id)
    if event is not None:
        conditions.append(events.c.event == event)
    if kind is not None:
        conditions.append(events.c.kind == kind)
    if factual is not None:
        conditions.append(events.c.factual == factual)
    if since is not None:
        conditions.append(or_(events.c.date_last.is_(None), events.c.date_last >= since))
    if until is not None:
        conditions.append(or_(events.c.date_first.is_(None), events.c.date_first <= until))
    if code is not None or role is not None:
        match = [entities.c.event_id == events.c.id]
        if code is not None:
            match.append(entities.c.code == code)
        if role is not None:
            match.append(entities.c.role == role)
        conditions.append(exists().where(and_(*match)))
    if conditions:
        query = query.where(and_(*conditions))
    return query.order_by(events.c.doc_id, events.c.n)


def iter_events(store: Store, **filters: Any) -> Iterator[Event]:
    """Stored records in document order, filtered as `events_query` describes."""
    with store.engine.connect() as conn:
        for row in conn.execute(events_query(**filters)).mappings():
            yield event_from_row(row)
