"""Imported rows into the store: records with their entities, and provenance rows.

On SQLite the rows go through the driver's executemany with their JSON written
once (the text SQLAlchemy itself would write: the engine sets no serializer),
which is most of an import's speed; on PostgreSQL through SQLAlchemy Core.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import JSON, Connection, Date, Table
from sqlalchemy.sql.elements import Null

from pactwatch.records import Event
from pactwatch.sources import url_key
from pactwatch.store.events import entity_rows, event_row
from pactwatch.store.schema import entities, events

CHUNK = 5000


def insert_records(conn: Connection, evs: list[tuple[int, Event]]) -> None:
    """Records and their entity rows, `n` given per record, in chunks."""
    fast = conn.dialect.name == "sqlite"
    for i in range(0, len(evs), CHUNK):
        chunk = evs[i : i + CHUNK]
        rows = [event_row(ev, n) for n, ev in chunk]
        ents = [row for _n, ev in chunk for row in entity_rows(ev)]
        if fast:
            # SQLite: the driver's executemany with the JSON already written; the same rows
            # through SQLAlchemy's per-value processing cost most of an import's time
            raw_insert(conn, events, rows)
            if ents:
                raw_insert(conn, entities, ents)
            continue
        conn.execute(events.insert(), rows)
        if ents:
            conn.execute(entities.insert(), ents)


def raw_insert(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    cols = [c for c in table.columns if c.name in rows[0]]
    names = ", ".join(f'"{c.name}"' for c in cols)
    sql = f"INSERT INTO {table.name} ({names}) VALUES ({', '.join('?' * len(cols))})"
    dumps = json.dumps  # as SQLAlchemy writes JSON (the engine sets no serializer)

    def as_json(v: Any) -> Any:
        if v is None or isinstance(v, Null):
            return None
        return "[]" if v == [] else dumps(v)  # most lists of an imported row are empty

    def as_day(v: Any) -> Any:
        return v.isoformat() if v is not None else None

    def as_is(v: Any) -> Any:
        return v

    convert = [
        as_json if isinstance(c.type, JSON) else as_day if isinstance(c.type, Date) else as_is
        for c in cols
    ]
    keys = [c.name for c in cols]
    pairs = list(zip(keys, convert, strict=True))
    conn.exec_driver_sql(sql, [tuple(f(row[k]) for k, f in pairs) for row in rows])


def provenance_row(doc_id: str, line: int, event_id: str | None, dataset: str, row_id: str,
                    url: str | None, terms: str, codes: dict[str, Any], reason: str | None) -> dict[str, Any]:  # fmt: skip
    key = f"url:{url_key(url)}" if url else f"row:{dataset}:{row_id}"
    return {
        "doc_id": doc_id, "line": line, "event_id": event_id, "dataset": dataset[:20],
        "row_id": row_id[:100], "url": url, "source_key": key[:300], "terms": terms,
        "source_codes": codes, "reason": reason,
    }  # fmt: skip
