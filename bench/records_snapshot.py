"""One line per record on the sets we may read, to diff extraction before and after a change.

    .venv/bin/python bench/records_snapshot.py > /tmp/after.tsv
    git stash; .venv/bin/python bench/records_snapshot.py > /tmp/before.tsv; git stash pop
    diff /tmp/before.tsv /tmp/after.tsv

Reads the development and seed gold files, our own annotated documents
(`tests/data/dev2-gold.jsonl`, `tests/data/samples-gold.jsonl`), the train and validation
sentences of the labelled news (never the internal test split) and the wire stories written
here (`docs/notes/stories/*.txt`: first line the report date, then the text). Prints
document, sentence, type, kind, actor codes, recipient codes, aux, date and the event's
words, tab-separated. Not a test and no figure: a reviewer reads the diff.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from pactwatch.extract import extract_documents
from pactwatch.records import Document
from pactwatch.training import sentences

ROOT = Path(__file__).resolve().parent.parent
GOLD = [
    ROOT.parent / "shared/data/dev/alliance-dev.jsonl",
    ROOT.parent / "shared/data/seed/gold.jsonl",
    ROOT / "tests/data/dev2-gold.jsonl",
    ROOT / "tests/data/samples-gold.jsonl",
]
STORIES = ROOT / "docs/notes/stories"


def documents() -> list[Document]:
    docs: list[Document] = []
    for path in GOLD:
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            d = json.loads(line)
            docs.append(Document(id=d["doc_id"], text=d["text"], report_date=d.get("report_date")))
    for split in ("train", "validation"):
        docs += [Document(id=r.id, text=r.text) for r in sentences(split)]
    for path in sorted(STORIES.glob("*.txt")):
        first, _, text = path.read_text(encoding="utf-8").partition("\n")
        docs.append(Document(id=path.stem, text=text, report_date=first.strip()))
    return docs


def main() -> None:
    out = sys.stdout
    for doc, events in extract_documents(documents()):
        for e in events:
            fields = [
                doc.id,
                str(e.text_info.sentence),
                e.event,
                str(e.kind),
                ",".join(a.code for a in e.actor),
                ",".join(r.code for r in e.recipient),
                "+".join(e.aux),
                str(e.date),
                e.event_text,
            ]
            out.write("\t".join(fields) + "\n")


if __name__ == "__main__":
    main()
