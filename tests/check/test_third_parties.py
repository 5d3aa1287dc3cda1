"""Whoever only speaks of a fight (asks for its end, offers to mediate, expresses concern,
raises it, praises or criticises conduct during it), watches it or is touched by it is no
side of it: through the real
extractor and checker, no finding of force between two members from such words; the
fighters the sentence names still make theirs (near misses)."""

from __future__ import annotations

import datetime as dt

import pytest

from pactwatch.check.check import check
from pactwatch.corroborate import corroborate
from pactwatch.extract import extract_documents
from pactwatch.records import Document
from pactwatch.store import Store, save_document


def force_findings(store: Store, text: str) -> set[tuple[str, str]]:
    doc = Document(id="third", text=text, report_date="2024-03-15", source="test")
    for d, events in extract_documents([doc], model=False):
        save_document(store, d, events)
    corroborate(store)
    return {
        (f.member, ",".join(sorted(f.counterparts)))
        for f in check(store, "csto-treaty", as_of=dt.date(2024, 3, 20))
        if f.rule == "art1-non-use-of-force"
    }


@pytest.mark.parametrize(
    "text",
    [
        # the case: Russia and Belarus were found to have used force against each other
        "Russia and Belarus called for an end to the fighting on Tuesday.",
        # paraphrases: an offer to mediate, concern, a topic raised, conduct judged
        "Kazakhstan and Kyrgyzstan offered on Tuesday to mediate in the clashes.",
        "On Tuesday Kazakhstan expressed concern about the clashes in a call with Russia.",
        "Lavrov raised the fighting with his Armenian counterpart on Tuesday.",
        "On Tuesday Moscow praised Kazakhstan for its restraint during the clashes.",
        # watched, or touched by the fight: its object, its subject
        "Russia and Kazakhstan followed the clashes with alarm on Tuesday.",
        "On Tuesday the fighting worried Russia and Kazakhstan.",
        "News of the clashes reached Moscow and Astana on Tuesday.",
    ],
)
def test_who_speaks_of_a_fight_is_no_side_of_it(store: Store, text: str) -> None:
    assert force_findings(store, text) == set()


@pytest.mark.parametrize(
    "text",
    [
        "Kyrgyz and Tajik troops took part in the clashes on Tuesday.",
        "Clashes on the Kyrgyz-Tajik border on Tuesday left 50 dead.",
        # a fight's going on and its casualties are the fighters'
        "Kyrgyzstan and Tajikistan resumed the fighting on Tuesday.",
        "The clashes on Tuesday killed five Kyrgyz and three Tajik soldiers.",
    ],
)
def test_the_fighters_named_still_fought(store: Store, text: str) -> None:
    """Near misses: the states that fought, named in the sentence, make their findings."""
    assert force_findings(store, text) == {("KGZ", "TJK"), ("TJK", "KGZ")}
