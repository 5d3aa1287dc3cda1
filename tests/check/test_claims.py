"""Whose word a finding rests on: a party's claim against another is no deed, but a joint
deed of cooperation told by those who did it together is their own account of it."""

from __future__ import annotations

import datetime as dt

from pactwatch.check.check import check
from pactwatch.check.findings import Finding
from pactwatch.corroborate import corroborate
from pactwatch.store import open_store, save_document
from tests.check.corpus import AS_OF, DocBuilder


def _findings(store_url: str, builder: DocBuilder, rule: str) -> list[Finding]:
    with open_store(store_url) as store:
        save_document(store, builder.document(), builder.events)
        corroborate(store)
        found = check(store, "csto-reform", as_of=dt.date.fromisoformat(AS_OF))
    return [f for f in found if f.rule == rule]


def test_an_exercise_told_by_a_state_that_held_it_is_a_deed(store_url: str) -> None:
    doc = DocBuilder("rc", "2022-08-24", "Wire").add(
        "The drill brought together US, Kazakh and Kyrgyz troops, according to the US embassy.",
        "COOPERATE", ("USA", "KAZ", "KGZ"), kind="military_exercise", date="2022-08-10",
        speaker=("USA",),
    )  # fmt: skip
    found = _findings(store_url, doc, "no-exercises-with-adversaries")
    assert sorted(f.member for f in found) == ["KAZ", "KGZ"]
    assert all(f.grade == "single-source" and f.counterparts == ["USA"] for f in found)


def test_paraphrase_the_member_tells_of_training_with_the_adversary(store_url: str) -> None:
    # other words, and the member itself tells of the deed it shares
    doc = DocBuilder("tokmok", "2022-05-02", "Wire").add(
        "Kyrgyz officials said their troops trained alongside US special forces at Tokmok.",
        "COOPERATE", ("KGZ", "USA"), kind="military_exercise", date="2022-05-01",
        speaker=("KGZ",),
    )  # fmt: skip
    found = _findings(store_url, doc, "no-exercises-with-adversaries")
    assert [(f.member, f.counterparts) for f in found] == [("KGZ", ["USA"])]


def test_near_miss_one_side_telling_of_a_clash_stays_a_claim(store_url: str) -> None:
    doc = DocBuilder("clash", "2022-09-15", "Wire").add(
        "Kyrgyzstan said Kyrgyz and Tajik troops exchanged fire.",
        "ASSAULT", ("KGZ", "TJK"), kind="armed_clash", date="2022-09-14", speaker=("KGZ",),
    )  # fmt: skip
    assert _findings(store_url, doc, "no-hostilities-between-members") == []


def test_near_miss_what_was_done_to_the_speaker_stays_a_claim(store_url: str) -> None:
    # the speaker is the one the deed was done to, not one of those who did it together
    doc = DocBuilder("host", "2022-05-02", "Wire").add(
        "Russia said the United States keeps a laboratory in Kazakhstan, Kazakh officials said.",
        "COOPERATE", ("USA",), ("KAZ",), kind="military_facility", date="2022-05-01",
        speaker=("KAZ",),
    )  # fmt: skip
    found = _findings(store_url, doc, "no-adversary-facilities")
    assert [f.grade for f in found] in ([], ["hedged"])
