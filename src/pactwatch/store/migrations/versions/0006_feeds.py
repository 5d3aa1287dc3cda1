"""feeds: what `pactwatch watch` polls, and every item it has read

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06 17:10:00

`feeds` keeps each feed's validators (ETag, Last-Modified) for conditional GETs;
`feed_items` queues each item read from a feed until its page is stored or
rejected, so a watch that is killed resumes without fetching or storing twice.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "feeds",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("url", sa.String(2048), nullable=False, unique=True),
        sa.Column("name", sa.String(200)),
        sa.Column("etag", sa.Text()),
        sa.Column("last_modified", sa.String(100)),
        sa.Column("polled_at", sa.DateTime(timezone=True)),
        sa.Column("status", sa.Integer()),
        sa.Column("error", sa.Text()),
    )
    op.create_table(
        "feed_items",
        sa.Column(
            "feed_id",
            sa.Integer(),
            sa.ForeignKey("feeds.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("link", sa.Text(), nullable=False),
        sa.Column("title", sa.Text()),
        sa.Column("report_date", sa.String(10)),
        sa.Column("state", sa.String(10), nullable=False),
        sa.Column("doc_id", sa.String(200)),
        sa.Column("reason", sa.Text()),
        sa.Column("attempts", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("done_at", sa.DateTime(timezone=True)),
    )
    op.create_index("ix_feed_items_state", "feed_items", ["feed_id", "state"])


def downgrade() -> None:
    op.drop_index("ix_feed_items_state", table_name="feed_items")
    op.drop_table("feed_items")
    op.drop_table("feeds")
