"""Time: date expressions in a sentence, resolved against the report date.

A small grammar of regular expressions (`_grammar`) recognises absolute dates,
ranges, months, years, seasons, weekdays and relative phrases; only single
dates it does not cover (odd casing, unusual word order) go to `dateparser`,
which misreads ranges such as "September 14-17". Calendar arithmetic lives in
`_calendar`. Every returned `DateExpr` carries a reason saying how it was
resolved.

Resolution policy (news describes the past): an unqualified weekday is the
most recent one on or before the report date; an unqualified month or
month-day is the most recent one too, unless the next one is less than half as
far away ("September 24-25" in a report of 14 September is ten days ahead, not
eleven months back). `future=True` resolves both forwards. Windows ("last
week", "mid-May", "at the end of April") give day-precision `date`/`enddate`.

Dates in a dateline ("ALMATY, Jan 7 (Reuters) -") are skipped: they date the
report, not an event. Inputs longer than `MAX_CHARS` are clipped: the function is called once per
sentence, and a sentence that long is not prose. Offsets always index the text
as given.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from pactwatch.extract import _calendar as cal
from pactwatch.extract._grammar import Hit, Resolved, claimed, features
from pactwatch.extract._relative import PATTERNS, loose_candidates
from pactwatch.extract.text import DATELINE

MAX_CHARS = 20_000

__all__ = ["MAX_CHARS", "DateExpr", "find_dates", "is_historical"]


@dataclass(frozen=True, slots=True)
class DateExpr:
    start: int  # char offsets of the expression within the given text
    end: int
    text: str
    date: str | None  # 'YYYY-MM-DD' | 'YYYY-MM' | 'YYYY' (length = precision)
    enddate: str | None  # for ranges, same form
    present: bool  # happening at report time ("now", "today", "this week")
    reason: str


def find_dates(text: str, report_date: str | None, *, future: bool = False) -> list[DateExpr]:
    """Every date expression in `text` (one sentence), in order, resolved.

    `report_date` is the publication date ('YYYY-MM-DD'); without it relative
    expressions resolve to None with a reason. `future=True` biases ambiguous
    weekdays, months and month-days forwards (the caller saw "will", "next",
    "is expected"). Only the first `MAX_CHARS` characters are searched.
    """
    if not text:
        return []
    return list(_find_dates(text[:MAX_CHARS], report_date, future))


@functools.lru_cache(maxsize=512)
def _find_dates(clipped: str, report_date: str | None, future: bool) -> tuple[DateExpr, ...]:
    """Cached: the pipeline asks once per event candidate, often for the same sentence."""
    report = cal.parse_report_date(report_date)
    hits: list[Hit] = []
    found = features(clipped)
    for pattern in PATTERNS:
        hits.extend(pattern.scan(clipped, report, future, found))
    taken = [(h.start, h.end) for h in hits]  # dateline dates too: not for dateparser either
    hits = [h for h in hits if not _in_dateline(clipped, h.start)]
    out = [_expr(clipped, h.start, h.end, h.resolved) for h in claimed(hits)]
    for start, end in loose_candidates(clipped, taken):
        if _in_dateline(clipped, start):
            continue
        resolved = _dateparser_fallback(clipped[start:end], report_date, future)
        if resolved is not None:
            out.append(_expr(clipped, start, end, resolved))
    out.sort(key=lambda e: (e.start, -e.end))
    return tuple(out)


# "ALMATY, Jan 7 (Reuters) -": the date of the report, never of an event in it.
_DATELINE = re.compile(r"\s*[A-Z][A-Z.'’ /-]{1,40},\s{1,3}")  # "NEW DELHI/BEIJING, "


def _in_dateline(text: str, start: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    if _DATELINE.fullmatch(text, line_start, start) is not None:
        return True
    # "MONS, Belgium, Jan 19 -": a dateline with the country after the city
    whole = DATELINE.match(text[line_start : start + 40])
    return whole is not None and start - line_start < whole.end()


def is_historical(date: str | None, report_date: str | None) -> bool:
    """True when the event (its last possible day) is more than a year before the report."""
    if not date or not report_date:
        return False
    interval = cal.interval(date)
    report = cal.parse_report_date(report_date)
    if interval is None or report is None:
        return False
    if report.year == dt.MINYEAR:
        return False  # nothing the calendar can hold is a year before it
    return interval[1] < cal.shift_years(report, -1)


def _expr(text: str, start: int, end: int, r: Resolved) -> DateExpr:
    phrase = text[start:end]
    return DateExpr(
        start=start,
        end=end,
        text=phrase,
        date=r.date,
        enddate=r.enddate,
        present=r.present,
        reason=f"'{phrase}' {r.how}",
    )


@functools.lru_cache(maxsize=4096)
def _dateparser_fallback(phrase: str, report_date: str | None, future: bool) -> Resolved | None:
    """Resolve one candidate substring the grammar did not claim (slow: cached, short inputs)."""
    import dateparser  # imported lazily: it takes ~0.5 s and most sentences never need it

    has_year = re.search(r"\b(?:1[89]|20)\d\d\b", phrase) is not None
    has_day = re.search(r"\b\d{1,2}(?:st|nd|rd|th)?\b", phrase) is not None
    report = cal.parse_report_date(report_date)
    if not has_year and report is None:
        return Resolved(None, None, False, "has no year and the document no report date")
    parts = ["month"] + (["day"] if has_day else []) + (["year"] if has_year else [])
    base = dt.datetime.combine(report, dt.time()) if report else dt.datetime(2000, 1, 1)
    settings = {
        "RELATIVE_BASE": base,
        "PREFER_DATES_FROM": "future" if future else "past",
        "REQUIRE_PARTS": parts,
        "STRICT_PARSING": False,
    }
    try:
        parsed = dateparser.parse(phrase, languages=["en"], settings=settings)
    except (ValueError, OverflowError, TypeError):
        return None
    if parsed is None:
        return None
    value = parsed.date()
    out = value.isoformat() if has_day else value.isoformat()[:7]
    anchor = f" against report date {report_date}" if report_date and not has_year else ""
    return Resolved(out, None, False, f"resolved by dateparser{anchor}")
