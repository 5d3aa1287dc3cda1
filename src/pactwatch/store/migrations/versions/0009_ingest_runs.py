"""ingest_runs: each ingest, local or distributed, as `pactwatch status` shows it

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06 18:10:00

One row per ingest: who started it, where (host and pid), on which scheduler,
its counts as batches are acknowledged, and a heartbeat; a row still `running`
whose heartbeat stopped is shown as stopped without finishing.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

_TIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "ingest_runs",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("scheduler", sa.String(300)),
        sa.Column("started_by", sa.String(80), nullable=False),
        sa.Column("host", sa.String(255), nullable=False),
        sa.Column("pid", sa.Integer, nullable=False),
        sa.Column("inputs", sa.Text),
        sa.Column("started_at", _TIME, nullable=False),
        sa.Column("heartbeat_at", _TIME, nullable=False),
        sa.Column("finished_at", _TIME),
        sa.Column("state", sa.String(12), nullable=False),
        sa.Column("batches_queued", sa.Integer, nullable=False, server_default="0"),
        sa.Column("batches_done", sa.Integer, nullable=False, server_default="0"),
        sa.Column("batches_retried", sa.Integer, nullable=False, server_default="0"),
        sa.Column("documents_new", sa.Integer, nullable=False, server_default="0"),
        sa.Column("documents_unchanged", sa.Integer, nullable=False, server_default="0"),
        sa.Column("documents_rejected", sa.Integer, nullable=False, server_default="0"),
        sa.Column("records", sa.Integer, nullable=False, server_default="0"),
        sa.Column("error", sa.Text),
    )
    op.create_index("ix_ingest_runs_started", "ingest_runs", ["started_at"])


def downgrade() -> None:
    op.drop_index("ix_ingest_runs_started", table_name="ingest_runs")
    op.drop_table("ingest_runs")
