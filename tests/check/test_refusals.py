"""A member that refuses or does not carry out a decision of the alliance refuses its common
course (`csto-reform`, `implement-council-decisions`), from text through the real
extractor: case, paraphrase, and near misses that must make no finding."""

from __future__ import annotations

import datetime as dt

import pytest

from pactwatch.check.check import check
from pactwatch.corroborate import corroborate
from pactwatch.extract import extract_documents
from pactwatch.records import Document
from pactwatch.store import Store, save_document


def refusers(store: Store, text: str) -> set[str]:
    doc = Document(id="refusal", text=text, report_date="2023-05-20", source="test")
    for d, events in extract_documents([doc], model=False):
        save_document(store, d, events)
    corroborate(store)
    return {
        f.member
        for f in check(store, "csto-reform", as_of=dt.date(2023, 6, 1))
        if f.rule == "implement-council-decisions"
    }


@pytest.mark.parametrize(
    ("text", "member"),
    [
        (
            "Tajikistan has not implemented the decision of the CSTO Collective Security "
            "Council on the Afghan border, officials in Dushanbe admitted on May 18.",
            "TJK",
        ),
        # paraphrase: refused outright
        ("On May 18 Kyrgyzstan refused to comply with the CSTO council's decision.", "KGZ"),
    ],
)
def test_a_decision_of_the_alliance_refused_is_a_finding(
    store: Store, text: str, member: str
) -> None:
    assert refusers(store, text) == {member}


@pytest.mark.parametrize(
    "text",
    [
        # a member's own course, not the alliance's
        "On May 18 Kyrgyzstan rejected calls to change its constitution.",
        # a decision refused with no alliance named: the kind of course is unknown
        "On May 18 Kyrgyzstan refused to comply with the court's decision.",
        # a decision of someone else refused
        "On May 18 Kazakhstan refused to comply with the EU's decision on sanctions.",
    ],
)
def test_a_refusal_of_another_course_is_none(store: Store, text: str) -> None:
    assert refusers(store, text) == set()
