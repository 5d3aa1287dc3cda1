"""ACLED CSV exports, read by header name (the column set changed over the years).

sub_event_type → PLOVER by acled_plover.tsv; actor types (`inter1`/`inter2`) →
sectors by acled_inter.tsv; state forces ("Military Forces of Ukraine (2019-)")
→ the state named. Battles are two-sided: both actors are actors. Fatalities,
the sources and the notes are kept in provenance and on the row's line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pycountry

from pactwatch.errors import InputRejected
from pactwatch.ingest.formats.common import (
    Mapped,
    codes_of,
    country_code,
    entity,
    iso_day,
    number,
    parse_rows,
    plover_fields,
    render,
    value,
)
from pactwatch.ingest.formats.tables import tables
from pactwatch.records import Entity, Location

_KEPT = ("event_type", "sub_event_type", "disorder_type", "inter1", "inter2", "interaction",
         "civilian_targeting", "fatalities", "time_precision", "geo_precision", "source",
         "source_scale", "iso", "iso3", "admin1", "admin2", "admin3", "tags", "timestamp")  # fmt: skip
_STATE = re.compile(r"^(?:Military|Police|Naval|Air) Forces of (.+?)(?: \(.*\))?$")
_RESOLUTION = {"1": 4, "2": 3, "3": 2}


def _actor(name: str | None, inter: str | None) -> Entity | None:
    if name is None:
        return None
    sector = tables().acled_inter.get((inter or "").strip().lower())
    state = _STATE.match(name)
    if state is not None:
        iso = country_code(state.group(1))
        if iso is not None:
            return entity(iso, "COP" if name.startswith("Police") else "MIL", name)
    return Entity("NSA", sector, name)


def _country(row: dict[str, str]) -> str | None:
    iso3 = value(row.get("iso3"))
    if iso3 is not None:
        return country_code(iso3)
    numeric = value(row.get("iso"))
    if numeric is not None and numeric.isdigit():
        found = pycountry.countries.get(numeric=f"{int(numeric):03d}")
        if found is not None:
            return str(found.alpha_3)
    return country_code(row.get("country"))


def map_row(row: dict[str, str]) -> Mapped:
    row_id = row["event_id_cnty"].strip()
    day = iso_day(row.get("event_date"))
    if day and (row.get("time_precision") or "").strip() == "3":
        day = day[:7]  # only the month is known
    sub = (row.get("sub_event_type") or "").strip()
    a1, a2 = value(row.get("actor1")), value(row.get("actor2"))
    line = render(
        day, " → ".join(a for a in (a1, a2) if a) or None, f"ACLED {sub}",
        ", ".join(p for c in ("location", "admin1", "country") if (p := value(row.get(c)))),
        value(row.get("notes")), f"ACLED {row_id}",
    )  # fmt: skip
    source_codes = codes_of(row, _KEPT)
    t = tables()
    plover = t.acled.get(sub)
    if plover is None:
        why = "no PLOVER event type" if sub in t.acled else "unknown sub_event_type"
        return Mapped(line, row_id, None, source_codes, reason=f"ACLED {sub!r}: {why}")
    reasons: dict[str, str] = {}
    fields: dict[str, Any] = plover_fields(plover, reasons, f"ACLED {sub}")
    source_codes.update(fields.pop("_unmapped"))
    first, second = _actor(a1, row.get("inter1")), _actor(a2, row.get("inter2"))
    two_sided = (row.get("event_type") or "").strip() == "Battles"
    actors = [e for e in (first, second) if e] if two_sided else [first] if first else []
    recipients = [] if two_sided or second is None else [second]
    iso = _country(row)
    precision = (row.get("geo_precision") or "").strip()
    place = value(row.get("location"))
    reasons["report_date"] = "ACLED gives no publication date"
    fields.update(
        kind=t.acled_kinds.get(sub),
        actor=actors,
        recipient=recipients,
        date=day,
        report_date=None,
        event_loc=Location(
            text=place or value(row.get("country")) or "",
            country_code=iso,
            admin1=None,
            lat=number(row.get("latitude")),
            lon=number(row.get("longitude")),
            resolution=_RESOLUTION.get(precision, 4 if place else 1),
        ),
        confidence=0.5,
        event_text=sub,
        reasons=reasons,
    )
    return Mapped(line, row_id, None, source_codes, fields)


def parse(
    rows: Iterator[tuple[int, dict[str, str]]], origin: str
) -> Iterator[Mapped | InputRejected]:
    return parse_rows(rows, origin, "event_id_cnty", map_row)
