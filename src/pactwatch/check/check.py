"""`check(store, charter)`: run each rule's template as SQL, group matches by incident, grade them.

Templates return only the records that break a rule; this module fetches those
records' evidence (one query per batch of ids), groups them by incident (records
from several documents about one event), counts independent sources per
incident and grades each finding.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, and_, func, select

from pactwatch.check import sqlhelp
from pactwatch.check.alliances import Alliance, load_alliances
from pactwatch.check.charter import Charter, Rule, load_charter
from pactwatch.check.findings import Evidence, Finding, grade
from pactwatch.check.templates import TEMPLATES, Match, RuleContext, with_defaults
from pactwatch.errors import UsageError
from pactwatch.store import schema

_BATCH = 500


@dataclass(slots=True)
class _Record:
    id: str
    doc_id: str
    date_first: dt.date | None
    date_last: dt.date | None
    report_date: str | None
    hedged: bool
    rejected: bool
    quote: str
    url: str | None
    source_key: str  # what makes two reports independent: the publisher, else the document
    incident: int | None
    disputed: bool


def engine_of(store: Any) -> Engine:
    """A Store (anything with `.engine`) or an Engine."""
    engine = getattr(store, "engine", store)
    if not isinstance(engine, Engine):
        raise UsageError(f"not a store or an engine: {store!r}")
    return engine


def _as_date(value: dt.date | str | None, what: str) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{what}: not a YYYY-MM-DD date: {value!r}") from None


def party_periods(
    charter: Charter, registry: dict[str, Alliance]
) -> tuple[dict[str, sqlhelp.Periods], dict[str, sqlhelp.Periods]]:
    """(members, adversaries): code -> the days it was in that set."""
    members = {
        code: sqlhelp.merge_periods(spans)
        for code, spans in registry[charter.alliance].member_periods().items()
    }
    adversaries: dict[str, sqlhelp.Periods] = {}
    for adv in charter.adversaries:
        first, last = adv.start or sqlhelp.FIRST_DAY, adv.end or sqlhelp.LAST_DAY
        adversaries.setdefault(adv.code, []).append((first, last))
        if adv.with_members:
            for code, spans in registry[adv.code].member_periods().items():
                adversaries.setdefault(code, []).extend(sqlhelp.intersect(spans, first, last))
    return members, {code: sqlhelp.merge_periods(spans) for code, spans in adversaries.items()}


def _records(conn: Connection, ids: Sequence[str]) -> dict[str, _Record]:
    ev, doc = schema.events, schema.documents
    ie, inc = schema.incident_events, schema.incidents
    out: dict[str, _Record] = {}
    for i in range(0, len(ids), _BATCH):
        batch = list(ids[i : i + _BATCH])
        query = (
            select(
                ev.c.id,
                ev.c.doc_id,
                ev.c.date_first,
                ev.c.date_last,
                ev.c.report_date,
                ev.c.hedged,
                ev.c.review,
                func.substr(doc.c.text, ev.c.start + 1, ev.c.end - ev.c.start),
                doc.c.url,
                doc.c.source,
                ie.c.incident_id,
                inc.c.disputed,
            )
            .select_from(ev)
            .join(doc, doc.c.id == ev.c.doc_id)
            .outerjoin(ie, and_(ie.c.event_id == ev.c.id, ie.c.relation == "reports"))
            .outerjoin(inc, inc.c.id == ie.c.incident_id)
            .where(ev.c.id.in_(batch))
        )
        for row in conn.execute(query):
            (
                eid,
                doc_id,
                first,
                last,
                report,
                hedged,
                review,
                quote,
                url,
                source,
                incident,
                disputed,
            ) = row
            if eid in out and (out[eid].incident or 0) <= (incident or 0):
                continue
            out[eid] = _Record(
                eid, doc_id, first, last, report, bool(hedged), review == "rejected",
                (quote or "").strip(), url, f"source:{source}" if source else f"doc:{doc_id}",
                incident, bool(disputed),
            )  # fmt: skip
    return out


def _finding(
    rule: Rule, member: str, matches: list[Match], records: list[_Record], rejected: int
) -> Finding:
    counterparts = sorted({c for m in matches for c in m.counterparts})
    sources = len({r.source_key for r in records})
    disputed = any(r.disputed for r in records)
    all_hedged = bool(records) and all(r.hedged for r in records)
    firsts = [r.date_first for r in records if r.date_first]
    lasts = [r.date_last or r.date_first for r in records if r.date_first]
    evidence: list[Evidence] = []
    seen: set[tuple[str, str]] = set()
    for r in records:
        if (r.doc_id, r.quote) not in seen:
            seen.add((r.doc_id, r.quote))
            evidence.append(Evidence(r.doc_id, r.quote, r.url))
    grade_ = (
        grade(disputed=disputed, all_hedged=all_hedged, sources=sources)
        if records
        else "single-source"
    )
    parts = [f"{member}" + (f" with {', '.join(counterparts)}" if counterparts else "")]
    verb = "breaks" if rule.status == "in_force" else "would break the proposed rule"
    parts.append(f"{verb} {rule.id} ({rule.source})")
    notes = sorted({m.note for m in matches if m.note})
    if notes:
        parts.append("; ".join(notes))
    if records:
        parts.append(f"{len(records)} record(s) from {sources} independent source(s)")
    else:
        parts.append("no record shows the decision implemented")
    if any(r.date_first is None for r in records):
        parts.append("undated records checked on their report date")
    if disputed:
        parts.append("a report disputes this incident")
    if all_hedged:
        parts.append("every report is hedged (alleged, unconfirmed)")
    if rejected:
        parts.append(f"{rejected} record(s) a reviewer rejected are not counted")
    return Finding(
        rule=rule.id, status=rule.status, member=member, counterparts=counterparts,
        events=[r.id for r in records], evidence=evidence,
        first_date=min(firsts).isoformat() if firsts else None,
        last_date=max(d for d in lasts if d).isoformat() if lasts else None,
        sources=sources, grade=grade_, explanation="; ".join(parts) + ".", severity=rule.severity,
    )  # fmt: skip


def _group(rule: Rule, matches: Iterable[Match], records: dict[str, _Record]) -> list[Finding]:
    """One finding per (member, incident): mentions of one event in many documents count once."""
    groups: dict[tuple[str, str], list[Match]] = {}
    for m in matches:
        if m.key is not None:
            key = m.key
        else:
            rec = records.get(m.event_ids[0]) if m.event_ids else None
            key = (
                f"incident:{rec.incident}"
                if rec and rec.incident is not None
                else f"event:{m.event_ids[0]}"
            )
        groups.setdefault((m.member, key), []).append(m)
    out: list[Finding] = []
    for (member, _key), ms in groups.items():
        ids = sorted({eid for m in ms for eid in m.event_ids})
        recs = [records[i] for i in ids if i in records]
        kept = [r for r in recs if not r.rejected]
        if ids and not kept:
            continue  # every record behind it was rejected by a reviewer: no evidence left
        out.append(_finding(rule, member, ms, kept, len(recs) - len(kept)))
    return out


def check(
    store: Any,
    charter: Charter | str,
    since: dt.date | str | None = None,
    until: dt.date | str | None = None,
    member: str | None = None,
    *,
    as_of: dt.date | None = None,
    registry: dict[str, Alliance] | None = None,
) -> list[Finding]:
    """Every finding of `charter` over the store, in rule order, then member, then date."""
    reg = registry if registry is not None else load_alliances()
    chart = load_charter(charter, reg) if isinstance(charter, str) else charter
    members, adversaries = party_periods(chart, reg)
    since_d, until_d = _as_date(since, "--since"), _as_date(until, "--until")
    findings: list[Finding] = []
    with engine_of(store).connect() as conn:
        for rule in chart.rules:
            template = TEMPLATES[rule.template]
            ctx = RuleContext(
                charter=chart, rule=rule, params=with_defaults(template, rule.params),
                member_periods=members, adversary_periods=adversaries,
                since=since_d, until=until_d, member=member.upper() if member else None,
                as_of=as_of or dt.date.today(),
            )  # fmt: skip
            matches = template().find(conn, ctx)
            ids = sorted({eid for m in matches for eid in m.event_ids})
            records = _records(conn, ids)
            rule_findings = _group(rule, matches, records)
            rule_findings.sort(key=lambda f: (f.member, f.first_date or "9999", f.events))
            findings += rule_findings
    return findings


def findings_json(charter: Charter, findings: list[Finding]) -> dict[str, Any]:
    return {"charter": charter.id, "findings": [f.to_dict() for f in findings]}
