"""Imported rows into the store: records with their entities, and provenance rows.

Rows are built as the driver's parameter tuples, with their JSON written once, in
the text SQLAlchemy itself would write (the engine sets no serializer, so it is
`json.dumps` with its defaults): `tests/interop/test_write.py` holds each tuple
equal to what `store.events.event_row` and SQLAlchemy would have sent. On SQLite
they go through the driver's executemany; on PostgreSQL through SQLAlchemy Core.

A dataset file is one document of hundreds of thousands of lines. The search
index's trigger on `events` (migration 0008) reads the record's sentence out of
its document's text, which on SQLite means loading the whole text for each
record: an import of N rows cost N times the file. `insert_file_sqlite` therefore
writes the search rows itself from the lines it already holds (the same keys, in
the same order, with the same sentences the trigger would write), with the trigger
dropped and made again inside the file's transaction: a crash or an error rolls
the drop back with the rows, and readers never see the store without it.
PostgreSQL's trigger reads the same way (detoasting the text up to the record's offset);
`insert_file_postgresql` stores the document with an empty text while its records go
in (the trigger then indexes empty sentences), then gives the document its text and
each record's search row the vector of its own line: all inside the file's
transaction, so nobody sees the empty text, and the rows end as the trigger writes them.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Hashable, Sequence
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import Connection, Table, text

from pactwatch.records import Attribution, Entity, Event, Location
from pactwatch.sources import url_key
from pactwatch.store.events import date_bounds, entity_rows, event_row, is_factual
from pactwatch.store.schema import documents, entities, events, import_rows

log = logging.getLogger(__name__)

CHUNK = 5000

# json.dumps with its defaults is this encoder's encode (without dumps' keyword checks)
encode_json = _encode = json.JSONEncoder().encode

# the columns of each table the tuples below fill, in the order they fill them
EVENT_COLUMNS = tuple(c.name for c in events.columns if c.name != "review")
ENTITY_COLUMNS = ("event_id", "role", "code", "sector", "text", "qid")
IMPORT_ROW_COLUMNS = ("doc_id", "line", "event_id", "dataset", "row_id", "url", "source_key",
                      "terms", "source_codes", "reason")  # fmt: skip


def _plain(values: Sequence[Any]) -> bool:
    """Only strings and None: values whose equality means equal JSON (unlike 1, 1.0 and
    True, or 0.0 and -0.0), so that their JSON may be looked up by value."""
    return all(v is None or type(v) is str for v in values)


_K = TypeVar("_K", bound=Hashable)
_V = TypeVar("_V")


def _memo(cache: dict[_K, _V], key: _K, make: Callable[[], tuple[_V, bool]]) -> _V:
    """The value under `key`, else `make()`'s value, kept when `make` says it may be."""
    found = cache.get(key)
    if found is None:
        found, keep = make()
        if keep:
            cache[key] = found
    return found


class RowWriter:
    """Builds the parameter tuples of records, entities and provenance rows; the JSON of
    values that repeat across rows (entities, lists, reasons, places, dates) is written
    once, looked up by value where the value is plain strings and by identity otherwise."""

    def __init__(self) -> None:
        self._lists: dict[tuple[str, ...], str] = {(): "[]"}
        self._entities: dict[Entity, str] = {}
        self._bounds: dict[tuple[str | None, str | None], tuple[str | None, str | None]] = {}
        self._factual: dict[tuple[str, ...], bool] = {}
        self._reasons: dict[tuple[str, ...], str] = {}
        # by identity (importers hand the same Location to every row at one place), holding
        # the object so that its id is not reused; equal floats can differ in JSON (0.0, -0.0)
        self._places: dict[int, tuple[Location, str]] = {}
        self._codes: dict[str, dict[str, str]] = {}  # code name -> value -> '"name": "value"'

    def json_list(self, values: Sequence[str]) -> str:
        key = tuple(values)
        return _memo(self._lists, key, lambda: (_encode(list(key)), _plain(key)))

    def entity_json(self, e: Entity) -> str:
        plain = (e.code, e.sector, e.text, e.qid)
        return _memo(self._entities, e, lambda: (_encode(e.to_dict()), _plain(plain)))

    def entities_json(self, members: Sequence[Entity]) -> str:
        # json.dumps of a list is its items' JSON joined by ", " between brackets
        if not members:
            return "[]"
        return "[" + ", ".join([self.entity_json(e) for e in members]) + "]"

    def attribution_json(self, a: Attribution) -> str:
        hedged = "true" if a.hedged is True else "false" if a.hedged is False else _encode(a.hedged)
        return f'{{"speaker": {self.entities_json(a.speaker)}, "hedged": {hedged}}}'

    def bounds(self, day: str | None, end: str | None) -> tuple[str | None, str | None]:
        def make() -> tuple[tuple[str | None, str | None], bool]:
            first, _ = date_bounds(day)
            _, last = date_bounds(end or day)
            return (_day(first), _day(last)), _plain((day, end))

        return _memo(self._bounds, (day, end), make)

    def factual(self, aux: Sequence[str]) -> bool:
        key = tuple(aux)
        return _memo(self._factual, key, lambda: (is_factual(list(key)), _plain(key)))

    def location_json(self, loc: Location) -> str:
        found = self._places.get(id(loc))
        if found is None or found[0] is not loc:
            found = self._places[id(loc)] = (loc, _encode(loc.to_dict()))
        return found[1]

    def codes_json(self, codes: dict[str, str]) -> str:
        """json.dumps of a row's original codes: the '"name": "value"' of each pair is written
        once per file (a dataset's columns hold few distinct codes)."""
        parts = []
        for name, value in codes.items():
            if type(name) is not str or type(value) is not str:
                return _encode(codes)
            by_value = self._codes.get(name)
            if by_value is None:
                by_value = self._codes[name] = {}
            part = by_value.get(value)
            if part is None:
                part = by_value[value] = f"{_encode(name)}: {_encode(value)}"
            parts.append(part)
        return "{" + ", ".join(parts) + "}"

    def reasons_json(self, reasons: dict[str, str]) -> str:
        # an importer's reasons are a few sentences that many rows share
        key = tuple(x for item in reasons.items() for x in item)
        return _memo(self._reasons, key, lambda: (_encode(dict(reasons)), _plain(key)))

    def event(self, ev: Event, n: int, provenance_json: str | None = None) -> tuple[Any, ...]:
        """The `events` tuple of a record (EVENT_COLUMNS); `provenance_json`, when given,
        is the JSON of `ev.provenance`, already written."""
        first, last = self.bounds(ev.date, ev.enddate)
        loc = ev.event_loc
        info = ev.text_info
        if provenance_json is None and ev.provenance is not None:
            provenance_json = _encode(dict(ev.provenance))
        return (
            ev.id, info.doc_id, n, ev.event, self.json_list(ev.mode), self.json_list(ev.context),
            ev.kind, self.json_list(ev.aux), self.factual(ev.aux),
            self.entities_json(ev.actor), self.entities_json(ev.recipient),
            ev.date, ev.enddate, first, last, ev.report_date,
            self.location_json(loc) if loc is not None else None,
            loc.country_code if loc is not None else None,
            self.attribution_json(ev.attribution), ev.attribution.hedged, float(ev.confidence),
            info.sentence, info.start, info.end, ev.event_text, self.reasons_json(ev.reasons),
            provenance_json,
        )  # fmt: skip

    @staticmethod
    def entities(ev: Event) -> list[tuple[Any, ...]]:
        """The `entities` tuples of a record (ENTITY_COLUMNS), as `entity_rows` orders them."""
        out = [(ev.id, "actor", e.code, e.sector, e.text, e.qid) for e in ev.actor]
        out += [(ev.id, "recipient", e.code, e.sector, e.text, e.qid) for e in ev.recipient]
        out += [(ev.id, "speaker", e.code, e.sector, e.text, e.qid) for e in ev.attribution.speaker]
        return out


def _day(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def provenance_json(dataset_json: str, row_id: str, url: str | None, terms_json: str,
                    codes_json: str) -> str:  # fmt: skip
    """json.dumps of a record's provenance {dataset, row_id, url, terms, source_codes}, from
    the JSON of its parts (the dataset's and terms' once per file, the codes' once per row)."""
    return (
        f'{{"dataset": {dataset_json}, "row_id": {_encode(row_id)}, '
        f'"url": {_encode(url) if url is not None else "null"}, "terms": {terms_json}, '
        f'"source_codes": {codes_json}}}'
    )


def source_key(dataset: str, row_id: str, url: str | None) -> str:
    """What makes the row one source: its normalised URL, else the dataset row."""
    key = f"url:{url_key(url)}" if url else f"row:{dataset}:{row_id}"
    return key[:300]


def import_row(doc_id: str, line: int, event_id: str | None, dataset: str, row_id: str,
               url: str | None, terms: str, codes_json: str, reason: str | None) -> tuple[Any, ...]:  # fmt: skip
    """The `import_rows` tuple (IMPORT_ROW_COLUMNS) of one dataset row."""
    return (doc_id, line, event_id, dataset[:20], row_id[:100], url,
            source_key(dataset, row_id, url), terms, codes_json, reason)  # fmt: skip


def insert_records(conn: Connection, evs: list[tuple[int, Event]]) -> None:
    """Records and their entity rows, `n` given per record, in chunks."""
    if conn.dialect.name != "sqlite":
        for i in range(0, len(evs), CHUNK):
            chunk = evs[i : i + CHUNK]
            conn.execute(events.insert(), [event_row(ev, n) for n, ev in chunk])
            ents = [row for _n, ev in chunk for row in entity_rows(ev)]
            if ents:
                conn.execute(entities.insert(), ents)
        return
    # SQLite: the driver's executemany with the JSON already written; the same rows
    # through SQLAlchemy's per-value processing cost most of an import's time
    writer = RowWriter()
    for i in range(0, len(evs), CHUNK):
        chunk = evs[i : i + CHUNK]
        executemany(conn, events, EVENT_COLUMNS, [writer.event(ev, n) for n, ev in chunk])
        ent_tuples = [row for _n, ev in chunk for row in writer.entities(ev)]
        if ent_tuples:
            executemany(conn, entities, ENTITY_COLUMNS, ent_tuples)


def insert_import_rows(conn: Connection, rows: list[tuple[Any, ...]]) -> None:
    """Provenance tuples (IMPORT_ROW_COLUMNS) on either backend, in chunks."""
    sqlite = conn.dialect.name == "sqlite"
    for i in range(0, len(rows), CHUNK):
        chunk = rows[i : i + CHUNK]
        if sqlite:
            executemany(conn, import_rows, IMPORT_ROW_COLUMNS, chunk)
            continue
        # SQLAlchemy writes the codes itself (JSONB on PostgreSQL): give them as objects
        dicts = [dict(zip(IMPORT_ROW_COLUMNS, t, strict=True)) for t in chunk]
        for row in dicts:
            row["source_codes"] = json.loads(row["source_codes"])
        conn.execute(import_rows.insert(), dicts)


def executemany(conn: Connection, table: str | Table, columns: Sequence[str],
                rows: list[tuple[Any, ...]]) -> None:  # fmt: skip
    """SQLite: one prepared INSERT run over every tuple (values already in the driver's form)."""
    name = table if isinstance(table, str) else table.name
    names = ", ".join(f'"{c}"' for c in columns)
    sql = f"INSERT INTO {name} ({names}) VALUES ({', '.join('?' * len(columns))})"
    conn.exec_driver_sql(sql, rows)


# migration 0008's trigger, as SQLite keeps it (tests/interop/test_write.py holds the two equal)
SEARCH_TRIGGER = "events_search_ai"
_SEARCH_TRIGGER_SQL = """CREATE TRIGGER events_search_ai AFTER INSERT ON events BEGIN
      INSERT INTO search_event_keys (event_id) VALUES (new.id);
      INSERT INTO events_fts (rowid, sentence)
        SELECT k.id, substr(d.text, new.start + 1, new."end" - new.start) FROM search_event_keys k, documents d
        WHERE k.event_id = new.id AND d.id = new.doc_id;
    END"""


def _words(sql: str) -> str:
    return " ".join(sql.split())


def search_trigger(conn: Connection) -> str | None:
    """SQLite: the SQL of the search trigger on `events` when it is migration 0008's, whose
    rows `insert_file_sqlite` knows how to write; None otherwise (the trigger then runs)."""
    sql = conn.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", (SEARCH_TRIGGER,)
    ).scalar()
    if sql is None or _words(str(sql)) != _words(_SEARCH_TRIGGER_SQL):
        log.debug("%s is not migration 0008's: it writes the search rows itself", SEARCH_TRIGGER)
        return None
    return str(sql)


def insert_file_sqlite(conn: Connection, doc_row: dict[str, Any], records: list[tuple[Any, ...]],
                       ents: list[tuple[Any, ...]], sentences: list[str],
                       provenance: list[tuple[Any, ...]]) -> bool:  # fmt: skip
    """SQLite, on the file's open transaction: its document, records (EVENT_COLUMNS tuples,
    each with its sentence), entities and provenance rows. The search rows of the records
    are written here rather than by the trigger (see the module doc): the keys numbered
    as SQLite numbers them (one past the largest, in insertion order), each with its
    sentence. Returns whether it wrote them (False: the trigger did, being another one)."""
    trigger = search_trigger(conn)
    conn.execute(documents.insert(), [doc_row])  # its own trigger indexes it, once
    if trigger is not None:
        conn.exec_driver_sql(f"DROP TRIGGER {SEARCH_TRIGGER}")
    for i in range(0, len(records), CHUNK):
        executemany(conn, events, EVENT_COLUMNS, records[i : i + CHUNK])
    for i in range(0, len(ents), CHUNK):
        executemany(conn, entities, ENTITY_COLUMNS, ents[i : i + CHUNK])
    if trigger is not None:
        first = int(
            conn.exec_driver_sql(
                "SELECT coalesce(max(id), 0) + 1 FROM search_event_keys"
            ).scalar_one()
        )
        keys = range(first, first + len(records))
        executemany(conn, "search_event_keys", ("id", "event_id"),
                    [(k, r[0]) for k, r in zip(keys, records, strict=True)])  # fmt: skip
        executemany(conn, "events_fts", ("rowid", "sentence"),
                    list(zip(keys, sentences, strict=True)))  # fmt: skip
        conn.exec_driver_sql(trigger)
    insert_import_rows(conn, provenance)
    return trigger is not None


# migration 0008's PostgreSQL trigger function, as the server keeps its body
_PG_SEARCH_FUNCTION = "pactwatch_event_search"
_PG_SEARCH_BODY = """BEGIN
      INSERT INTO event_search (event_id, tsv)
        SELECT NEW.id, to_tsvector('english', substr(d.text, NEW.start + 1, NEW."end" - NEW.start))
        FROM documents d WHERE d.id = NEW.doc_id
        ON CONFLICT (event_id) DO UPDATE SET tsv = EXCLUDED.tsv;
      RETURN NULL;
    END"""
_PG_VECTORS = text(
    "UPDATE event_search AS s SET tsv = to_tsvector('english', v.sentence) "
    "FROM unnest(CAST(:ids AS text[]), CAST(:sentences AS text[])) AS v (id, sentence) "
    "WHERE s.event_id = v.id"
)


def pg_search_function(conn: Connection) -> bool:
    """PostgreSQL: whether the search trigger's function (on the search path) is migration
    0008's, whose rows `insert_file_postgresql` knows how to write."""
    body = conn.execute(
        text("SELECT prosrc FROM pg_proc WHERE oid = to_regproc(:name)"),
        {"name": _PG_SEARCH_FUNCTION},
    ).scalar()
    known = body is not None and _words(str(body)) == _words(_PG_SEARCH_BODY)
    if not known:
        log.debug("%s is not migration 0008's: it writes the search rows", _PG_SEARCH_FUNCTION)
    return known


def insert_file_postgresql(conn: Connection, doc_row: dict[str, Any],
                           records: list[tuple[int, Event]], sentences: list[str],
                           provenance: list[tuple[Any, ...]]) -> bool:  # fmt: skip
    """PostgreSQL, on the file's open transaction: its document, records (each with its
    sentence), entities and provenance rows; the search rows as the module doc says.
    Returns whether it wrote them (False: the trigger read them, being another one)."""
    known = pg_search_function(conn)
    conn.execute(documents.insert(), [{**doc_row, "text": ""} if known else doc_row])
    insert_records(conn, records)
    if known:
        conn.execute(
            documents.update().where(documents.c.id == doc_row["id"]).values(text=doc_row["text"])
        )
        for i in range(0, len(records), CHUNK):
            ids = [ev.id for _n, ev in records[i : i + CHUNK]]
            conn.execute(_PG_VECTORS, {"ids": ids, "sentences": sentences[i : i + CHUNK]})
    insert_import_rows(conn, provenance)
    return known
