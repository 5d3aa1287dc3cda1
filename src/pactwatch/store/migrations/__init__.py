"""Alembic migrations of the store; `pactwatch.store.migrate` runs them."""
