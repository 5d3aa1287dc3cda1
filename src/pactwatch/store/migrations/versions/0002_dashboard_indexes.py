"""dashboard indexes: newest records of one type or kind

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29 13:10:00

The dashboard's /events pages list the newest records of a type or kind; these
indexes give them in date order, so a page reads its rows instead of sorting
every match (see bench/bench_web.py).
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_events_event_date", "events", ["event", "date_first"], unique=False)
    op.create_index("ix_events_kind_date", "events", ["kind", "date_first"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_events_kind_date", table_name="events")
    op.drop_index("ix_events_event_date", table_name="events")
