"""What the dashboard and the report need from `pactwatch.check`, behind one small facade.

Charters are listed, described and checked through `pactwatch.check`; findings
come back as the dicts of `pactwatch check --format json`. Findings are cached
per charter and data version (reviews and ingests change the version), so a
review recomputes them and a page view does not.
"""

from __future__ import annotations

import dataclasses
import importlib
import threading
from collections.abc import Callable
from importlib import resources
from typing import Any

import yaml

from pactwatch.errors import NotFound
from pactwatch.store import Store
from pactwatch.web.queries import data_version

GRADES = ("corroborated", "single-source", "hedged", "disputed")


def _find(name: str) -> Any | None:
    """`name` from pactwatch.check, or from the submodule that defines it."""
    for module in ("pactwatch.check", "pactwatch.check.check", "pactwatch.check.charter"):
        try:
            found = getattr(importlib.import_module(module), name, None)
        except ImportError:
            continue
        if callable(found) and not isinstance(found, type(importlib)):
            return found
    return None


def _plain(obj: Any) -> Any:
    """A finding, rule or charter object as plain dicts and lists."""
    if obj is None or isinstance(obj, str | int | float | bool):
        return obj
    if isinstance(obj, dict):
        return {str(k): _plain(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple | set | frozenset):
        return [_plain(v) for v in obj]
    for method in ("to_dict", "model_dump", "as_dict"):
        fn = getattr(obj, method, None)
        if callable(fn):
            return _plain(fn())
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: _plain(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    return str(obj)


def _shipped_files() -> dict[str, Any]:
    folder = resources.files("pactwatch") / "charters"
    if not folder.is_dir():
        return {}
    return {p.name.rsplit(".", 1)[0]: p for p in folder.iterdir() if p.name.endswith(".yaml")}


def charter_ids() -> list[str]:
    """The charters a user can pick: those `pactwatch.check` lists, else the shipped files."""
    for name in ("list_charters", "shipped_charters", "charter_ids", "available_charters"):
        fn = _find(name)
        if fn is not None:
            items = fn()
            ids = [i if isinstance(i, str) else str(getattr(i, "id", i)) for i in items]
            return sorted(ids)
    return sorted(_shipped_files())


def load_charter(charter_id: str) -> Any:
    """The charter object `pactwatch.check` checks; NotFound if there is none by that id."""
    if charter_id not in charter_ids():
        raise NotFound(f"no charter {charter_id!r}", fix=f"pick one of: {', '.join(charter_ids())}")
    fn = _find("load_charter")
    if fn is not None:
        return fn(charter_id)
    raw = _shipped_files()[charter_id].read_text(encoding="utf-8")
    return yaml.safe_load(raw)


def describe(charter_id: str) -> dict[str, Any]:
    """The charter as plain data: id, title, alliance, members, adversaries, rules."""
    data = _plain(load_charter(charter_id))
    if not isinstance(data, dict):
        data = {}
    data.setdefault("id", charter_id)
    rules = data.get("rules") or []
    data["rules"] = [r for r in rules if isinstance(r, dict)]
    if "members" not in data and isinstance(data.get("alliance"), str):
        data["members"] = _alliance_members(data["alliance"])
    return data


def _alliance_members(code: str) -> list[str]:
    """Member codes of an alliance in the registry, in order of joining."""
    load = _find("load_alliances")
    if load is None:
        try:
            load = importlib.import_module("pactwatch.check.alliances").load_alliances
        except (ImportError, AttributeError):
            return []
    alliance = load().get(code)
    members = getattr(alliance, "members", None) or []
    codes: list[str] = []
    for m in sorted(members, key=lambda m: str(getattr(m, "joined", ""))):
        if m.code not in codes:
            codes.append(m.code)
    return codes


def member_codes(charter: dict[str, Any]) -> list[str]:
    """The member states' codes of a described charter, in its order."""
    alliance = charter.get("alliance")
    members = charter.get("members")
    if members is None and isinstance(alliance, dict):
        members = alliance.get("members")
    codes: list[str] = []
    for m in members or []:
        code = m.get("code") if isinstance(m, dict) else m
        if isinstance(code, str) and code not in codes:
            codes.append(code)
    return codes


class FindingsCache:
    """Findings per (charter, data version); one computation at a time.

    `derived` keeps what pages compute from the findings (matrix, scorecards) under
    the same key, so a page view costs a version check, not a pass over every finding.
    """

    def __init__(self) -> None:
        self._data: dict[str, tuple[tuple[int, int, int], list[dict[str, Any]]]] = {}
        self._derived: dict[tuple[str, str], tuple[tuple[int, int, int], Any]] = {}
        self._lock = threading.Lock()

    def _fetch(
        self, store: Store, charter_id: str
    ) -> tuple[tuple[int, int, int], list[dict[str, Any]]]:
        version = data_version(store)
        hit = self._data.get(charter_id)
        if hit and hit[0] == version:
            return hit
        with self._lock:
            hit = self._data.get(charter_id)
            if hit and hit[0] == version:
                return hit
            entry = (version, compute_findings(store, charter_id))
            self._data[charter_id] = entry
            return entry

    def get(self, store: Store, charter_id: str) -> list[dict[str, Any]]:
        return self._fetch(store, charter_id)[1]

    def derived(
        self, store: Store, charter_id: str, name: str, fn: Callable[[list[dict[str, Any]]], Any]
    ) -> Any:
        version, findings = self._fetch(store, charter_id)
        hit = self._derived.get((charter_id, name))
        if hit and hit[0] == version:
            return hit[1]
        value = fn(findings)
        self._derived[(charter_id, name)] = (version, value)
        return value


def available() -> bool:
    """Whether a checker is installed (the dashboard shows an empty state if not)."""
    return _find("check") is not None


def compute_findings(store: Store, charter_id: str) -> list[dict[str, Any]]:
    """Findings of one charter over the store, as `pactwatch check --format json` lists them."""
    charter = load_charter(charter_id)
    fn = _find("check")
    if fn is None:
        return []
    result = fn(store, charter)
    if isinstance(result, dict):
        result = result.get("findings", [])
    findings = [_plain(f) for f in getattr(result, "findings", result)]
    return [f for f in findings if isinstance(f, dict)]


def scorecards(findings: list[dict[str, Any]]) -> dict[str, dict[str, dict[str, int]]]:
    """Findings counted per member, per rule and per year, each split by grade."""
    cards: dict[str, dict[str, dict[str, int]]] = {"member": {}, "rule": {}, "year": {}}
    for f in findings:
        grade = str(f.get("grade", ""))
        year = str(f.get("first_date") or "")[:4] or "undated"
        for axis, key in (("member", f.get("member")), ("rule", f.get("rule")), ("year", year)):
            row = cards[axis].setdefault(str(key), {g: 0 for g in (*GRADES, "total")})
            row[grade] = row.get(grade, 0) + 1
            row["total"] += 1
    return cards


def matrix(findings: list[dict[str, Any]], members: list[str], rules: list[str]) -> dict[str, Any]:
    """The member × rule grid: per cell the findings' count and the strongest grade."""
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
    "FindingsCache",
    "available",
    "charter_ids",
    "compute_findings",
    "describe",
    "load_charter",
    "matrix",
    "member_codes",
    "scorecards",
]
