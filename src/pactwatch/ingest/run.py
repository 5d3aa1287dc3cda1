"""`ingest`: read inputs, extract records from the new documents, store each whole.

Each document goes into the store with its records in one transaction, so an
ingest killed part-way leaves whole documents only, and running it again
completes it: documents already stored are skipped before extraction.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from pactwatch import extract, settings
from pactwatch.errors import InputRejected
from pactwatch.ingest.readers import read_documents
from pactwatch.records import Document
from pactwatch.store import Store, document_state, save_document


@dataclass(slots=True)
class IngestSummary:
    """What one ingest did: documents new and unchanged, inputs rejected, records stored."""

    new: int = 0
    unchanged: int = 0
    records: int = 0
    rejected: list[InputRejected] = field(default_factory=list)
    # ids of the documents this run read and kept (new or already stored), in input order
    doc_ids: list[str] = field(default_factory=list)

    @property
    def documents(self) -> int:
        return self.new + self.unchanged

    def to_dict(self) -> dict[str, Any]:
        return {
            "new": self.new,
            "unchanged": self.unchanged,
            "rejected": [
                {"input": r.origin, "reason": r.reason, "fix": r.fix} for r in self.rejected
            ],
            "records": self.records,
        }


# called after every input handled, e.g. to move a progress bar
Progress = Callable[[IngestSummary], None]


def ingest(
    paths: Iterable[str | os.PathLike[str]],
    store: Store,
    *,
    report_date: str | None = None,
    max_bytes: int | None = None,
    stdin: BinaryIO | None = None,
    progress: Progress | None = None,
) -> IngestSummary:
    """Ingest documents into `store`; see `read_documents` for the inputs accepted.

    Bad inputs are collected in the summary's `rejected` and the rest go on; a store
    that cannot be written raises StoreError before anything else is attempted.
    """
    store.check_writable()
    summary = IngestSummary()

    def tick() -> None:
        if progress is not None:
            progress(summary)

    def pending() -> Iterator[Document]:
        # runs lazily inside extraction's batching; skips stored documents before the NLP
        for item in read_documents(
            paths, report_date=report_date, max_bytes=max_bytes, stdin=stdin
        ):
            if isinstance(item, InputRejected):
                summary.rejected.append(item)
                tick()
                continue
            try:
                state = document_state(store, item)
            except InputRejected as exc:
                summary.rejected.append(exc)
                tick()
                continue
            if state == "unchanged":
                summary.unchanged += 1
                summary.doc_ids.append(item.id)
                tick()
                continue
            yield item

    n_process = int(settings.get("workers"))
    batch_size = int(settings.get("batch_size"))
    for doc, events in extract.extract_documents(
        pending(), n_process=n_process, batch_size=batch_size
    ):
        try:
            result = save_document(store, doc, events)
        except InputRejected as exc:
            summary.rejected.append(exc)
        else:
            summary.doc_ids.append(doc.id)
            if result == "new":
                summary.new += 1
                summary.records += len(events)
            else:
                summary.unchanged += 1
        tick()
    if summary.new:
        # the corroborate stage runs incrementally after each ingest: only the new records
        from pactwatch.corroborate import corroborate

        corroborate(store)
    return summary
