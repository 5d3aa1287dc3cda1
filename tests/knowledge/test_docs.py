"""docs/knowledge.md describes every file, field, column and office the loader accepts."""

from __future__ import annotations

from pathlib import Path

import pytest

from pactwatch.knowledge import OFFICES
from pactwatch.knowledge.leaders import COLUMNS, OPTIONAL_COLUMNS
from pactwatch.knowledge.load import FILES
from pactwatch.records import SECTORS

DOC = Path(__file__).resolve().parents[2] / "docs" / "knowledge.md"
FIELDS = ("code", "name", "qid", "names", "demonyms", "metonyms", "bodies", "note")
FIELDS += ("sector", "sector_nouns", "agencies", "ambiguous", "resolution", "why", "not_actors")


@pytest.mark.parametrize(
    "word", [*FILES, *OFFICES, *COLUMNS, *OPTIONAL_COLUMNS, *SECTORS, *FIELDS, "leaders/*.csv"]
)
def test_documented(word: str) -> None:
    assert f"`{word}`" in DOC.read_text(encoding="utf-8") or word in _code_blocks(), word


def _code_blocks() -> str:
    text = DOC.read_text(encoding="utf-8")
    return "".join(text.split("```")[1::2])
