"""ICEWS Coded Event Data (Dataverse .tab/.tsv): 20 tab-separated columns under a header.

CAMEO → PLOVER by the shipped table; actors by name (pactwatch's knowledge: states
and organisations), else their country; sectors by icews_sectors.tsv. `NA` and
empty cells are missing. Intensity, the story and sentence are kept in provenance.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Any

import pycountry

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
    plover_fields,
    render,
    value,
)
from pactwatch.ingest.formats.tables import cameo_lookup, tables, unmapped_cameo
from pactwatch.records import Entity, Location

COLUMNS = (
    "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text",
    "CAMEO Code", "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID",
    "Sentence Number", "Publisher", "City", "District", "Province", "Country", "Latitude",
    "Longitude",
)  # fmt: skip
_KEPT = ("CAMEO Code", "Event Text", "Intensity", "Source Sectors", "Source Country",
         "Target Sectors", "Target Country", "Story ID", "Sentence Number", "Publisher",
         "Province", "District")  # fmt: skip
_NON_STATE = frozenset({"REB", "OPP", "CVL", "MED", "BUS"})


def sector_of(sectors: str | None) -> str | None:
    """The PLOVER sector of a comma-separated ICEWS sector list: the table's first match."""
    names = {s.strip() for s in (sectors or "").split(",")}
    return next((sector for name, sector in tables().icews_sectors if name in names), None)


def _actor(name: str | None, sectors: str | None, country: str | None) -> Entity | None:
    if name is None:
        return None
    sector = sector_of(value(sectors))
    known = actor_code(name)
    if known is not None:
        return entity(known[0], sector or known[1], name)
    iso = country_code(country)
    if iso is not None:
        return entity(iso, sector, name)
    if sector in _NON_STATE:
        return Entity("NSA", sector, name)
    return None


@functools.cache
def subdivision(iso3: str, name: str) -> str | None:
    """ISO 3166-2 code of a province named exactly as ISO names it, else None."""
    country = pycountry.countries.get(alpha_3=iso3)
    if country is None:
        return None
    wanted = name.casefold()
    for sub in pycountry.subdivisions.get(country_code=country.alpha_2) or []:  # type: ignore[no-untyped-call]
        if sub.name.casefold() == wanted:
            return str(sub.code)
    return None


def _place(row: dict[str, str], reasons: dict[str, str]) -> Location | None:
    city, district, province, country = (
        value(row.get(c)) for c in ("City", "District", "Province", "Country")
    )
    if not any((city, district, province, country)):
        return None
    iso = country_code(country)
    if country and iso is None:
        reasons["event_loc"] = f"country {country!r} has no ISO alpha-3 code pactwatch knows"
    resolution = 4 if city else 3 if district else 2 if province else 1
    return Location(
        text=", ".join(p for p in (city, district, province, country) if p),
        country_code=iso,
        admin1=subdivision(iso, province) if iso and province else None,
        lat=number(row.get("Latitude")),
        lon=number(row.get("Longitude")),
        resolution=resolution,
    )


def map_row(row: dict[str, str]) -> Mapped:
    row_id = row["Event ID"].strip()
    day = iso_day(row["Event Date"])
    code = row["CAMEO Code"].strip()
    source, target = value(row["Source Name"]), value(row["Target Name"])
    line = render(
        day, " → ".join(n for n in (source, target) if n) or None,
        f"CAMEO {code} {value(row['Event Text']) or ''}".strip(),
        ", ".join(p for c in ("City", "Province", "Country") if (p := value(row.get(c)))),
        f"ICEWS {row_id}",
    )  # fmt: skip
    source_codes = codes_of(row, _KEPT)
    found = cameo_lookup(code)
    if found is None:
        return Mapped(line, row_id, None, source_codes, reason=unmapped_cameo(code))
    key, plover = found
    reasons: dict[str, str] = {}
    fields: dict[str, Any] = plover_fields(plover, reasons, f"CAMEO {key}")
    source_codes.update(fields.pop("_unmapped"))
    actor = _actor(source, row["Source Sectors"], row["Source Country"])
    recipient = _actor(target, row["Target Sectors"], row["Target Country"])
    if source and actor is None:
        reasons["actor"] = f"{source!r}: no state, organisation or sector pactwatch can code"
    if target and recipient is None:
        reasons["recipient"] = f"{target!r}: no state, organisation or sector pactwatch can code"
    reasons["report_date"] = "ICEWS gives no publication date: the event date stands for it"
    fields.update(
        kind=tables().kinds.get(key),
        actor=[actor] if actor else [],
        recipient=[recipient] if recipient else [],
        date=day,
        report_date=day,
        event_loc=_place(row, reasons),
        confidence=0.5,
        event_text=value(row["Event Text"]) or plover.note,
        reasons=reasons,
    )
    return Mapped(line, row_id, None, source_codes, fields)


def parse(
    rows: Iterator[tuple[int, dict[str, str]]], origin: str
) -> Iterator[Mapped | InputRejected]:
    return parse_rows(rows, origin, "Event ID", map_row)
