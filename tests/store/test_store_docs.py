"""docs/store.md's recipes run as written: the reviews export query on both stores, and
the SQLite online backup of a store in WAL mode, restored and read by pactwatch."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
from pathlib import Path

from sqlalchemy import text

from pactwatch.review import review_event
from pactwatch.store import Store, open_store, save_document, status
from tests.check.corpus import DocBuilder

DOC = (Path(__file__).resolve().parents[2] / "docs" / "store.md").read_text(encoding="utf-8")


def _one_doc(store: Store) -> None:
    d = DocBuilder("a", "2022-09-15", "Reuters").add(
        "Kyrgyz and Tajik forces fought on the border.",
        "ASSAULT",
        ("KGZ", "TJK"),
        date="2022-09-14",
    )
    save_document(store, d.document(), d.events)


def test_the_documented_reviews_query(store: Store) -> None:
    [query] = re.findall(r"```sql\n(.*?)```", DOC, re.S)
    _one_doc(store)
    review_event(store, "a:0", "correct", "ana", fields={"event": "COERCE"}, note="not a clash")
    with store.engine.connect() as conn:
        rows = conn.execute(text(query)).mappings().all()
    [row] = rows
    assert (row["user"], row["action"], row["event_id"], row["note"]) == (
        "ana", "correct", "a:0", "not a clash",
    )  # fmt: skip
    fields = row["fields"] if isinstance(row["fields"], dict) else json.loads(row["fields"])
    assert fields["original"]["event"] == "ASSAULT" and fields["corrected"]["event"] == "COERCE"


def test_the_documented_sqlite_backup(tmp_path: Path) -> None:
    live = tmp_path / "pactwatch.db"
    with open_store(f"sqlite:///{live}") as store:
        _one_doc(store)
        # the recipe's Python line, run while the store is open (its WAL file in use)
        [line] = [ln for ln in DOC.splitlines() if ln.startswith("python3 -c")]
        argv = shlex.split(line)
        argv[0] = sys.executable
        subprocess.run(argv, cwd=tmp_path, check=True, timeout=60)
    backup = tmp_path / "pactwatch-2022-10-10.db"
    with open_store(f"sqlite:///{backup}", create=False) as restored:
        held = status(restored)
    assert (held["documents"], held["events"]) == (1, 1)
