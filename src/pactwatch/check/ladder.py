"""Consequences ladders: what a charter would prescribe for a member on the evidence.

A ladder is data in the charter (per charter, overridable per rule):

    consequences:
      status: proposed                  # in_force | proposed
      source: "..."                     # where the ladder comes from, like every rule
      window_months: 24                 # findings counted over this rolling window
      steps:
        - {findings: 1, step: statement of concern}
        - {findings: 2, step: suspension of voting rights}

A member's step is the highest whose `findings` it reaches, counting its findings
graded corroborated or single-source (not hedged, disputed, nor dismissed by an analyst:
`pactwatch findings dismiss`) dated in
the window ending at `as_of`. Findings of a rule with its own ladder count on that
ladder only. A finding dated only to a month or a year counts only where no finding of
the same rule against the same counterparts is dated to a day within it: it may tell
the same incident ("deadly clashes in 2021").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from pactwatch.check.findings import Finding
from pactwatch.knowledge import _yaml

STATUSES = ("in_force", "proposed")
COUNTED = frozenset({"corroborated", "single-source"})
_KEYS = {"status", "source", "window_months", "steps", "note"}
_STEP_KEYS = {"findings", "step"}


@dataclass(frozen=True, slots=True)
class Step:
    findings: int  # the number of counted findings in the window that reaches this step
    step: str


@dataclass(frozen=True, slots=True)
class Ladder:
    status: str
    source: str
    window_months: int
    steps: tuple[Step, ...]
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Consequence:
    """One member on one ladder: the step reached, on which findings, and why."""

    member: str
    step: str
    status: str
    source: str
    findings: list[str]  # finding ids
    explanation: str
    rule: str | None = None  # the rule whose own ladder this is; None for the charter's

    def to_dict(self) -> dict[str, Any]:
        return {
            "member": self.member, "step": self.step, "status": self.status,
            "source": self.source, "findings": self.findings, "explanation": self.explanation,
        }  # fmt: skip


def _positive(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def parse_ladder(value: Any, line: int, where: str, problems: _yaml.Problems) -> Ladder | None:
    """A ladder from its YAML mapping; every problem goes to `problems` with its line and field."""
    if not isinstance(value, _yaml.LineDict):
        problems.add(line, where, "must be a mapping with status, source, window_months, steps")
        return None
    problems.duplicates(value, f"{where}.")
    for key in sorted(set(value) - _KEYS):
        problems.add(value.line_of(key), f"{where}.{key}", "unknown field")
    ok = True
    status = value.get("status")
    if status not in STATUSES:
        problems.add(value.line_of("status"), f"{where}.status",
                     f"must be one of {', '.join(STATUSES)}, not {status!r}")  # fmt: skip
        ok = False
    source = value.get("source")
    if not isinstance(source, str) or not source.strip():
        problems.add(value.line_of("source"), f"{where}.source",
                     "required text: where the ladder comes from")  # fmt: skip
        ok = False
    months = value.get("window_months", 24)
    if not _positive(months):
        problems.add(value.line_of("window_months"), f"{where}.window_months",
                     f"must be a positive whole number of months, not {months!r}")  # fmt: skip
        ok = False
    steps = _steps(value.get("steps"), value.line_of("steps"), f"{where}.steps", problems)
    if not ok or steps is None:
        return None
    note = value.get("note")
    return Ladder(str(status), str(source), int(months), steps, str(note) if note else None)


def _steps(value: Any, line: int, where: str, problems: _yaml.Problems) -> tuple[Step, ...] | None:
    if not isinstance(value, _yaml.LineList) or not value:
        problems.add(line, where, "required non-empty list of {findings, step}")
        return None
    out: list[Step] = []
    ok = True
    last = 0
    for i, item in enumerate(value):
        at = f"{where}[{i}]"
        if not isinstance(item, _yaml.LineDict):
            problems.add(value.line_of(i), at, "must be a mapping {findings, step}")
            ok = False
            continue
        for key in sorted(set(item) - _STEP_KEYS):
            problems.add(item.line_of(key), f"{at}.{key}", "unknown field")
            ok = False
        count: Any = item.get("findings")
        text = item.get("step")
        if not _positive(count):
            problems.add(item.line_of("findings"), f"{at}.findings",
                         f"must be a positive whole number of findings, not {count!r}")  # fmt: skip
            ok = False
        elif count <= last:
            problems.add(item.line_of("findings"), f"{at}.findings",
                         f"must be more than the step before ({last})")  # fmt: skip
            ok = False
        else:
            last = count
        if not isinstance(text, str) or not text.strip():
            problems.add(item.line_of("step"), f"{at}.step", "required text: the measure")
            ok = False
        if ok:
            out.append(Step(int(count), str(text)))
    return tuple(out) if ok else None


def _months_before(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    last_day = [31, 29 if year % 4 == 0 and (year % 100 or year % 400 == 0) else 28, 31, 30, 31,
                30, 31, 31, 30, 31, 30, 31][month - 1]  # fmt: skip
    return dt.date(year, month, min(day.day, last_day))


def _day(f: Finding) -> dt.date | None:
    """The day a finding counts on: its first date (a month or year counts from its start)."""
    if not f.first_date:
        return None
    text = {4: f"{f.first_date}-01-01", 7: f"{f.first_date}-01"}.get(
        len(f.first_date), f.first_date
    )
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def _precise_first(findings: list[Finding]) -> tuple[list[Finding], int]:
    """The findings to count, in date order, and how many were left out: one dated only
    to a month or a year ("deadly clashes in 2021") may tell the same incident as one
    dated to the day within it, for the same rule and the same counterparts (the
    corroborate stage cannot join them: a year is wider than any incident), so it
    counts only where no such finding does. A finding is an accusation: one incident
    must not climb a step twice."""
    ordered = sorted(findings, key=lambda f: (f.first_date or "", f.id))
    days = [
        (f.rule, frozenset(f.counterparts), f.first_date)
        for f in ordered
        if f.first_date and len(f.first_date) == 10
    ]
    kept = [
        f
        for f in ordered
        if not f.first_date
        or len(f.first_date) == 10
        or not any(
            rule == f.rule
            and counterparts == frozenset(f.counterparts)
            and day.startswith(f.first_date)
            for rule, counterparts, day in days
        )
    ]
    return kept, len(ordered) - len(kept)


def climb(
    ladder: Ladder, findings: list[Finding], as_of: dt.date, rule: str | None = None
) -> list[Consequence]:
    """Each member's step on the ladder, on the findings it counts (and why)."""
    start = _months_before(as_of, ladder.window_months)
    counted: dict[str, list[Finding]] = {}
    dismissed: dict[str, int] = {}
    for f in findings:
        day = _day(f)
        if f.grade in COUNTED and day is not None and start < day <= as_of:
            if f.state == "dismissed":  # an analyst judged it wrong: it counts for nothing
                dismissed[f.member] = dismissed.get(f.member, 0) + 1
            else:
                counted.setdefault(f.member, []).append(f)
    out: list[Consequence] = []
    for member in sorted(counted):
        mine, folded = _precise_first(counted[member])
        reached = [s for s in ladder.steps if len(mine) >= s.findings]
        if not reached:
            continue
        step = reached[-1]
        verb = "prescribes" if ladder.status == "in_force" else "would prescribe (proposed)"
        scope = f"rule {rule}" if rule else "the charter"
        explanation = (
            f"{member}: {len(mine)} corroborated or single-source finding(s) under {scope} "
            f"from {mine[0].dates} to {mine[-1].dates}, within {ladder.window_months} months "
            f"before {as_of.isoformat()}; step {len(reached)} of {len(ladder.steps)} "
            f"(reached at {step.findings}); the ladder {verb}: {step.step} ({ladder.source})"
        )
        if dismissed.get(member):
            explanation += f"; {dismissed[member]} dismissed finding(s) not counted"
        if folded:
            explanation += (
                f"; {folded} finding(s) dated only to a month or year not counted: they may "
                "tell an incident counted at its day"
            )
        out.append(
            Consequence(
                member,
                step.step,
                ladder.status,
                ladder.source,
                [f.id for f in mine],
                explanation + ".",
                rule,
            )
        )
    return out


def consequences(
    charter_ladder: Ladder | None,
    rule_ladders: dict[str, Ladder],
    findings: list[Finding],
    as_of: dt.date,
) -> list[Consequence]:
    """Every member's step on the charter's ladder and on each rule's own ladder."""
    out: list[Consequence] = []
    for rule_id, ladder in rule_ladders.items():
        out += climb(ladder, [f for f in findings if f.rule == rule_id], as_of, rule_id)
    if charter_ladder is not None:
        rest = [f for f in findings if f.rule not in rule_ladders]
        out += climb(charter_ladder, rest, as_of)
    return sorted(out, key=lambda c: (c.member, c.rule or ""))
