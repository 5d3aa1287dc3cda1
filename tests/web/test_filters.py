"""The dashboard's Jinja filters."""

from __future__ import annotations

import pytest

from pactwatch.web.filters import when


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("2026-12-06T21:22:02Z", "2026-12-06 21:22 UTC"),
        # anything not a stored UTC timestamp is shown as it is
        ("2026-12-06", "2026-12-06"),
        (None, ""),
    ],
)
def test_when_shows_a_stored_timestamp_as_a_reader_writes_it(
    stored: str | None, shown: str
) -> None:
    assert when(stored) == shown
