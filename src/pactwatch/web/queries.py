"""The SQL behind the pages and the API: filters, pages, aggregates.

Every value from a request reaches the database as a bound parameter; lists are
paginated and totals capped in SQL so that a page costs the same on 1,000 or
1,000,000 records.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextvars import ContextVar, Token
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, Select, and_, exists, func, or_, select

from pactwatch.errors import NotFound
from pactwatch.store import Store
from pactwatch.store.events import event_from_row
from pactwatch.store.schema import audit_log, documents, entities, events, reviews
from pactwatch.web import search

# totals above this are shown as "more than …": counting further is what makes pages slow
COUNT_CAP = 10_000
# records are counted only this far (a search tests each row it counts against its index)
EVENT_COUNT_CAP = 500
# characters of a document's text searched for the passage /documents?q= shows
SNIPPET_FROM = 20_000
# a participant with fewer records than this is fetched by code, not found by a date scan
RARE = 5_000

FACTUALITY = ("factual", "not_factual", "hedged")
REVIEW_STATES = ("unreviewed", "confirmed", "rejected", "corrected")

# the sortable columns of /events: name -> key (newest first is "-date", the default)
SORT_KEYS = {
    "date": events.c.date_first,
    "type": events.c.event,
    "kind": events.c.kind,
    "report": events.c.report_date,
    "confidence": events.c.confidence,
}
SORTS = tuple(f"{sign}{name}" for name in SORT_KEYS for sign in ("", "-"))
# sorts with an index in their exact order, blanks last (migration 0011's sort indexes, and the
# date index for newest first): a page walks it and tests each row, rather than sorting every
# match, unless a filter is rare
WALKED_SORTS = ("-date", "date", "kind", "-kind", "report", "-report")


@dataclass(slots=True)
class EventFilter:
    """The filters of /events and /api/events; empty fields filter nothing."""

    type: str | None = None
    kind: str | None = None
    actor: str | None = None
    recipient: str | None = None
    since: date | None = None
    until: date | None = None
    factuality: str | None = None
    source: str | None = None
    doc: str | None = None
    review: str | None = None
    q: str | None = None  # full-text search of the evidence sentences
    sort: str | None = None  # one of SORTS; None is newest first
    # set by _scan_by_date: whether q matches many records (then each row is tested
    # against the index, rather than every match listed first); not a filter
    q_common: bool | None = None

    def params(self) -> dict[str, str]:
        """The non-empty filters as query parameters (for links to other pages)."""
        out: dict[str, str] = {}
        for key in self.__slots__:
            if key == "q_common":
                continue
            value = getattr(self, key)
            if value not in (None, ""):
                out[key] = value.isoformat() if isinstance(value, date) else str(value)
        return out


@dataclass(slots=True)
class Page:
    rows: list[dict[str, Any]]
    page: int
    per_page: int
    has_next: bool
    total: int | None = None  # capped at cap + 1; None where not counted
    cap: int = COUNT_CAP

    @property
    def total_label(self) -> str:
        if self.total is None:
            return ""
        return f"more than {self.cap:,}" if self.total > self.cap else f"{self.total:,}"


def _participant(role: str, code: str) -> Any:
    return exists().where(
        and_(entities.c.event_id == events.c.id, entities.c.role == role, entities.c.code == code)
    )


def _conditions(f: EventFilter, by_date: bool = False, dialect: str = "sqlite") -> list[Any]:
    """The WHERE terms. With `by_date`, type and kind are wrapped so that no index serves
    them and the planner walks the date index; factuality always is, since (factual,
    event) would win over (event, date_first) and then every match needs sorting."""

    def col(c: Any, default: Any, always: bool = False) -> Any:
        return func.coalesce(c, default) if by_date or always else c

    cond: list[Any] = []
    if f.type:
        cond.append(col(events.c.event, "") == f.type)
    if f.kind:
        cond.append(col(events.c.kind, "") == f.kind)
    if f.actor:
        cond.append(_participant("actor", f.actor.strip().upper()))
    if f.recipient:
        cond.append(_participant("recipient", f.recipient.strip().upper()))
    if f.since:
        cond.append(events.c.date_last >= f.since)
    if f.until:
        cond.append(events.c.date_first <= f.until)
    if f.factuality == "factual":
        cond.append(col(events.c.factual, False, True).is_(True))
    elif f.factuality == "not_factual":
        cond.append(col(events.c.factual, True, True).is_(False))
    elif f.factuality == "hedged":
        cond.append(col(events.c.hedged, False, True).is_(True))
    if f.source:
        cond.append(
            exists().where(and_(documents.c.id == events.c.doc_id, documents.c.source == f.source))
        )
    if f.doc:
        cond.append(events.c.doc_id == f.doc)
    if f.review == "unreviewed":
        cond.append(events.c.review.is_(None))
    elif f.review:
        cond.append(events.c.review == f.review)
    if f.q and search.terms(f.q):
        cond.append(search.condition(search.terms(f.q), dialect, bool(f.q_common)))
    return cond


def _order(f: EventFilter) -> str:
    """The sort that gives the page's order: sorting one type (or kind) by type (or kind)
    is newest first, which its (type|kind, first day) index gives without sorting."""
    sort = f.sort or "-date"
    name = sort.lstrip("-")
    if (name == "type" and f.type) or (name == "kind" and f.kind):
        return "-date"
    return sort


def _scan_by_date(conn: Connection, f: EventFilter) -> bool:
    """Whether to walk the index of the page's order and test each row (fast unless the
    filter is rare).

    A page is the first `per_page` matches in its order: walking the date index backwards
    (newest first), or a sort index (kind, report date, oldest first), finds them after a
    few thousand rows for the usual filters. A rare participant code, type or kind (or one
    document) is faster the other way round: fetch its few records, then sort them.
    """
    parsed = search.terms(f.q)
    if parsed and f.q_common is None:
        f.q_common = search.count_events(conn, parsed, conn.dialect.name, RARE) >= RARE
    sort = _order(f)
    if f.doc or sort not in WALKED_SORTS:
        return False  # one document's records are few
    if sort == "-date" and (f.type or f.kind):
        return False  # (event|kind, date_first) give the order already
    # sorted by a column that can be blank: its index gives the order, a type or kind is
    # tested row by row, unless so rare that sorting its few records is cheaper
    for column, value in ((events.c.event, f.type), (events.c.kind, f.kind)):
        if value:
            few = select(events.c.id).where(column == value).limit(RARE).subquery()
            if conn.execute(select(func.count()).select_from(few)).scalar_one() < RARE:
                return False
    # a rare word: fetch its few records and sort them; a common one: walk the dates
    if parsed and not f.q_common:
        return False
    for role, code in (("actor", f.actor), ("recipient", f.recipient)):
        if code:
            inner = select(entities.c.id).where(entities.c.code == code, entities.c.role == role)
            n = conn.execute(
                select(func.count()).select_from(inner.limit(RARE).subquery())
            ).scalar_one()
            if n < RARE:
                return False
    return True


def filtered_events(f: EventFilter, dialect: str = "sqlite", by_date: bool = False) -> Select[Any]:
    """All matching events, newest first (undated last), in a stable order."""
    query = select(events)
    cond = _conditions(f, by_date, dialect)
    if cond:
        query = query.where(and_(*cond))
    # a rare search on PostgreSQL: its few matches found first and sorted. Ordered by the bare
    # columns, the planner walks an index in that order, testing each record against the
    # search, until it has a page: every record when the words occur nowhere
    fetch_first = dialect == "postgresql" and f.q_common is False

    def col(c: Any) -> Any:
        return func.coalesce(c, None) if fetch_first else c

    # SQLite puts undated records (NULL) last in DESC order by itself; PostgreSQL needs telling
    first = col(events.c.date_first).desc()
    newest = first if dialect == "sqlite" else first.nulls_last()
    sort = _order(f)
    key = SORT_KEYS[sort.lstrip("-")]
    if key is events.c.date_first:
        if sort == "-date":
            return query.order_by(newest, events.c.id)
        # oldest first, undated last
        return query.order_by(key.is_(None), col(key), events.c.id)
    # blanks last either way (a test only where there can be blanks: it costs the index),
    # then newest first within equal values
    order = col(key).desc() if sort.startswith("-") else col(key).asc()
    blanks_last = [key.is_(None)] if key.nullable else []
    return query.order_by(*blanks_last, order, newest, events.c.id)


def record_of(row: Any) -> dict[str, Any]:
    """A row as its event record (event-record.md keys, in order) plus its review state."""
    record = event_from_row(row).to_dict()
    record["review"] = row["review"]
    return record


def event_page(
    store: Store,
    f: EventFilter,
    page: int,
    per_page: int,
    *,
    count: bool = False,
    known_total: int | None = None,
) -> Page:
    """A page of matching records; with `count`, the total too (capped at EVENT_COUNT_CAP
    + 1), unless the caller already knows it (`known_total`, as capped)."""
    with store.engine.connect() as conn:
        query = filtered_events(f, store.dialect, by_date=_scan_by_date(conn, f))
        rows = conn.execute(query.limit(per_page + 1).offset((page - 1) * per_page)).mappings()
        records = [record_of(r) for r in rows]
        total = known_total
        if count and total is None:
            total = len(records) + (page - 1) * per_page
            if len(records) > per_page or page > 1:
                # counting stops at the cap: "more than 500" costs what 501 rows cost
                ids = filtered_events(f, store.dialect).with_only_columns(events.c.id)
                capped = ids.order_by(None).limit(EVENT_COUNT_CAP + 1).subquery()
                total = conn.execute(select(func.count()).select_from(capped)).scalar_one()
    return Page(records[:per_page], page, per_page, len(records) > per_page, total, EVENT_COUNT_CAP)


def sentences(store: Store, records: list[dict[str, Any]]) -> dict[str, str]:
    """Each record's evidence sentence, by record id (read from its document's text)."""
    ids = [r["id"] for r in records]
    if not ids:
        return {}
    query = (
        select(
            events.c.id,
            func.substr(documents.c.text, events.c.start + 1, events.c.end - events.c.start),
        )
        .join(documents, documents.c.id == events.c.doc_id)
        .where(events.c.id.in_(ids))
    )
    with store.engine.connect() as conn:
        return {str(i): str(s or "") for i, s in conn.execute(query)}


def iter_records(store: Store, f: EventFilter, chunk: int = 1000) -> Iterator[dict[str, Any]]:
    """Every matching record, streamed (for CSV and JSONL export)."""
    with store.engine.connect() as conn:
        result = (
            conn.execution_options(yield_per=chunk)
            .execute(filtered_events(f, store.dialect))
            .mappings()
        )
        for row in result:
            yield record_of(row)


def recent_events(store: Store, limit: int = 12) -> list[dict[str, Any]]:
    """The latest dated records (uses the date index: no sort of the whole table)."""
    query = (
        select(events)
        .where(events.c.date_first.is_not(None))
        .order_by(events.c.date_first.desc(), events.c.id)
        .limit(limit)
    )
    with store.engine.connect() as conn:
        return [record_of(r) for r in conn.execute(query).mappings()]


def get_event_detail(store: Store, event_id: str) -> dict[str, Any]:
    """One record with its document and its review history; NotFound if absent."""
    with store.engine.connect() as conn:
        row = conn.execute(select(events).where(events.c.id == event_id)).mappings().first()
        if row is None:
            raise NotFound(f"no event record {event_id!r}", fix="check the id in /events")
        doc = conn.execute(select(documents).where(documents.c.id == row["doc_id"])).mappings()
        history = conn.execute(
            select(reviews).where(reviews.c.event_id == event_id).order_by(reviews.c.id)
        ).mappings()
        return {
            "record": record_of(row),
            "document": dict(doc.first() or {}),
            "history": [dict(h) for h in history],
        }


def document_page(store: Store, page: int, per_page: int, q: str | None = None) -> Page:
    """A page of documents, newest first; `q` keeps those whose title or text matches."""
    parsed = search.terms(q)
    n_events = (
        select(func.count()).where(events.c.doc_id == documents.c.id).scalar_subquery()
    ).label("n_events")
    query = (
        select(
            documents.c.id,
            documents.c.title,
            documents.c.source,
            documents.c.url,
            documents.c.report_date,
            n_events,
        )
        .order_by(documents.c.report_date.is_(None), documents.c.report_date.desc(), documents.c.id)
        .limit(per_page + 1)
        .offset((page - 1) * per_page)
    )
    everything = select(documents.c.id)
    if parsed:
        # the beginning of each text, where the page looks for a passage with the words
        query = query.add_columns(func.substr(documents.c.text, 1, SNIPPET_FROM).label("head"))
        query = query.where(documents.c.id.in_(search.document_ids(parsed, store.dialect)))
        everything = everything.where(
            documents.c.id.in_(search.document_ids(parsed, store.dialect))
        )
    with store.engine.connect() as conn:
        rows = [dict(r) for r in conn.execute(query).mappings()]
        total = conn.execute(
            select(func.count()).select_from(everything.limit(COUNT_CAP + 1).subquery())
        ).scalar_one()
    return Page(rows[:per_page], page, per_page, len(rows) > per_page, int(total))


def get_document_detail(store: Store, doc_id: str) -> dict[str, Any]:
    with store.engine.connect() as conn:
        doc = conn.execute(select(documents).where(documents.c.id == doc_id)).mappings().first()
        if doc is None:
            raise NotFound(f"no document {doc_id!r}", fix="check the id in /api/documents")
        rows = conn.execute(
            select(events).where(events.c.doc_id == doc_id).order_by(events.c.n)
        ).mappings()
        return {"document": dict(doc), "events": [record_of(r) for r in rows]}


def timeline(
    store: Store,
    codes: list[str] | None = None,
    since: date | None = None,
    until: date | None = None,
) -> list[dict[str, Any]]:
    """Factual records per month and actor (optionally only `codes`), split by kind.

    Aggregated in SQL; the month is the first day's month, formatted in Python so the
    query is the same on SQLite and PostgreSQL.
    """
    month = events.c.date_first
    query = (
        select(entities.c.code, month, events.c.kind, func.count().label("n"))
        .join(entities, and_(entities.c.event_id == events.c.id, entities.c.role == "actor"))
        .where(events.c.date_first.is_not(None), events.c.factual.is_(True))
        .where(or_(events.c.review.is_(None), events.c.review != "rejected"))
        .group_by(entities.c.code, month, events.c.kind)
    )
    if codes:
        query = query.where(entities.c.code.in_(codes))
    if since:
        query = query.where(events.c.date_first >= since)
    if until:
        query = query.where(events.c.date_first <= until)
    buckets: dict[tuple[str, str, str], int] = {}
    with store.engine.connect() as conn:
        for code, first, kind, n in conn.execute(query):
            day = first if isinstance(first, date) else date.fromisoformat(str(first))
            label = {"armed_clash": "clash", "military_exercise": "exercise"}.get(kind, "other")
            key = (code, day.strftime("%Y-%m-01"), label)
            buckets[key] = buckets.get(key, 0) + int(n)
    return [
        {"member": c, "month": m, "category": k, "events": n}
        for (c, m, k), n in sorted(buckets.items())
    ]


# one GET request's view of the data version: the page cache starts a scope per request (a
# dict the threads serving it share), so that the page, the findings and the overview's
# counts ask the database once, and all see the same version
_request_scope: ContextVar[dict[str, tuple[int, int, int]] | None] = ContextVar(
    "pactwatch_request_scope", default=None
)


def request_scope() -> Token[dict[str, tuple[int, int, int]] | None]:
    """Start a request's scope (see `_request_scope`); reset it with the token after."""
    return _request_scope.set({})


def end_request_scope(token: Token[dict[str, tuple[int, int, int]] | None]) -> None:
    _request_scope.reset(token)


def data_version(store: Store) -> tuple[int, int, int]:
    """Changes whenever a review is written or documents are added: the findings cache key."""
    scope = _request_scope.get()
    key = str(store.url)
    if scope is not None and key in scope:
        return scope[key]
    version = _read_version(store)
    if scope is not None:
        scope[key] = version
    return version


def _read_version(store: Store) -> tuple[int, int, int]:
    with store.engine.connect() as conn:
        row = conn.execute(
            select(
                select(func.max(audit_log.c.id)).scalar_subquery(),
                select(func.count()).select_from(documents).scalar_subquery(),
                select(func.max(reviews.c.id)).scalar_subquery(),
            )
        ).one()
    return int(row[0] or 0), int(row[1] or 0), int(row[2] or 0)
