"""Extraction: documents in, PLOVER event records out.

The stages, one module each: text (sentences) → entities → events (triggers)
→ roles → dates → places → factuality → merge; `pipeline` runs them all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from pactwatch.errors import InputRejected
from pactwatch.records import Document, Event


def extract_documents(
    docs: Iterable[Document],
    *,
    n_process: int = 1,
    batch_size: int = 64,
    model: bool = True,
    budget_s: float | None = None,
    on_reject: Callable[[Document, InputRejected], None] | None = None,
) -> Iterator[tuple[Document, list[Event]]]:
    """Each document with its event records, in input order. Deterministic.

    `model=False` runs the rules alone, without the learned typer (for comparison).
    `budget_s`: the seconds a document may take, checked between sentences; a document
    over it is not yielded but passed to `on_reject` (required with a budget) with an
    `InputRejected` naming it, and the others go on."""
    # imported here: loading spaCy is slow, and importing pactwatch.extract should not be
    from pactwatch.extract.pipeline import extract_documents as run

    if budget_s is not None and on_reject is None:
        raise ValueError("a time budget needs on_reject, which hears of the documents over it")
    for doc, result in run(
        docs, n_process=n_process, batch_size=batch_size, model=model, budget_s=budget_s
    ):
        if isinstance(result, InputRejected):
            assert on_reject is not None
            on_reject(doc, result)
        else:
            yield doc, result


def extract_document(doc: Document) -> list[Event]:
    """The event records of one document."""
    return next(iter(extract_documents([doc])))[1]
