"""Reading knowledge/leaders/*.csv: one row per term of office.

Columns: person,qid,aliases,code,sector,office,start,end (plus optional
`acting` and `note`). See docs/knowledge.md.
"""

from __future__ import annotations

import csv
import datetime
import re
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from pactwatch.knowledge.check import QID
from pactwatch.knowledge.model import OFFICES, Term, alias_key
from pactwatch.records import SECTORS

COLUMNS = ("person", "qid", "aliases", "code", "sector", "office", "start", "end")
OPTIONAL_COLUMNS = ("acting", "note")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_OPEN = datetime.date.max
# a date outside these is a typo ("1021-05-01"), not history pactwatch codes
_EARLIEST, _LATEST = (
    datetime.date(1900, 1, 1),
    datetime.date(2100, 12, 31),
)  # the end of a term still running, for overlap tests


def load_leaders(
    directory: Path, codes: set[str], problems: list[str]
) -> dict[str, tuple[Term, ...]]:
    """Every *.csv in `directory` (sorted by name), as canonical person -> terms (oldest first).

    A missing or empty folder is no leaders, not an error.
    """
    rows: list[tuple[Term, str, int]] = []
    if directory.is_dir():
        for path in sorted(directory.glob("*.csv")):
            rows += _read(path, codes, problems)
    _check_people(rows, problems)
    _check_overlaps(rows, problems)
    by_person: dict[str, list[Term]] = defaultdict(list)
    for term, _, _ in rows:
        by_person[term.person].append(term)
    out: dict[str, tuple[Term, ...]] = {}
    for person, terms in sorted(by_person.items()):
        aliases = tuple(dict.fromkeys(a for t in terms for a in t.aliases))
        out[person] = tuple(
            sorted(
                (
                    Term(
                        t.person,
                        t.qid,
                        t.code,
                        t.sector,
                        t.office,
                        t.start,
                        t.end,
                        aliases,
                        t.acting,
                    )
                    for t in terms
                ),
                key=lambda t: (t.start, OFFICES.index(t.office)),
            )
        )
    return out


def _read(path: Path, codes: set[str], problems: list[str]) -> list[tuple[Term, str, int]]:
    name = f"leaders/{path.name}"
    try:
        text = path.read_text(encoding="utf-8-sig")  # a spreadsheet may add a BOM
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(f"{name}:1: file: cannot read: {exc}")
        return []
    reader = csv.DictReader(text.splitlines(keepends=True))
    header = reader.fieldnames or []
    missing = [c for c in COLUMNS if c not in header]
    unknown = [c for c in header if c not in COLUMNS + OPTIONAL_COLUMNS]
    if missing:
        problems.append(f"{name}:1: header: missing column(s) {', '.join(missing)}")
    if unknown:
        problems.append(f"{name}:1: header: unknown column(s) {', '.join(unknown)}")
    if missing:
        return []
    out = []
    for row in reader:
        line = reader.line_num

        def bad(field: str, message: str, line: int = line) -> None:
            problems.append(f"{name}:{line}: {field}: {message}")

        if None in row:
            bad("row", "more cells than columns")
        cells = {k: (v or "").strip() for k, v in row.items() if k is not None}
        person, qid, code = cells["person"], cells["qid"] or None, cells["code"]
        sector, office = cells["sector"], cells["office"]
        ok = True
        if not person:
            bad("person", "missing")
            ok = False
        if qid is not None and not QID.fullmatch(qid):
            bad("qid", f"{qid!r} is not a Wikidata id (Q followed by digits)")
            ok = False
        if code not in codes:
            bad("code", f"unknown state or igo {code!r}")
            ok = False
        if sector not in SECTORS:
            bad("sector", f"{sector!r} is not one of {', '.join(SECTORS)}")
            ok = False
        if office not in OFFICES:
            bad("office", f"{office!r} is not one of {', '.join(OFFICES)}")
            ok = False
        start = _date(cells["start"], "start", bad, required=True)
        end = _date(cells["end"], "end", bad, required=False)
        if start is not None and end is not None and end < start:
            bad("end", f"{end} is before start {start}")
            ok = False
        acting = cells.get("acting", "").lower()
        if acting not in ("", "true", "false", "yes", "no"):
            bad("acting", f"{acting!r}: write true or leave empty")
        aliases = [a.strip() for a in cells["aliases"].split("|")] if cells["aliases"] else []
        if any(not a for a in aliases):
            bad("aliases", "empty alias (two '|' in a row, or one at an end)")
        if not ok or start is None or (cells["end"] and end is None):
            continue
        all_aliases = tuple(dict.fromkeys([person, *(a for a in aliases if a)]))
        term = Term(
            person, qid, code, sector, office, start, end, all_aliases, acting in ("true", "yes")
        )
        out.append((term, name, line))
    return out


def _date(
    text: str, field: str, bad: Callable[[str, str], None], *, required: bool
) -> datetime.date | None:
    if not text:
        if required:
            bad(field, "missing")
        return None
    if not _DATE.fullmatch(text):
        bad(field, f"{text!r} is not a date YYYY-MM-DD")
        return None
    try:
        day = datetime.date.fromisoformat(text)
    except ValueError as exc:
        bad(field, f"{text!r}: {exc}")
        return None
    if not _EARLIEST <= day <= _LATEST:
        bad(field, f"{text} is outside {_EARLIEST.year}-{_LATEST.year} (a typo?)")
        return None
    return day


def _check_people(rows: list[tuple[Term, str, int]], problems: list[str]) -> None:
    """One qid per person; an alias shared by two people must not be ambiguous on any date."""
    qids: dict[str, tuple[str | None, str, int]] = {}
    for term, file, line in rows:
        first = qids.setdefault(term.person, (term.qid, file, line))
        if first[0] != term.qid and term.qid is not None and first[0] is not None:
            problems.append(
                f"{file}:{line}: qid: {term.person} has {term.qid} here but {first[0]} "
                f"at {first[1]}:{first[2]}"
            )
    people: dict[str, dict[str, list[tuple[Term, str, int]]]] = defaultdict(dict)
    for row in rows:
        for alias in row[0].aliases:
            people[alias_key(alias)].setdefault(row[0].person, []).append(row)
    for key, by_person in sorted(people.items()):
        names = sorted(by_person)
        for i, a in enumerate(names):
            for b in names[i + 1 :]:
                clash = _first_overlap(by_person[a], by_person[b])
                if clash is not None:
                    (_, fa, la), (_, fb, lb) = clash
                    problems.append(
                        f"{fb}:{lb}: aliases: {key!r} names both {a} ({fa}:{la}) and {b} "
                        "while both hold office; drop the alias from one of them"
                    )


def _check_overlaps(rows: list[tuple[Term, str, int]], problems: list[str]) -> None:
    """Two people may not hold one office of one state at once (acting terms excepted).

    A shared boundary day (one leaves, the next starts the same day) is no overlap.
    """
    by_office: dict[tuple[str, str], list[tuple[Term, str, int]]] = defaultdict(list)
    for row in rows:
        term = row[0]
        if term.office != "other" and not term.acting:
            by_office[(term.code, term.office)].append(row)
    for (code, office), group in sorted(by_office.items()):
        group.sort(key=lambda r: (r[0].start, r[1], r[2]))
        for i, (a, fa, la) in enumerate(group):
            for b, fb, lb in group[i + 1 :]:
                if b.start >= (a.end or _OPEN):
                    break
                if a.person == b.person and a.start == b.start:
                    problems.append(f"{fb}:{lb}: start: same term as {fa}:{la}")
                else:
                    problems.append(
                        f"{fb}:{lb}: start: {b.person} is {office} of {code} from {b.start} "
                        f"while {a.person} is ({fa}:{la}, until {a.end or 'now'}); "
                        "fix the dates or mark one term acting"
                    )


def _first_overlap(
    xs: list[tuple[Term, str, int]], ys: list[tuple[Term, str, int]]
) -> tuple[tuple[Term, str, int], tuple[Term, str, int]] | None:
    for x in xs:
        for y in ys:
            if x[0].start < (y[0].end or _OPEN) and y[0].start < (x[0].end or _OPEN):
                return x, y
    return None
