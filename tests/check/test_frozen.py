"""Membership on the event's date: a frozen participation still binds, and the finding says so."""

from __future__ import annotations

import datetime as dt

from pactwatch.check.check import check
from pactwatch.corroborate import corroborate
from pactwatch.store import Store, save_document
from tests.check.corpus import DocBuilder


def test_a_frozen_member_is_still_bound_and_shown_as_frozen(store: Store) -> None:
    doc = DocBuilder("arm-2024", "2024-06-13", "Azatutyun").add(
        "Armenian officials skipped the bloc's meeting in March.", "REJECT", ("ARM",), ("CSTO",),
        kind="membership", date="2024-03-01",
    )  # fmt: skip
    old = DocBuilder("arm-2023", "2023-11-24", "Azatutyun").add(
        "Pashinyan stayed away from the CSTO summit in Minsk.", "REJECT", ("ARM",), ("CSTO",),
        kind="summit", date="2023-11-23",
    )  # fmt: skip
    for d in (doc, old):
        save_document(store, d.document(), d.events)
    corroborate(store)
    found = {
        f.first_date: f
        for f in check(store, "csto-reform", as_of=dt.date(2025, 1, 1))
        if f.rule == "implement-council-decisions"
    }
    assert "frozen on that date (since 2024-02-22): still bound" in found["2024-03-01"].explanation
    assert "frozen" not in found["2023-11-23"].explanation
