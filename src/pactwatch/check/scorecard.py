"""Scorecards and comparisons: findings counted per member, rule or period; two charters side by side."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pactwatch.check.charter import Charter
from pactwatch.check.check import check, consequences_of
from pactwatch.check.findings import GRADES, Finding, incident_count
from pactwatch.errors import UsageError

BY = ("member", "rule", "period")


def _key(f: Finding, by: str) -> str:
    if by == "member":
        return f.member
    if by == "rule":
        return f.rule
    return f.first_date[:4] if f.first_date else "undated"


def scorecard(findings: list[Finding], by: str = "member") -> list[dict[str, Any]]:
    """One row per member, rule or year: incidents, findings, in force or proposed, per grade.

    `incidents` counts each incident (or decision) once per rule: a clash between two members
    is one incident and two findings, one per member.
    """
    if by not in BY:
        raise UsageError(f"--by must be one of {', '.join(BY)}, not {by!r}")
    rows: dict[str, dict[str, Any]] = {}
    seen: dict[str, set[tuple[str, str]]] = {}
    for f in findings:
        key = _key(f, by)
        row = rows.setdefault(
            key,
            {by: key, "incidents": 0, "findings": 0, "in_force": 0, "proposed": 0,
             **dict.fromkeys(GRADES, 0)},
        )  # fmt: skip
        incident = (f.rule, f.key or f.id)
        if incident not in seen.setdefault(key, set()):
            seen[key].add(incident)
            row["incidents"] += 1
        row["findings"] += 1
        row[f.status] += 1
        row[f.grade] += 1
    return [rows[k] for k in sorted(rows)]


def cards(findings: list[dict[str, Any]]) -> dict[str, dict[str, dict[str, int]]]:
    """The dashboard's and report's scorecards: per member, rule and year, counts per grade.

    Findings come as `pactwatch check --format json` dicts (what pages hold). `total`
    counts findings; `incidents` counts each incident (or decision) once per row.
    """
    out: dict[str, dict[str, dict[str, int]]] = {"member": {}, "rule": {}, "year": {}}
    seen: dict[tuple[str, str], set[Any]] = {}
    for f in findings:
        grade = str(f.get("grade", ""))
        year = str(f.get("first_date") or "")[:4] or "undated"
        incident = (f.get("rule"), f.get("incident") or f.get("id"))
        for axis, key in (("member", f.get("member")), ("rule", f.get("rule")), ("year", year)):
            row = out[axis].setdefault(str(key), {g: 0 for g in (*GRADES, "total", "incidents")})
            row[grade] = row.get(grade, 0) + 1
            row["total"] += 1
            if incident not in seen.setdefault((axis, str(key)), set()):
                seen[(axis, str(key))].add(incident)
                row["incidents"] += 1
    return out


def compare(
    store: Any,
    first: Charter,
    second: Charter,
    since: dt.date | str | None = None,
    until: dt.date | str | None = None,
    member: str | None = None,
    *,
    as_of: dt.date | None = None,
) -> dict[str, Any]:
    """The same evidence under two charters: one row per (member, records), the rules of each."""
    if first.id == second.id:
        raise UsageError("compare needs two different charters")
    rows: dict[tuple[str, tuple[str, ...]], dict[str, Any]] = {}
    prescribed: dict[str, list[dict[str, Any]]] = {}
    incidents: dict[str, int] = {}
    findings: dict[str, int] = {}
    for charter in (first, second):
        found = check(store, charter, since, until, member, as_of=as_of)
        prescribed[charter.id] = [c.to_dict() for c in consequences_of(charter, found, as_of)]
        incidents[charter.id] = incident_count(found)
        findings[charter.id] = len(found)
        for f in found:
            key = (f.member, tuple(f.events) or (f"rule:{charter.id}:{f.rule}",))
            row = rows.setdefault(
                key,
                {
                    "member": f.member, "counterparts": [], "events": f.events,
                    "incident": f.incident, "first_date": f.first_date,
                    "last_date": f.last_date, "dates": f.dates,
                    "evidence": [e.quote for e in f.evidence][:1], "grade": f.grade,
                    first.id: [], second.id: [],
                },
            )  # fmt: skip
            row[charter.id].append(f.rule)
            row["counterparts"] = sorted(set(row["counterparts"]) | set(f.counterparts))
    ordered = sorted(
        rows.values(), key=lambda r: (r["member"], r["first_date"] or "9999", r["events"])
    )
    return {
        "charters": [first.id, second.id], "incidents": incidents, "findings": findings,
        "rows": ordered,
        "consequences": prescribed,
    }  # fmt: skip
