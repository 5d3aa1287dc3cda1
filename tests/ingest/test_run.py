"""ingest(): idempotent, skips stored documents before extraction, collects rejections."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from pactwatch import extract
from pactwatch.errors import StoreError
from pactwatch.ingest.run import IngestSummary, ingest
from pactwatch.records import Document, Event
from pactwatch.store import Store, iter_events, open_store, status
from tests.fake_extract import fake_events, fake_extract_documents


@pytest.fixture
def extracted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Swap in the fake extractor; the list collects the ids of the documents it was given."""
    seen: list[str] = []

    def spy(docs: Iterable[Document], **kwargs: int) -> Iterator[tuple[Document, list[Event]]]:
        def tap() -> Iterator[Document]:
            for doc in docs:
                seen.append(doc.id)
                yield doc

        return fake_extract_documents(tap(), **kwargs)

    monkeypatch.setattr(extract, "extract_documents", spy)
    return seen


def _corpus(folder: Path) -> Path:
    folder.mkdir()
    (folder / "one.txt").write_text("Kyrgyz guards fired at a Tajik post. Dushanbe protested.")
    (folder / "two.md").write_text(
        "# Drills\n\nBishkek cancelled the CSTO drills. Moscow regretted it."
    )
    (folder / "feed.jsonl").write_text(
        '{"id": "f1", "text": "Armenia threatened to leave the CSTO. Yerevan froze its dues."}\n'
        "{broken\n"
    )
    return folder


def test_ingest_twice_stores_once_and_extracts_once(
    store: Store, tmp_path: Path, extracted: list[str]
) -> None:
    corpus = _corpus(tmp_path / "corpus")
    first = ingest([corpus], store, report_date="2022-10-10")
    assert (first.new, first.unchanged, len(first.rejected)) == (3, 0, 1)
    assert first.rejected[0].origin == f"{corpus / 'feed.jsonl'}:2"
    records = list(iter_events(store))
    assert first.records == len(records) > 0
    assert len(extracted) == 3

    second = ingest([corpus], store, report_date="2022-10-10")
    assert (second.new, second.unchanged, second.records) == (0, 3, 0)
    assert len(extracted) == 3, "stored documents must not be extracted again"
    assert list(iter_events(store)) == records
    assert status(store)["documents"] == 3


def test_document_ids_are_in_input_order_while_extraction_batches(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A stored document is counted at once, while extraction still holds the documents
    before it in its batch: the summary lists them in input order all the same, as a
    distributed ingest does (CI caught the two orders differing once the parser's
    batches changed)."""

    def batched(docs: Iterable[Document], **kwargs: int) -> Iterator[tuple[Document, list[Event]]]:
        held = list(docs)  # a batch read whole before any document of it is yielded
        return fake_extract_documents(iter(held), **kwargs)

    monkeypatch.setattr(extract, "extract_documents", batched)
    first = tmp_path / "first.jsonl"
    first.write_text('{"id": "a", "text": "Armenia froze its dues to the CSTO."}\n')
    ingest([first], store)
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        '{"id": "b", "text": "Kyrgyz guards fired at a Tajik post."}\n'
        '{"id": "a", "text": "Armenia froze its dues to the CSTO."}\n'
        '{"id": "c", "text": "Bishkek cancelled the CSTO drills."}\n'
    )
    summary = ingest([feed], store)
    assert (summary.new, summary.unchanged) == (2, 1)
    assert summary.doc_ids == ["b", "a", "c"]


def test_records_are_those_of_the_extractor(
    store: Store, tmp_path: Path, extracted: list[str]
) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Kyrgyz guards fired at a Tajik post. Dushanbe protested. Moscow called.")
    ingest([path], store)
    [doc_id] = extracted
    expected = fake_events(Document(id=doc_id, text=path.read_text()))
    assert list(iter_events(store, doc_id=doc_id)) == expected


def test_seed_twice_is_one_document(store: Store, shared_dir: Path, extracted: list[str]) -> None:
    seed = shared_dir / "data" / "seed" / "csto-op-ed-2022-10-10.txt"
    assert ingest([seed], store).new == 1
    assert ingest([seed], store).unchanged == 1
    assert status(store)["documents"] == 1


def test_a_changed_text_under_a_stored_id_is_rejected(
    store: Store, tmp_path: Path, extracted: list[str]
) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"id": "x", "text": "old text."}\n')
    ingest([feed], store)
    feed.write_text('{"id": "x", "text": "new text."}\n{"id": "y", "text": "other."}\n')
    summary = ingest([feed], store)
    assert (summary.new, len(summary.rejected)) == (1, 1)
    assert (
        summary.rejected[0].origin == f"{feed}:1" and "already stored" in summary.rejected[0].reason
    )
    assert extracted == ["x", "y"]


def test_progress_is_called_for_every_input(
    store: Store, tmp_path: Path, extracted: list[str]
) -> None:
    calls: list[tuple[int, int, int]] = []

    def progress(s: IngestSummary) -> None:
        calls.append((s.new, s.unchanged, len(s.rejected)))

    ingest([_corpus(tmp_path / "c")], store, progress=progress)
    assert len(calls) == 4 and calls[-1] == (3, 0, 1)


def test_a_read_only_store_fails_before_reading_anything(
    tmp_path: Path, extracted: list[str]
) -> None:
    path = tmp_path / "ro.db"
    open_store(f"sqlite:///{path}").close()
    with open_store(f"sqlite:///file:{path}?mode=ro&uri=true") as store, pytest.raises(StoreError):
        ingest([_corpus(tmp_path / "c")], store)
    assert extracted == []
