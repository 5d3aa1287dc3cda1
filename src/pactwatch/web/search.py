"""Full-text search `q` over evidence sentences and documents (migration 0008's indexes).

A query is words and "quoted phrases"; every one must occur (stemmed: "clashes"
finds "clash"). Whatever else the user typed (operators, brackets, stars) is
dropped rather than handed to FTS5's query language, so no input is a syntax error
there; the terms reach the database as a bound parameter, never inside the SQL.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import Connection, column, exists, func, literal_column, select, table, text

from pactwatch.store.schema import documents, events

MAX_TERMS = 12

_TERM = re.compile(r'"([^"]*)"|(\S+)')
_WORD = re.compile(r"\w+")

_events_fts = table("events_fts", column("rowid"))
_documents_fts = table("documents_fts", column("rowid"))
_event_keys = table("search_event_keys", column("id"), column("event_id"))
_doc_keys = table("search_doc_keys", column("id"), column("doc_id"))
_event_search = table("event_search", column("event_id"), column("tsv"))


def terms(q: str | None) -> list[list[str]]:
    """The query as terms, each a list of words (one word, or a phrase's words)."""
    out: list[list[str]] = []
    for match in _TERM.finditer(q or ""):
        words = _WORD.findall(match.group(1) if match.group(1) is not None else match.group(2))
        if words:
            out.append([w.lower() for w in words])
    return out[:MAX_TERMS]


def _fts5(parsed: list[list[str]]) -> str:
    # each term a quoted FTS5 string (a phrase when it has several words): implicit AND
    return " ".join('"' + " ".join(words) + '"' for words in parsed)


def _websearch(parsed: list[list[str]]) -> str:
    return " ".join(
        ('"' + " ".join(words) + '"') if len(words) > 1 else words[0] for words in parsed
    )


def _pg_doc_vector() -> Any:
    # the expression of migration 0008's index ix_documents_search, word for word
    return literal_column(
        "to_tsvector('english', coalesce(documents.title, '') || ' ' || left(documents.text, 300000))"
    )


def event_ids(parsed: list[list[str]], dialect: str) -> Any:
    """A subquery of the ids of records whose evidence sentence matches."""
    if dialect == "postgresql":
        return select(_event_search.c.event_id).where(
            _event_search.c.tsv.op("@@")(func.websearch_to_tsquery("english", _websearch(parsed)))
        )
    matching = select(_events_fts.c.rowid).where(
        text("events_fts MATCH :events_q").bindparams(events_q=_fts5(parsed))
    )
    return select(_event_keys.c.event_id).where(_event_keys.c.id.in_(matching))


def document_ids(parsed: list[list[str]], dialect: str) -> Any:
    """A subquery of the ids of documents whose title or text matches."""
    if dialect == "postgresql":
        query = func.websearch_to_tsquery("english", _websearch(parsed))
        return select(documents.c.id).where(_pg_doc_vector().op("@@")(query))
    matching = select(_documents_fts.c.rowid).where(
        text("documents_fts MATCH :documents_q").bindparams(documents_q=_fts5(parsed))
    )
    return select(_doc_keys.c.doc_id).where(_doc_keys.c.id.in_(matching))


def count_events(conn: Connection, parsed: list[list[str]], dialect: str, cap: int) -> int:
    """How many records match, counting no further than `cap` (read from the index alone:
    one index row per record)."""
    if dialect == "postgresql":
        query = func.websearch_to_tsquery("english", _websearch(parsed))
        inner: Any = select(_event_search.c.event_id).where(_event_search.c.tsv.op("@@")(query))
    else:
        inner = select(_events_fts.c.rowid).where(
            text("events_fts MATCH :events_q").bindparams(events_q=_fts5(parsed))
        )
    counted = select(func.count()).select_from(inner.limit(cap).subquery())
    return int(conn.execute(counted).scalar_one())


def condition(parsed: list[list[str]], dialect: str, common: bool = False) -> Any:
    """The WHERE term on `events` for a search.

    A rare search lists its matches first (`id IN (...)`). A common one is tested row by
    row as a page walks its index in order: listing 200,000 matches to show 50 is what
    made such a page slow. PostgreSQL's planner chooses for itself given EXISTS."""
    if dialect == "postgresql":
        query = func.websearch_to_tsquery("english", _websearch(parsed))
        return exists().where(
            _event_search.c.event_id == events.c.id, _event_search.c.tsv.op("@@")(query)
        )
    if not common:
        return events.c.id.in_(event_ids(parsed, dialect))
    # FTS5 seeks a rowid inside a full-text query: a few B-tree steps per row
    match = text("events_fts MATCH :events_q").bindparams(events_q=_fts5(parsed))
    return exists().where(
        _event_keys.c.event_id == events.c.id,
        _events_fts.c.rowid == _event_keys.c.id,
        match,
    )
