"""Golden findings for each shipped charter over the hand-built corpus, on SQLite and PostgreSQL.

After a deliberate change, regenerate and review the diff like code:
    PACTWATCH_REGENERATE=1 .venv/bin/pytest tests/check -k golden
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest

from pactwatch.check.charter import load_charter, shipped_charters
from pactwatch.check.check import check, findings_json
from pactwatch.check.findings import STORED
from pactwatch.store import Store
from tests.check.corpus import AS_OF

GOLDEN = Path(__file__).parent / "golden"


def test_every_shipped_charter_has_a_golden_file() -> None:
    assert sorted(p.stem for p in GOLDEN.glob("*.json")) == sorted(shipped_charters())


@pytest.mark.parametrize("name", sorted(shipped_charters()))
def test_golden(corpus_store: Store, name: str) -> None:
    charter = load_charter(name)
    as_of = dt.date.fromisoformat(AS_OF)
    got = findings_json(charter, check(corpus_store, charter, as_of=as_of), as_of)
    # what the store adds (state, when first and last seen) is tested in test_stored.py
    got["findings"] = [{k: v for k, v in f.items() if k not in STORED} for f in got["findings"]]
    path = GOLDEN / f"{name}.json"
    if os.environ.get("PACTWATCH_REGENERATE"):
        path.write_text(json.dumps(got, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    assert got == json.loads(path.read_text(encoding="utf-8"))
