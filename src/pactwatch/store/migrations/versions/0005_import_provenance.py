"""import provenance: the dataset row behind each imported record, and GDELT mentions

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06 17:00:00

`import_rows`: one row per imported dataset row (dataset, row id, URL, terms, the
original codes), with the record it became, or none and the reason pactwatch
could not map it. `import_sources`: sources that name an imported event (GDELT
mentions), attached to it; they create no record.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def _json() -> sa.types.TypeEngine[Any]:
    return sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")


def upgrade() -> None:
    op.create_table(
        "import_rows",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("doc_id", sa.String(200), sa.ForeignKey("documents.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("line", sa.Integer, nullable=False),
        sa.Column("event_id", sa.String(220), sa.ForeignKey("events.id", ondelete="CASCADE")),
        sa.Column("dataset", sa.String(20), nullable=False),
        sa.Column("row_id", sa.String(100), nullable=False),
        sa.Column("url", sa.Text),
        sa.Column("source_key", sa.String(300), nullable=False),
        sa.Column("terms", sa.Text, nullable=False),
        sa.Column("source_codes", _json(), nullable=False),
        sa.Column("reason", sa.Text),
    )  # fmt: skip
    op.create_index("ix_import_rows_row", "import_rows", ["dataset", "row_id"])
    op.create_index("ix_import_rows_event", "import_rows", ["event_id"], unique=True)
    op.create_index("ix_import_rows_doc", "import_rows", ["doc_id", "line"])
    op.create_table(
        "import_sources",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("file_sha", sa.String(64), nullable=False),
        sa.Column("line", sa.Integer, nullable=False),
        sa.Column("event_id", sa.String(220), sa.ForeignKey("events.id", ondelete="CASCADE")),
        sa.Column("dataset", sa.String(20), nullable=False),
        sa.Column("event_row_id", sa.String(100), nullable=False),
        sa.Column("url", sa.Text),
        sa.Column("source", sa.String(300)),
        sa.Column("mentioned_at", sa.String(20)),
        sa.Column("source_codes", _json(), nullable=False),
        sa.Column("reason", sa.Text),
        sa.UniqueConstraint("file_sha", "line", name="uq_import_sources_line"),
    )
    op.create_index("ix_import_sources_event", "import_sources", ["event_id"])


def downgrade() -> None:
    op.drop_table("import_sources")
    op.drop_table("import_rows")
