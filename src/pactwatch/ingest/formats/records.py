"""pactwatch's own exports read back: `plover-json` (one record per line) and `csv`.

Export then import is the identity for these two: each record keeps its id,
fields, `text_info` and provenance. The documents they cite travel separately:
a cited document the store lacks is created as a stand-in whose text holds each
record's `event_text` at its offsets (so a quote still shows the trigger words),
followed by a line saying where the records came from.
"""

from __future__ import annotations

import csv
import io
import json
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from pactwatch.errors import InputRejected
from pactwatch.export.flatcsv import record_from_cells
from pactwatch.ingest.formats.write import (
    encode_json,
    import_row,
    insert_import_rows,
    insert_records,
)
from pactwatch.records import AUX_VALUES, EVENT_TYPES, KINDS, Document, Event
from pactwatch.store import Store, date_bounds
from pactwatch.store.documents import document_row
from pactwatch.store.schema import documents, events

if TYPE_CHECKING:
    from pactwatch.ingest.formats.run import ImportSummary

_REQUIRED_CSV = ("id", "event", "doc_id", "sentence", "start", "end")


def check_record(d: dict[str, Any]) -> Event:
    """An Event from a record dict, or ValueError naming the field that is wrong."""
    if not isinstance(d, dict):
        raise ValueError("not a JSON object")
    if d.get("event") not in EVENT_TYPES:
        raise ValueError(f"event {d.get('event')!r} is not a PLOVER event type")
    if d.get("kind") is not None and d["kind"] not in KINDS:
        raise ValueError(f"kind {d['kind']!r} is not one of pactwatch's kinds")
    if any(a not in AUX_VALUES for a in d.get("aux") or []):
        raise ValueError(f"aux {d.get('aux')!r} holds a value outside {', '.join(AUX_VALUES)}")
    for key in ("date", "enddate", "report_date"):
        if d.get(key) is not None and date_bounds(d[key]) == (None, None):
            raise ValueError(f"{key} {d[key]!r} is not YYYY-MM-DD, YYYY-MM or YYYY")
    try:
        ev = Event.from_dict(d)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ValueError(f"not an event record ({type(exc).__name__}: {exc})") from None
    if not ev.id or not ev.text_info.doc_id:
        raise ValueError("no id or text_info.doc_id")
    return ev


def read_records(fmt: str, origin: str, data: bytes) -> list[Event | InputRejected]:
    """The records of a plover-json or csv file, each bad line rejected by its number."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [InputRejected(origin, "not UTF-8 text", fix="give the file as pactwatch wrote it")]
    out: list[Event | InputRejected] = []
    fix = f"give a file `pactwatch export --format {fmt}` wrote (docs/interop.md)"
    if fmt == "plover-json":
        for number, line in enumerate(text.split("\n"), start=1):
            if not line.strip():
                continue
            try:
                out.append(check_record(json.loads(line)))
            except json.JSONDecodeError as exc:
                why = f"not JSON ({exc.msg} at column {exc.colno})"
                out.append(InputRejected(f"{origin}:{number}", why, fix=fix))
            except (ValueError, RecursionError) as exc:
                out.append(InputRejected(f"{origin}:{number}", str(exc), fix=fix))
        return out
    reader = csv.DictReader(io.StringIO(text, newline=""))
    missing = [c for c in _REQUIRED_CSV if c not in (reader.fieldnames or [])]
    if missing:
        return [
            InputRejected(origin, f"no column {', '.join(missing)}: not pactwatch's CSV", fix=fix)
        ]
    for row in reader:
        try:
            out.append(check_record(record_from_cells({k: v or "" for k, v in row.items() if k})))
        except (ValueError, KeyError) as exc:
            out.append(InputRejected(f"{origin}:{reader.line_num}", str(exc), fix=fix))
    return out


def stand_in(doc_id: str, evs: list[Event], origin: str) -> Document:
    """A document for records whose own document is not in the store (see the module doc)."""
    size = max((ev.text_info.end for ev in evs), default=0)
    chars = [" "] * size
    for ev in evs:
        start, end = ev.text_info.start, ev.text_info.end
        words = ev.event_text.replace("\n", " ")[: max(end - start, 0)]
        if words and all(c == " " for c in chars[start : start + len(words)]):
            chars[start : start + len(words)] = list(words)
    trailer = f"[records of document {doc_id} imported from {origin}; its text was not exported]"
    report = next((ev.report_date for ev in evs if ev.report_date), None)
    return Document(id=doc_id, text="".join(chars) + "\n" + trailer, report_date=report,
                    origin=origin)  # fmt: skip


def import_records(
    store: Store, fmt: str, origin: str, data: bytes, summary: ImportSummary
) -> None:
    """Store the records of one exported file: new ones only (by id), per cited document."""
    by_doc: dict[str, list[Event]] = {}
    for item in read_records(fmt, origin, data):
        if isinstance(item, InputRejected):
            summary.rejected.append(item)
        else:
            summary.rows += 1
            by_doc.setdefault(item.text_info.doc_id, []).append(item)
    new = 0
    for doc_id, evs in by_doc.items():
        with store.write() as conn:
            have = {
                r.id for r in conn.execute(select(events.c.id).where(events.c.doc_id == doc_id))
            }
            fresh = [ev for ev in evs if ev.id not in have]
            if not fresh:
                continue
            if conn.execute(select(documents.c.id).where(documents.c.id == doc_id)).first() is None:
                doc = stand_in(doc_id, evs, origin)
                conn.execute(documents.insert(), [document_row(doc)])
                first = 0
            else:
                last = conn.execute(select(func.max(events.c.n)).where(events.c.doc_id == doc_id))
                first = int(last.scalar_one() or 0) + 1
            numbered = [(first + i, ev) for i, ev in enumerate(fresh)]
            insert_records(conn, numbered)
            prov = [
                import_row(doc_id, ev.text_info.sentence, ev.id, str(p["dataset"]), str(p.get("row_id", "")),
                           p.get("url"), str(p.get("terms", "")), encode_json(dict(p.get("source_codes") or {})), None)
                for n, ev in numbered
                if (p := ev.provenance) and p.get("dataset")
            ]  # fmt: skip
            if prov:
                insert_import_rows(conn, prov)
            new += len(fresh)
            for ev in fresh:
                dataset = (ev.provenance or {}).get("dataset")
                if dataset:
                    summary.datasets[dataset] = summary.datasets.get(dataset, 0) + 1
    summary.records += new
    if new:
        summary.files_new += 1
    elif by_doc:
        summary.files_unchanged += 1
