"""`import_files`: dataset files in, one document per file, one record per mappable row.

Each file becomes one document (id: dataset and the file's sha256) holding one
readable line per row; each record's `text_info` points at its line, so every
finding can quote its evidence. The document, its records and their provenance
rows are stored in one transaction, so an import killed part-way leaves whole
files only, and importing a file again adds nothing. Rows pactwatch cannot map
are kept in `import_rows` with their original codes and a reason. GDELT mentions
files attach sources to stored events and create none. pactwatch's own
`plover-json` and `csv` exports are read back as the records they hold.
"""

from __future__ import annotations

import contextlib
import csv
import gc
import hashlib
import io
import logging
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, func, or_, select
from sqlalchemy.exc import DataError, IntegrityError

from pactwatch.errors import InputRejected, StoreError
from pactwatch.ingest.formats import acled, gdelt, icews, polecat, records, ucdp
from pactwatch.ingest.formats.common import Mapped
from pactwatch.ingest.formats.files import read_inputs
from pactwatch.ingest.formats.tables import tables
from pactwatch.ingest.formats.write import CHUNK as _CHUNK
from pactwatch.ingest.formats.write import (
    RowWriter,
    encode_json,
    import_row,
    insert_file_postgresql,
    insert_file_sqlite,
    provenance_json,
)
from pactwatch.records import Document, Event, TextInfo
from pactwatch.store import Store, audit
from pactwatch.store.documents import document_row
from pactwatch.store.schema import documents, import_rows, import_sources

log = logging.getLogger(__name__)

FORMATS = ("gdelt", "icews", "acled", "polecat", "ucdp", "plover-json", "csv")
# header-based formats: (delimiter, columns a file must have)
_HEADED: dict[str, tuple[str, tuple[str, ...]]] = {
    "icews": ("\t", ("Event ID", "CAMEO Code")),
    "polecat": ("\t", ("Event ID", "Event Type")),
    "acled": (",", ("event_id_cnty", "sub_event_type")),
    "ucdp": (",", ("id", "type_of_violence")),
}
_PARSERS: dict[str, Callable[[Iterator[tuple[int, dict[str, str]]], str], Iterator[Mapped | InputRejected]]] = {
    "icews": icews.parse, "polecat": polecat.parse, "acled": acled.parse, "ucdp": ucdp.parse,
}  # fmt: skip

_SQLITE_CACHE_KIB = 262_144  # 256 MiB of page cache while a file is written


@dataclass(slots=True)
class ImportSummary:
    """What one import did: files new and unchanged, rows, records, unmapped rows, mentions."""

    files_new: int = 0
    files_unchanged: int = 0
    rows: int = 0
    records: int = 0
    unmapped: int = 0
    mentions: int = 0  # mentions attached to a stored event
    mentions_unmatched: int = 0  # mentions of events not stored (kept, with the reason)
    rejected: list[InputRejected] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    datasets: dict[str, int] = field(default_factory=dict)  # dataset -> records stored

    def to_dict(self) -> dict[str, Any]:
        return {
            "files_new": self.files_new, "files_unchanged": self.files_unchanged,
            "rows": self.rows, "records": self.records, "unmapped": self.unmapped,
            "mentions": self.mentions, "mentions_unmatched": self.mentions_unmatched,
            "rejected": [{"input": r.origin, "reason": r.reason, "fix": r.fix} for r in self.rejected],
            "skipped": [{"input": p, "reason": w} for p, w in self.skipped],
            "datasets": dict(self.datasets),
        }  # fmt: skip


def _decode(data: bytes, origin: str, strict: bool) -> str | InputRejected:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        if strict:
            return InputRejected(
                origin, "not UTF-8 text", fix="give the file as pactwatch wrote it"
            )
        return data.decode("latin-1")  # POLECAT and older ICEWS files are ISO-8859-1


def _headed_rows(
    text: str, fmt: str, origin: str
) -> Iterator[tuple[int, dict[str, str]]] | InputRejected:
    delimiter, needed = _HEADED[fmt]
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    missing = [c for c in needed if c not in (reader.fieldnames or [])]
    if missing:
        return InputRejected(
            origin, f"not a {fmt} file: no column {', '.join(repr(m) for m in missing)}",
            fix=f"check --format (this file's header: {', '.join((reader.fieldnames or [])[:6])})",
        )  # fmt: skip
    return ((reader.line_num, {k: v or "" for k, v in row.items() if k}) for row in reader)


def parse_file(
    fmt: str, origin: str, data: bytes
) -> tuple[str, list[Mapped | InputRejected]] | InputRejected:
    """(dataset kind, mapped rows) of one dataset file; kind is the dataset or 'mentions'."""
    text = _decode(data, origin, strict=False)
    if isinstance(text, InputRejected):
        return text
    if fmt == "gdelt":
        lines = text.split("\n")
        width = gdelt.width_of(lines)
        if width not in (len(gdelt.EVENT_COLUMNS), len(gdelt.MENTION_COLUMNS)):
            return InputRejected(
                origin, f"not a GDELT 2.0 file: {width} tab-separated columns in its first row "
                f"(events have {len(gdelt.EVENT_COLUMNS)}, mentions {len(gdelt.MENTION_COLUMNS)})",
                fix="check --format, and give GDELT 2.0 *.export.CSV or *.mentions.CSV files",
            )  # fmt: skip
        if width == len(gdelt.MENTION_COLUMNS):
            return "mentions", list(gdelt.parse_mentions(lines, origin))  # type: ignore[arg-type]
        return "gdelt", list(gdelt.parse_events(lines, origin))
    rows = _headed_rows(text, fmt, origin)
    if isinstance(rows, InputRejected):
        return rows
    return fmt, list(_PARSERS[fmt](rows, origin))


def file_document(
    dataset: str, sha: str, origin: str, mapped: list[Mapped]
) -> tuple[Document, list[tuple[int, Mapped, Event | None]]]:
    """The file's document (one line per row) and each row's record citing its line."""
    doc_id = f"{dataset}-{sha[:16]}"
    terms = tables().terms[dataset]
    lines: list[str] = []
    out: list[tuple[int, Mapped, Event | None]] = []
    offset = 0
    for n, row in enumerate(mapped):
        line = row.line.replace("\n", " ") or f"{dataset} {row.row_id}"
        lines.append(line)
        event = None
        if row.fields is not None:
            provenance = {
                "dataset": dataset, "row_id": row.row_id, "url": row.url, "terms": terms,
                "source_codes": dict(row.source_codes),
            }  # fmt: skip
            event = Event(
                id=f"{doc_id}:{n}",
                text_info=TextInfo(doc_id, n, offset, offset + len(line)),
                provenance=provenance,
                **row.fields,
            )
        out.append((n, row, event))
        offset += len(line) + 1
    name = os.path.basename(origin.split("!")[-1])
    doc = Document(
        id=doc_id, text="\n".join(lines), title=f"{dataset} file {name}",
        source=None, origin=origin,
    )  # fmt: skip
    return doc, out


def _stored(conn: Connection, doc: Document) -> bool:
    query = select(documents.c.id).where(or_(documents.c.id == doc.id, documents.c.sha == doc.sha))
    return conn.execute(query.limit(1)).first() is not None


def store_file(
    store: Store, dataset: str, doc: Document, rows: list[tuple[int, Mapped, Event | None]]
) -> bool:
    """Store a file's document, records and provenance rows in one transaction; False when
    the file is stored already (nothing written)."""
    terms = tables().terms[dataset]
    try:
        return _store_file(store, dataset, doc, rows, terms)
    except IntegrityError:
        # another import stored the same file between our look and our insert
        with store.engine.connect() as conn:
            if _stored(conn, doc):
                return False
        raise


def _store_file(store: Store, dataset: str, doc: Document,
                rows: list[tuple[int, Mapped, Event | None]], terms: str) -> bool:  # fmt: skip
    with store.write() as conn:
        if _stored(conn, doc):
            return False
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:
            # as corroborate does: a file's rows touch every index of events, entities and
            # import_rows; SQLite's 2 MB default cache makes a big file re-read index pages
            conn.exec_driver_sql(f"PRAGMA cache_size = -{_SQLITE_CACHE_KIB}")
        try:
            _insert_file(conn, dataset, doc, rows, terms)
        finally:
            if sqlite:
                conn.exec_driver_sql("PRAGMA cache_size = -2000")  # SQLite's default again
    return True


def _insert_file(conn: Connection, dataset: str, doc: Document,
                 rows: list[tuple[int, Mapped, Event | None]], terms: str) -> None:  # fmt: skip
    writer = RowWriter()
    dataset_json, terms_json = encode_json(dataset), encode_json(terms)
    records: list[tuple[Any, ...]] = []
    ents: list[tuple[Any, ...]] = []
    sentences: list[str] = []
    prov: list[tuple[Any, ...]] = []
    text = doc.text
    sqlite = conn.dialect.name == "sqlite"
    for n, m, ev in rows:
        codes = writer.codes_json(m.source_codes)  # once for the record and its provenance row
        if ev is not None:
            if sqlite:  # PostgreSQL's rows go through SQLAlchemy Core
                own = provenance_json(dataset_json, m.row_id, m.url, terms_json, codes)
                records.append(writer.event(ev, n, own))
                ents += writer.entities(ev)
            # the record's sentence as the search trigger reads it from the stored text
            sentences.append(text[ev.text_info.start : ev.text_info.end])
        prov.append(import_row(doc.id, n, ev.id if ev else None, dataset, m.row_id, m.url,
                               terms, codes, m.reason))  # fmt: skip
    if sqlite:
        insert_file_sqlite(conn, document_row(doc), records, ents, sentences, prov)
        return
    evs = [(n, ev) for n, _m, ev in rows if ev is not None]
    insert_file_postgresql(conn, document_row(doc), evs, sentences, prov)


def attach_mentions(
    store: Store, sha: str, mentions: list[dict[str, Any]]
) -> tuple[int, int] | None:
    """Attach a mentions file's rows to the stored GDELT events they name; None when the
    file is attached already. Returns (attached, unmatched)."""
    with store.write() as conn:
        seen = select(import_sources.c.id).where(import_sources.c.file_sha == sha).limit(1)
        if conn.execute(seen).first() is not None:
            return None
        ids = sorted({m["event_row_id"] for m in mentions})
        found: dict[str, str] = {}
        for i in range(0, len(ids), 500):
            query = select(import_rows.c.row_id, import_rows.c.event_id).where(
                import_rows.c.dataset == "gdelt",
                import_rows.c.row_id.in_(ids[i : i + 500]),
                import_rows.c.event_id.is_not(None),
            )
            found.update({r.row_id: r.event_id for r in conn.execute(query)})
        rows = [
            {
                "file_sha": sha, "line": m["line"], "event_id": found.get(m["event_row_id"]),
                "dataset": "gdelt", "event_row_id": m["event_row_id"][:100], "url": m["url"],
                "source": (m["source"] or "")[:300] or None, "mentioned_at": (m["at"] or "")[:20] or None,
                "source_codes": m["codes"],
                "reason": None if m["event_row_id"] in found else "no stored GDELT event has this GLOBALEVENTID",
            }
            for m in mentions
        ]  # fmt: skip
        for i in range(0, len(rows), _CHUNK):
            conn.execute(import_sources.insert(), rows[i : i + _CHUNK])
    attached = sum(1 for r in rows if r["event_id"] is not None)
    return attached, len(rows) - attached


@contextlib.contextmanager
def _no_gc() -> Iterator[None]:
    """The cyclic collector off while one file is read: a file's rows are hundreds of
    thousands of new dicts and records that hold no cycles, and the collector's passes over
    them took more time than mapping them did (bench/bench_import.py)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def import_files(
    paths: Iterable[str | os.PathLike[str]],
    store: Store,
    fmt: str,
    *,
    link: bool = True,
    by: str | None = None,
    progress: Callable[[ImportSummary], None] | None = None,
) -> ImportSummary:
    """Import dataset files (or pactwatch's own exports) into `store`; see the module doc.

    Bad files and rows are collected in the summary's `rejected` and the rest go on.
    With `link`, the corroborate stage links the new records into incidents after.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    store.check_writable()
    summary = ImportSummary()
    paths = list(paths)
    mention_files: list[tuple[str, str, list[dict[str, Any]]]] = []
    for item in read_inputs(paths, on_skip=lambda p, why: summary.skipped.append((p, why))):
        if isinstance(item, InputRejected):
            summary.rejected.append(item)
            continue
        origin, data = item
        sha = hashlib.sha256(data).hexdigest()
        with _no_gc():
            if fmt in ("plover-json", "csv"):
                records.import_records(store, fmt, origin, data, summary)
            else:
                _import_dataset(store, fmt, origin, data, sha, summary, mention_files)
        if progress is not None:
            progress(summary)
    # after every events file, so that a mentions file given first still finds its events
    for origin, sha, mentions in mention_files:
        result = attach_mentions(store, sha, mentions)
        if result is None:
            summary.files_unchanged += 1
        else:
            summary.files_new += 1
            summary.mentions += result[0]
            summary.mentions_unmatched += result[1]
        log.debug("%s: mentions attached", origin)
    _finish(store, summary, paths, fmt, by, link)
    return summary


def _import_dataset(store: Store, fmt: str, origin: str, data: bytes, sha: str,
                    summary: ImportSummary, mention_files: list[tuple[str, str, list[dict[str, Any]]]]) -> None:  # fmt: skip
    parsed = parse_file(fmt, origin, data)
    if isinstance(parsed, InputRejected):
        summary.rejected.append(parsed)
        return
    kind, items = parsed
    good: list[Any] = []
    for it in items:
        if isinstance(it, InputRejected):
            summary.rejected.append(it)
        else:
            good.append(it)
    summary.rows += len(good)
    if kind == "mentions":
        mention_files.append((origin, sha, good))
        return
    doc, rows = file_document(kind, sha, origin, good)
    try:
        stored_now = store_file(store, kind, doc, rows)
    except StoreError as exc:
        if not isinstance(exc.__cause__, DataError):
            raise
        # a value this database refuses: this file is rolled back whole, the others go on
        detail = str(getattr(exc.__cause__, "orig", exc.__cause__)).strip().splitlines()
        summary.rejected.append(InputRejected(
            origin, f"the store refused it: {detail[0] if detail else 'invalid value'}",
            fix="correct the value named, or report it as a bug in pactwatch's importer",
        ))  # fmt: skip
        return
    if not stored_now:
        summary.files_unchanged += 1
        return
    summary.files_new += 1
    stored = sum(1 for _n, _m, ev in rows if ev is not None)
    summary.records += stored
    summary.unmapped += len(rows) - stored
    summary.datasets[kind] = summary.datasets.get(kind, 0) + stored


def _finish(store: Store, summary: ImportSummary, paths: list[Any], fmt: str, by: str | None,
            link: bool) -> None:  # fmt: skip
    log.info(
        "import --format %s into %s: %d file(s) new, %d unchanged, %d rows, %d records, "
        "%d unmapped, %d rejected", fmt, store.display_url, summary.files_new,
        summary.files_unchanged, summary.rows, summary.records, summary.unmapped,
        len(summary.rejected),
    )  # fmt: skip
    with store.write() as conn:
        audit.record(
            conn, by or audit.cli_actor(), "import", ", ".join(str(p) for p in paths)[:240] or None,
            {"format": fmt, **{k: v for k, v in summary.to_dict().items() if k not in ("rejected", "skipped")},
             "rejected": len(summary.rejected)},
        )  # fmt: skip
    if link and summary.records:
        from pactwatch.corroborate import corroborate

        corroborate(store)


def count_rows(store: Store) -> int:
    """Dataset rows stored (mapped or not), for status lines and tests."""
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(import_rows)).scalar_one())
