"""POLECAT weekly/yearly files (tab-separated, header line, often ISO-8859-1).

POLECAT is PLOVER-coded already: event type, mode and contexts are kept where
the spec names them (the rest stays in provenance). Actor and recipient
countries are ISO alpha-3 or names; sectors by icews_sectors.tsv (POLECAT uses
the ICEWS sector names) or the PLOVER sector itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from pactwatch.errors import InputRejected
from pactwatch.ingest.formats.common import (
    Mapped,
    actor_code,
    codes_of,
    country_code,
    entity,
    iso_day,
    number,
    parse_rows,
    render,
    value,
)
from pactwatch.ingest.formats.icews import sector_of
from pactwatch.ingest.formats.tables import tables
from pactwatch.records import EVENT_TYPES, SECTORS, Entity, Location

_KEPT = ("Event Type", "Event Mode", "Contexts", "Quad Code", "Intensity", "Actor COW",
         "Recipient COW", "Actor Sectors", "Recipient Sectors", "GeoNames ID", "Feature Type",
         "Source", "Language", "Version")  # fmt: skip
_QID = re.compile(r"^Q[1-9][0-9]{0,12}$")  # the store keeps up to 16 characters


def _entity(row: dict[str, str], who: str) -> Entity | None:
    name = value(row.get(f"{who} Name"))
    if name is None:
        return None
    raw = (value(row.get(f"Primary {who} Sector")) or "").strip()
    sector = raw.upper() if raw.upper() in SECTORS else sector_of(raw)
    qid = value(row.get(f"Wikipedia {who} ID"))
    iso = country_code(row.get(f"{who} Country"))
    known = actor_code(name)
    if known is not None:
        ent = entity(known[0], sector or known[1], name)
    elif iso is not None:
        ent = entity(iso, sector, name)
    else:
        ent = Entity("NSA", sector, name)
    if qid and _QID.match(qid):
        ent = Entity(ent.code, ent.sector, ent.text, qid)
    return ent


def map_row(row: dict[str, str]) -> Mapped:
    row_id = row["Event ID"].strip()
    event = (row.get("Event Type") or "").strip().upper()
    day, report = iso_day(row.get("Event Date")), iso_day(row.get("Publication Date"))
    actor, recipient = _entity(row, "Actor"), _entity(row, "Recipient")
    line = render(
        day, " → ".join(e.text for e in (actor, recipient) if e) or None, f"POLECAT {event}",
        value(row.get("Placename")) or value(row.get("Country")), f"POLECAT {row_id}",
    )  # fmt: skip
    source_codes = codes_of(row, _KEPT)
    if event not in EVENT_TYPES:
        return Mapped(line, row_id, None, source_codes, reason=f"event type {event!r} unknown")
    t = tables()
    mode_raw = (value(row.get("Event Mode")) or "").lower()
    mode = [mode_raw] if mode_raw in t.modes[event] else []
    contexts = [c.strip().lower() for c in re.split(r"[;,]", row.get("Contexts") or "")]
    reasons = {"event": f"POLECAT {event} as coded"}
    country = country_code(row.get("Country"))
    place = value(row.get("Placename")) or value(row.get("City")) or value(row.get("Country"))
    fields: dict[str, Any] = {
        "event": event,
        "mode": mode,
        "context": [c for c in contexts if c in t.contexts],
        "actor": [actor] if actor else [],
        "recipient": [recipient] if recipient else [],
        "date": day,
        "report_date": report,
        "event_loc": None
        if place is None
        else Location(
            text=place,
            country_code=country,
            lat=number(row.get("Latitude")),
            lon=number(row.get("Longitude")),
            resolution=4 if value(row.get("City")) else 2 if value(row.get("Province")) else 1,
        ),
        "confidence": 0.5,
        "event_text": f"{event.lower()} {mode_raw}".strip(),
        "reasons": reasons,
    }
    return Mapped(line, row_id, None, source_codes, fields)


def parse(
    rows: Iterator[tuple[int, dict[str, str]]], origin: str
) -> Iterator[Mapped | InputRejected]:
    return parse_rows(rows, origin, "Event ID", map_row)
