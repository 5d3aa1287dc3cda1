"""The local web site that fetch, feed and watch tests read from (127.0.0.1 only)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.ingest.webfixture import Site
from tests.notify.conftest import configure  # noqa: F401 (a fixture: a webhook's settings)


@pytest.fixture
def site(monkeypatch: pytest.MonkeyPatch) -> Iterator[Site]:
    """A fresh local site; fetching from it needs no per-host delay in tests."""
    monkeypatch.setenv("PACTWATCH_FETCH_HOST_DELAY", "0")
    monkeypatch.setenv("PACTWATCH_FETCH_TIMEOUT", "5")
    served = Site()
    yield served
    served.close()
