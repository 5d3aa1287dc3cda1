"""Relative date expressions (weekdays, "last week", "two days ago", "now") and the pattern table."""

from __future__ import annotations

import datetime as dt
import re

from pactwatch.extract import _calendar as cal
from pactwatch.extract._grammar import (
    _CONN,
    _FULL,
    _NEEDS_REPORT,
    _PART_WORDS,
    _PRE,
    _S,
    _SC,
    _WEEKDAYS,
    _YEAR_CUES,
    _YEAR_PART,
    Pattern,
    Report,
    Resolved,
    _against,
    _day,
    _h_dmy_range,
    _h_iso,
    _h_mdy_range,
    _h_month,
    _h_month_range,
    _h_season,
    _h_single,
    _h_year,
    _mon,
    _part,
    _wd,
    _year,
)

_DAY = dt.timedelta(days=1)
_NOT_A_DAY_BEFORE = re.compile(
    r"(?i)\b(?:black|good|bloody|super|holy|easter|palm|cyber|ash|maundy|shrove)\s{1,3}$"
)
_ANCHORED_BEFORE = re.compile(r"(?i)\b(?:the|that|following|previous|same|preceding)\s{1,3}$")
_NOT_A_DAY_AFTER = re.compile(
    r"\s{1,3}(?:Times|Telegraph|Express|Mirror|Post|Mail|Herald|Sport|Tribune)\b"
)


def _window(first: dt.date, last: dt.date, how: str, present: bool = False) -> Resolved:
    date, enddate = cal.iso_window((first, last))
    return Resolved(date, enddate, present, how)


def _h_weekday(m: re.Match[str], report: Report, future: bool) -> Resolved | None:
    text = m.string
    if _NOT_A_DAY_BEFORE.search(text, max(0, m.start() - 12), m.start()) or _NOT_A_DAY_AFTER.match(
        text, m.end("wd1")
    ):
        return None  # "Bloody Sunday", "the Sunday Times"
    if not m["rel"] and _ANCHORED_BEFORE.search(text, max(0, m.start() - 20), m.start()):
        return None  # "the Monday before that", "the following Friday": relative to another event
    if report is None:
        return Resolved(None, None, False, _NEEDS_REPORT)
    wd = cal.WEEKDAYS[m["wd1"].lower()]
    rel = re.sub(r"\s+", " ", (m["rel"] or "").lower())
    if rel == "this":
        day = cal.week_of(report)[0] + dt.timedelta(days=wd)
        return Resolved(
            day.isoformat(),
            None,
            day == report,
            _against(report) + " (the day in the report's week)",
        )
    day = cal.weekday(wd, report, future, rel)
    direction = "after" if day > report else "on or before"
    if rel in ("last", "this past"):
        direction = "before"
    how = f"{_against(report)} (the {m['wd1'].title()} {direction} it)"
    return Resolved(day.isoformat(), None, day == report, how)


def _h_ago(m: re.Match[str], report: Report, future: bool) -> Resolved | None:
    raw = m["n"].lower()
    n = int(raw) if raw.isdigit() else cal.NUMBER_WORDS.get(raw)
    if n is None or n > 500:
        return None
    if report is None:
        return Resolved(None, None, False, _NEEDS_REPORT)
    unit, how = m["unit"].lower(), _against(report)
    if unit == "day":
        return Resolved((report - n * _DAY).isoformat(), None, False, how)
    if unit == "week":
        return Resolved(
            (report - 7 * n * _DAY).isoformat(), None, False, how + " (approximate day)"
        )
    if unit == "month":
        year, month = cal.add_months(report.year, report.month, -n)
        return Resolved(f"{year:04d}-{month:02d}", None, False, how)
    return Resolved(f"{report.year - n:04d}", None, False, how)


_DAY_WORDS = {"yesterday": -1, "last night": -1, "tomorrow": 1, "the day before yesterday": -2}


def _h_day_word(m: re.Match[str], report: Report, future: bool) -> Resolved | None:
    word = re.sub(r"\s+", " ", m[0].lower())
    offset = _DAY_WORDS.get(word.removeprefix("the ") if word.startswith("the day") else word, 0)
    if word == "the day before yesterday":
        offset = -2
    present = offset == 0
    if report is None:
        return Resolved(None, None, present, _NEEDS_REPORT)
    return Resolved((report + offset * _DAY).isoformat(), None, present, _against(report))


def _h_overnight(m: re.Match[str], report: Report, future: bool) -> Resolved | None:
    """ "fired on its positions overnight": the night that ends on the report's day, dated by
    that day (as wire coders date it)."""
    if report is None:
        return Resolved(None, None, False, _NEEDS_REPORT)
    return Resolved(
        report.isoformat(),
        None,
        False,
        f"'overnight': the night ending on the report's day, {_against(report)}",
    )


def _h_present(m: re.Match[str], report: Report, future: bool) -> Resolved | None:
    if report is None:
        return Resolved(
            None, None, True, "says the event is happening now; no report date: unresolved"
        )
    return Resolved(
        report.isoformat(), None, True, f"happening at the report date {report.isoformat()}"
    )


def _base_window(rel: str, unit: str, report: dt.date) -> tuple[dt.date, dt.date]:
    if unit == "week":
        return cal.week_of(report + {"last": -7, "this": 0, "next": 7}[rel] * _DAY)
    if unit == "month":
        year, month = cal.add_months(
            report.year, report.month, {"last": -1, "this": 0, "next": 1}[rel]
        )
        return dt.date(year, month, 1), cal.month_end(year, month)
    year = report.year + {"last": -1, "this": 0, "next": 1}[rel]
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _h_period(m: re.Match[str], report: Report, future: bool) -> Resolved | None:
    rel = re.sub(r"\s+", " ", m["rel"].lower())
    unit = m["unit"].lower()
    part = _part(m) or (m["part2"] or "").lower() or None
    if report is None:
        return Resolved(None, None, rel == "this" and unit == "week" and not part, _NEEDS_REPORT)
    how = _against(report)
    if unit == "weekend":
        return _weekend(rel, report, future, how)
    if rel in ("the past", "the coming"):
        days = {"week": 7, "month": 30, "year": 365}[unit]
        if rel == "the past":
            return _window(report - days * _DAY, report, how + f" (the {days} days before it)")
        return _window(report + _DAY, report + days * _DAY, how + f" (the {days} days after it)")
    first, last = _base_window(rel, unit, report)
    if part in ("earlier", "later"):
        if rel != "this":
            return None
        if part == "earlier":
            last = max(first, report - _DAY)
        else:
            first = min(last, report + _DAY)
        return _window(first, last, how + f" ({part} in the {unit} of the report)")
    if part:
        first, last = cal.part_of_window((first, last), part)
    elif unit == "year" and rel == "this":
        return _window(first, report, how + " (from 1 January to the report date)")
    if unit == "year" and (first.month, first.day, last.month, last.day) == (1, 1, 12, 31):
        return Resolved(f"{first.year:04d}", None, False, how)
    if unit == "year" or (unit == "month" and not part):
        a, b = first.isoformat()[:7], last.isoformat()[:7]
        return Resolved(a, None if a == b else b, False, how)
    note = f" ('{part}' of the {unit}: {first.isoformat()} to {last.isoformat()})" if part else ""
    return _window(first, last, how + note, present=rel == "this" and not part)


def _weekend(rel: str, report: dt.date, future: bool, how: str) -> Resolved:
    back = (report.weekday() - 5) % 7  # days since the most recent Saturday (0 on a Saturday)
    saturday = report - back * _DAY
    if rel in ("last", "the past") and back == 0:
        saturday -= 7 * _DAY
    elif rel == "next" or (future and back > 1):
        saturday += 7 * _DAY
    return _window(saturday, saturday + _DAY, how + " (a Saturday and Sunday)")


def _h_coming(m: re.Match[str], report: Report, future: bool) -> Resolved | None:
    if report is None:
        return Resolved(None, None, False, _NEEDS_REPORT)
    days = {"days": 10, "weeks": 42, "months": 183}[m["unit"].lower()]
    return _window(report, report + days * _DAY, _against(report) + f" (the next {days} days)")


_T = r"(?:the\s{1,3})?"
PATTERNS: tuple[Pattern, ...] = (
    Pattern(r"(?<![\w.-])(?P<y>(?:1[89]|20)\d\d)(?P<sep>[-/])(?P<m>0?[1-9]|1[0-2])(?P=sep)(?P<d>3[01]|[12]\d|0?[1-9])(?![\w-])", _h_iso, ("numdate",)),
    Pattern(r"(?<![\w.,/-])(?P<d>3[01]|[12]\d|0?[1-9])(?P<sep>[./])(?P<m>0?[1-9]|1[0-2]|1[3-9]|2\d|3[01])(?P=sep)(?P<y>(?:1[89]|20)\d\d)(?!\d|[.,]\d)", _h_iso, ("numdate",)),
    Pattern(rf"{_PRE}{_wd('wd1')}{_day('day1')}{_CONN}{_wd('wd2')}{_day('day2')}(?:{_S}of)?{_S}{_mon('mon2')}(?:{_SC}{_year('year2')})?", _h_dmy_range, ("digit", "month")),
    Pattern(rf"{_PRE}{_wd('wd1')}{_day('day1')}(?:{_S}of)?{_S}{_mon('mon1')}(?:{_SC}{_year('year1')})?{_CONN}{_wd('wd2')}{_day('day2')}(?:{_S}of)?{_S}{_mon('mon2')}(?:{_SC}{_year('year2')})?", _h_dmy_range, ("digit", "month")),
    Pattern(rf"{_PRE}{_wd('wd1')}{_mon('mon1')}{_S}{_day('day1')}{_CONN}{_day('day2')}(?:{_SC}{_year('year2')})?", _h_mdy_range, ("digit", "month")),
    Pattern(rf"{_PRE}{_wd('wd1')}{_mon('mon1')}{_S}{_day('day1')}(?:{_SC}{_year('year1')})?{_CONN}{_wd('wd2')}{_mon('mon2')}{_S}{_day('day2')}(?:{_SC}{_year('year2')})?", _h_mdy_range, ("digit", "month")),
    Pattern(rf"{_wd('wd1')}{_T}{_day('day1')}(?:{_S}of)?{_S}{_mon('mon1')}(?:{_SC}{_year('year1')})?", _h_single, ("digit", "month")),
    Pattern(rf"{_wd('wd1')}{_mon('mon1')}{_S}{_T}{_day('day1')}(?:{_SC}{_year('year1')})?", _h_single, ("digit", "month")),
    Pattern(rf"{_PRE}{_mon('mon1', False)}(?:{_SC}{_year('year1')})?{_CONN}{_mon('mon2', False)}(?:{_SC}{_year('year2')})?", _h_month_range, ("monthfull",)),
    Pattern(
        rf"(?:(?P<rel>(?i:last|this|next|this\s+past|the\s+previous|the\s+coming)){_S})?"
        rf"(?:(?P<part>(?i:early|late|mid))(?:-|\s{{1,3}})|(?i:the){_S}(?P<part3>(?i:{_PART_WORDS})){_S}of{_S})?"
        rf"(?P<mon1>{_FULL})\b(?:(?:{_SC}|{_S}of{_S}){_year('year1')}|{_S}(?P<yrel>(?i:last|this|next)){_S}year\b)?",
        _h_month, ("monthfull",),
    ),
    Pattern(rf"(?:(?P<cue>(?i:{_YEAR_CUES})){_S})?(?:(?P<part>(?i:{_YEAR_PART}))(?:\s{{1,3}}|-))?(?:the{_S}year{_S})?(?<![\w-]\w)(?<!\d){_year('year1')}(?P<year2>)", _h_year, ("year4",)),
    Pattern(rf"(?P<cue>(?i:{_YEAR_CUES})){_S}(?P<part>)(?<![\w-]\w)(?<!\d){_year('year1')}{_CONN}{_year('year2')}", _h_year, ("year4",)),
    Pattern(
        rf"(?:(?P<rel>(?i:last|this|next|the\s+previous|the\s+coming|this\s+past)){_S}|(?P<cue>\b(?i:in|during|over|through|since|by|until|before|after)(?:{_S}the)?{_S})|(?i:the){_S})"
        rf"(?:(?P<part>(?i:early|late|mid))[\s-]{{1,3}})?(?P<season>(?i:spring|summer|autumn|fall|winter))\b(?:(?:{_SC}|{_S}of{_S}){_year('year1')})?",
        lambda m, r, f: _h_season(m, r, f) if (m["rel"] or m["cue"] or m["year1"]) else None, ("season",),
    ),
    Pattern(rf"(?:\b(?P<rel>(?i:last|next|this\s+coming|this\s+past|this)){_S})?\b(?P<wd1>{_WEEKDAYS})\b(?:{_S}(?i:morning|afternoon|evening|night)\b)?", _h_weekday, ("weekday",)),
    Pattern(r"\b(?P<n>\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s{1,3}(?P<unit>day|week|month|year)s?\s{1,3}ago\b", _h_ago, ("ago",), flags=re.I),
    Pattern(r"\b(?:(?:the\s{1,3})?day\s{1,3}before\s{1,3}yesterday|yesterday|today|tonight|tomorrow|last\s{1,3}night|this\s{1,3}(?:morning|afternoon|evening)|(?:earlier|later)\s{1,3}today)\b", _h_day_word, ("dayword",), flags=re.I),
    Pattern(r"\bovernight\b", _h_overnight, ("overnight",), flags=re.I),
    Pattern(r"\b(?:now|currently|at\s{1,3}present|at\s{1,3}the\s{1,3}moment|these\s{1,3}days|nowadays)\b", _h_present, ("present",), flags=re.I),
    Pattern(
        r"(?:(?P<cue>\b(?:at|by|towards?|in|until|from|since|before|after|during|over)\s{1,3}))?(?:the\s{1,3})?"
        r"(?:(?P<part>end|beginning|start|middle)\s{1,3}of\s{1,3}|(?P<part2>early|late|mid|earlier|later)[\s-]{1,3})?"
        r"\b(?P<rel>last|this|next|the\s{1,3}past|the\s{1,3}coming)\s{1,3}(?P<unit>week|weekend|month|year)\b",
        _h_period, ("period",),
        flags=re.I,
    ),
    Pattern(r"(?:(?P<cue>\b(?:over|at|on|during)\s{1,3}))the\s{1,3}(?P<rel>)(?P<unit>weekend)\b", lambda m, r, f: _weekend_plain(m, r, f), ("weekend",), flags=re.I),
    Pattern(r"\b(?:in\s{1,3}|over\s{1,3}|within\s{1,3})?the\s{1,3}(?:coming|next|nearest)\s{1,3}(?:few\s{1,3})?(?P<unit>days|weeks|months)\b", _h_coming, ("coming",), flags=re.I),
)  # fmt: skip


def _weekend_plain(m: re.Match[str], report: Report, future: bool) -> Resolved | None:
    if report is None:
        return Resolved(None, None, False, _NEEDS_REPORT)
    return _weekend("", report, future, _against(report))


_LOOSE = re.compile(
    r"(?i)(?<![\w-])(?:\d{1,2}(?:st|nd|rd|th)?\s{1,3}(?:of\s{1,3})?)?"
    r"(?:(?:january|february|april|june|july|august|september|october|november|december)\b|(?:sept?|oct|nov|dec|jan|feb|aug)\b\.?)"
    r"(?:\s{1,3}(?:the\s{1,3})?\d{1,2}(?:st|nd|rd|th)?\b)?(?:,?\s{1,3}(?:1[89]|20)\d\d\b)?"
)


def loose_candidates(
    text: str, taken: list[tuple[int, int]], limit: int = 8
) -> list[tuple[int, int]]:
    """Month-name phrases with a number that the grammar did not claim (odd casing, word order)."""
    out: list[tuple[int, int]] = []
    for m in _LOOSE.finditer(text):
        start, end = m.span()
        if not re.search(r"\d", m[0]) or any(start < b and end > a for a, b in taken):
            continue
        out.append((start, end))
        if len(out) >= limit:
            break
    return out
