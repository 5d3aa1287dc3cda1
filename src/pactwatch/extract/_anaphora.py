"""Dates told relative to the story, not to the report: "the same day",
"hours later", "three days later", "the Monday before that", "four days after".

They resolve against an anchor: the day of the event the document told last
(for phrases) or the date of the clause they hang on (for intervals). Without
an anchor they give nothing: a guess from the report date would break the rule
that dates are never guessed (event-record.md).
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re

from pactwatch.extract import _calendar as cal
from pactwatch.extract.dates import DateExpr

_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
_N = r"(?:\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"

_SAME_DAY = re.compile(
    r"(?i)\b(?:(?:on\s+)?(?:the\s+same|that(?:\s+same)?)\s+(?:day|evening|night|morning|afternoon)"
    r"|(?:hours|minutes)\s+(?:later|earlier|before|after)|within\s+(?:hours|minutes)"
    r"|later\s+that\s+day)\b"
)
_SHIFT = re.compile(
    rf"(?i)\b(?:(?P<n>{_N})\s+(?P<unit>day|week)s?\s+(?P<dir>later|earlier|afterwards)"
    r"|the\s+(?P<rel>next|following|previous)\s+day|the\s+day\s+(?P<rel2>after|before)(?!\s+yesterday))\b"
)
_WEEKDAY = re.compile(
    rf"\b(?i:the)\s+(?:(?P<rel>(?i:following|previous|next))\s+(?P<wd>{_WD})"
    rf"|(?P<wd2>{_WD})\s+(?P<dir>(?i:before|after))\s+(?i:that|this|it))\b"
)


def anaphoric_dates(text: str, anchor: str | None) -> list[DateExpr]:
    """The story-relative date phrases in one sentence, resolved against `anchor`."""
    return list(_anaphoric_dates(text, anchor))


@functools.lru_cache(maxsize=512)
def _anaphoric_dates(text: str, anchor: str | None) -> tuple[DateExpr, ...]:
    """Cached: the pipeline asks once per event candidate, often for the same sentence."""
    day = _day(anchor)
    if day is None:
        return ()
    out: list[DateExpr] = []
    for m in _SAME_DAY.finditer(text):
        out.append(_expr(m, day, f"the day of the event told before ({anchor})"))
    for m in _SHIFT.finditer(text):
        if m["n"]:
            n = _count(m["n"]) * (7 if m["unit"].lower() == "week" else 1)
            n = -n if m["dir"].lower() == "earlier" else n
        else:
            n = 1 if (m["rel"] or m["rel2"] or "").lower() in ("next", "following", "after") else -1
        out.append(_expr(m, day + dt.timedelta(days=n), f"{n:+d} days from {anchor}"))
    for m in _WEEKDAY.finditer(text):
        target = _WEEKDAYS.index((m["wd"] or m["wd2"]).lower())
        forward = (m["rel"] or m["dir"] or "").lower() in ("following", "next", "after")
        step = 1 if forward else -1
        when = day + dt.timedelta(days=step)
        while when.weekday() != target:
            when += dt.timedelta(days=step)
        out.append(_expr(m, when, f"the {'next' if forward else 'last'} such day from {anchor}"))
    return tuple(out)


_MONTH_NAMES = "|".join(name.lower() for name in calendar.month_name[1:])
_THAT_YEAR = re.compile(
    r"(?i)\b(?:(?P<month>" + _MONTH_NAMES + r")\s+(?:of\s+)?(?:that|the\s+same)\s+year"
    r"|(?:later|earlier)\s+(?:that|the\s+same)\s+year)\b"
)


def year_dates(text: str, year: str | None) -> list[DateExpr]:
    """ "In June that year", "later the same year": the year of the story told so far
    (the last dated event's), at month or year precision; nothing without one."""
    if not year:
        return []
    out: list[DateExpr] = []
    for m in _THAT_YEAR.finditer(text):
        month = m["month"]
        date = f"{year}-{cal.MONTHS[month.lower()]:02d}" if month else year
        reason = f"'{m.group(0)}' resolved in the story's year {year}"
        out.append(DateExpr(m.start(), m.end(), m.group(0), date, None, False, reason))
    return out


def shift(base: str | None, n: int, unit: str) -> tuple[str, str] | None:
    """`base` moved by `n` days, weeks, months or years, at the precision the unit allows."""
    if not base:
        return None
    unit = unit.lower().rstrip("s")
    window = cal.interval(base)
    if window is None:
        return None
    start = window[0]
    if unit in ("day", "week") and len(base) == 10:
        moved = start + dt.timedelta(days=n * (7 if unit == "week" else 1))
        return moved.isoformat(), "day"
    if unit == "month" and len(base) >= 7:
        year, month = cal.add_months(start.year, start.month, n)
        return f"{year:04d}-{month:02d}", "month"
    if unit == "year":
        return f"{start.year + n:04d}", "year"
    return None


def count(word: str) -> int | None:
    """'four' → 4, 'a' → 1, '22' → 22; None for what is not a small count."""
    word = word.lower()
    if word.isdigit():
        return int(word)
    return _NUMBERS.get(word)


def _count(word: str) -> int:
    return count(word) or 1


def _day(anchor: str | None) -> dt.date | None:
    if not anchor or len(anchor) != 10:
        return None
    return cal.parse_report_date(anchor)


def _expr(m: re.Match[str], day: dt.date, how: str) -> DateExpr:
    return DateExpr(
        start=m.start(),
        end=m.end(),
        text=m.group(0),
        date=day.isoformat(),
        enddate=None,
        present=False,
        reason=f"'{m.group(0)}' resolved as {how}",
    )
