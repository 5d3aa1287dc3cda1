"""Findings: one member caught by one rule on one incident, with its evidence and grade."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, fields
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

    id: str
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
    incident: int | None = None  # the incident it rests on (one finding per member and incident)
    dates: str = (
        "undated"  # first_date – last_date for people: "2022-09-14 – 2022-09-17", "2022-01"
    )
    severity: str = field(default="medium", compare=False)
    key: str = field(default="", compare=False)  # what counts once: the incident or the decision
    # from the store (`findings` table): an analyst's open | confirmed | dismissed, and when
    # the finding was first and last computed (ISO 8601, UTC); None where not stored
    state: str = field(default="open", compare=False)
    first_seen: str | None = field(default=None, compare=False)
    last_seen: str | None = field(default=None, compare=False)
    note: str | None = field(default=None, compare=False)

    def to_dict(self) -> dict[str, Any]:
        # by hand, in field order: dataclasses.asdict deep-copies every value, and was most
        # of the time spent storing 11,000 findings
        out = {name: getattr(self, name) for name in _JSON_FIELDS}
        out["counterparts"] = list(self.counterparts)
        out["events"] = list(self.events)
        out["evidence"] = [
            {"doc_id": e.doc_id, "quote": e.quote, "url": e.url} for e in self.evidence
        ]
        return out

    def computed(self) -> dict[str, Any]:
        """What check computed, without what the store adds: the stored `data`."""
        out = self.to_dict()
        for name in STORED:
            del out[name]
        return out


STORED = ("state", "first_seen", "last_seen", "note")
# severity lives in the charter; key is internal (what counts once)
_JSON_FIELDS = tuple(f.name for f in fields(Finding) if f.name not in ("severity", "key"))
STATES = ("open", "confirmed", "dismissed")


def finding_id(charter: str, rule: str, key: str, member: str) -> str:
    """Stable across runs: the same charter, rule, incident (or decision) and member."""
    return hashlib.sha256(f"{charter}\x1f{rule}\x1f{key}\x1f{member}".encode()).hexdigest()[:16]


def grade(*, disputed: bool, all_hedged: bool, sources: int) -> str:
    """Disputed beats hedged beats thin: the weakest thing about the evidence names the grade."""
    if disputed:
        return "disputed"
    if all_hedged:
        return "hedged"
    return "corroborated" if sources >= 2 else "single-source"


def incident_count(findings: list[Finding]) -> int:
    """How many incidents (or decisions) the findings rest on: a two-member clash counts once."""
    return len({f.key or f.id for f in findings})
