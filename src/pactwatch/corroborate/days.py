"""Day numbers and dates at their true precision, shared by corroborate, check and the pages.

Incidents are matched on day numbers (days since 1970-01-01) because both stores
compare integers the same way; people read dates at the precision the reports
gave: `2022-09-14 – 2022-09-17`, `2022-01`, `2021`.
"""

from __future__ import annotations

import calendar
import datetime as dt
from functools import lru_cache

EPOCH = dt.date(1970, 1, 1).toordinal()


def day_number(value: dt.date | str | None) -> int | None:
    """Days since 1970-01-01 of a date or a YYYY-MM-DD string; None for anything else."""
    if value is None:
        return None
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value[:10]) if len(value) >= 10 else None
        except ValueError:
            return None
        if value is None:
            return None
    return value.toordinal() - EPOCH


def from_day(day: int) -> dt.date:
    return dt.date.fromordinal(day + EPOCH)


@lru_cache(maxsize=65_536)
def span_dates(first: int, last: int) -> tuple[str, str | None]:
    """(date, enddate) for the days first..last at the coarsest precision that is exact.

    A whole year reads `2021`, a whole month `2022-01`, whole months `2022-01`–`2022-03`;
    anything else is days. enddate is None when one value says it all.
    """
    a, b = from_day(first), from_day(last)
    month_start = a.day == 1
    month_end = b.day == calendar.monthrange(b.year, b.month)[1]
    if month_start and month_end and (a.month, b.month) == (1, 12) and a.year == b.year:
        return str(a.year), None
    if month_start and month_end:
        first_m, last_m = a.isoformat()[:7], b.isoformat()[:7]
        return first_m, (None if first_m == last_m else last_m)
    return a.isoformat(), (None if a == b else b.isoformat())


def display(date: str | None, enddate: str | None) -> str:
    """`2022-09-14 – 2022-09-17`, `2022-01`, or `undated`."""
    if not date:
        return "undated"
    return f"{date} – {enddate}" if enddate and enddate != date else date
