"""The export formats: what each writes for events, findings and incidents (docs/interop.md).

- plover-json: one JSON object per line; events exactly as event-record.md (and as
  `import --format plover-json` reads them back), findings as `check --format json`
  lists them, incidents with the ids of their reports.
- csv: flatcsv's columns (docs/csv.md).
- geojson: a FeatureCollection of points, for events with coordinates (lossy).
- cameo: tab-separated CAMEO codes beside PLOVER types, for events (lossy).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from pactwatch.export import flatcsv
from pactwatch.ingest.formats.tables import tables

CAMEO_COLUMNS = (
    "id", "date", "actor1_code", "actor2_code", "cameo_code", "cameo_root", "quad_class",
    "plover_event", "plover_mode", "cameo_from", "dataset", "row_id", "url",
)  # fmt: skip
# PLOVER event type -> CAMEO QuadClass (1 verbal cooperation ... 4 material conflict)
QUAD = {
    **dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "CONCEDE"), 1),
    **dict.fromkeys(("COOPERATE", "AID", "RETREAT"), 2),
    **dict.fromkeys(("REQUEST", "ACCUSE", "REJECT", "THREATEN"), 3),
    **dict.fromkeys(("PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"), 4),
}


def jsonl(items: Iterable[dict[str, Any]]) -> Iterator[str]:
    for item in items:
        yield json.dumps(item, ensure_ascii=False) + "\n"


def csv_rows(what: str, items: Iterable[dict[str, Any]]) -> Iterator[str]:
    if what == "events":
        return flatcsv.write_csv((flatcsv.event_cells(r) for r in items), flatcsv.EVENT_COLUMNS)
    if what == "findings":
        return flatcsv.write_csv((flatcsv.finding_cells(f) for f in items), flatcsv.FINDING_COLUMNS)
    return flatcsv.write_csv((flatcsv.incident_cells(i) for i in items), flatcsv.INCIDENT_COLUMNS)


def geojson(records: Iterable[dict[str, Any]], counts: dict[str, int]) -> Iterator[str]:
    """Events with coordinates as GeoJSON points ([lon, lat]); `counts['no_point']` the rest."""
    yield '{"type": "FeatureCollection", "features": ['
    first = True
    for r in records:
        loc = r.get("event_loc") or {}
        if loc.get("lat") is None or loc.get("lon") is None:
            counts["no_point"] = counts.get("no_point", 0) + 1
            continue
        prov = r.get("provenance") or {}
        feature = {
            "type": "Feature",
            "id": r["id"],
            "geometry": {"type": "Point", "coordinates": [loc["lon"], loc["lat"]]},
            "properties": {
                "event": r["event"], "mode": r["mode"], "kind": r["kind"], "aux": r["aux"],
                "date": r["date"], "enddate": r["enddate"], "report_date": r["report_date"],
                "actor": [e["code"] for e in r["actor"]],
                "recipient": [e["code"] for e in r["recipient"]],
                "place": loc.get("text"), "country_code": loc.get("country_code"),
                "resolution": loc.get("resolution"), "doc_id": r["text_info"]["doc_id"],
                "event_text": r["event_text"], "dataset": prov.get("dataset"),
                "url": prov.get("url"),
            },
        }  # fmt: skip
        yield ("\n" if first else ",\n") + json.dumps(feature, ensure_ascii=False)
        first = False
    yield "\n]}\n"


def cameo_code(record: dict[str, Any]) -> tuple[str, str]:
    """(CAMEO code, where it came from): the dataset's own code for imported CAMEO rows,
    else the CAMEO2PLOVER line with the same event and mode sharing most contexts."""
    codes = (record.get("provenance") or {}).get("source_codes") or {}
    for key in ("EventCode", "CAMEO Code"):
        if codes.get(key):
            return str(codes[key]), "dataset"
    event, modes = record["event"], set(record.get("mode") or [])
    contexts = set(record.get("context") or [])
    best_rank: tuple[int, int, int, int] | None = None
    best_code = ""
    for order, (code, p) in enumerate(tables().cameo.items()):
        if p.event != event or len(code) < 3:
            continue
        mode_fit = 0 if (p.mode in modes if modes else not p.mode) else 1
        rank = (mode_fit, -len(contexts & set(p.contexts)), len(code), order)
        if best_rank is None or rank < best_rank:
            best_rank, best_code = rank, code
    return best_code, "CAMEO2PLOVER reverse"


def cameo_rows(records: Iterable[dict[str, Any]]) -> Iterator[str]:
    """Events as tab-separated CAMEO rows (one actor and one recipient code each)."""
    yield "\t".join(CAMEO_COLUMNS) + "\n"
    for r in records:
        code, origin = cameo_code(r)
        prov = r.get("provenance") or {}
        row = {
            "id": r["id"], "date": (r["date"] or "").replace("-", ""),
            "actor1_code": r["actor"][0]["code"] if r["actor"] else "",
            "actor2_code": (r["recipient"] or r["actor"][1:] or [{"code": ""}])[0]["code"],
            "cameo_code": code, "cameo_root": code[:2], "quad_class": str(QUAD[r["event"]]),
            "plover_event": r["event"], "plover_mode": ";".join(r["mode"]), "cameo_from": origin,
            "dataset": prov.get("dataset") or "", "row_id": prov.get("row_id") or "",
            "url": prov.get("url") or "",
        }  # fmt: skip
        yield "\t".join(" ".join(str(row[c]).split()) for c in CAMEO_COLUMNS) + "\n"
