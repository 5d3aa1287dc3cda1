"""GDELT 2.0 Events (61 columns) and Mentions (16 columns), tab-separated, no header.

Events: CAMEO → PLOVER by the shipped table, actors by CAMEO country, known-group
and type codes, places by FIPS 10-4 → ISO alpha-3. NumSources and NumArticles are
kept in provenance and never counted as sources: one row is one source.
Mentions name events by GLOBALEVENTID; they attach URLs to stored events.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pactwatch.errors import InputRejected
from pactwatch.ingest.formats.common import (
    Mapped,
    codes_of,
    entity,
    historical,
    iso_day,
    number,
    plover_fields,
    render,
    value,
)
from pactwatch.ingest.formats.tables import cameo_lookup, is_iso3, tables, unmapped_cameo
from pactwatch.records import Entity, Location

_ACTOR = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
          "Religion2Code", "Type1Code", "Type2Code", "Type3Code")  # fmt: skip
_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
EVENT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{c}" for c in _ACTOR), *(f"Actor2{c}" for c in _ACTOR),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{c}" for c in _GEO), *(f"Actor2Geo_{c}" for c in _GEO),
    *(f"ActionGeo_{c}" for c in _GEO), "DATEADDED", "SOURCEURL",
)  # fmt: skip
MENTION_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName",
    "MentionIdentifier", "SentenceID", "Actor1CharOffset", "Actor2CharOffset",
    "ActionCharOffset", "InRawText", "Confidence", "MentionDocLen", "MentionDocTone",
    "MentionDocTranslationInfo", "Extras",
)  # fmt: skip
_KEPT = (
    "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale", "NumMentions",
    "NumSources", "NumArticles", "AvgTone", "IsRootEvent", "DATEADDED",
    *(f"Actor{n}{c}" for n in (1, 2) for c in _ACTOR if c != "Name"),
    "ActionGeo_Type", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_FeatureID",
)  # fmt: skip
# GDELT's geo types -> PLOVER resolution: country, US state, US city, world city, world state
_RESOLUTION = {"1": 1, "2": 2, "3": 4, "4": 4, "5": 2}
_NON_STATE = frozenset({"REB", "OPP", "CVL", "MED", "BUS"})


def width_of(lines: list[str]) -> int:
    """Columns in the first row (GDELT files have no header: the width says events or mentions)."""
    return next((len(line.split("\t")) for line in lines if line.strip()), 0)


def _actor(row: dict[str, str], n: int) -> tuple[Entity | None, str | None]:
    """The entity of Actor1 or Actor2, or None and why not (None, None: no actor at all)."""
    p = f"Actor{n}"
    code = value(row[f"{p}Code"])
    if code is None:
        return None, None
    t = tables()
    name = value(row[f"{p}Name"]) or code
    sector = next((t.types[c] for k in (1, 2, 3) if (c := row[f"{p}Type{k}Code"]) in t.types), None)
    group = value(row[f"{p}KnownGroupCode"])
    if group is not None and group in t.groups:
        return entity(t.groups[group], sector or "IGO", name), None
    country = value(row[f"{p}CountryCode"])
    if country is not None:
        iso = t.cameo_countries.get(country, country if is_iso3(country) else None)
        if iso is not None:
            return entity(iso, sector, name), None
        if sector not in _NON_STATE:
            return None, f"{p} {code}: CAMEO country {country} is a region, not a state"
    if sector in _NON_STATE:
        return Entity("NSA", sector, name), None
    return None, f"{p} {code}: no state or organisation code"


def _place(row: dict[str, str], reasons: dict[str, str]) -> Location | None:
    kind = value(row["ActionGeo_Type"])
    if kind is None or kind not in _RESOLUTION:
        return None
    fips = value(row["ActionGeo_CountryCode"])
    iso = tables().fips.get(fips or "")
    if fips and iso:
        reasons["event_loc"] = f"FIPS 10-4 {fips} → {iso}"
    elif fips:
        reasons["event_loc"] = f"FIPS 10-4 {fips} has no ISO alpha-3 code in fips_iso3.tsv"
    return Location(
        text=value(row["ActionGeo_FullName"]) or "",
        country_code=iso,
        admin1=None,  # GDELT's ADM1 codes are FIPS, not ISO 3166-2: kept in provenance
        lat=number(row["ActionGeo_Lat"]),
        lon=number(row["ActionGeo_Long"]),
        resolution=_RESOLUTION[kind],
    )


def map_event(row: dict[str, str]) -> Mapped:
    row_id = row["GLOBALEVENTID"].strip()
    url = value(row["SOURCEURL"])
    source_codes = codes_of(row, _KEPT)
    day = iso_day(row["SQLDATE"])
    report = iso_day(row["DATEADDED"][:8])
    names = [value(row[f"Actor{n}Name"]) or value(row[f"Actor{n}Code"]) for n in (1, 2)]
    code = row["EventCode"].strip()
    found = cameo_lookup(code)
    line = render(
        day, " → ".join(n for n in names if n) or None,
        f"CAMEO {code}" + (f" {found[1].note}" if found and found[1].note else ""),
        value(row["ActionGeo_FullName"]), url, f"GDELT {row_id}",
    )  # fmt: skip
    if found is None:
        return Mapped(line, row_id, url, source_codes, reason=unmapped_cameo(code))
    key, plover = found
    reasons: dict[str, str] = {}
    fields: dict[str, Any] = plover_fields(plover, reasons, f"CAMEO {key}")
    source_codes.update(fields.pop("_unmapped"))
    actors: list[Entity] = []
    for n in (1, 2):
        ent, why = _actor(row, n)
        if ent is not None:
            actors.append(ent)
        elif why:
            reasons[f"actor{n}"] = why
    fields.update(
        kind=tables().kinds.get(key),
        aux=historical(day, report),
        actor=actors[:1],
        recipient=actors[1:],
        date=day,
        report_date=report,
        event_loc=_place(row, reasons),
        confidence=0.5,
        event_text=plover.note or f"CAMEO {code}",
        reasons=reasons,
    )
    reasons["confidence"] = "imported: GDELT gives no confidence; one row is one source"
    return Mapped(line, row_id, url, source_codes, fields)


def _rows(
    lines: list[str], origin: str, columns: tuple[str, ...], what: str
) -> Iterator[tuple[int, dict[str, str]] | InputRejected]:
    """(line number, row by column name) of each non-empty line; a line of another width
    is rejected by its number."""
    for number_, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        cells = line.split("\t")
        if len(cells) != len(columns):
            yield InputRejected(
                f"{origin}:{number_}",
                f"{len(cells)} tab-separated columns, GDELT 2.0 {what} have {len(columns)}",
                fix=f"give GDELT 2.0 *.{'export' if what == 'events' else what}.CSV files as published",
            )
            continue
        yield number_, dict(zip(columns, cells, strict=True))


def parse_events(lines: list[str], origin: str) -> Iterator[Mapped | InputRejected]:
    for item in _rows(lines, origin, EVENT_COLUMNS, "events"):
        yield item if isinstance(item, InputRejected) else map_event(item[1])


def parse_mentions(lines: list[str], origin: str) -> Iterator[dict[str, Any] | InputRejected]:
    """Each mention as {line, event_row_id, url, source, at, codes}."""
    for item in _rows(lines, origin, MENTION_COLUMNS, "mentions"):
        if isinstance(item, InputRejected):
            yield item
            continue
        number_, row = item
        ident = value(row["MentionIdentifier"])
        yield {
            "line": number_,
            "event_row_id": row["GLOBALEVENTID"].strip(),
            # type 1 is a web page: its identifier is the URL; the others are citations
            "url": ident if row["MentionType"].strip() == "1" else None,
            "source": value(row["MentionSourceName"]),
            "at": value(row["MentionTimeDate"]),
            "codes": codes_of(row, MENTION_COLUMNS[1:]),
        }
