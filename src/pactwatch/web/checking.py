"""What the dashboard and the report need from `pactwatch.check`: direct, typed calls.

Charters are listed, loaded and checked by `pactwatch.check`; findings come back
as the dicts of `pactwatch check --format json`, with the consequences its
ladders give. Grades and scorecards are check's own (`check.findings.GRADES`,
`check.scorecard.cards`). Findings are cached per charter and data version
(reviews and ingests change the version), so a review recomputes them and a page
view does not.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable
from typing import Any

from pactwatch.check.alliances import load_alliances
from pactwatch.check.charter import Charter, shipped_charters
from pactwatch.check.charter import load_charter as load_charter_file
from pactwatch.check.check import check, consequences_of
from pactwatch.check.findings import GRADES, Finding
from pactwatch.check.scorecard import cards
from pactwatch.errors import NotFound
from pactwatch.store import Store
from pactwatch.web.queries import data_version


def charter_ids() -> list[str]:
    """The charters a user can pick: the shipped ones."""
    return sorted(shipped_charters())


def load_charter(charter_id: str) -> Charter:
    """A shipped charter; NotFound (a 404) if there is none by that id."""
    if charter_id not in charter_ids():
        raise NotFound(f"no charter {charter_id!r}", fix=f"pick one of: {', '.join(charter_ids())}")
    return load_charter_file(charter_id)


def alliance_members(code: str) -> list[str]:
    """Member codes of an alliance in the registry, in order of joining."""
    alliance = load_alliances().get(code)
    if alliance is None:
        return []
    codes: list[str] = []
    for m in sorted(alliance.members, key=lambda m: str(m.joined)):
        if m.code not in codes:
            codes.append(m.code)
    return codes


def _ladder(ladder: Any) -> dict[str, Any] | None:
    return dataclasses.asdict(ladder) if ladder is not None else None


def describe(charter_id: str) -> dict[str, Any]:
    """The charter as plain data: id, title, alliance, members, adversaries, rules, ladder."""
    c = load_charter(charter_id)
    return {
        "id": c.id, "title": c.title, "alliance": c.alliance, "source": c.source,
        "description": c.description, "members": alliance_members(c.alliance),
        "adversaries": [
            {"code": a.code, "from": a.start.isoformat() if a.start else None,
             "until": a.end.isoformat() if a.end else None, "members": a.with_members}
            for a in c.adversaries
        ],
        "rules": [
            {"id": r.id, "title": r.title, "source": r.source, "status": r.status,
             "template": r.template, "params": r.params, "severity": r.severity,
             "description": r.description, "consequences": _ladder(r.consequences)}
            for r in c.rules
        ],
        "consequences": _ladder(c.consequences),
    }  # fmt: skip


def member_codes(charter: dict[str, Any]) -> list[str]:
    """The member states' codes of a described charter, in its order."""
    return [str(m) for m in charter.get("members") or []]


@dataclasses.dataclass(frozen=True, slots=True)
class Checked:
    """One charter checked over the store: the findings (as JSON dicts) and what they lead to."""

    findings: list[dict[str, Any]]
    objects: list[Finding]
    consequences: list[dict[str, Any]]


def compute(store: Store, charter_id: str) -> Checked:
    """Check one charter over the store."""
    charter = load_charter(charter_id)
    found = check(store, charter)
    return Checked(
        [f.to_dict() for f in found],
        found,
        [c.to_dict() for c in consequences_of(charter, found)],
    )


def compute_findings(store: Store, charter_id: str) -> list[dict[str, Any]]:
    """Findings of one charter over the store, as `pactwatch check --format json` lists them."""
    return compute(store, charter_id).findings


def available() -> bool:
    """`pactwatch.check` ships with pactwatch; pages keep the flag for their empty states."""
    return True


class FindingsCache:
    """Checked charters per (charter, data version); one computation at a time.

    `derived` keeps what pages compute from the findings (matrix, scorecards) under
    the same key, so a page view costs a version check, not a pass over every finding.
    """

    def __init__(self) -> None:
        self._data: dict[str, tuple[tuple[int, int, int], Checked]] = {}
        self._derived: dict[tuple[str, str], tuple[tuple[int, int, int], Any]] = {}
        self._lock = threading.Lock()

    def _fetch(self, store: Store, charter_id: str) -> tuple[tuple[int, int, int], Checked]:
        version = data_version(store)
        hit = self._data.get(charter_id)
        if hit and hit[0] == version:
            return hit
        with self._lock:
            hit = self._data.get(charter_id)
            if hit and hit[0] == version:
                return hit
            entry = (version, compute(store, charter_id))
            self._data[charter_id] = entry
            return entry

    def get(self, store: Store, charter_id: str) -> list[dict[str, Any]]:
        return self._fetch(store, charter_id)[1].findings

    def checked(self, store: Store, charter_id: str) -> Checked:
        return self._fetch(store, charter_id)[1]

    def derived(
        self, store: Store, charter_id: str, name: str, fn: Callable[[list[dict[str, Any]]], Any]
    ) -> Any:
        version, checked = self._fetch(store, charter_id)
        hit = self._derived.get((charter_id, name))
        if hit and hit[0] == version:
            return hit[1]
        value = fn(checked.findings)
        self._derived[(charter_id, name)] = (version, value)
        return value


def scorecards(findings: list[dict[str, Any]]) -> dict[str, dict[str, dict[str, int]]]:
    """check's scorecards (per member, rule and year) of findings given as JSON dicts."""
    return cards(findings)


def matrix(findings: list[dict[str, Any]], members: list[str], rules: list[str]) -> dict[str, Any]:
    """The member × rule grid: per cell the incidents' count and the strongest grade."""
    members = list(members)
    rules = list(rules)
    cells: dict[tuple[str, str], dict[str, Any]] = {}
    for f in findings:
        member, rule = str(f.get("member")), str(f.get("rule"))
        if member not in members:
            members.append(member)
        if rule not in rules:
            rules.append(rule)
        cell = cells.setdefault((member, rule), {"count": 0, "grade": None})
        cell["count"] += 1
        grade = f.get("grade")
        if grade in GRADES and (
            cell["grade"] is None or GRADES.index(grade) < GRADES.index(cell["grade"])
        ):
            cell["grade"] = grade
    return {"members": members, "rules": rules, "cells": cells}


__all__ = [
    "GRADES",
    "Checked",
    "FindingsCache",
    "available",
    "charter_ids",
    "compute",
    "compute_findings",
    "describe",
    "load_charter",
    "matrix",
    "member_codes",
    "scorecards",
]
