"""A stand-in for extraction: quick, deterministic records, so ingest tests need no NLP.

As a program it runs the real `pactwatch` command line with this extractor in place:

    python -m tests.fake_extract ingest corpus/ --db sqlite:///x.db

`PACTWATCH_FAKE_DELAY` (seconds per document) stands in for the NLP's time.
"""

from __future__ import annotations

import os
import sys
import time
import zlib
from collections.abc import Iterable, Iterator

from pactwatch.records import Attribution, Document, Entity, Event, Location, TextInfo

_CODES = ("KGZ", "TJK", "RUS", "ARM", "KAZ", "CSTO")
_TYPES = ("ASSAULT", "REJECT", "CONSULT", "THREATEN")


def fake_events(doc: Document) -> list[Event]:
    """Up to three records per document, one per sentence, derived from its text alone."""
    records: list[Event] = []
    offset = 0
    for sentence in doc.text.split(". "):
        start = doc.text.find(sentence, offset)
        offset = start + len(sentence)
        if not sentence.strip() or len(records) == 3:
            continue
        h = zlib.crc32(sentence.encode())
        n = len(records)
        records.append(
            Event(
                id=f"{doc.id}:{n}",
                event=_TYPES[h % len(_TYPES)],
                mode=["firearms"] if h % 2 else [],
                context=["military"],
                kind="armed_clash" if h % 3 == 0 else None,
                aux=["future"] if h % 5 == 0 else [],
                actor=[Entity(_CODES[h % 6], "MIL", sentence.split(" ")[0])],
                recipient=[Entity(_CODES[(h >> 3) % 6], None, "them", "Q1")] if h % 4 else [],
                date=f"2022-09-{1 + h % 28:02d}" if h % 7 else None,
                report_date=doc.report_date,
                event_loc=Location("the border", "KGZ", None, 40.0, 71.5, 1) if h % 2 else None,
                attribution=Attribution([Entity("TJK", "GOV", "Dushanbe")] if h % 9 == 0 else []),
                confidence=round((h % 1000) / 1000, 3),
                text_info=TextInfo(doc.id, n, start, offset),
                event_text=sentence[:20],
                reasons={"date": "fake"},
            )
        )
    return records


def fake_extract_documents(
    docs: Iterable[Document],
    *,
    n_process: int = 1,
    batch_size: int = 64,
    budget_s: float | None = None,
    on_reject: object = None,
) -> Iterator[tuple[Document, list[Event]]]:
    delay = float(os.environ.get("PACTWATCH_FAKE_DELAY", "0"))
    for doc in docs:
        if delay:
            time.sleep(delay)
        yield doc, fake_events(doc)


def main(argv: list[str]) -> int:
    from pactwatch import extract
    from pactwatch.cli import main as cli_main

    extract.extract_documents = fake_extract_documents  # type: ignore[assignment]
    return cli_main(argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
