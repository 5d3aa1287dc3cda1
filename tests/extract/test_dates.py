"""The time stage: golden cases (date_cases.yaml), resolution rules and robustness."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from pactwatch.extract.dates import MAX_CHARS, find_dates, is_historical

CASES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "date_cases.yaml").read_text("utf-8")
)


def _iso(value: object) -> str | None:
    return None if value is None else str(value)


def _id(case: dict[str, Any]) -> str:
    return f"{case.get('expr') or 'none'}@{case.get('report')}:{case['text'][:30]}"


def test_enough_cases() -> None:
    assert len(CASES) >= 60


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_golden(case: dict[str, Any]) -> None:
    found = find_dates(case["text"], _iso(case.get("report")), future=bool(case.get("future")))
    if case.get("none"):
        assert found == [], [f.text for f in found]
        return
    by_text = {e.text: e for e in found}
    wanted = str(case["expr"])
    assert wanted in by_text, [e.text for e in found]
    expr = by_text[wanted]
    assert (expr.date, expr.enddate) == (_iso(case.get("date")), _iso(case.get("enddate"))), (
        expr.reason
    )
    assert expr.present == bool(case.get("present")), expr.reason
    assert expr.reason.startswith(f"'{expr.text}' ")


def test_results_are_fresh_lists() -> None:
    first = find_dates("yesterday", "2022-10-10")
    first.clear()
    assert len(find_dates("yesterday", "2022-10-10")) == 1


def test_reason_names_report_date() -> None:
    (expr,) = find_dates("on September 14-17 there was a war", "2022-10-10")
    assert expr.reason == "'September 14-17' resolved against report date 2022-10-10"


def test_unresolved_relative_says_why() -> None:
    (expr,) = find_dates("the talks collapsed last week", None)
    assert expr.date is None and "no report date" in expr.reason


def test_longest_expression_wins_and_order_kept() -> None:
    found = find_dates("at the end of April last year and then yesterday", "2022-10-10")
    assert [e.text for e in found] == ["the end of April last year", "yesterday"]


def test_future_bias_for_weekday_and_month_day() -> None:
    assert find_dates("on Friday", "2022-10-10")[0].date == "2022-10-07"
    assert find_dates("on Friday", "2022-10-10", future=True)[0].date == "2022-10-14"
    assert find_dates("on October 1", "2022-10-10")[0].date == "2022-10-01"
    assert find_dates("on October 1", "2022-10-10", future=True)[0].date == "2023-10-01"


@pytest.mark.parametrize(
    ("date", "report", "expected"),
    [
        ("2021-04", "2022-10-10", True),
        ("2021-10-11", "2022-10-10", False),  # a year minus a day
        ("2021-10-09", "2022-10-10", True),
        ("2021", "2022-10-10", False),  # its last day, 31 December 2021, is within the year
        ("2020", "2022-01-01", True),
        ("2023-02-28", "2024-02-29", False),
        ("2023-02-27", "2024-02-29", True),
        (None, "2022-10-10", False),
        ("2020-01-01", None, False),
        ("0001", "0001-06-01", False),
        ("2020-13", "2022-10-10", False),  # not a date
    ],
)
def test_is_historical(date: str | None, report: str | None, expected: bool) -> None:
    assert is_historical(date, report) is expected


@settings(max_examples=200, deadline=None)
@given(
    text=st.text(max_size=400),
    report=st.one_of(
        st.sampled_from([None, "2022-10-10", "2024-02-29", "bad", "0001-01-01", "9999-12-31"]),
        st.dates().map(str),
    ),
)
def test_never_raises_and_offsets_index_text(text: str, report: str | None) -> None:
    for expr in find_dates(text, report):
        assert text[expr.start : expr.end] == expr.text
        for value in (expr.date, expr.enddate):
            assert value is None or len(value) in (4, 7, 10)


@settings(max_examples=100, deadline=None)
@given(
    words=st.lists(
        st.sampled_from(
            [
                "on",
                "from",
                "to",
                "between",
                "and",
                "last",
                "next",
                "week",
                "the",
                "end",
                "of",
                "April",
                "May",
                "14",
                "17",
                "-",
                "2022",
                "Monday",
                "10",
                "October",
                "September",
                "mid-May",
                "ago",
                "two",
                "days",
                "in",
                "since",
                "yesterday",
                "now",
                ",",
                "year",
                "summer",
                "early",
            ]
        ),
        max_size=40,
    ),
    future=st.booleans(),
)
def test_date_like_word_salad(words: list[str], future: bool) -> None:
    text = " ".join(words)
    for expr in find_dates(text, "2022-10-10", future=future):
        assert text[expr.start : expr.end] == expr.text
        if expr.date and expr.enddate:
            assert expr.date[:4] <= expr.enddate[:4]


@pytest.mark.parametrize("report", ["0001-01-01", "0001-01-09", "9999-12-31", "9999-12-25"])
def test_calendar_edges_do_not_raise(report: str) -> None:
    text = "last week, next week, two days ago, on Monday, in April, September 14-17, last summer, tomorrow"
    for expr in find_dates(text, report):
        assert text[expr.start : expr.end] == expr.text


def test_huge_single_line_is_clipped_and_fast() -> None:
    line = ("on September 14-17 troops " + "x" * 50 + " ") * (5_000_000 // 80)
    started = time.perf_counter()
    found = find_dates(line, "2022-10-10")
    assert time.perf_counter() - started < 5
    assert found and all(e.end <= MAX_CHARS for e in found)


def test_pathological_whitespace_and_digits() -> None:
    for text in (
        " " * MAX_CHARS,
        "1" * MAX_CHARS,
        "14 " * 7000,
        "\x00\xff" * 10_000,
        "May " * 5000,
    ):
        started = time.perf_counter()
        find_dates(text, "2022-10-10")
        assert time.perf_counter() - started < 5
