"""Calendar arithmetic for the time stage: picking the year of a month-day, weekdays, windows."""

from __future__ import annotations

import calendar
import datetime as dt

Day = dt.date
Window = tuple[dt.date, dt.date]

MONTHS: dict[str, int] = {
    name.lower(): i for i, name in enumerate(calendar.month_name) if name
} | {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip

WEEKDAYS: dict[str, int] = {name.lower(): i for i, name in enumerate(calendar.day_name)}

NUMBER_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip

# Thirds of a month for "early/mid/late"; "the end of" is the last week (narrower than "late").
PARTS_OF_MONTH: dict[str, tuple[int, int]] = {
    "early": (1, 10), "beginning": (1, 7), "start": (1, 7),
    "mid": (11, 20), "middle": (11, 20),
    "late": (21, 31), "end": (-6, 31),
    "first half": (1, 15), "second half": (16, 31),
}  # fmt: skip

SEASONS: dict[str, tuple[int, int]] = {  # northern hemisphere: (first month, months long)
    "spring": (3, 3), "summer": (6, 3), "autumn": (9, 3), "fall": (9, 3), "winter": (12, 3),
}  # fmt: skip


def parse_report_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def make_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def add_months(year: int, month: int, n: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + n
    return index // 12, index % 12 + 1


def shift_years(day: dt.date, n: int) -> dt.date:
    try:
        return day.replace(year=day.year + n)
    except ValueError:  # 29 February → 28 February
        return day.replace(year=day.year + n, day=28)


def interval(value: str) -> Window | None:
    """'2022', '2022-09' or '2022-09-14' → (first day, last day)."""
    parts = value.split("-")
    try:
        year = int(parts[0])
        if len(parts) == 1:
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        month = int(parts[1])
        if len(parts) == 2:
            return dt.date(year, month, 1), month_end(year, month)
        day = dt.date(year, month, int(parts[2]))
        return day, day
    except (ValueError, IndexError):
        return None


def pick(
    past: dt.date | None, nxt: dt.date | None, report: dt.date, future: bool
) -> dt.date | None:
    """The past candidate, unless `future` or the next one is less than half as far away."""
    if past is None or (future and nxt is not None):
        return nxt
    if nxt is None:
        return past
    return nxt if 2 * (nxt - report).days < (report - past).days else past


def month_day(
    month: int, day: int, report: dt.date, future: bool, weekday: int | None = None
) -> dt.date | None:
    """The year for a month-day: nearest occurrence, biased to the past (see `pick`)."""
    candidates = [
        d for y in range(report.year - 8, report.year + 9) if (d := make_date(y, month, day))
    ]
    if weekday is not None:  # "Wednesday 28 April": the weekday names the year
        matching = [
            d for d in candidates if d.weekday() == weekday and abs((d - report).days) < 370
        ]
        if len(matching) == 1:
            return matching[0]
    past = max((d for d in candidates if d <= report), default=None)
    nxt = min((d for d in candidates if d > report), default=None)
    if future:
        past = max((d for d in candidates if d < report), default=None)
        nxt = min((d for d in candidates if d >= report), default=None)
    return pick(past, nxt, report, future)


def month_only(month: int, report: dt.date, future: bool) -> tuple[int, int]:
    """The year for a bare month name; the report's own month counts as the past one."""
    past_year = report.year if month <= report.month else report.year - 1
    next_year = report.year if month > report.month else report.year + 1
    past = dt.date(past_year, month, 1)
    nxt = dt.date(next_year, month, 1)
    if future and month == report.month:
        return report.year, month
    first = report.replace(day=1)
    chosen = pick(past, nxt, first, future) or past
    return chosen.year, chosen.month


def weekday(wd: int, report: dt.date, future: bool, rel: str = "") -> dt.date:
    """'last'/'next' exclude the report day; plain weekdays include it."""
    back = (report.weekday() - wd) % 7
    ahead = (wd - report.weekday()) % 7
    if rel == "last" or (rel == "this past"):
        return report - dt.timedelta(days=back or 7)
    if rel in ("next", "this coming"):
        return report + dt.timedelta(days=ahead or 7)
    if future:
        return report + dt.timedelta(days=ahead)
    return report - dt.timedelta(days=back)


def week_of(day: dt.date) -> Window:
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def part_of_window(window: Window, part: str) -> Window:
    """A part ('early', 'end', …) of a week, month or year window."""
    first, last = window
    span = (last - first).days + 1
    if span == 7:  # weeks: early = Mon–Wed, mid = Tue–Thu, late/end = Thu–Sun
        bounds = {"early": (0, 2), "beginning": (0, 2), "start": (0, 2), "mid": (1, 3),
                  "middle": (1, 3), "late": (3, 6), "end": (3, 6)}  # fmt: skip
        lo, hi = bounds.get(part, (0, 6))
        return first + dt.timedelta(days=lo), first + dt.timedelta(days=hi)
    if span > 31:  # years: thirds of the year, and "the end of" is December
        if part in ("end",):
            return dt.date(first.year, 12, 1), last
        if part in ("beginning", "start"):
            return first, dt.date(first.year, 1, 31)
        months = {"early": (1, 4), "mid": (5, 8), "middle": (5, 8), "late": (9, 12),
                  "first half": (1, 6), "second half": (7, 12)}.get(part, (1, 12))  # fmt: skip
        return dt.date(first.year, months[0], 1), month_end(first.year, months[1])
    lo, hi = PARTS_OF_MONTH.get(part, (1, 31))
    end_day = last.day
    start = end_day + lo if lo < 0 else lo
    return first.replace(day=start), first.replace(day=min(hi, end_day))


def iso_window(window: Window) -> tuple[str, str | None]:
    first, last = window
    return first.isoformat(), (last.isoformat() if last != first else None)
