"""findings: stored findings with first/last seen and an analyst's state; webhook deliveries

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06 17:00:00

A finding's id is a hash of (charter, rule, incident or decision, member), so a
recomputation finds the same row: `first_seen` stays, `last_seen` moves, and an
analyst's confirm or dismiss (with a note) is kept. `deliveries` queues one
webhook POST per new finding and webhook, and records how it went.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

_JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")
_TIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "findings",
        sa.Column("id", sa.String(16), primary_key=True),
        sa.Column("charter", sa.String(200), nullable=False),
        sa.Column("rule", sa.String(200), nullable=False),
        sa.Column("member", sa.String(12), nullable=False),
        sa.Column("incident", sa.Integer),
        sa.Column("first_seen", _TIME, nullable=False),
        sa.Column("last_seen", _TIME, nullable=False),
        sa.Column("state", sa.String(12), nullable=False, server_default="open"),
        sa.Column("note", sa.Text),
        sa.Column("state_by", sa.String(80)),
        sa.Column("state_at", _TIME),
        sa.Column("digest", sa.String(16), nullable=False),
        sa.Column("data", _JSON, nullable=False),
    )
    op.create_index("ix_findings_charter_seen", "findings", ["charter", "first_seen"])
    op.create_table(
        "deliveries",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "finding_id",
            sa.String(16),
            sa.ForeignKey("findings.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("webhook", sa.String(300), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("created_at", _TIME, nullable=False),
        sa.Column("due_at", _TIME, nullable=False),
        sa.Column("delivered_at", _TIME),
        sa.Column("last_status", sa.Integer),
        sa.Column("last_error", sa.Text),
        sa.UniqueConstraint("finding_id", "webhook", name="uq_deliveries_finding_webhook"),
    )
    op.create_index("ix_deliveries_due", "deliveries", ["status", "due_at"])


def downgrade() -> None:
    op.drop_index("ix_deliveries_due", table_name="deliveries")
    op.drop_table("deliveries")
    op.drop_index("ix_findings_charter_seen", table_name="findings")
    op.drop_table("findings")
