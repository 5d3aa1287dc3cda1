"""`reextract`: run today's extractor over documents already stored, replacing their records.

After the event-type model or a rule changes, stored records say what the old
extractor said. Each document's records are swapped in one transaction
(`store.replace_records`), reviews re-attached where the record still exists.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass

from sqlalchemy import select

from pactwatch import extract, settings
from pactwatch.records import Document
from pactwatch.store import Store, audit, get_document
from pactwatch.store.replace import replace_records
from pactwatch.store.schema import documents


@dataclass(slots=True)
class ReextractSummary:
    documents: int = 0
    old_records: int = 0
    new_records: int = 0
    reviews_kept: int = 0
    reviews_detached: int = 0


def stored_ids(store: Store, since: str | None = None) -> list[str]:
    """Ids of the stored documents, those reported on or after `since` when given."""
    query = select(documents.c.id).order_by(documents.c.id)
    if since:
        query = query.where(documents.c.report_date >= since)
    with store.engine.connect() as conn:
        return [str(row.id) for row in conn.execute(query)]


def reextract(
    store: Store,
    *,
    since: str | None = None,
    progress: Callable[[ReextractSummary, int], None] | None = None,
) -> ReextractSummary:
    """Re-extract stored documents (reported on or after `since`), replacing their records."""
    store.check_writable()
    ids = stored_ids(store, since)
    summary = ReextractSummary()

    def docs() -> Iterator[Document]:
        for doc_id in ids:
            yield get_document(store, doc_id)

    for doc, events in extract.extract_documents(
        docs(), n_process=int(settings.get("workers")), batch_size=int(settings.get("batch_size"))
    ):
        done = replace_records(store, doc.id, events)
        summary.documents += 1
        summary.old_records += done.old
        summary.new_records += done.new
        summary.reviews_kept += done.reviews_kept
        summary.reviews_detached += done.reviews_detached
        if progress is not None:
            progress(summary, len(ids))
    if summary.documents:
        # who replaced the records; it also moves the data version the dashboard's caches key on
        with store.write() as conn:
            audit.record(conn, audit.cli_actor(), "reextract", since, asdict(summary))
    return summary
