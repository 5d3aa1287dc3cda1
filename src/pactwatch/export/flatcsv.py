"""pactwatch's one CSV shape (docs/csv.md): one column per field, no JSON in any cell.

Lists are joined with `;`; inside an element `\\` is written `\\\\` and `;` is
written `\\;`, a missing element (an entity without sector) is `\\N` and an empty
string is `\\e`, so every list reads back exactly. Entities become parallel
columns (`actor_codes`, `actor_sectors`, `actor_texts`, `actor_qids`), the
location `loc_*` columns, `reasons` and `source_codes` a names column and a
values column. `export`, `check --format csv`, `extract --format csv` and the
web API's CSV downloads all write through here; `import --format csv` reads it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

_ROLES = ("actor", "recipient", "speaker")
_ENTITY_PARTS = (("codes", "code"), ("sectors", "sector"), ("texts", "text"), ("qids", "qid"))

EVENT_COLUMNS: tuple[str, ...] = (
    "id", "event", "mode", "context", "kind", "aux",
    *(f"{role}_{plural}" for role in ("actor", "recipient") for plural, _ in _ENTITY_PARTS),
    "date", "enddate", "report_date",
    "loc_text", "loc_country", "loc_admin1", "loc_lat", "loc_lon", "loc_resolution",
    *(f"speaker_{plural}" for plural, _ in _ENTITY_PARTS), "hedged",
    "confidence", "doc_id", "sentence", "start", "end", "event_text",
    "reason_keys", "reason_texts",
    "dataset", "row_id", "url", "terms", "source_code_names", "source_code_values",
    "extractor", "model",
)  # fmt: skip
FINDING_COLUMNS: tuple[str, ...] = (
    "id", "rule", "status", "member", "counterparts", "events", "evidence_doc_ids",
    "evidence_quotes", "evidence_urls", "first_date", "last_date", "dates", "sources", "grade",
    "explanation", "incident",
)  # fmt: skip
INCIDENT_COLUMNS: tuple[str, ...] = (
    "id", "event", "kind", "date", "enddate", "parties", "loc_country", "sources", "outlets",
    "disputed", "first_report", "last_report", "reports", "disputes",
)  # fmt: skip


def _escape(item: str | None) -> str:
    if item is None:
        return "\\N"
    if item == "":
        return "\\e"
    return item.replace("\\", "\\\\").replace(";", "\\;")


def encode_list(items: Iterable[Any]) -> str:
    """A list as one cell: elements joined by `;`, escaped so that it reads back exactly."""
    return ";".join(_escape(None if i is None else str(i)) for i in items)


def decode_list(cell: str) -> list[str | None]:
    """The inverse of `encode_list`."""
    if cell == "":
        return []
    out: list[str | None] = []
    buf: list[str] = []
    marker: str | None = None  # "N" (None) or "e" (empty string): written alone, never in text
    escaped = False
    for ch in cell:
        if escaped:
            if ch in "Ne":
                marker = ch
            else:
                buf.append(ch)
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == ";":
            out.append(_element(buf, marker))
            buf, marker = [], None
        else:
            buf.append(ch)
    out.append(_element(buf, marker))
    return out


def _element(buf: list[str], marker: str | None) -> str | None:
    if marker == "N":
        return None
    return "".join(buf)


def _scalar(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(value)


def event_cells(record: dict[str, Any]) -> dict[str, str]:
    """An event record (event-record.md's dict, optionally with `review`) as CSV cells."""
    out: dict[str, str] = {}
    for key in ("id", "event", "kind", "date", "enddate", "report_date", "event_text"):
        out[key] = _scalar(record.get(key))
    for key in ("mode", "context", "aux"):
        out[key] = encode_list(record.get(key) or [])
    attribution = record.get("attribution") or {}
    for role in _ROLES:
        members = (attribution.get("speaker") if role == "speaker" else record.get(role)) or []
        for plural, part in _ENTITY_PARTS:
            out[f"{role}_{plural}"] = encode_list(m.get(part) for m in members)
    out["hedged"] = _scalar(bool(attribution.get("hedged", False)))
    loc = record.get("event_loc")
    for part in ("text", "country_code", "admin1", "lat", "lon", "resolution"):
        column = "loc_country" if part == "country_code" else f"loc_{part}"
        out[column] = _scalar(loc.get(part)) if loc else ""
    out["confidence"] = _scalar(record.get("confidence"))
    info = record.get("text_info") or {}
    for part in ("doc_id", "sentence", "start", "end"):
        out[part] = _scalar(info.get(part))
    reasons = record.get("reasons") or {}
    out["reason_keys"], out["reason_texts"] = encode_list(reasons), encode_list(reasons.values())
    prov = record.get("provenance") or {}
    for key in ("dataset", "row_id", "url", "terms", "extractor", "model"):
        out[key] = _scalar(prov.get(key))
    codes = prov.get("source_codes") or {}
    out["source_code_names"] = encode_list(codes)
    out["source_code_values"] = encode_list(codes.values())
    if "review" in record:
        out["review"] = _scalar(record["review"])
    return out


def _opt(cell: str) -> str | None:
    return cell if cell != "" else None


def record_from_cells(row: dict[str, str]) -> dict[str, Any]:
    """The event record (event-record.md's dict) an `event_cells` row holds."""

    def entities(role: str) -> list[dict[str, Any]]:
        parts = {
            part: decode_list(row.get(f"{role}_{plural}", "")) for plural, part in _ENTITY_PARTS
        }
        n = len(parts["code"])
        if any(len(v) != n for v in parts.values()):
            raise ValueError(f"{role}_* columns hold lists of different lengths")
        return [{part: parts[part][i] for _plural, part in _ENTITY_PARTS} for i in range(n)]

    def strings(column: str) -> list[str]:
        return [v or "" for v in decode_list(row.get(column, ""))]

    loc = None
    if row.get("loc_resolution", "") != "":
        lat, lon = row.get("loc_lat", ""), row.get("loc_lon", "")
        loc = {
            "text": row.get("loc_text", ""), "country_code": _opt(row.get("loc_country", "")),
            "admin1": _opt(row.get("loc_admin1", "")), "lat": float(lat) if lat else None,
            "lon": float(lon) if lon else None, "resolution": int(row["loc_resolution"]),
        }  # fmt: skip
    keys, texts = strings("reason_keys"), strings("reason_texts")
    names, values = strings("source_code_names"), strings("source_code_values")
    if len(keys) != len(texts) or len(names) != len(values):
        raise ValueError("reason_* or source_code_* columns hold lists of different lengths")
    provenance: dict[str, Any] | None = None
    if row.get("dataset"):
        provenance = {
            "dataset": row["dataset"], "row_id": row.get("row_id", ""),
            "url": _opt(row.get("url", "")), "terms": row.get("terms", ""),
            "source_codes": dict(zip(names, values, strict=True)),
        }  # fmt: skip
    elif row.get("extractor"):
        provenance = {"extractor": row["extractor"], "model": row.get("model", "")}
    record: dict[str, Any] = {
        "id": row["id"], "event": row["event"], "mode": strings("mode"),
        "context": strings("context"), "kind": _opt(row.get("kind", "")), "aux": strings("aux"),
        "actor": entities("actor"), "recipient": entities("recipient"),
        "date": _opt(row.get("date", "")), "enddate": _opt(row.get("enddate", "")),
        "report_date": _opt(row.get("report_date", "")), "event_loc": loc,
        "attribution": {"speaker": entities("speaker"), "hedged": row.get("hedged") == "true"},
        "confidence": float(row.get("confidence") or 0.5),
        "text_info": {"doc_id": row["doc_id"], "sentence": int(row["sentence"]),
                      "start": int(row["start"]), "end": int(row["end"])},
        "event_text": row.get("event_text", ""),
        "reasons": dict(zip(keys, texts, strict=True)),
    }  # fmt: skip
    if provenance is not None:
        record["provenance"] = provenance
    return record


def finding_cells(finding: dict[str, Any]) -> dict[str, str]:
    """A finding (`check --format json`'s shape) as CSV cells."""
    out = {c: _scalar(finding.get(c)) for c in FINDING_COLUMNS}
    out["counterparts"] = encode_list(finding.get("counterparts") or [])
    out["events"] = encode_list(finding.get("events") or [])
    evidence = finding.get("evidence") or []
    out["evidence_doc_ids"] = encode_list(e.get("doc_id") for e in evidence)
    out["evidence_quotes"] = encode_list(e.get("quote") for e in evidence)
    out["evidence_urls"] = encode_list(e.get("url") for e in evidence)
    return out


def incident_cells(incident: dict[str, Any]) -> dict[str, str]:
    """An incident (export's shape: `reports` and `disputes` are record ids) as CSV cells."""
    out = {c: _scalar(incident.get(c)) for c in INCIDENT_COLUMNS}
    for key in ("parties", "reports", "disputes"):
        out[key] = encode_list(incident.get(key) or [])
    return out


def write_csv(rows: Iterable[dict[str, str]], columns: Sequence[str]) -> Iterator[str]:
    """The header, then each row, in chunks of about 64 kB (for streaming responses)."""
    buf = io.StringIO()
    # CRLF: a cell holding a lone \r or \n is then quoted, so every reader reads it back whole
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row.get(c, "") for c in columns])
        if buf.tell() > 64_000:
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue()
