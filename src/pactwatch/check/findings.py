"""Findings: one member caught by one rule on one incident, with its evidence and grade."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

GRADES = ("corroborated", "single-source", "hedged", "disputed")


@dataclass(slots=True)
class Evidence:
    doc_id: str
    quote: str
    url: str | None


@dataclass(slots=True)
class Finding:
    """The JSON shape `pactwatch check --format json` prints, key for key."""

    rule: str
    status: str
    member: str
    counterparts: list[str]
    events: list[str]
    evidence: list[Evidence]
    first_date: str | None
    last_date: str | None
    sources: int
    grade: str
    explanation: str
    severity: str = field(default="medium", compare=False)

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        del out["severity"]  # the JSON is the shape exactly; severity lives in the charter
        return out


def grade(*, disputed: bool, all_hedged: bool, sources: int) -> str:
    """Disputed beats hedged beats thin: the weakest thing about the evidence names the grade."""
    if disputed:
        return "disputed"
    if all_hedged:
        return "hedged"
    return "corroborated" if sources >= 2 else "single-source"
