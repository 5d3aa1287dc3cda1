"""Alembic, run from code: no alembic.ini is needed where pactwatch is installed."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text

from pactwatch.errors import StoreError
from pactwatch.store.engine import Store

SCRIPT_LOCATION = "pactwatch.store:migrations"

# any constant works; it only has to be the same for every pactwatch process
_PG_LOCK_KEY = 74_617_761


def alembic_config(**attributes: Any) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", SCRIPT_LOCATION)
    cfg.attributes.update(attributes)
    return cfg


def upgrade(store: Store, revision: str = "head") -> None:
    """Bring the schema to `revision` in one transaction.

    Two processes opening a new store at once must not both create the tables, so
    the upgrade holds the write lock (SQLite) or an advisory lock (PostgreSQL).
    """
    from alembic import command
    from alembic.util import CommandError

    with store.engine.connect() as conn:
        if store.dialect == "sqlite":
            conn = conn.execution_options(pactwatch_immediate=True)
        with conn.begin():
            if store.dialect == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK_KEY})
            try:
                command.upgrade(alembic_config(connection=conn), revision)
            except CommandError as exc:
                # typically a revision this pactwatch does not know: a newer one made the store
                raise StoreError(
                    f"store {store.display_url}: cannot migrate its schema ({exc})",
                    fix="upgrade pactwatch to the version that last wrote this store, "
                    "or use another --db",
                ) from exc


def head_revision() -> str:
    """The newest revision in the migration scripts."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    return str(head)
