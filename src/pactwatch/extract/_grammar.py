"""The date grammar: regular expressions for date expressions, each with its resolver.

Every quantifier over whitespace is bounded (`\\s{1,3}`), so no pattern can
backtrack quadratically on long runs of spaces. Each pattern is scanned over
the sentence, every match is resolved, and `claimed` keeps the longest
non-overlapping ones (so "at the end of April last year" beats "last year").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from pactwatch.extract import _calendar as cal


@dataclass(frozen=True, slots=True)
class Resolved:
    date: str | None
    enddate: str | None
    present: bool
    how: str  # the reason, after the quoted phrase


@dataclass(frozen=True, slots=True)
class Hit:
    start: int
    end: int
    resolved: Resolved


Report = dt.date | None
Handler = Callable[[re.Match[str], Report, bool], Resolved | None]

_NEEDS_REPORT = "is relative and the document has no report date: unresolved"
_FULL_MONTHS = [
    m.title() for m in cal.MONTHS if len(m) > 4 or m in ("march", "april", "may", "june", "july")
]
_FULL = "|".join(_FULL_MONTHS + [m.upper() for m in _FULL_MONTHS])
_ABBR = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
_WEEKDAYS = "|".join(d.title() for d in cal.WEEKDAYS)
_S = r"\s{1,3}"
_SC = r",?\s{1,3}"
_CONN = r"(?P<conn>\s{0,3}[-–—‒]\s{0,3}|\s{1,3}(?:to|through|till|until|and)\s{1,3})"
_PRE = r"(?:(?P<pre>[Ff]rom|[Bb]etween)\s{1,3})?"
_COUNT_NOUNS = (
    "troops|soldiers|servicemen|personnel|people|men|women|children|civilians|migrants|"
    "refugees|tanks|vehicles|aircraft|jets|missiles|drones|shells|rounds|officers|police|"
    "policemen|fighters|militants|casualties|deaths|dead|km|kilometres|kilometers|miles|"
    "metres|meters|tonnes|tons|dollars|euros|roubles|rubles|votes|units|members|guards|"
    "sq|square|more|additional|extra|new|other"
)


def _mon(name: str, abbrev: bool = True) -> str:
    if not abbrev:
        return rf"(?P<{name}>{_FULL})\b"
    # Only an abbreviation takes a period: "14 September." ends a sentence.
    return rf"(?P<{name}>(?:{_FULL})\b|(?:{_ABBR})(?:\.|\b))"


def _day(name: str) -> str:
    return rf"(?<![\d.,])(?P<{name}>3[01]|[12]\d|0?[1-9])(?![\d:])(?:st|nd|rd|th)?\b"


def _year(name: str) -> str:
    return rf"(?P<{name}>(?:1[89]|20)\d\d)(?![\d]|s\b|-\d)"


def _wd(name: str) -> str:
    return rf"(?:(?P<{name}>{_WEEKDAYS}),?{_S}(?:the{_S})?)?"


def _int(m: re.Match[str], group: str) -> int | None:
    value = m.group(group)
    return int(value) if value else None


def _month(m: re.Match[str], group: str) -> int | None:
    value = m.group(group)
    return cal.MONTHS.get(value.lower().rstrip(".")) if value else None


def _weekday(m: re.Match[str], group: str) -> int | None:
    value = m.group(group)
    return cal.WEEKDAYS.get(value.lower()) if value else None


def _against(report: dt.date) -> str:
    return f"resolved against report date {report.isoformat()}"


# Cheap tests that let most sentences skip most patterns (the full patterns are slow to
# fail): one pass collects the sentence's words, and each trigger is a set lookup.
_LETTERS = re.compile(r"[A-Za-z]+")
_DIGIT = re.compile(r"\d")
_NUMDATE = re.compile(r"\d[./-]\d")
_YEAR4 = re.compile(r"(?<!\d)(?:1[89]|20)\d\d(?!\d)")
_FULL_WORDS = frozenset(_FULL.split("|"))
_MONTH_WORDS = _FULL_WORDS | frozenset(_ABBR.split("|"))
_WEEKDAY_WORDS = frozenset(_WEEKDAYS.split("|"))
_WORD_TRIGGERS: dict[str, frozenset[str]] = {
    "season": frozenset({"spring", "summer", "autumn", "fall", "winter"}),
    "ago": frozenset({"ago"}),
    "dayword": frozenset(
        {"yesterday", "today", "tonight", "tomorrow", "night", "morning", "afternoon", "evening"}
    ),
    "present": frozenset({"now", "currently", "present", "moment", "these", "nowadays"}),
    "overnight": frozenset({"overnight"}),
    "weekend": frozenset({"weekend"}),
}


def features(text: str) -> frozenset[str]:
    """The names of the triggers (see `Pattern.needs`) that `text` contains."""
    words = set(_LETTERS.findall(text))
    lower = {w.lower() for w in words}
    found = {name for name, keys in _WORD_TRIGGERS.items() if lower & keys}
    if _DIGIT.search(text):
        found.add("digit")
        if _NUMDATE.search(text):
            found.add("numdate")
        if _YEAR4.search(text):
            found.add("year4")
    if words & _MONTH_WORDS:
        found.add("month")
        if words & _FULL_WORDS:
            found.add("monthfull")
    if words & _WEEKDAY_WORDS:
        found.add("weekday")
    if lower & {"week", "weekend", "month", "year"} and lower & {
        "last",
        "this",
        "next",
        "past",
        "coming",
    }:
        found.add("period")
    if lower & {"coming", "next", "nearest"} and lower & {"days", "weeks", "months"}:
        found.add("coming")
    return frozenset(found)


class Pattern:
    """One compiled expression and the function that turns its matches into dates."""

    def __init__(
        self, regex: str, handler: Handler, needs: tuple[str, ...], *, flags: int = 0
    ) -> None:
        # A leading word boundary lets the engine reject most positions at once.
        self.regex = re.compile(rf"\b(?:{regex})" if not regex.startswith("(?<") else regex, flags)
        self.handler = handler
        self.needs = needs  # names of `features` that must all occur in the text

    def scan(self, text: str, report: Report, future: bool, found: frozenset[str]) -> Iterator[Hit]:
        """Matches in `text`, whose `features` are `found`."""
        if not all(need in found for need in self.needs):
            return
        for m in self.regex.finditer(text):
            try:
                resolved = self.handler(m, report, future)
            except (ValueError, OverflowError):  # a report date near year 1 or 9999
                continue
            if resolved is not None:
                start, end = _span(m)
                yield Hit(start, end, resolved)


def _span(m: re.Match[str]) -> tuple[int, int]:
    """The expression's span; a leading preposition captured as `cue` is not part of it."""
    start = m.end("cue") if "cue" in m.re.groupindex and m.group("cue") else m.start()
    while start < m.end() and m.string[start].isspace():
        start += 1
    end = m.end()
    while end > start and m.string[end - 1] in " ,\t\n":
        end -= 1
    return start, end


def claimed(hits: list[Hit]) -> list[Hit]:
    """The longest hits that do not overlap, in text order."""
    chosen: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (-(h.end - h.start), h.start)):
        if all(hit.end <= c.start or hit.start >= c.end for c in chosen):
            chosen.append(hit)
    return sorted(chosen, key=lambda h: h.start)


# --- absolute and month-day forms ---------------------------------------------------------


def _day_range(
    report: Report, future: bool, parts: tuple[int | None, ...], weekday1: int | None = None
) -> Resolved | None:
    """(year1, month1, day1, year2, month2, day2) with gaps filled from each other and the report."""
    y1, m1, d1, y2, m2, d2 = parts
    if m1 is None or m2 is None or d1 is None or d2 is None:
        return None
    how = "is an explicit date"
    if y1 is None and y2 is not None:
        y1 = y2 if (m1, d1) <= (m2, d2) else y2 - 1
    if y1 is None:
        if report is None:
            return Resolved(
                None, None, False, "has no year and the document no report date: unresolved"
            )
        start = cal.month_day(m1, d1, report, future, weekday1)
        if start is None:
            return None
        y1, how = start.year, _against(report)
    if y2 is None:
        y2 = y1 if (m2, d2) >= (m1, d1) else y1 + 1
    first, last = cal.make_date(y1, m1, d1), cal.make_date(y2, m2, d2)
    if first is None or last is None or last < first or (last - first).days > 366:
        return None
    return Resolved(first.isoformat(), last.isoformat() if last != first else None, False, how)


def _h_iso(m: re.Match[str], report: Report, future: bool) -> Resolved | None:
    y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
    if m.groupdict().get("sep") == "/" and mo > 12 >= d:  # 09/14/2022 is American order
        mo, d = d, mo
    day = cal.make_date(y, mo, d)
    return Resolved(day.isoformat(), None, False, "is an explicit date") if day else None


def _listed(m: re.Match[str]) -> bool:
    """ "10 and 14 October" lists two days; only "between 10 and 14 October" is a range."""
    return m["conn"].strip().lower() == "and" and (m["pre"] or "").lower() != "between"


def _h_dmy_range(m: re.Match[str], report: Report, future: bool) -> Resolved | None:
    if _listed(m):
        return None
    mon2 = _month(m, "mon2")
    mon1 = _month(m, "mon1") if "mon1" in m.re.groupindex else mon2
    parts = (_int(m, "year1") if "year1" in m.re.groupindex else None, mon1, _int(m, "day1"))
    return _day_range(
        report, future, (*parts, _int(m, "year2"), mon2, _int(m, "day2")), _weekday(m, "wd1")
    )


def _h_mdy_range(m: re.Match[str], report: Report, future: bool) -> Resolved | None:
    if _listed(m):
        return None
    mon1 = _month(m, "mon1")
    mon2 = _month(m, "mon2") if "mon2" in m.re.groupindex else mon1
    year1 = _int(m, "year1") if "year1" in m.re.groupindex else None
    parts = (year1, mon1, _int(m, "day1"), _int(m, "year2"), mon2, _int(m, "day2"))
    return _day_range(report, future, parts, _weekday(m, "wd1"))


def _h_single(m: re.Match[str], report: Report, future: bool) -> Resolved | None:
    mon, day, year = _month(m, "mon1"), _int(m, "day1"), _int(m, "year1")
    return _day_range(report, future, (year, mon, day, year, mon, day), _weekday(m, "wd1"))


# --- months, years, seasons ----------------------------------------------------------------

_MONTH_CUE = re.compile(
    r"(?i)\b(?:in|since|until|till|by|during|from|of|throughout|before|after|through|for|"
    r"to|around|as\s+of|on)\s{1,3}(?:the\s{1,3})?$"
)
# "May" is also a name and a verb: "spoke to May", "a vote for May" are not months.
_MAY_CUE = re.compile(
    r"(?i)\b(?:in|of|since|until|till|during|throughout|before|after|as\s+of)\s{1,3}(?:the\s{1,3})?$"
)
_PART_WORDS = r"early|late|mid|end|beginning|start|middle|first\s+half|second\s+half"


def _part(m: re.Match[str]) -> str | None:
    groups = m.groupdict()
    value = groups.get("part") or groups.get("part3")
    return re.sub(r"\s+", " ", value.lower()) if value else None


def _h_month(m: re.Match[str], report: Report, future: bool) -> Resolved | None:
    month = _month(m, "mon1")
    rel, part, year = (m["rel"] or "").lower(), _part(m), _int(m, "year1")
    yrel = (m["yrel"] or "").lower()
    if month is None:
        return None
    if not (
        rel
        or part
        or year
        or yrel
        or (_MAY_CUE if month == 5 else _MONTH_CUE).search(
            m.string, max(0, m.start() - 20), m.start()
        )
    ):
        return None  # a bare capitalised month name may be a name ("May", "April Smith")
    how = "is an explicit month"
    if year is None:
        if report is None:
            return Resolved(None, None, False, _NEEDS_REPORT)
        how = _against(report)
        if yrel:
            year = report.year + {"last": -1, "this": 0, "next": 1}[yrel]
        elif rel in ("last", "this past") or rel.startswith("the previous"):
            year = report.year if month < report.month else report.year - 1
        elif rel in ("next", "the coming"):
            year = report.year if month > report.month else report.year + 1
        elif rel == "this":
            year = report.year
        else:
            year = cal.month_only(month, report, future)[0]
    window = (dt.date(year, month, 1), cal.month_end(year, month))
    if part is None:
        return Resolved(f"{year:04d}-{month:02d}", None, False, how)
    date, enddate = cal.iso_window(cal.part_of_window(window, part))
    return Resolved(
        date, enddate, False, f"{how}; '{part}' taken as days {date[-2:]}-{(enddate or date)[-2:]}"
    )


def _h_month_range(m: re.Match[str], report: Report, future: bool) -> Resolved | None:
    m1, m2 = _month(m, "mon1"), _month(m, "mon2")
    y1, y2 = _int(m, "year1"), _int(m, "year2")
    if m1 is None or m2 is None or m1 == m2:
        return None
    if not (m["pre"] or y2 or _MONTH_CUE.search(m.string, max(0, m.start() - 20), m.start())):
        return None
    how = "is an explicit range of months"
    if y2 is None:
        if report is None:
            return Resolved(None, None, False, _NEEDS_REPORT)
        y1 = y1 or cal.month_only(m1, report, future)[0]
        how = _against(report)
    if y1 is None:
        y1 = y2 if y2 is not None and m1 <= m2 else (y2 or 0) - 1
    if y2 is None:
        y2 = y1 if m2 >= m1 else y1 + 1
    if (y2, m2) <= (y1, m1) or (y2 - y1) * 12 + m2 - m1 > 24:
        return None
    return Resolved(f"{y1:04d}-{m1:02d}", f"{y2:04d}-{m2:02d}", False, how)


_YEAR_CUES = r"in|since|until|till|by|during|from|throughout|before|after|through|between|around|circa|as\s+of"
_YEAR_PART = r"early|late|mid|(?:the\s{1,3})?(?:end|beginning|start|middle|first\s+half|second\s+half)\s{1,3}of"


def _h_year(m: re.Match[str], report: Report, future: bool) -> Resolved | None:
    cue = re.sub(r"\s+", " ", (m["cue"] or "").lower())
    part = (_part(m) or "").removeprefix("the ").removesuffix(" of")
    if not (cue or part):
        return None  # a bare number may be a count or part of a name ("Peace Mission 2018")
    y1, y2 = int(m["year1"]), _int(m, "year2")
    if re.match(rf"\s{{1,3}}(?:{_COUNT_NOUNS})\b", m.string[m.end() : m.end() + 40]):
        return None  # "by 2000 troops" is a number
    if y2 is not None:
        conn = m["conn"].strip().lower()
        if (conn == "and") != (cue == "between") or y2 <= y1 or y2 - y1 > 50:
            return None
        return Resolved(f"{y1:04d}", f"{y2:04d}", False, "is an explicit range of years")
    if part:
        first, last = cal.part_of_window((dt.date(y1, 1, 1), dt.date(y1, 12, 31)), part)
        a, b = first.isoformat()[:7], last.isoformat()[:7]
        return Resolved(a, b if b != a else None, False, f"is part '{part}' of the year")
    how = "is an explicit year" + ("; the start of a state that lasts" if cue == "since" else "")
    return Resolved(f"{y1:04d}", None, False, how)


def _h_season(m: re.Match[str], report: Report, future: bool) -> Resolved | None:
    first_month, length = cal.SEASONS[m["season"].lower()]
    rel, year, part = (m["rel"] or "").lower(), _int(m, "year1"), _part(m)
    how = "is an explicit season (northern hemisphere)"
    if year is None:
        if report is None:
            return Resolved(None, None, False, _NEEDS_REPORT)
        how = _against(report) + " (northern hemisphere seasons)"
        # The season containing the report month, counted from its first month.
        idx = report.year * 12 + report.month - 1
        start_idx = max(
            i for i in range(idx - 12, idx + 1) if i % 12 == first_month - 1
        )  # this season's most recent start
        current = start_idx + length > idx
        if rel in ("last", "the previous", "this past"):
            start_idx -= 12 if current else 0
        elif rel in ("next", "the coming") or (future and not current):
            start_idx += 12
        year = start_idx // 12
    y2, m2 = cal.add_months(year, first_month, length - 1)
    if part:
        span = {"early": (0, 0), "mid": (1, 1), "late": (2, 2)}[part]
        ya, ma = cal.add_months(year, first_month, span[0])
        yb, mb = cal.add_months(year, first_month, span[1])
        return Resolved(
            f"{ya:04d}-{ma:02d}", None if (ya, ma) == (yb, mb) else f"{yb:04d}-{mb:02d}", False, how
        )
    return Resolved(f"{year:04d}-{first_month:02d}", f"{y2:04d}-{m2:02d}", False, how)
