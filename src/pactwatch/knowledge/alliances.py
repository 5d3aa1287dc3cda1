"""The alliance registry (knowledge/alliances.yaml): members with join, leave, suspension dates.

A state counts as a member on a date when it had joined, had not left, and was
not suspended. A *frozen* participation (the member's own choice, e.g. Armenia
in the CSTO from February 2024) still counts: the treaty still binds it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from pactwatch.errors import KnowledgeError, NotFound
from pactwatch.knowledge import _yaml

CODE_RE = re.compile(r"^[A-Z][A-Z0-9-]{1,11}$")
STATE_RE = re.compile(r"^[A-Z]{3}$")
FAR_FUTURE = dt.date(9999, 12, 31)

_ALLIANCE_KEYS = {"name", "founded", "notes", "members", "observers", "partners"}
_MEMBER_KEYS = {"code", "joined", "left", "suspended", "frozen", "note"}
_PERIOD_KEYS = {"from", "until"}
_ASSOCIATE_KEYS = {"code", "since", "until", "note"}


@dataclass(frozen=True, slots=True)
class Period:
    start: dt.date
    end: dt.date | None = None  # inclusive; None = still running

    def contains(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class Membership:
    code: str
    joined: dt.date
    left: dt.date | None = None
    suspended: tuple[Period, ...] = ()
    frozen: tuple[Period, ...] = ()
    note: str | None = None

    def is_member(self, day: dt.date) -> bool:
        if day < self.joined or (self.left is not None and day >= self.left):
            return False
        return not any(p.contains(day) for p in self.suspended)

    def periods(self) -> list[tuple[dt.date, dt.date]]:
        """Inclusive (first, last) day ranges in which the state counts as a member."""
        end = (self.left - dt.timedelta(days=1)) if self.left else FAR_FUTURE
        ranges = [(self.joined, end)]
        for sus in sorted(self.suspended, key=lambda p: p.start):
            out: list[tuple[dt.date, dt.date]] = []
            sus_end = sus.end or FAR_FUTURE
            for first, last in ranges:
                if sus_end < first or sus.start > last:
                    out.append((first, last))
                    continue
                if sus.start > first:
                    out.append((first, sus.start - dt.timedelta(days=1)))
                if sus_end < last:
                    out.append((sus_end + dt.timedelta(days=1), last))
            ranges = out
        return ranges


@dataclass(frozen=True, slots=True)
class Alliance:
    code: str
    name: str
    founded: dt.date
    members: tuple[Membership, ...]
    observers: tuple[str, ...] = ()
    partners: tuple[str, ...] = ()
    notes: str | None = None
    _by_code: dict[str, list[Membership]] = field(default_factory=dict, compare=False, repr=False)

    def members_on(self, day: dt.date) -> set[str]:
        return {m.code for m in self.members if m.is_member(day)}

    def is_member(self, code: str, day: dt.date) -> bool:
        return any(m.is_member(day) for m in self.members if m.code == code)

    def member_periods(self) -> dict[str, list[tuple[dt.date, dt.date]]]:
        out: dict[str, list[tuple[dt.date, dt.date]]] = {}
        for m in self.members:
            out.setdefault(m.code, []).extend(m.periods())
        return out


def _periods(value: Any, where: str, line: int, problems: _yaml.Problems) -> tuple[Period, ...]:
    if not isinstance(value, list):
        problems.add(line, where, "must be a list of {from, until?}")
        return ()
    out: list[Period] = []
    for i, item in enumerate(value):
        item_line = value.line_of(i) if isinstance(value, _yaml.LineList) else line
        if not isinstance(item, dict):
            problems.add(item_line, f"{where}[{i}]", "must be a mapping {from, until?}")
            continue
        for key in sorted(set(item) - _PERIOD_KEYS):
            problems.add(item_line, f"{where}[{i}].{key}", "unknown field")
        start = _yaml.parse_date(item.get("from"))
        end = _yaml.parse_date(item.get("until")) if item.get("until") is not None else None
        if start is None:
            problems.add(
                item_line, f"{where}[{i}].from", f"not a YYYY-MM-DD date: {item.get('from')!r}"
            )
            continue
        if item.get("until") is not None and end is None:
            problems.add(
                item_line, f"{where}[{i}].until", f"not a YYYY-MM-DD date: {item['until']!r}"
            )
            continue
        if end is not None and end < start:
            problems.add(item_line, f"{where}[{i}].until", "is before 'from'")
            continue
        out.append(Period(start, end))
    return tuple(out)


def _member(item: Any, where: str, line: int, problems: _yaml.Problems) -> Membership | None:
    if not isinstance(item, _yaml.LineDict):
        problems.add(line, where, "must be a mapping with code and joined")
        return None
    problems.duplicates(item, f"{where}.")
    for key in sorted(set(item) - _MEMBER_KEYS):
        problems.add(item.line_of(key), f"{where}.{key}", "unknown field")
    code = item.get("code")
    if not isinstance(code, str) or not STATE_RE.match(code):
        problems.add(item.line_of("code"), f"{where}.code", f"not an ISO alpha-3 code: {code!r}")
        return None
    joined = _yaml.parse_date(item.get("joined"))
    if joined is None:
        problems.add(
            item.line_of("joined"),
            f"{where}.joined",
            f"not a YYYY-MM-DD date: {item.get('joined')!r}",
        )
        return None
    left = None
    if item.get("left") is not None:
        left = _yaml.parse_date(item["left"])
        if left is None or left <= joined:
            problems.add(
                item.line_of("left"),
                f"{where}.left",
                f"not a date after 'joined': {item['left']!r}",
            )
            return None
    suspended = _periods(
        item.get("suspended", _yaml.LineList()),
        f"{where}.suspended",
        item.line_of("suspended"),
        problems,
    )
    frozen = _periods(
        item.get("frozen", _yaml.LineList()), f"{where}.frozen", item.line_of("frozen"), problems
    )
    note = item.get("note")
    return Membership(
        code, joined, left, suspended, frozen, str(note) if note is not None else None
    )


def _associates(value: Any, where: str, line: int, problems: _yaml.Problems) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        problems.add(line, where, "must be a list of {code}")
        return ()
    codes: list[str] = []
    for i, item in enumerate(value):
        item_line = value.line_of(i) if isinstance(value, _yaml.LineList) else line
        code = item.get("code") if isinstance(item, dict) else None
        if not isinstance(code, str) or not CODE_RE.match(code):
            problems.add(item_line, f"{where}[{i}].code", f"not a code: {code!r}")
            continue
        for key in sorted(set(item) - _ASSOCIATE_KEYS):
            problems.add(item_line, f"{where}[{i}].{key}", "unknown field")
        codes.append(code)
    return tuple(codes)


def parse_alliances(text: str, path: str) -> dict[str, Alliance]:
    """Validate a registry's text; raises KnowledgeError listing every problem at once."""
    problems = _yaml.Problems(path)
    try:
        data = _yaml.load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise KnowledgeError(
            [f"{path}:{(mark.line + 1) if mark else 1}: (file): not valid YAML: {exc}"]
        ) from exc
    if not isinstance(data, _yaml.LineDict):
        raise KnowledgeError([f"{path}:1: (file): must be a mapping of alliance code to alliance"])
    problems.duplicates(data, "")
    out: dict[str, Alliance] = {}
    for code, body in data.items():
        line = data.line_of(code)
        if not CODE_RE.match(code):
            problems.add(line, code, "alliance codes are upper case letters, digits and '-'")
        if not isinstance(body, _yaml.LineDict):
            problems.add(line, code, "must be a mapping with name, founded, members")
            continue
        problems.duplicates(body, f"{code}.")
        for key in sorted(set(body) - _ALLIANCE_KEYS):
            problems.add(body.line_of(key), f"{code}.{key}", "unknown field")
        name = body.get("name")
        if not isinstance(name, str) or not name:
            problems.add(body.line_of("name"), f"{code}.name", "required text")
        founded = _yaml.parse_date(body.get("founded"))
        if founded is None:
            problems.add(
                body.line_of("founded"),
                f"{code}.founded",
                f"not a YYYY-MM-DD date: {body.get('founded')!r}",
            )
        raw_members = body.get("members")
        members: list[Membership] = []
        if not isinstance(raw_members, _yaml.LineList) or not raw_members:
            problems.add(body.line_of("members"), f"{code}.members", "required non-empty list")
        else:
            for i, item in enumerate(raw_members):
                m = _member(item, f"{code}.members[{i}]", raw_members.line_of(i), problems)
                if m is not None:
                    members.append(m)
        observers = _associates(
            body.get("observers"), f"{code}.observers", body.line_of("observers"), problems
        )
        partners = _associates(
            body.get("partners"), f"{code}.partners", body.line_of("partners"), problems
        )
        if isinstance(name, str) and founded is not None:
            notes = body.get("notes")
            out[code] = Alliance(
                code, name, founded, tuple(members), observers, partners,
                str(notes) if notes is not None else None,
            )  # fmt: skip
    if problems.items:
        raise KnowledgeError(problems.items)
    return out


def _shipped_text() -> tuple[str, str]:
    ref = resources.files("pactwatch.knowledge").joinpath("alliances.yaml")
    return ref.read_text(encoding="utf-8"), str(ref)


@lru_cache(maxsize=4)
def load_alliances(path: str | None = None) -> dict[str, Alliance]:
    """The registry at `path`, or the shipped one."""
    if path is None:
        text, origin = _shipped_text()
    else:
        text, origin = Path(path).read_text(encoding="utf-8"), path
    return parse_alliances(text, origin)


def get_alliance(code: str, registry: dict[str, Alliance] | None = None) -> Alliance:
    reg = registry if registry is not None else load_alliances()
    try:
        return reg[code]
    except KeyError:
        raise NotFound(
            f"no alliance {code!r} in the registry",
            fix=f"use one of {', '.join(sorted(reg))} or add it to knowledge/alliances.yaml",
        ) from None


def members_on(alliance: str, day: dt.date | str) -> set[str]:
    """The codes of the states that counted as members of `alliance` on `day`."""
    when = _yaml.parse_date(day) if isinstance(day, str) else day
    if when is None:
        raise KnowledgeError([f"members_on: not a YYYY-MM-DD date: {day!r}"])
    return get_alliance(alliance).members_on(when)


def ever_member(alliance: str, code: str) -> bool:
    """Whether state `code` has ever been a member of `alliance` (False for an
    organisation the registry does not hold): "Armenia asked its allies" speaks of an
    alliance Armenia is in, whatever the day."""
    found = load_alliances().get(alliance)
    return found is not None and any(m.code == code for m in found.members)
