"""provenance: where each record comes from

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06 16:50:00

event-record.md's `provenance` extension: for an extracted record the extractor's
version and the sha256 of its model, for an imported one the dataset row. Records
stored before this revision have none (NULL).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.add_column(
            sa.Column(
                "provenance",
                sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
                nullable=True,
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.drop_column("provenance")
