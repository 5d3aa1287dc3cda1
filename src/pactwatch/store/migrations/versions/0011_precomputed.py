"""precomputed: what the dashboard's pages need, computed when the data changes

Revision ID: 0011
Revises: 0009
Create Date: 2026-12-06 19:30:00

One row per name (a charter's findings, the overview's counts): the value as
JSON and the stamp of the data it was computed from (the data version, and for
findings the charter's digest and the day). A page reads the row when its stamp
is current and computes (and stores) it otherwise.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "precomputed",
        sa.Column("name", sa.String(300), primary_key=True),
        sa.Column("stamp", sa.String(300), nullable=False),
        sa.Column("computed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("seconds", sa.Float, nullable=False),
        sa.Column("value", sa.JSON, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("precomputed")
