"""The store's tables (SQLAlchemy Core). Alembic migrations in `store/migrations` create them.

Event records keep every field of event-record.md; list-valued fields are JSON,
and the fields that charters and the dashboard query are also columns with
indexes (participants in `entities`, dates as first/last day, factuality flags).
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.dialects.postgresql import JSONB

metadata = MetaData()

Json = JSON().with_variant(JSONB(), "postgresql")

documents = Table(
    "documents",
    metadata,
    # the doc id records cite: the id a JSONL line gave, else the content hash
    Column("id", String(200), primary_key=True),
    Column("sha", String(16), nullable=False, unique=True),  # hash of the normalised text
    Column("source", String(300)),
    Column("url", Text),
    Column("title", Text),
    Column("report_date", String(10), index=True),
    Column("text", Text, nullable=False),
    Column("origin", Text),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
)

# what /events filters and samples on, after the (type | kind, first day) the index is for
_COVER_EVENT = ("event", "date_first", "date_last", "factual", "kind", "doc_id", "id")
_COVER_KIND = ("kind", "date_first", "date_last", "factual", "event", "doc_id", "id")

events = Table(
    "events",
    metadata,
    Column("id", String(220), primary_key=True),  # "<doc_id>:<n>"
    Column("doc_id", String(200), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("n", Integer, nullable=False),
    Column("event", String(12), nullable=False),
    Column("mode", Json, nullable=False),
    Column("context", Json, nullable=False),
    Column("kind", String(40)),
    Column("aux", Json, nullable=False),
    # derived from aux: reported as having happened (aux empty or only "historical")
    Column("factual", Boolean, nullable=False),
    Column("actor", Json, nullable=False),
    Column("recipient", Json, nullable=False),
    Column("date", String(10)),
    Column("enddate", String(10)),
    Column("date_first", Date),  # first day the start date can mean
    Column("date_last", Date),  # last day the (end) date can mean
    Column("report_date", String(10)),
    Column("event_loc", Json),
    Column("loc_country", String(3)),
    Column("attribution", Json, nullable=False),
    Column("hedged", Boolean, nullable=False),
    Column("confidence", Float, nullable=False),
    Column("sentence", Integer, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("event_text", Text, nullable=False),
    Column("reasons", Json, nullable=False),
    # where the record comes from: extractor and model, or the imported dataset row
    Column("provenance", Json),
    # review state: null (unreviewed), "confirmed", "rejected", "corrected"
    Column("review", String(12)),
    Index("ix_events_doc", "doc_id", "n"),
    Index("ix_events_type_kind", "event", "kind"),
    Index("ix_events_dates", "date_first", "date_last"),
    Index("ix_events_factual", "factual", "event"),
    # the dashboard's pages: newest records of one type or kind without sorting all of them;
    # covering what /events filters and counts on (migration 0011), so that its facet sample
    # (thousands of candidate rows at 1,000,000 records) never reads the wide table rows
    Index("ix_events_event_date", *_COVER_EVENT),
    Index("ix_events_kind_date", *_COVER_KIND),
)

# one row per participant, so charter rules are joins rather than JSON scans
entities = Table(
    "entities",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", String(220), ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    Column("role", String(10), nullable=False),  # actor | recipient | speaker
    Column("code", String(12), nullable=False),
    Column("sector", String(8)),
    Column("text", Text, nullable=False),
    Column("qid", String(16)),
    Index("ix_entities_code_role", "code", "role", "event_id"),
    Index("ix_entities_event", "event_id", "role"),
)

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(80), nullable=False, unique=True),
    Column("role", String(12), nullable=False),  # analyst | admin
    Column("password_hash", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

reviews = Table(
    "reviews",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", String(220), ForeignKey("events.id", ondelete="CASCADE")),
    Column("doc_id", String(200), ForeignKey("documents.id", ondelete="CASCADE")),
    # confirm | reject | correct | flag_error | flag_missed
    Column("action", String(16), nullable=False),
    Column("fields", Json),  # corrected values, e.g. {"event": "ASSAULT", "actor": ["KGZ"]}
    Column("quote", Text),  # selected text, for flags
    Column("note", Text),
    Column("status", String(12), nullable=False, default="open"),  # open | done (flags)
    Column("user", String(80), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Index("ix_reviews_event", "event_id"),
    Index("ix_reviews_status", "action", "status"),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("user", String(80), nullable=False),
    Column("action", String(40), nullable=False),
    Column("target", String(240)),
    Column("detail", Json),
)

# incidents: records from different documents describing the same event
incidents = Table(
    "incidents",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event", String(12), nullable=False),
    Column("kind", String(40)),
    Column("date_first", Date),
    Column("date_last", Date),
    Column("sources", Integer, nullable=False),
    Column("disputed", Boolean, nullable=False, default=False),
    Column("first_report", String(10)),
    Column("last_report", String(10)),
    # the blocking key's parties: sorted state and organisation codes, space-separated
    Column("parties", String(200), nullable=False, server_default=""),
    # the span new records are matched against, as day numbers (days since 1970-01-01)
    Column("day_first", Integer),
    Column("day_last", Integer),
    # the span rests on precisely dated reports (else on a vague date, or on report dates)
    Column("precise", Boolean, nullable=False, server_default=false()),
    # the dates at their true precision (YYYY-MM-DD, YYYY-MM or YYYY), as the reports give them
    Column("date", String(10)),
    Column("enddate", String(10)),
    Column("loc_country", String(3)),
    Column("outlets", Integer, nullable=False, server_default="0"),
    Index("ix_incidents_block_day", "event", "parties", "day_first"),
)

incident_events = Table(
    "incident_events",
    metadata,
    Column(
        "incident_id", Integer, ForeignKey("incidents.id", ondelete="CASCADE"), primary_key=True
    ),
    Column("event_id", String(220), ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("relation", String(10), nullable=False),  # reports | disputes
    Index("ix_incident_events_event", "event_id"),
    # SQLite: the primary key is the table (migration 0010), one b-tree less per link
    sqlite_with_rowid=False,
)

# one row per record corroborate has read: the key it was linked under (see corroborate/keys.py)
incident_keys = Table(
    "incident_keys",
    metadata,
    Column("event_id", String(220), ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("doc_id", String(200), nullable=False),
    Column("outlet", String(300), nullable=False),  # the document's source, else the document
    Column("event", String(12), nullable=False),
    Column("parties", String(200), nullable=False),
    Column("kind", String(40)),
    Column("loc_country", String(3)),
    # report (a factual record), denial (a negated one) or none (planned, hypothetical, no parties)
    Column("role", String(8), nullable=False),
    Column("sort_day", Integer),
    Column("first_day", Integer),
    Column("last_day", Integer),
    Column("report_day", Integer),
    # the imported row's URL, else the document's, as stored (migration 0010): reports at
    # one URL are one source (sources.py)
    Column("url", Text),
    # the number of the corroborate run that read it (runs count up; 0: read before 0010)
    Column("run", Integer, nullable=False),
    Index("ix_incident_keys_run", "run", "event", "sort_day"),
)

# `pactwatch watch`: each feed polled, with the validators of its last good response
feeds = Table(
    "feeds",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("url", String(2048), nullable=False, unique=True),
    Column("name", String(200)),
    Column("etag", Text),  # sent back as If-None-Match
    Column("last_modified", String(100)),  # sent back as If-Modified-Since
    Column("polled_at", DateTime(timezone=True)),
    Column("status", Integer),  # HTTP status of the last poll
    Column("error", Text),  # why the last poll failed; null when it did not
)

# one row per feed item ever read: queued with the feed's validators in one transaction, so
# a watch killed part-way resumes the queue instead of losing it behind a 304
feed_items = Table(
    "feed_items",
    metadata,
    Column("feed_id", Integer, ForeignKey("feeds.id", ondelete="CASCADE"), primary_key=True),
    Column("key", String(64), primary_key=True),  # sha256 of the item's id (else its link)
    Column("link", Text, nullable=False),
    Column("title", Text),
    Column("report_date", String(10)),  # from the item (report_date_field), else the page
    # pending (to fetch) | fetched (doc_id known, maybe stored) | stored | rejected
    Column("state", String(10), nullable=False),
    Column("doc_id", String(200)),
    Column("reason", Text),  # why it was rejected, or why its last try failed
    Column("attempts", Integer, nullable=False, server_default="0"),
    Column("seen_at", DateTime(timezone=True), nullable=False),
    Column("done_at", DateTime(timezone=True)),
    Index("ix_feed_items_state", "feed_id", "state"),
)

# findings as computed by `check` (one row per id, see check/findings.finding_id): when first
# and last seen, the analyst's state (open | confirmed | dismissed) and the latest JSON
findings = Table(
    "findings",
    metadata,
    Column("id", String(16), primary_key=True),
    Column("charter", String(200), nullable=False),
    Column("rule", String(200), nullable=False),
    Column("member", String(12), nullable=False),
    Column("incident", Integer),
    Column("first_seen", DateTime(timezone=True), nullable=False),
    Column("last_seen", DateTime(timezone=True), nullable=False),
    Column("state", String(12), nullable=False, server_default="open"),
    Column("note", Text),
    Column("state_by", String(80)),
    Column("state_at", DateTime(timezone=True)),
    Column("digest", String(16), nullable=False),  # hash of `data`: rewritten only on change
    Column("data", Json, nullable=False),  # the finding as `check --format json` prints it
    Index("ix_findings_charter_seen", "charter", "first_seen"),
)

# one webhook POST per new finding and webhook (see pactwatch.notify): pending | delivered
deliveries = Table(
    "deliveries",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("finding_id", String(16), ForeignKey("findings.id", ondelete="CASCADE"), nullable=False),
    Column("webhook", String(300), nullable=False),
    Column("status", String(12), nullable=False),
    Column("attempts", Integer, nullable=False, server_default="0"),
    Column("created_at", DateTime(timezone=True), nullable=False),
    # when it may next be tried; a sender claims a row by moving this past its own send
    Column("due_at", DateTime(timezone=True), nullable=False),
    Column("delivered_at", DateTime(timezone=True)),
    Column("last_status", Integer),
    Column("last_error", Text),
    UniqueConstraint("finding_id", "webhook", name="uq_deliveries_finding_webhook"),
    Index("ix_deliveries_due", "status", "due_at"),
)

# each ingest, local or distributed (migration 0009): `pactwatch status` shows the running ones
# and the last that ended; `running` with a heartbeat long stopped is shown as stopped
ingest_runs = Table(
    "ingest_runs",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("scheduler", String(300)),  # null: extracted on the client's machine
    Column("started_by", String(80), nullable=False),
    Column("host", String(255), nullable=False),
    Column("pid", Integer, nullable=False),
    Column("inputs", Text),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("heartbeat_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True)),
    Column("state", String(12), nullable=False),  # running | finished | failed
    Column("batches_queued", Integer, nullable=False, server_default="0"),  # sent, not back
    Column("batches_done", Integer, nullable=False, server_default="0"),
    Column("batches_retried", Integer, nullable=False, server_default="0"),
    Column("documents_new", Integer, nullable=False, server_default="0"),
    Column("documents_unchanged", Integer, nullable=False, server_default="0"),
    Column("documents_rejected", Integer, nullable=False, server_default="0"),
    Column("records", Integer, nullable=False, server_default="0"),
    Column("error", Text),  # why a failed run stopped
    Index("ix_ingest_runs_started", "started_at"),  # status reads the newest (watch: one a round)
)

# what the dashboard's pages need, computed when the data changes (migration 0011): a
# charter's findings, the overview's counts; `stamp` names the data they were computed from
precomputed = Table(
    "precomputed",
    metadata,
    Column("name", String(300), primary_key=True),
    Column("stamp", String(300), nullable=False),
    Column("computed_at", DateTime(timezone=True), nullable=False),
    Column("seconds", Float, nullable=False),  # what computing it took (the refresh's cost)
    Column("value", JSON, nullable=False),  # plain JSON: read whole, never queried inside
)

# full-text search (migration 0008): made by raw DDL (FTS5 virtual tables and their shadow
# tables, triggers, PostgreSQL's tsvector table and expression index), not by this metadata
SEARCH_TABLES = ("search_event_keys", "search_doc_keys", "event_search")
SEARCH_PREFIXES = ("events_fts", "documents_fts")
SEARCH_INDEXES = ("ix_event_search_tsv", "ix_documents_search", "ix_events_located")
# /events sorted by a column that can be blank, blanks last (migration 0011): expression
# indexes on (column IS NULL, column, newest first), made by raw DDL per dialect
SORT_INDEXES = (
    "ix_events_sort_kind", "ix_events_sort_kind_desc", "ix_events_sort_report",
    "ix_events_sort_report_desc", "ix_events_sort_date",
    # PostgreSQL only: newest first with the undated last, in index order
    "ix_events_newest", "ix_events_event_newest", "ix_events_kind_newest",
)  # fmt: skip


def include_name(name: str | None, type_: str, parent_names: object) -> bool:
    """For Alembic's comparisons: leave out what the search and sort migrations made by hand."""
    if name is None:
        return True
    if type_ == "table":
        return name not in SEARCH_TABLES and not name.startswith(SEARCH_PREFIXES)
    if type_ == "index":
        return name not in SEARCH_INDEXES and name not in SORT_INDEXES
    return True


# imported records: the dataset row each came from (or could not become: event_id null and
# a reason), with its original codes and terms (docs/interop.md)
import_rows = Table(
    "import_rows",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("doc_id", String(200), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("line", Integer, nullable=False),  # the row's line in its file's document
    Column("event_id", String(220), ForeignKey("events.id", ondelete="CASCADE")),
    Column("dataset", String(20), nullable=False),
    Column("row_id", String(100), nullable=False),
    Column("url", Text),
    # what makes it one source: "url:<normalised URL>", else "row:<dataset>:<row id>"
    Column("source_key", String(300), nullable=False),
    Column("terms", Text, nullable=False),
    Column("source_codes", Json, nullable=False),
    Column("reason", Text),  # why the row has no record
    Index("ix_import_rows_row", "dataset", "row_id"),
    Index("ix_import_rows_event", "event_id", unique=True),  # one row per record (joins)
    Index("ix_import_rows_doc", "doc_id", "line"),
)

# sources naming an imported event (GDELT mentions): attached to it, no record of their own
import_sources = Table(
    "import_sources",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("file_sha", String(64), nullable=False),
    Column("line", Integer, nullable=False),
    Column("event_id", String(220), ForeignKey("events.id", ondelete="CASCADE")),
    Column("dataset", String(20), nullable=False),
    Column("event_row_id", String(100), nullable=False),
    Column("url", Text),
    Column("source", String(300)),
    Column("mentioned_at", String(20)),
    Column("source_codes", Json, nullable=False),
    Column("reason", Text),  # why it is attached to no event
    UniqueConstraint("file_sha", "line", name="uq_import_sources_line"),
    Index("ix_import_sources_event", "event_id"),
)
