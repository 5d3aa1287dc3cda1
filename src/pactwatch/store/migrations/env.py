"""Alembic environment: migrations always run on a connection that pactwatch hands in."""

from __future__ import annotations

from alembic import context

from pactwatch.store.schema import include_name, metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through pactwatch.store.migrate, which passes a connection")

context.configure(
    connection=connection,
    target_metadata=metadata,
    include_name=include_name,
    # SQLite cannot ALTER most things; batch mode rebuilds the table instead
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
