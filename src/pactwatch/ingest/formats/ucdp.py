"""UCDP GED CSV (49 columns under a header), read by header name.

type_of_violence → PLOVER by ucdp_plover.tsv; "Government of X" sides → the
state (MIL), other sides are non-state groups; one-sided violence targets
civilians. Deaths and the source article are kept in provenance.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

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

_KEPT = ("type_of_violence", "conflict_name", "dyad_name", "side_a", "side_b", "best", "high",
         "low", "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "where_prec",
         "date_prec", "event_clarity", "number_of_sources", "source_office", "source_headline",
         "country_id", "priogrid_gid", "adm_1", "adm_2")  # fmt: skip
_GOVERNMENT = re.compile(r"^Government of (.+)$")
# where_prec: 1 exact, 2 within 25 km, 3 second-order unit, 4 first-order, 5 linear,
# 6 country, 7 international waters or airspace
_RESOLUTION = {"1": 4, "2": 4, "3": 3, "4": 2, "5": 2, "6": 1, "7": 1}


def _side(name: str | None) -> Entity | None:
    if name is None:
        return None
    gov = _GOVERNMENT.match(name)
    if gov is not None:
        iso = country_code(gov.group(1))
        if iso is not None:
            return entity(iso, "MIL", name)
    return Entity("NSA", "CVL" if name.lower() == "civilians" else "REB", name)


def map_row(row: dict[str, str]) -> Mapped:
    row_id = row["id"].strip()
    start, end = iso_day(row.get("date_start")), iso_day(row.get("date_end"))
    violence = (row.get("type_of_violence") or "").strip()
    a, b = value(row.get("side_a")), value(row.get("side_b"))
    line = render(
        start, " → ".join(s for s in (a, b) if s) or None,
        f"UCDP type {violence} ({value(row.get('best')) or '?'} deaths)",
        value(row.get("where_description")) or value(row.get("country")),
        value(row.get("source_article")), f"UCDP GED {row_id}",
    )  # fmt: skip
    source_codes = codes_of(row, _KEPT)
    t = tables()
    plover = t.ucdp.get(violence)
    if plover is None:
        return Mapped(
            line, row_id, None, source_codes, reason=f"type_of_violence {violence!r} is unknown"
        )
    reasons: dict[str, str] = {}
    fields: dict[str, Any] = plover_fields(plover, reasons, f"UCDP type {violence}")
    source_codes.update(fields.pop("_unmapped"))
    side_a, side_b = _side(a), _side(b)
    one_sided = violence == "3"
    actors = [side_a] if side_a else []
    if one_sided:
        recipients = [side_b] if side_b else []
    else:
        actors += [side_b] if side_b else []
        recipients = []
    report = iso_day(row.get("source_date"))
    fields.update(
        kind=t.ucdp_kinds.get(violence),
        actor=actors,
        recipient=recipients,
        date=start,
        enddate=end if end and end != start else None,
        report_date=report,
        event_loc=Location(
            text=value(row.get("where_coordinates")) or value(row.get("country")) or "",
            country_code=country_code(row.get("country")),
            admin1=None,
            lat=number(row.get("latitude")),
            lon=number(row.get("longitude")),
            resolution=_RESOLUTION.get((row.get("where_prec") or "").strip(), 1),
        ),
        confidence=0.5,
        event_text=value(row.get("dyad_name")) or f"UCDP type {violence}",
        reasons=reasons,
    )
    return Mapped(line, row_id, None, source_codes, fields)


def parse(
    rows: Iterator[tuple[int, dict[str, str]]], origin: str
) -> Iterator[Mapped | InputRejected]:
    return parse_rows(rows, origin, "id", map_row)
