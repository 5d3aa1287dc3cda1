"""GDELT 2.0 Events (61 columns) and Mentions (16 columns), tab-separated, no header.

Events: CAMEO → PLOVER by the shipped table, actors by CAMEO country, known-group
and type codes, places by FIPS 10-4 → ISO alpha-3. NumSources and NumArticles are
kept in provenance and never counted as sources: one row is one source.
Mentions name events by GLOBALEVENTID; they attach URLs to stored events.
"""

from __future__ import annotations

import operator
from collections.abc import Iterator
from typing import Any

from pactwatch.errors import InputRejected
from pactwatch.ingest.formats.common import (
    MISSING,
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
from pactwatch.ingest.formats.tables import (
    Plover,
    cameo_lookup,
    is_iso3,
    tables,
    unmapped_cameo,
)
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


_AT = {name: i for i, name in enumerate(EVENT_COLUMNS)}
_KEPT_CELLS = operator.itemgetter(*(_AT[name] for name in _KEPT))
_ACTOR_SPAN = {n: (_AT[f"Actor{n}Code"], _AT[f"Actor{n}Type3Code"] + 1) for n in (1, 2)}
_PLACE_AT = tuple(_AT[f"ActionGeo_{c}"] for c in ("Type", "FullName", "CountryCode", "Lat", "Long"))
_ID, _DAY, _ADDED, _CODE, _URL, _PLACE_NAME = (
    _AT[c] for c in ("GLOBALEVENTID", "SQLDATE", "DATEADDED", "EventCode", "SOURCEURL",
                     "ActionGeo_FullName")
)  # fmt: skip
_CONFIDENCE = "imported: GDELT gives no confidence; one row is one source"


def _actor(cells: tuple[str, ...], n: int) -> tuple[Entity | None, str | None]:
    """The entity of Actor1 or Actor2 from its ten cells (Code .. Type3Code), or None and
    why not (None, None: no actor at all)."""
    p = f"Actor{n}"
    code = value(cells[0])
    if code is None:
        return None, None
    t = tables()
    name = value(cells[1]) or code
    sector = next((t.types[c] for c in cells[7:10] if c in t.types), None)
    group = value(cells[3])
    if group is not None and group in t.groups:
        return entity(t.groups[group], sector or "IGO", name), None
    country = value(cells[2])
    if country is not None:
        iso = t.cameo_countries.get(country, country if is_iso3(country) else None)
        if iso is not None:
            return entity(iso, sector, name), None
        if sector not in _NON_STATE:
            return None, f"{p} {code}: CAMEO country {country} is a region, not a state"
    if sector in _NON_STATE:
        return Entity("NSA", sector, name), None
    return None, f"{p} {code}: no state or organisation code"


def _place(cells: tuple[str, ...]) -> tuple[Location | None, str | None]:
    """The event's place from ActionGeo's Type, FullName, CountryCode, Lat and Long, and the
    reason its country code has (or lacks)."""
    kind_, full_name, fips_cell, lat, lon = cells
    kind = value(kind_)
    if kind is None or kind not in _RESOLUTION:
        return None, None
    fips = value(fips_cell)
    iso = tables().fips.get(fips or "")
    reason = None
    if fips and iso:
        reason = f"FIPS 10-4 {fips} → {iso}"
    elif fips:
        reason = f"FIPS 10-4 {fips} has no ISO alpha-3 code in fips_iso3.tsv"
    location = Location(
        text=value(full_name) or "",
        country_code=iso,
        admin1=None,  # GDELT's ADM1 codes are FIPS, not ISO 3166-2: kept in provenance
        lat=number(lat),
        lon=number(lon),
        resolution=_RESOLUTION[kind],
    )
    return location, reason


class _EventMapper:
    """Maps one file's event rows. What repeats from row to row (actors, places, dates,
    CAMEO codes) is worked out once per file: a file of N rows holds far fewer."""

    def __init__(self) -> None:
        self.actors: dict[tuple[tuple[str, ...], int], tuple[Entity | None, str | None]] = {}
        self.places: dict[tuple[str, ...], tuple[Location | None, str | None]] = {}
        self.days: dict[str, str | None] = {}
        self.aux: dict[tuple[str | None, str | None], list[str]] = {}
        self.codes: dict[str, tuple[str, str, Plover, dict[str, Any], str] | str] = {}

    def day(self, cell: str) -> str | None:
        found = self.days.get(cell, "")
        if found == "":
            found = self.days[cell] = iso_day(cell)
        return found

    def actor(self, cells: list[str], n: int) -> tuple[Entity | None, str | None]:
        lo, hi = _ACTOR_SPAN[n]
        key = (tuple(cells[lo:hi]), n)
        found = self.actors.get(key)
        if found is None:
            found = self.actors[key] = _actor(key[0], n)
        return found

    def place(self, cells: list[str]) -> tuple[Location | None, str | None]:
        key = tuple([cells[i] for i in _PLACE_AT])
        found = self.places.get(key)
        if found is None:
            found = self.places[key] = _place(key)
        return found

    def code(self, code: str) -> tuple[str, str, Plover, dict[str, Any], str] | str:
        """(line part, table key, table line, plover fields, event reason) of a CAMEO code,
        or the line part alone when the code has no PLOVER type."""
        found = self.codes.get(code)
        if found is None:
            hit = cameo_lookup(code)
            if hit is None:
                found = self.codes[code] = f"CAMEO {code}"
            else:
                key, plover = hit
                reasons: dict[str, str] = {}
                fields = plover_fields(plover, reasons, f"CAMEO {key}")
                part = f"CAMEO {code}" + (f" {plover.note}" if plover.note else "")
                found = self.codes[code] = (part, key, plover, fields, reasons["event"])
        return found

    def historical(self, day: str | None, report: str | None) -> list[str]:
        found = self.aux.get((day, report))
        if found is None:
            found = self.aux[(day, report)] = historical(day, report)
        return found

    def map(self, cells: list[str]) -> Mapped:
        row_id = cells[_ID].strip()
        url = value(cells[_URL])
        # codes_of, on the row's cells
        kept = map(str.strip, _KEPT_CELLS(cells))
        source_codes = {n: c for n, c in zip(_KEPT, kept, strict=True) if c not in MISSING}
        day = self.day(cells[_DAY])
        report = self.day(cells[_ADDED][:8])
        names = [value(cells[lo + 1]) or value(cells[lo]) for lo, _hi in _ACTOR_SPAN.values()]
        code = cells[_CODE].strip()
        found = self.code(code)
        line = render(
            day, " → ".join(n for n in names if n) or None,
            found if isinstance(found, str) else found[0],
            value(cells[_PLACE_NAME]), url, f"GDELT {row_id}",
        )  # fmt: skip
        if isinstance(found, str):
            return Mapped(line, row_id, url, source_codes, reason=unmapped_cameo(code))
        _part, key, plover, table_fields, event_reason = found
        reasons = {"event": event_reason}
        source_codes.update(table_fields["_unmapped"])
        actors: list[Entity] = []
        for n in (1, 2):
            ent, why = self.actor(cells, n)
            if ent is not None:
                actors.append(ent)
            elif why:
                reasons[f"actor{n}"] = why
        loc, loc_reason = self.place(cells)
        if loc_reason is not None:
            reasons["event_loc"] = loc_reason
        reasons["confidence"] = _CONFIDENCE
        fields: dict[str, Any] = {
            "event": table_fields["event"],
            "mode": list(table_fields["mode"]),
            "context": list(table_fields["context"]),
            "kind": tables().kinds.get(key),
            "aux": list(self.historical(day, report)),
            "actor": actors[:1],
            "recipient": actors[1:],
            "date": day,
            "report_date": report,
            "event_loc": loc,
            "confidence": 0.5,
            "event_text": plover.note or f"CAMEO {code}",
            "reasons": reasons,
        }
        return Mapped(line, row_id, url, source_codes, fields)


def _cells(
    lines: list[str], origin: str, columns: tuple[str, ...], what: str
) -> Iterator[tuple[int, list[str]] | InputRejected]:
    """(line number, cells) of each non-empty line; a line of another width is rejected by
    its number."""
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
        yield number_, cells


def parse_events(lines: list[str], origin: str) -> Iterator[Mapped | InputRejected]:
    mapper = _EventMapper()
    for item in _cells(lines, origin, EVENT_COLUMNS, "events"):
        yield item if isinstance(item, InputRejected) else mapper.map(item[1])


def parse_mentions(lines: list[str], origin: str) -> Iterator[dict[str, Any] | InputRejected]:
    """Each mention as {line, event_row_id, url, source, at, codes}."""
    for item in _cells(lines, origin, MENTION_COLUMNS, "mentions"):
        if isinstance(item, InputRejected):
            yield item
            continue
        number_, row = item[0], dict(zip(MENTION_COLUMNS, item[1], strict=True))
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
