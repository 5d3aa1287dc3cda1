"""`ingest`: read inputs, extract records from the new documents, store each whole.

Each document goes into the store with its records in one transaction, so an
ingest killed part-way leaves whole documents only, and running it again
completes it: documents already stored are skipped before extraction.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from pactwatch import extract, settings
from pactwatch.errors import InputRejected
from pactwatch.ingest.readers import read_documents
from pactwatch.ingest.runs import IngestRun
from pactwatch.notify.refresh import refresh_findings
from pactwatch.records import Document
from pactwatch.store import Store, audit, document_state, save_document


@dataclass(slots=True)
class IngestSummary:
    """What one ingest did: documents new and unchanged, inputs rejected, records stored."""

    new: int = 0
    unchanged: int = 0
    records: int = 0
    rejected: list[InputRejected] = field(default_factory=list)
    # files inside folders that were not read: (path, why); not errors, but never silent
    skipped: list[tuple[str, str]] = field(default_factory=list)
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
            "skipped": [{"input": path, "reason": why} for path, why in self.skipped],
        }


log = logging.getLogger(__name__)

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
    by: str | None = None,
) -> IngestSummary:
    """Ingest documents into `store`; see `read_documents` for the inputs accepted.

    Bad inputs are collected in the summary's `rejected` and the rest go on; a store
    that cannot be written raises StoreError before anything else is attempted. The
    run ends with an audit entry naming `by` (default: the operating-system user), the
    inputs and the counts.
    """
    summary = IngestSummary()
    items = read_documents(
        paths,
        report_date=report_date,
        max_bytes=max_bytes,
        stdin=stdin,
        on_skip=lambda path, why: summary.skipped.append((path, why)),
    )
    return ingest_documents(items, store, inputs=paths, progress=progress, by=by, summary=summary)


def ingest_documents(
    items: Iterable[Document | InputRejected],
    store: Store,
    *,
    inputs: Iterable[str | os.PathLike[str]] = (),
    progress: Progress | None = None,
    by: str | None = None,
    summary: IngestSummary | None = None,
) -> IngestSummary:
    """Ingest documents already read (files, web pages, feed items): what `ingest` does
    after reading. `items` is consumed lazily, after the store is found writable;
    `inputs` names what they were read from, for the audit entry."""
    store.check_writable()
    summary = summary if summary is not None else IngestSummary()
    run = IngestRun.start(store, inputs, by=by)
    try:
        _ingest_into(items, store, summary, run, progress)
        finish_ingest(store, summary, inputs, by)
    except BaseException as exc:
        run.fail(summary, exc)
        raise
    run.finish(summary)
    return summary


def _ingest_into(
    items: Iterable[Document | InputRejected],
    store: Store,
    summary: IngestSummary,
    run: IngestRun,
    progress: Progress | None,
) -> None:
    def tick() -> None:
        run.update(summary, force=False)  # `pactwatch status` sees it: every few seconds
        if progress is not None:
            progress(summary)

    # where each kept document stood in the input: a stored one is counted at once, while
    # extraction still holds the documents before it in its batch
    first = len(summary.doc_ids)
    position: dict[str, int] = {}

    def pending() -> Iterator[Document]:
        # runs lazily inside extraction's batching; skips stored documents before the NLP
        for n, item in enumerate(items):
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
            position.setdefault(item.id, n)
            if state == "unchanged":
                log.debug("%s: already stored as %s", item.origin, item.id)
                summary.unchanged += 1
                summary.doc_ids.append(item.id)
                tick()
                continue
            yield item

    n_process = int(settings.get("workers"))
    batch_size = int(settings.get("batch_size"))

    def over_budget(_doc: Document, exc: InputRejected) -> None:
        summary.rejected.append(exc)
        tick()

    for doc, events in extract.extract_documents(
        pending(),
        n_process=n_process,
        batch_size=batch_size,
        budget_s=float(settings.get("doc_seconds")),
        on_reject=over_budget,
    ):
        try:
            result = save_document(store, doc, events)
        except InputRejected as exc:
            summary.rejected.append(exc)
        else:
            log.debug("%s: stored as %s with %d record(s)", doc.origin, doc.id, len(events))
            summary.doc_ids.append(doc.id)
            if result == "new":
                summary.new += 1
                summary.records += len(events)
            else:
                summary.unchanged += 1
        tick()
    # in input order, as the summary promises (and as a distributed ingest gives them)
    summary.doc_ids[first:] = sorted(summary.doc_ids[first:], key=lambda d: position.get(d, 0))


def finish_ingest(
    store: Store,
    summary: IngestSummary,
    paths: Iterable[str | os.PathLike[str]],
    by: str | None = None,
) -> None:
    """What follows every ingest, local or distributed: the log line and the audit entry
    naming `by` (default: the operating-system user), the inputs and the counts; then, when
    it stored records, the corroborate stage links them into incidents and the stored
    findings (the dashboard's, the webhooks') are computed for the data as it is now."""
    log.info(
        "ingest into %s: %d new, %d unchanged, %d rejected, %d skipped, %d records",
        store.display_url, summary.new, summary.unchanged, len(summary.rejected),
        len(summary.skipped), summary.records,
    )  # fmt: skip
    with store.write() as conn:
        inputs = [str(p) for p in paths] if isinstance(paths, list | tuple) else []
        audit.record(
            conn,
            by or audit.cli_actor(),
            "ingest",
            ", ".join(inputs) or None,
            {
                "new": summary.new,
                "unchanged": summary.unchanged,
                "rejected": len(summary.rejected),
                "records": summary.records,
                "skipped": len(summary.skipped),
                "doc_ids": summary.doc_ids[:100],
            },
        )
    if summary.new:
        # the corroborate stage runs incrementally after each ingest: only the new records
        from pactwatch.corroborate import corroborate

        corroborate(store)
        # after the audit entry: it is part of the data version the findings are kept for
        refresh_findings(store)
