"""Who may answer a request for help: the CSTO's Article 4 has "the other member states"
give the assistance, so `responders: [alliance, members]` counts a member's aid as the
bloc's answer, and a non-member's aid as none."""

from __future__ import annotations

import datetime as dt

import pytest

from pactwatch.check.check import check
from pactwatch.corroborate import corroborate
from pactwatch.store import Store, save_document
from tests.check.corpus import DocBuilder

AS_OF = dt.date(2022, 3, 31)


def _request_then(store: Store, helper: tuple[str, ...]) -> list[str]:
    doc = (
        DocBuilder("kaz", "2022-01-07", "Reuters")
        .add("Kazakhstan asked the CSTO for help on January 5.",
             "REQUEST", ("KAZ",), ("CSTO",), kind="assistance_request", date="2022-01-05")
        .add("Troops from abroad were flown in on January 6.", "AID", helper, ("KAZ",),
             date="2022-01-06")
    )  # fmt: skip
    save_document(store, doc.document(), doc.events)
    corroborate(store)
    found = check(store, "csto-treaty", as_of=AS_OF)
    return sorted(f.rule for f in found if f.member == "KAZ")


def test_members_aid_answers_a_request_to_the_bloc(store: Store) -> None:
    assert _request_then(store, ("RUS", "BLR", "ARM")) == []


@pytest.mark.parametrize("helper", [("USA",), ("TUR",)])
def test_a_non_members_aid_is_no_answer(store: Store, helper: tuple[str, ...]) -> None:
    # near miss: help from outside the bloc leaves the request unanswered
    assert _request_then(store, helper) == ["art2-consultations", "art4-collective-defence"]
