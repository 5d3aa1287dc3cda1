"""Extraction: documents in, PLOVER event records out.

The stages, one module each: text (sentences) → entities → events (triggers)
→ roles → dates → places → factuality → merge; `pipeline` runs them all.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from pactwatch.records import Document, Event


def extract_documents(
    docs: Iterable[Document], *, n_process: int = 1, batch_size: int = 64, model: bool = True
) -> Iterator[tuple[Document, list[Event]]]:
    """Each document with its event records, in input order. Deterministic.

    `model=False` runs the rules alone, without the learned typer (for comparison)."""
    # imported here: loading spaCy is slow, and importing pactwatch.extract should not be
    from pactwatch.extract.pipeline import extract_documents as run

    return run(docs, n_process=n_process, batch_size=batch_size, model=model)


def extract_document(doc: Document) -> list[Event]:
    """The event records of one document."""
    return next(iter(extract_documents([doc])))[1]
