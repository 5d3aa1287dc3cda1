"""The store: documents, event records, reviews and the audit log in SQLite or PostgreSQL.

    store = open_store("sqlite:///pactwatch.db")    # migrates on first use
    save_document(store, doc, events)               # one transaction; "new" | "unchanged"
    for ev in iter_events(store, event="ASSAULT", code="KGZ"): ...

Other stages may run their own SQL through `store.engine` against the tables in
`pactwatch.store.schema`.
"""

from __future__ import annotations

from pactwatch.store.documents import (
    SaveResult,
    document_state,
    get_document,
    save_document,
    status,
)
from pactwatch.store.engine import Store, mask, open_store
from pactwatch.store.events import date_bounds, events_query, get_event, is_factual, iter_events

__all__ = [
    "SaveResult",
    "Store",
    "date_bounds",
    "document_state",
    "events_query",
    "get_document",
    "get_event",
    "is_factual",
    "iter_events",
    "mask",
    "open_store",
    "save_document",
    "status",
]
