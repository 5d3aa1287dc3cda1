"""`check(store, charter)`: run each rule's template as SQL, group matches by incident, grade them.

Templates return only the records that break a rule; this module fetches those
records' evidence (one query per batch of ids), groups them by the incidents
`corroborate` stored (records from several documents about one event), counts
independent sources per incident and grades each finding. One finding per
member, rule and incident; its id is a hash of those and the charter.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, and_, func, select

from pactwatch.check import ladder, sqlhelp, stored
from pactwatch.check.charter import Charter, Rule, load_charter
from pactwatch.check.findings import Evidence, Finding, finding_id, grade
from pactwatch.check.ladder import Consequence
from pactwatch.check.templates import TEMPLATES, Match, RuleContext, with_defaults
from pactwatch.corroborate.days import display
from pactwatch.errors import UsageError
from pactwatch.knowledge.alliances import Alliance, load_alliances
from pactwatch.records import COOPERATION_TYPES
from pactwatch.sources import count_independent, url_key
from pactwatch.store import schema

_BATCH = 500


@dataclass(slots=True)
class _Record:
    id: str
    doc_id: str
    date: str | None  # as the text gives it: YYYY-MM-DD, YYYY-MM or YYYY
    enddate: str | None
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
    incident_dates: tuple[str | None, str | None] = (None, None)
    # who asserts it, when only parties to it do (one side's account, not the document's)
    claimants: frozenset[str] = frozenset()
    # the report's URL as a source (sources.url_key): one article's records are one source
    # under any id or outlet, and a dataset row is the article at its URL
    url_key: str | None = None


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


def _claims(conn: Connection, ids: list[str]) -> dict[str, frozenset[str]]:
    """Records asserted only by their own parties: event id -> those parties' codes.

    Not a joint deed of cooperation told by those who did it together ("the exercise
    brought together US, Kazakh and Kyrgyz troops, according to the US embassy"): a
    state that says it held an exercise with another speaks of its own deed, not
    against the other. One side's account of a clash, a threat or sanctions, or of
    what was done to it, stays a claim."""
    en, ev = schema.entities, schema.events
    roles: dict[str, dict[str, set[str]]] = {}
    types: dict[str, str] = {}
    query = (
        select(en.c.event_id, en.c.role, en.c.code, ev.c.event)
        .join(ev, ev.c.id == en.c.event_id)
        .where(en.c.event_id.in_(ids))
    )
    for event_id, role, code, event in conn.execute(query):
        roles.setdefault(event_id, {}).setdefault(role, set()).add(code)
        types[event_id] = event
    out: dict[str, frozenset[str]] = {}
    for event_id, by_role in roles.items():
        speakers = by_role.get("speaker", set())
        actors = by_role.get("actor", set())
        parties = actors | by_role.get("recipient", set())
        if not speakers or not speakers <= parties:
            continue
        if types[event_id] in COOPERATION_TYPES and speakers <= actors and len(actors) > 1:
            continue  # those who did it together tell of their own deed
        out[event_id] = frozenset(speakers)
    return out


def _records(conn: Connection, ids: Sequence[str]) -> dict[str, _Record]:
    ev, doc, ir = schema.events, schema.documents, schema.import_rows
    ie, inc = schema.incident_events, schema.incidents
    out: dict[str, _Record] = {}
    for i in range(0, len(ids), _BATCH):
        batch = list(ids[i : i + _BATCH])
        query = (
            select(
                ev.c.id, ev.c.doc_id, ev.c.date, ev.c.enddate, ev.c.date_first, ev.c.date_last,
                ev.c.report_date, ev.c.hedged, ev.c.review,
                func.substr(doc.c.text, ev.c.start + 1, ev.c.end - ev.c.start).label("quote"),
                doc.c.url, doc.c.source, ie.c.incident_id, inc.c.disputed,
                ir.c.dataset, ir.c.source_key, ir.c.url.label("row_url"),
                inc.c.date.label("inc_date"), inc.c.enddate.label("inc_enddate"),
            )
            .select_from(ev)
            .join(doc, doc.c.id == ev.c.doc_id)
            .outerjoin(ir, ir.c.event_id == ev.c.id)
            .outerjoin(ie, and_(ie.c.event_id == ev.c.id, ie.c.relation == "reports"))
            .outerjoin(inc, inc.c.id == ie.c.incident_id)
            .where(ev.c.id.in_(batch))
        )  # fmt: skip
        claims = _claims(conn, batch)
        for row in conn.execute(query):
            out[row.id] = _Record(
                row.id, row.doc_id, row.date, row.enddate, row.date_first, row.date_last,
                row.report_date, bool(row.hedged), row.review == "rejected",
                (row.quote or "").strip(), row.row_url or row.url, _source_key(row),
                row.incident_id, bool(row.disputed), (row.inc_date, row.inc_enddate),
                claims.get(row.id, frozenset()),
                url_key=f"url:{url_key(row.row_url or row.url)}" if row.row_url or row.url else None,
            )  # fmt: skip
    return out


def _source_key(row: Any) -> str:
    """What makes two reports independent: an imported dataset row is one source (its URL,
    else the row: import_rows.source_key), whatever NumSources says; else the publisher,
    else the document."""
    if row.dataset is not None:
        return str(row.source_key)
    return f"source:{row.source}" if row.source else f"doc:{row.doc_id}"


def _dates(records: list[_Record]) -> tuple[str | None, str | None]:
    """(first, last) at their true precision: the incident's, else the records' own.

    last equals first for a one-day (or one-month) event, as before dates had precisions.
    """
    for r in records:
        if r.incident is not None and r.incident_dates[0]:
            return r.incident_dates[0], r.incident_dates[1] or r.incident_dates[0]
    dated = [r for r in records if r.date]
    if not dated:
        return None, None
    # the most precise records speak for the dates (a day beats a month beats a year)
    best = max(len(r.date or "") for r in dated)
    precise = [r for r in dated if len(r.date or "") == best]
    first = min(r.date or "" for r in precise)
    last = max(r.enddate or r.date or "" for r in precise)
    return first, last


def _frozen_note(member: str, records: list[_Record], frozen: dict[str, Any]) -> str | None:
    """Says so when the member's participation was frozen on the finding's day (still bound)."""
    spans = [(r.date_first, r.date_last or r.date_first) for r in records if r.date_first]
    if not spans:
        spans = [(d, d) for r in records if (d := _as_day(r.report_date)) is not None]
    if not spans:
        return None
    first, last = min(a for a, _ in spans), max(b for _, b in spans)
    for period in frozen.get(member, ()):
        if period.start <= last and (period.end is None or first <= period.end):
            return f"{member}'s participation was frozen on that date (since {period.start}): still bound"
    return None


def _as_day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _finding(
    charter: str, rule: Rule, member: str, key: str, matches: list[Match],
    records: list[_Record], rejected: int, frozen: dict[str, Any] | None = None,
) -> Finding:  # fmt: skip
    counterparts = sorted({c for m in matches for c in m.counterparts})
    sources = count_independent([(r.source_key, *filter(None, [r.url_key])) for r in records])
    disputed = any(r.disputed for r in records)
    # a party's claim about another is an accusation, not a deed the text reports as fact;
    # what a member says of itself ("Armenia skipped the summit") is no accusation of it
    accused = [r for r in records if r.claimants and member not in r.claimants]
    claimants = sorted({c for r in accused for c in r.claimants})
    all_hedged = bool(records) and all(r.hedged or r in accused for r in records)
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
    incident = next((r.incident for r in records if r.incident is not None), None)
    if records:
        where = f"incident {incident}: " if incident is not None else ""
        parts.append(f"{where}{len(records)} record(s) from {sources} independent source(s)")
    else:
        parts.append("no record shows the decision implemented")
    if any(r.date_first is None for r in records):
        parts.append("undated records checked on their report date")
    if disputed:
        parts.append("a report disputes this incident")
    if all_hedged:
        if claimants and len(accused) == len(records):
            parts.append(f"asserted only by another party to it ({', '.join(claimants)})")
        else:
            parts.append("every report is hedged (alleged, unconfirmed, or a party's claim)")
    if rejected:
        parts.append(f"{rejected} record(s) a reviewer rejected are not counted")
    note = _frozen_note(member, records, frozen or {})
    if note:
        parts.append(note)
    first, last = _dates(records)
    return Finding(
        id=finding_id(charter, rule.id, key, member), rule=rule.id, status=rule.status,
        member=member, counterparts=counterparts, events=[r.id for r in records],
        evidence=evidence, first_date=first, last_date=last, sources=sources, grade=grade_,
        explanation="; ".join(parts) + ".", incident=incident, dates=display(first, last),
        severity=rule.severity, key=key,
    )  # fmt: skip


def _group(
    charter: str, rule: Rule, matches: Iterable[Match], records: dict[str, _Record],
    needs_deed: bool = False, frozen: dict[str, Any] | None = None,
) -> list[Finding]:  # fmt: skip
    """One finding per (member, incident): mentions of one event in many documents count once.

    With `needs_deed` (interaction rules), an incident that only its parties assert (one
    side's account of a clash with the other) makes no finding: it is an accusation until
    the document's own voice or a third party reports it.
    """
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
    for (member, key), ms in groups.items():
        ids = sorted({eid for m in ms for eid in m.event_ids})
        recs = [records[i] for i in ids if i in records]
        kept = [r for r in recs if not r.rejected]
        if ids and not kept:
            continue  # every record behind it was rejected by a reviewer: no evidence left
        if needs_deed and kept and all(r.claimants for r in kept):
            continue
        out.append(_finding(charter, rule, member, key, ms, kept, len(recs) - len(kept), frozen))
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
    """Every finding of `charter` over the store, in rule order, then member, then date.

    The findings are recorded in the store (`check.stored.remember`): each carries its
    stored `state`, `note`, `first_seen` and `last_seen`, and new ones are queued for
    the webhooks configured for this charter.
    """
    reg = registry if registry is not None else load_alliances()
    chart = load_charter(charter, reg) if isinstance(charter, str) else charter
    members, adversaries = party_periods(chart, reg)
    # frozen participation (Armenia from 2024-02-22) still binds; findings say so
    frozen = {m.code: m.frozen for m in reg[chart.alliance].members if m.frozen}
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
            rule_findings = _group(chart.id, rule, matches, records, template.needs_deed, frozen)
            rule_findings.sort(key=lambda f: (f.member, f.first_date or "9999", f.events))
            findings += rule_findings
    # the one place findings are stored: first/last seen, an analyst's state, webhooks queued
    stored.remember(store, chart.id, findings)
    return findings


def consequences_of(
    charter: Charter, findings: list[Finding], as_of: dt.date | None = None
) -> list[Consequence]:
    """What the charter's ladders would prescribe for each member on these findings."""
    own = {r.id: r.consequences for r in charter.rules if r.consequences is not None}
    return ladder.consequences(charter.consequences, own, findings, as_of or dt.date.today())


def findings_json(
    charter: Charter, findings: list[Finding], as_of: dt.date | None = None
) -> dict[str, Any]:
    """`pactwatch check --format json`: the findings, then the consequences the ladders give."""
    return {
        "charter": charter.id,
        "findings": [f.to_dict() for f in findings],
        "consequences": [c.to_dict() for c in consequences_of(charter, findings, as_of)],
    }
