"""Fixtures for the charter tests: the hand-built corpus in a store on each backend."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from pactwatch.corroborate import corroborate
from pactwatch.store import Store, open_store
from tests.check.corpus import build


@pytest.fixture
def corpus_store(store_url: str) -> Iterator[Store]:
    """The corpus saved, a reviewer's rejection marked, incidents linked (SQLite and PostgreSQL)."""
    with open_store(store_url) as store:
        build(store)
        corroborate(store)
        yield store
