"""precomputed: what the dashboard's pages need, computed when the data changes; covering
and sort indexes for /events

Revision ID: 0011
Revises: 0009
Create Date: 2026-12-06 19:30:00

One row per name (a charter's findings, the overview's counts): the value as
JSON and the stamp of the data it was computed from (the data version, and for
findings the charter's digest and the day). A page reads the row when its stamp
is current and computes (and stores) it otherwise.

The two (type|kind, first day) indexes also carry what /events filters and samples
on, so that a filtered page's facet sample reads index entries only (40 -> 7 ms at
1,000,000 records); and five expression indexes let /events sort by a column that
can be blank (kind, report date, first day ascending), blanks last, without sorting
every match (200 ms -> under 1 ms at 1,000,000 records).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


_NARROW = {
    "ix_events_event_date": ["event", "date_first"],
    "ix_events_kind_date": ["kind", "date_first"],
}
_COVERING = {
    "ix_events_event_date": ["event", "date_first", "date_last", "factual", "kind", "doc_id", "id"],
    "ix_events_kind_date": ["kind", "date_first", "date_last", "factual", "event", "doc_id", "id"],
}


_LOCATED = "WHERE (event_loc ->> 'lat') IS NOT NULL"  # as migration 0008 has it


def _sort_indexes(dialect: str) -> dict[str, str]:
    """name -> the indexed expressions: what `web.queries.filtered_events` orders by, exactly
    (PostgreSQL's newest-first puts undated records last explicitly; SQLite does by itself)."""
    newest = "date_first DESC" if dialect == "sqlite" else "date_first DESC NULLS LAST"
    # PostgreSQL reads an ascending index backwards as newest first with the undated FIRST:
    # newest first, undated last, needs indexes in that order (SQLite's are read backwards)
    postgres_only = (
        {
            "ix_events_newest": f"{newest}, id",
            "ix_events_event_newest": f"event, {newest}, date_last, factual, kind, doc_id, id",
            "ix_events_kind_newest": f"kind, {newest}, date_last, factual, event, doc_id, id",
        }
        if dialect == "postgresql"
        else {}
    )
    return {
        **postgres_only,
        "ix_events_sort_kind": f"(kind IS NULL), kind, {newest}, id",
        "ix_events_sort_kind_desc": f"(kind IS NULL), kind DESC, {newest}, id",
        "ix_events_sort_report": f"(report_date IS NULL), report_date, {newest}, id",
        "ix_events_sort_report_desc": f"(report_date IS NULL), report_date DESC, {newest}, id",
        "ix_events_sort_date": "(date_first IS NULL), date_first, id",
    }


def upgrade() -> None:
    op.create_table(
        "precomputed",
        sa.Column("name", sa.String(300), primary_key=True),
        sa.Column("stamp", sa.String(300), nullable=False),
        sa.Column("computed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("seconds", sa.Float, nullable=False),
        sa.Column("value", sa.JSON, nullable=False),
    )
    for name, columns in _COVERING.items():
        op.drop_index(name, table_name="events")
        op.create_index(name, "events", columns)
    dialect = op.get_bind().dialect.name
    for name, expressions in _sort_indexes(dialect).items():
        op.execute(f"CREATE INDEX {name} ON events ({expressions})")
    if dialect == "postgresql":
        # /map's located records, newest first as the map asks (0008's ascending index would be
        # passed over for ix_events_newest, which then walks every unlocated record)
        op.execute("DROP INDEX ix_events_located")
        op.execute(
            f"CREATE INDEX ix_events_located ON events (date_first DESC NULLS LAST, id) {_LOCATED}"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX ix_events_located")
        op.execute(f"CREATE INDEX ix_events_located ON events (date_first) {_LOCATED}")
    for name in _sort_indexes(op.get_bind().dialect.name):
        op.execute(f"DROP INDEX {name}")
    for name, columns in _NARROW.items():
        op.drop_index(name, table_name="events")
        op.create_index(name, "events", columns)
    op.drop_table("precomputed")
