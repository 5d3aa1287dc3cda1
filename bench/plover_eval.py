"""Event type and actor accuracy on the PLOVER gold standard records (issue 3's targets: >= 70% each).

    .venv/bin/python bench/plover_eval.py                     # ../shared/data/plover/PLOVER_GSR_CAMEO.json
    .venv/bin/python bench/plover_eval.py --gold PATH --show 20

Each of the 322 records (after the DOCUMENT header) is extracted as a document of
its own (report date 2000-01-01, the records' placeholder date); the record with
the highest confidence (the first on a tie) stands for the sentence. It has the
right type when its event equals the gold event after mapping the PLOVER 0.5
names (DEMAND → REQUEST, DISAPPROVE and INVESTIGATE → ACCUSE, FIGHT → ASSAULT;
YIELD → CONCEDE or RETREAT, either counts), and the right actor when its actor
codes include a gold `source` code. Gold `IGO` matches any organisation code, as
../shared/tools/score_events.py does. A sentence with no record is wrong on both.
Prints both percentages and the 10 most common type errors. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from pactwatch.extract import extract_documents
from pactwatch.records import Document, Event

PROJECT = Path(__file__).resolve().parent.parent
GOLD = PROJECT.parent / "shared" / "data" / "plover" / "PLOVER_GSR_CAMEO.json"
REPORT_DATE = "2000-01-01"

OLD_NAMES: dict[str, set[str]] = {
    "DEMAND": {"REQUEST"},
    "DISAPPROVE": {"ACCUSE"},
    "INVESTIGATE": {"ACCUSE"},
    "FIGHT": {"ASSAULT"},
    "YIELD": {"CONCEDE", "RETREAT"},
}
# The gold records use CAMEO country codes. Most are ISO 3166-1 alpha-3; these are
# the CAMEO codes that differ (from the CAMEO 1.1b3 country list), mapped to ISO.
CAMEO_TO_ISO = {
    "JAP": "JPN", "ITL": "ITA", "VTN": "VNM", "ROM": "ROU", "ZAR": "COD",
    "TMP": "TLS", "KOS": "XKX", "KSV": "XKX", "BAN": "BGD", "SAF": "ZAF",
    "GER": "DEU", "UKG": "GBR", "MYA": "MMR", "BUR": "MMR", "SPN": "ESP",
}  # fmt: skip
# organisation codes as score_events.py recognises them
_THREE_LETTER_ORGS = {"NATO", "CSTO", "EAEU"}


def is_organisation(code: str) -> bool:
    return len(code) != 3 or not code.isupper() or code in _THREE_LETTER_ORGS


def gold_types(event: str) -> set[str]:
    return OLD_NAMES.get(event, {event})


def gold_sources(record: dict[str, Any]) -> set[str]:
    codes = {str(a.get("code") or "") for a in record.get("source") or []}
    return {CAMEO_TO_ISO.get(c, c) for c in codes if c}


def actor_right(gold: set[str], event: Event | None) -> bool:
    if event is None:
        return False
    predicted = {e.code for e in event.actor}
    if not gold:
        return not predicted
    if gold & predicted:
        return True
    return "IGO" in gold and any(is_organisation(c) for c in predicted)


def best(events: list[Event]) -> Event | None:
    return (
        max(events, key=lambda e: e.confidence) if events else None
    )  # max keeps the first on ties


def read_records(path: Path) -> list[dict[str, Any]]:
    """The gold records, without the DOCUMENT header."""
    return [r for r in json.loads(path.read_text(encoding="utf-8")) if r.get("event") != "DOCUMENT"]


def top_records(records: list[dict[str, Any]], n_process: int = 1) -> dict[str, Event | None]:
    """Each record's sentence extracted as a document of its own; its most confident record."""
    docs = [
        Document(id=str(r["id"]), text=str(r["text"]), report_date=REPORT_DATE) for r in records
    ]
    return {doc.id: best(events) for doc, events in extract_documents(docs, n_process=n_process)}


def tally(
    records: list[dict[str, Any]], top: dict[str, Event | None]
) -> tuple[int, int, Counter[tuple[str, str]], list[str]]:
    """(right types, right actors, type confusions, one line per miss)."""
    type_ok = actor_ok = 0
    confusion: Counter[tuple[str, str]] = Counter()
    misses: list[str] = []
    for r in records:
        event = top[str(r["id"])]
        predicted = event.event if event else "(none)"
        if predicted in gold_types(r["event"]):
            type_ok += 1
        else:
            confusion[("/".join(sorted(gold_types(r["event"]))), predicted)] += 1
            misses.append(f"{r['event']:>11} → {predicted:<9} {r['text'][:110]}")
        actor_ok += actor_right(gold_sources(r), event)
    return type_ok, actor_ok, confusion, misses


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--n-process", type=int, default=1)
    parser.add_argument(
        "--show", type=int, default=0, help="print this many misclassified sentences"
    )
    args = parser.parse_args(argv)
    if not args.gold.is_file():
        print(f"{args.gold} is absent (../shared holds it on developer machines)", file=sys.stderr)
        return 2
    records = read_records(args.gold)
    top = top_records(records, args.n_process)
    type_ok, actor_ok, confusion, misses = tally(records, top)
    n = len(records)
    print(f"PLOVER gold records: {n}; sentences with a record: {sum(1 for e in top.values() if e)}")
    print(f"right event type: {type_ok}/{n} = {100 * type_ok / n:.1f}%  (target >= 70%)")
    print(f"right actor code: {actor_ok}/{n} = {100 * actor_ok / n:.1f}%  (target >= 70%)")
    print("most common type errors (gold → predicted):")
    for (gold, predicted), count in confusion.most_common(10):
        print(f"  {count:4d}  {gold:>15} → {predicted}")
    for line in misses[: args.show]:
        print("  " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
