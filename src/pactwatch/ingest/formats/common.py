"""What every dataset importer shares: the mapped row, and the helpers that build its parts.

An importer turns one dataset row into a `Mapped`: the readable line the file's
document holds for it, its provenance, and the record's fields (or, when
pactwatch cannot map the row, no fields and a reason: the row is kept, never
rejected).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pycountry

from pactwatch.errors import InputRejected
from pactwatch.ingest.formats.tables import Plover, is_iso3, tables
from pactwatch.knowledge.load import load_knowledge
from pactwatch.records import Entity

MISSING = frozenset({"", "NA", "N/A", "NULL", "null", "None"})


@dataclass(slots=True)
class Mapped:
    """One dataset row: its line of text, provenance, and the record's fields (None: unmapped)."""

    line: str
    row_id: str
    url: str | None = None
    source_codes: dict[str, str] = field(default_factory=dict)
    fields: dict[str, Any] | None = None  # Event keyword arguments, less id and text_info
    reason: str | None = None  # why the row has no record


def value(cell: str | None) -> str | None:
    """A cell's value, or None for the spellings of 'missing' datasets use (NA, empty)."""
    if cell is None:
        return None
    cell = cell.strip()
    return None if cell in MISSING else cell


def codes_of(row: dict[str, str], names: tuple[str, ...]) -> dict[str, str]:
    """The named original cells that hold a value, as strings (provenance's source_codes)."""
    out = {}
    for n in names:
        cell = row.get(n)
        if cell and (cell := cell.strip()) not in MISSING:
            out[n] = cell
    return out


def iso_day(text: str | None) -> str | None:
    """YYYYMMDD, YYYY-MM-DD (with or without a time) or 'D Month YYYY' as YYYY-MM-DD."""
    text = value(text)
    if text is None:
        return None
    if len(text) >= 8 and text[:8].isdigit():  # the common case, without strptime's cost
        try:
            return dt.date(int(text[:4]), int(text[4:6]), int(text[6:8])).isoformat()
        except ValueError:
            return None
    for fmt, size in (("%Y%m%d", 8), ("%Y-%m-%d", 10), ("%d %B %Y", None)):
        try:
            return dt.datetime.strptime(text[:size] if size else text, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def plover_fields(p: Plover, reasons: dict[str, str], source: str) -> dict[str, Any]:
    """event, mode and context of a table line; what the spec does not name stays out,
    kept in the returned `unmapped` (mode, contexts) for provenance."""
    t = tables()
    mode = [p.mode] if p.mode in t.modes[p.event] else []
    context = [c for c in p.contexts if c in t.contexts]
    unmapped = {}
    if p.mode and not mode:
        unmapped["plover_mode"] = p.mode
    extra = [c for c in p.contexts if c not in t.contexts]
    if extra:
        unmapped["plover_context"] = ";".join(extra)
    reasons["event"] = f"{source} → {p.event}" + (f" ({p.mode})" if p.mode else "")
    return {"event": p.event, "mode": mode, "context": context, "_unmapped": unmapped}


@functools.cache
def _country_by_name(name: str) -> str | None:
    alias = load_knowledge().lookup(name)
    if alias is not None and alias.kind == "state":
        return alias.code
    try:
        return str(pycountry.countries.lookup(name).alpha_3)
    except LookupError:
        return None


def country_code(name: str | None) -> str | None:
    """ISO alpha-3 of a country name (pactwatch's knowledge first, then ISO 3166's names)."""
    name = value(name)
    if name is None:
        return None
    if len(name) == 3 and name.isupper() and is_iso3(name):
        return name
    return _country_by_name(name)


def actor_code(name: str) -> tuple[str, str | None] | None:
    """(code, sector) of a state or organisation named exactly, from pactwatch's knowledge."""
    alias = load_knowledge().lookup(name)
    if alias is None or alias.kind not in ("state", "igo"):
        return None
    return alias.code, alias.sector


@functools.cache
def _qid(code: str) -> str | None:
    return load_knowledge().entity_for(code)[1]


def entity(code: str, sector: str | None, text: str) -> Entity:
    """An entity with the Wikidata id pactwatch knows for its code (none for NSA)."""
    return Entity(code=code, sector=sector, text=text, qid=_qid(code))


def render(*parts: str | None) -> str:
    """A row as one readable line: its non-empty parts joined by ' | ', on one line."""
    text = " | ".join(p for p in parts if p)
    return " ".join(text.split())


def historical(day: str | None, report: str | None) -> list[str]:
    """['historical'] when the event is over a year before its report (event-record.md)."""
    if not day or not report or len(day) != 10 or len(report) != 10:
        return []
    d, r = dt.date.fromisoformat(day), dt.date.fromisoformat(report)
    try:
        year_before = r.replace(year=r.year - 1)
    except ValueError:  # 29 February
        year_before = r - dt.timedelta(days=365)
    return ["historical"] if d < year_before else []


def number(text: str | None) -> float | None:
    text = value(text)
    if text is None:
        return None
    try:
        result = float(text)
    except ValueError:
        return None
    return result if result == result and abs(result) != float("inf") else None


def parse_rows(
    rows: Iterator[tuple[int, dict[str, str]]], origin: str, id_column: str,
    map_row: Callable[[dict[str, str]], Mapped],
) -> Iterator[Mapped | InputRejected]:  # fmt: skip
    """Each row of a file with a header mapped; a row without its id is rejected by line."""
    for number_, row in rows:
        if value(row.get(id_column)) is None:
            yield InputRejected(
                f"{origin}:{number_}", f"no {id_column}: a dataset row always has one",
                fix="check the row; the rest of the file was read",
            )  # fmt: skip
            continue
        yield map_row(row)
