"""Golden files: the whole extraction pipeline on short texts written for it.

Each `golden/NAME.txt` is a news text; its first line may be
`report_date: YYYY-MM-DD`, which is not part of the document. The reviewed fields
of the records the pipeline gives for it (document id `NAME`) are pinned in
`golden/NAME.expected.jsonl`, one JSON object per line: id, event, kind, actor
and recipient (code and sector), date, enddate, aux and attribution. Free-text
`reasons` and the `confidence` score are not pinned: a person reviewed what a
record says, not how sure the model was. The test fails when any byte of the
pinned fields changes.

A change is not a bug by itself: when extraction has improved on purpose,
regenerate the files, read the diff, and commit it with the change:

    PACTWATCH_REGENERATE=1 .venv/bin/pytest tests/extract/test_golden.py
    git diff tests/extract/golden/

The texts cover every stage: a two-sided clash, a cancelled and a joint
exercise, sanctions, a threat to leave an alliance, hedged claims, a proposal
(no record), a skipped meeting (REJECT), passive voice, three coordinated
leaders, a possessive metonym and a future visit.
"""

from __future__ import annotations

import difflib
import json
import os
import re
from pathlib import Path
from typing import Any

import pytest

from pactwatch.extract import extract_documents
from pactwatch.records import Document

GOLDEN = Path(__file__).parent / "golden"
REGENERATE = os.environ.get("PACTWATCH_REGENERATE") == "1"
_HEADER = re.compile(r"report_date:\s*(\d{4}-\d{2}-\d{2})\s*\n")
NAMES = sorted(p.stem for p in GOLDEN.glob("*.txt"))


def read_golden(path: Path) -> Document:
    """The document in a golden text file: its stem is the id, an optional header its date."""
    text = path.read_text(encoding="utf-8")
    report_date = None
    header = _HEADER.match(text)
    if header:
        report_date = header.group(1)
        text = text[header.end() :]
    return Document(id=path.stem, text=text, report_date=report_date)


@pytest.fixture(scope="module")
def outputs() -> dict[str, str]:
    """The rendered records of every golden text, extracted in one pass."""
    docs = [read_golden(GOLDEN / f"{name}.txt") for name in NAMES]
    out: dict[str, str] = {}
    for doc, events in extract_documents(docs):
        out[doc.id] = "".join(
            json.dumps(reviewed(e.to_dict()), ensure_ascii=False) + "\n" for e in events
        )
    return out


def reviewed(record: dict[str, Any]) -> dict[str, Any]:
    """The fields a person reviews in a record."""

    def parties(entities: list[dict[str, Any]]) -> list[str]:
        return [f"{e['code']}/{e['sector'] or '-'}" for e in entities]

    return {
        "id": record["id"],
        "event": record["event"],
        "kind": record["kind"],
        "actor": parties(record["actor"]),
        "recipient": parties(record["recipient"]),
        "date": record["date"],
        "enddate": record["enddate"],
        "aux": record["aux"],
        "attribution": record["attribution"],
        "quote": record["event_text"],
    }


def test_there_are_golden_texts() -> None:
    assert len(NAMES) >= 8


@pytest.mark.parametrize("name", NAMES)
def test_golden(name: str, outputs: dict[str, str]) -> None:
    expected_path = GOLDEN / f"{name}.expected.jsonl"
    actual = outputs[name]
    if REGENERATE:
        expected_path.write_text(actual, encoding="utf-8")
        return
    assert expected_path.exists(), (
        f"{expected_path.name} is missing; run PACTWATCH_REGENERATE=1 pytest {__file__}"
    )
    expected = expected_path.read_text(encoding="utf-8")
    if actual != expected:
        diff = "\n".join(
            difflib.unified_diff(
                expected.splitlines(), actual.splitlines(), "expected", "actual", lineterm=""
            )
        )
        pytest.fail(
            f"records for golden/{name}.txt changed; if on purpose, regenerate with "
            f"PACTWATCH_REGENERATE=1 (see the module docstring):\n{diff}"
        )
