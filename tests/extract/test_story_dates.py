"""Dates that belong to something else than the deed told: the past perfect's month, a
dateline's day, a deadline, what was agreed to come (session 11). Each rule has a case, a
paraphrase it must also catch and a near miss it must leave alone."""

from __future__ import annotations

import pytest

from pactwatch.extract import extract_documents
from pactwatch.records import Document, Event
from tests.extract.helpers import of


def told(text: str, report_date: str) -> list[Event]:
    doc = Document(id="d", text=text, report_date=report_date)
    return next(iter(extract_documents([doc], model=False)))[1]


# -- a month with no year told in the past perfect or the past passive is the last one ----


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("In January Armenia had refused to host the exercises.", "2023-01"),
        ("In December Armenia's talks with Russia had been cancelled by Yerevan.", "2022-12"),
    ],
)
def test_a_month_told_in_the_past_perfect_is_the_last_one(text: str, date: str) -> None:
    found = of(told(text, "2023-11-24"), "REJECT")
    assert found and found[0].date == date
    assert "future" not in found[0].aux


def test_a_month_told_to_come_is_the_next_one() -> None:
    # near miss: "will host in December", told in November, is this December
    found = of(told("Armenia will host the drills in December.", "2023-11-24"), "COOPERATE")
    assert found and found[0].date == "2023-12"


# -- a dateline with the country after the city dates the report, not the event ------------


@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("ASTANA, Kazakhstan, July 4 - Belarus will join the Shanghai Cooperation Organisation.", "AGREE"),
        ("BISHKEK, Kyrgyzstan, July 4 - Kyrgyzstan will host the CSTO summit.", "CONSULT"),
    ],
)  # fmt: skip
def test_a_dateline_with_a_country_does_not_date_the_event(text: str, event: str) -> None:
    found = of(told(text, "2024-07-04"), event)
    assert found and found[0].date is None


def test_a_date_after_the_dateline_still_dates_the_event() -> None:
    # near miss: the day the body gives is the event's
    text = "MONS, Belgium, July 4 - NATO held its largest exercise on July 3."
    found = of(told(text, "2024-07-04"), "COOPERATE")
    assert found and found[0].date == "2024-07-03"


# -- a deadline is no date of a deed to come -----------------------------------------------


@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("US to complete troop withdrawal from Niger by mid-September", "RETREAT"),
        ("Russia will withdraw its troops from the town by Sunday.", "RETREAT"),
    ],
)
def test_a_deadline_does_not_date_a_deed_to_come(text: str, event: str) -> None:
    found = of(told(text, "2024-07-04"), event)
    assert found and found[0].date is None


def test_a_deed_told_done_by_a_day_keeps_it() -> None:
    # near miss: "had left by Sunday" was done by then
    found = of(told("Russian troops had left the town by Sunday.", "2024-07-04"), "RETREAT")
    assert found and found[0].date == "2024-06-30"


# -- what was agreed to come has its own time ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "event"),
    [
        (
            "The leaders approved a package of documents and agreed that Kazakhstan would"
            " chair the CSTO in 2024.",
            "AGREE",
        ),
        (
            "Russia and Belarus signed an agreement and announced that Minsk would host"
            " Russian missiles in 2025.",
            "AGREE",
        ),
    ],
)
def test_a_year_of_what_is_to_come_does_not_date_the_agreement(text: str, event: str) -> None:
    found = of(told(text, "2023-11-24"), event)
    assert found and found[0].date is None


def test_the_deed_to_come_keeps_its_year() -> None:
    # near miss: the exercise said to come is dated by its own clause
    found = of(
        told("Kazakhstan said it would host the exercise in 2025.", "2024-07-04"), "COOPERATE"
    )
    assert found and found[0].date == "2025"


# -- a deed a stated interval from another has not the other's date ------------------------


def test_a_deed_weeks_after_another_is_not_of_its_date() -> None:
    text = (
        "Kyrgyzstan has decided not to hold the exercise, the ministry said on Monday, weeks"
        " after deadly clashes with Tajikistan."
    )
    clashes = of(told(text, "2023-10-03"), "ASSAULT")
    assert clashes and clashes[0].date is None


def test_a_deed_weeks_after_a_dated_one_is_not_of_that_date() -> None:
    text = "Weeks after the clashes on September 14, Kyrgyzstan cancelled the drills."
    found = of(told(text, "2023-10-03"), "REJECT")
    assert found and found[0].date is None


@pytest.mark.parametrize(
    ("text", "event", "date"),
    [
        # near miss: with no interval stated the phrase's date stands; and an interval in
        # days is counted back from the clause's date (it took the clause's own Monday)
        (
            "After the clashes on September 14, Kyrgyzstan cancelled the drills.",
            "REJECT",
            "2023-09-14",
        ),
        (
            "Armenia refused to attend the summit on Monday, two days after heavy fighting with"
            " Azerbaijan.",
            "ASSAULT",
            "2023-09-30",
        ),
    ],
)
def test_dates_without_a_stated_interval_or_counted_from_the_clause(
    text: str, event: str, date: str
) -> None:
    found = of(told(text, "2023-10-03"), event)
    assert found and found[0].date == date
