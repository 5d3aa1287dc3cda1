"""corroborate: incidents keyed by block, record keys, incremental linking

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-06 14:50:00

`corroborate` links records into incidents incrementally. Incidents gain their
blocking key (event type and the parties), their span as day numbers (the
bounded window new records are matched against), the dates at their true
precision and the number of distinct outlets. `incident_keys` holds one row
per record corroborate has looked at: the key it was linked under, so that the
next run only reads records without one and a review that changes a record's
key re-links it.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # incidents from the old transitive linker have no block: start again from the records
    op.execute("DELETE FROM incident_events")
    op.execute("DELETE FROM incidents")
    with op.batch_alter_table("incidents") as batch:
        batch.add_column(
            sa.Column("parties", sa.String(length=200), nullable=False, server_default="")
        )
        batch.add_column(sa.Column("day_first", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("day_last", sa.Integer(), nullable=True))
        batch.add_column(
            sa.Column("precise", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch.add_column(sa.Column("date", sa.String(length=10), nullable=True))
        batch.add_column(sa.Column("enddate", sa.String(length=10), nullable=True))
        batch.add_column(sa.Column("loc_country", sa.String(length=3), nullable=True))
        batch.add_column(sa.Column("outlets", sa.Integer(), nullable=False, server_default="0"))
    op.create_index(
        "ix_incidents_block_day", "incidents", ["event", "parties", "day_first"], unique=False
    )
    op.create_table(
        "incident_keys",
        sa.Column("event_id", sa.String(length=220), nullable=False),
        sa.Column("doc_id", sa.String(length=200), nullable=False),
        sa.Column("outlet", sa.String(length=300), nullable=False),
        sa.Column("event", sa.String(length=12), nullable=False),
        sa.Column("parties", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=True),
        sa.Column("loc_country", sa.String(length=3), nullable=True),
        sa.Column("role", sa.String(length=8), nullable=False),
        sa.Column("sort_day", sa.Integer(), nullable=True),
        sa.Column("first_day", sa.Integer(), nullable=True),
        sa.Column("last_day", sa.Integer(), nullable=True),
        sa.Column("report_day", sa.Integer(), nullable=True),
        sa.Column("run", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("event_id"),
    )
    op.create_index("ix_incident_keys_run", "incident_keys", ["run", "event", "sort_day"])


def downgrade() -> None:
    op.drop_index("ix_incident_keys_run", table_name="incident_keys")
    op.drop_table("incident_keys")
    op.drop_index("ix_incidents_block_day", table_name="incidents")
    with op.batch_alter_table("incidents") as batch:
        for name in (
            "outlets",
            "loc_country",
            "enddate",
            "date",
            "precise",
            "day_last",
            "day_first",
            "parties",
        ):
            batch.drop_column(name)
