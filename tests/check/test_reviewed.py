"""The findings of `pactwatch demo` and of the seed column, each line reviewed by a person.

`reviewed/demo.expected.jsonl` and `reviewed/seed.expected.jsonl` hold one line per
finding (charter, rule, member, counterparts, dates, grade) with how many there must
be (`count`; 0: none, e.g. a denial or an accusation) and the reviewer's note. A line
whose right value the pipeline does not reach yet carries `xfail` (why) and runs as a
strict expected failure; every finding the pipeline makes must have a line.

The stores are built by the real extractor (`ingest`), then checked as of 2025-01-01.
After a deliberate change, print the findings with
    .venv/bin/python -m pytest tests/check/test_reviewed.py -q -s -k coverage
and review each new or changed line against the text before editing the file.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from pactwatch.check.charter import load_charter
from pactwatch.check.check import check
from pactwatch.demo import sample_corpus
from pactwatch.ingest.run import ingest
from pactwatch.store import open_store

REVIEWED = Path(__file__).parent / "reviewed"
AS_OF = dt.date(2025, 1, 1)
CHARTERS = ("csto-treaty", "csto-reform")
SEED = Path(__file__).resolve().parents[2].parent / "shared/data/seed/csto-op-ed-2022-10-10.txt"
Key = tuple[str, str, str, tuple[str, ...], str, str]


def _key(line: dict[str, Any]) -> Key:
    return (line["charter"], line["rule"], line["member"], tuple(line["counterparts"]),
            line["dates"], line["grade"])  # fmt: skip


def _lines(name: str) -> list[dict[str, Any]]:
    path = REVIEWED / f"{name}.expected.jsonl"
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


@pytest.fixture(scope="module")
def found(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Counter[Key]]:
    out: dict[str, Counter[Key]] = {}
    work = tmp_path_factory.mktemp("reviewed")
    for name, inputs, report_date in (
        ("demo", [str(sample_corpus())], None),
        ("seed", [str(SEED)], "2022-10-10"),
    ):
        if name == "seed" and not SEED.is_file():
            continue
        with open_store(f"sqlite:///{work / name}.db") as store:
            ingest(inputs, store, report_date=report_date)
            counts: Counter[Key] = Counter()
            for cid in CHARTERS:
                for f in check(store, load_charter(cid), as_of=AS_OF):
                    counts[(cid, f.rule, f.member, tuple(f.counterparts), f.dates, f.grade)] += 1
            out[name] = counts
    return out


def _cases() -> list[Any]:
    cases = []
    for name in ("demo", "seed"):
        for i, line in enumerate(_lines(name)):
            marks = (
                [pytest.mark.xfail(reason=line["xfail"], strict=True)] if "xfail" in line else []
            )
            label = f"{name}-{i}-{line['member']}-{line['rule']}"
            cases.append(pytest.param(name, line, marks=marks, id=label))
    return cases


@pytest.mark.parametrize(("name", "line"), _cases())
def test_reviewed_line(found: dict[str, Counter[Key]], name: str, line: dict[str, Any]) -> None:
    if name not in found:
        pytest.skip("../shared is absent: no seed column")
    assert found[name][_key(line)] == line["count"], line["review"]


@pytest.mark.parametrize("name", ["demo", "seed"])
def test_coverage_every_finding_was_reviewed(found: dict[str, Counter[Key]], name: str) -> None:
    if name not in found:
        pytest.skip("../shared is absent: no seed column")
    reviewed = {_key(line) for line in _lines(name)}
    # a known-wrong line names the right value; what the pipeline shows instead is in its xfail
    known_wrong = {k for k in found[name] if k not in reviewed and _shown_instead(name, k)}
    unreviewed = [k for k in found[name] if k not in reviewed and k not in known_wrong]
    for k in found[name]:
        print(name, json.dumps(k, ensure_ascii=False))
    assert not unreviewed, f"findings with no reviewed line in {name}.expected.jsonl: {unreviewed}"


def _shown_instead(name: str, key: Key) -> bool:
    """The wrong value a known-wrong line says the pipeline shows (its xfail names the dates)."""
    for line in _lines(name):
        same = (line["charter"], line["rule"], line["member"], tuple(line["counterparts"]))
        if "xfail" in line and same == key[:4] and f"shows {key[4]}" in line["xfail"]:
            return True
    return False
