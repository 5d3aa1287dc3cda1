"""incident_keys.url: the report's source URL, so that an incident counts a dataset row and
the article at its URL as one source; incident_events without rowid on SQLite

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06 19:30:00

`url` is the imported row's URL, else the record's document's, as stored (it is
normalised, pactwatch.sources.url_key, only where an incident is counted); keys read
before this revision get theirs here, and their incidents are recounted when a run
next touches them (`corroborate --rebuild` recounts all). On SQLite, incident_events becomes a WITHOUT ROWID table: its primary
key is the table, one b-tree less to fill per link (a rebuild writes a link per record).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("incident_keys", sa.Column("url", sa.Text))
    conn = op.get_bind()
    # the row's URL, else the document's: what check's grades already count by
    conn.execute(
        sa.text(
            "UPDATE incident_keys SET url = COALESCE("
            "(SELECT ir.url FROM import_rows AS ir WHERE ir.event_id = incident_keys.event_id),"
            " (SELECT d.url FROM events AS ev JOIN documents AS d ON d.id = ev.doc_id"
            " WHERE ev.id = incident_keys.event_id))"
        )
    )
    if conn.dialect.name == "sqlite":
        with op.batch_alter_table(
            "incident_events", recreate="always", table_kwargs={"sqlite_with_rowid": False}
        ):
            pass


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        with op.batch_alter_table(
            "incident_events", recreate="always", table_kwargs={"sqlite_with_rowid": True}
        ):
            pass
    with op.batch_alter_table("incident_keys") as batch:
        batch.drop_column("url")
