"""Documents in and out of the store; each document is saved with its records at once."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Literal

from sqlalchemy import Connection, bindparam, func, or_, select
from sqlalchemy.exc import DataError, IntegrityError

from pactwatch.errors import InputRejected, NotFound, StoreError
from pactwatch.records import Document, Event, clean_field
from pactwatch.store.engine import Store
from pactwatch.store.events import insert_events
from pactwatch.store.schema import documents, entities
from pactwatch.store.schema import events as events_table

SaveResult = Literal["new", "unchanged"]


def id_conflict(doc: Document) -> InputRejected:
    """The rejection of a document whose id is already taken by another text."""
    return InputRejected(
        doc.origin or doc.id,
        f"document id {doc.id!r} is already stored with a different text",
        fix="give the changed document a new id (or leave the id out so one is derived from "
        "its text), or store it in another database with --db",
    )


# built once: SQLAlchemy caches its compiled form, and ingest runs it twice per document
_LOOKUP = select(documents.c.id, documents.c.sha).where(
    or_(documents.c.id == bindparam("id"), documents.c.sha == bindparam("sha"))
)


def _lookup(conn: Connection, doc: Document) -> SaveResult | None:
    """'unchanged' when this text is stored (under any id), None when the document is new;
    raises InputRejected when its id is taken by another text."""
    rows = conn.execute(_LOOKUP, {"id": doc.id, "sha": doc.sha}).all()
    for row in rows:
        if row.id == doc.id and row.sha != doc.sha:
            raise id_conflict(doc)
    return "unchanged" if rows else None


def document_state(store: Store, doc: Document) -> SaveResult | None:
    """What `save_document` would find: 'unchanged', None (new) or InputRejected (id clash).

    Ingest asks this before extracting, so stored documents cost no extraction time.
    """
    with store.engine.connect() as conn:
        return _lookup(conn, doc)


def save_document(store: Store, doc: Document, events: list[Event]) -> SaveResult:
    """Store a document and its records in one transaction: all of it or none of it.

    Idempotent by content: the same text again (under any id) is 'unchanged' and
    writes nothing. A different text under an id already stored is InputRejected.
    """
    for ev in events:
        if ev.text_info.doc_id != doc.id:
            raise ValueError(
                f"record {ev.id} cites document {ev.text_info.doc_id!r}, not {doc.id!r}"
            )
    try:
        with store.write() as conn:
            state = _lookup(conn, doc)
            if state is not None:
                return state
            conn.execute(documents.insert(), [document_row(doc)])
            insert_events(conn, events)
    except StoreError as exc:
        if not isinstance(exc.__cause__, DataError):
            raise
        # a value this database refuses (readers clean and bound what they can): this
        # document is rejected, rolled back whole, and the run goes on with the next one
        detail = str(getattr(exc.__cause__, "orig", exc.__cause__)).strip().splitlines()
        raise InputRejected(
            doc.origin or doc.id,
            f"the store refused it: {detail[0] if detail else 'invalid value'}",
            fix="correct the value named, or report it as a bug in pactwatch's input cleaning",
        ) from exc
    except IntegrityError:
        # another process stored the same document between our lookup and insert
        with store.engine.connect() as conn:
            state = _lookup(conn, doc)
        if state is None:
            raise
        return state
    return "new"


def document_row(doc: Document) -> dict[str, Any]:
    return {
        "id": doc.id,
        "sha": doc.sha,
        "source": doc.source,
        "url": doc.url,
        "title": doc.title,
        "report_date": doc.report_date,
        "text": doc.text,
        "origin": clean_field(doc.origin),  # a file name may hold undecodable bytes
        "ingested_at": datetime.now(UTC),
    }


def get_document(store: Store, doc_id: str) -> Document:
    """One stored document by id; NotFound if there is none."""
    with store.engine.connect() as conn:
        row = conn.execute(select(documents).where(documents.c.id == doc_id)).mappings().first()
    if row is None:
        raise NotFound(
            f"no document {doc_id!r} in {store.display_url}",
            fix="check the id; `pactwatch status` shows what the store holds",
        )
    return Document(
        id=row["id"],
        text=row["text"],
        report_date=row["report_date"],
        url=row["url"],
        title=row["title"],
        source=row["source"],
        origin=row["origin"] or "",
    )


def status(store: Store) -> dict[str, Any]:
    """Counts and where the store is: documents, events, entities, last ingest, URL."""
    with store.engine.connect() as conn:
        n_docs = conn.execute(select(func.count()).select_from(documents)).scalar_one()
        n_events = conn.execute(select(func.count()).select_from(events_table)).scalar_one()
        n_entities = conn.execute(select(func.count()).select_from(entities)).scalar_one()
        n_factual = conn.execute(
            select(func.count()).select_from(events_table).where(events_table.c.factual.is_(True))
        ).scalar_one()
        last = conn.execute(select(func.max(documents.c.ingested_at))).scalar_one()
    return {
        "url": store.display_url,
        "dialect": store.dialect,
        "documents": int(n_docs),
        "events": int(n_events),
        "factual_events": int(n_factual),
        "entities": int(n_entities),
        "last_ingest": last.isoformat() if last is not None else None,
    }
