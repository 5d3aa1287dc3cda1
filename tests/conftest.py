"""Fixtures every test may use.

Stores on both backends:

- `store_url`: a database URL for a fresh, empty store, parametrised over
  `sqlite` (a new file under `tmp_path`) and `postgresql` (a new schema in the
  database named by `PACTWATCH_TEST_PG_URL`, put first on the search path through
  the URL, and dropped with everything in it after the test). The PostgreSQL case
  is skipped when that variable is unset; `.ci/run` sets it. The URL is a string
  with any password in clear, so it can be passed to `open_store()` or on a
  command line (`pactwatch ingest --db URL ...`).
- `store`: `open_store(store_url)`, migrated, closed after the test.
- `sqlite_url`, `pg_url`: one backend only (`pg_url` skips without a server).
- `make_store_url(backend)`: more fresh stores in one test, e.g. two to compare.

    def test_round_trip(store):          # runs twice: sqlite, postgresql
        save_document(store, doc, events)

Data files beside the project: `shared_dir` is `../shared`; tests that need it
skip with a clear message where it is absent (a user's clone has none).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine, make_url

from pactwatch.store import Store, open_store
from pactwatch.store.engine import normalise_url

PG_ENV = "PACTWATCH_TEST_PG_URL"
BACKENDS = ("sqlite", pytest.param("postgresql", marks=pytest.mark.postgres))
PROJECT = Path(__file__).resolve().parent.parent
SHARED = PROJECT.parent / "shared"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Files holding a `slow` test run first. `make test` spreads whole files over
    workers (pytest-xdist, `--dist loadfile`) in this order, so the long end-to-end
    files start at once and the short ones fill in around them; a long file left to
    the end would run alone on one core while the other idles."""
    slow = {item.path for item in items if item.get_closest_marker("slow")}
    items.sort(key=lambda item: item.path not in slow)  # stable: file order kept otherwise


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "data").is_dir():
        pytest.skip(f"{SHARED} is absent (only developer machines and CI have it)")
    return SHARED


@pytest.fixture(scope="session")
def _pg_admin() -> Iterator[Engine]:
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(f"{PG_ENV} is not set; .ci/run sets it to a throwaway PostgreSQL")
    engine = create_engine(normalise_url(base), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as exc:
        engine.dispose()
        pytest.fail(f"{PG_ENV} is set but PostgreSQL cannot be reached: {exc}")
    yield engine
    engine.dispose()


StoreUrlFactory = Callable[[str], str]


@pytest.fixture
def make_store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[StoreUrlFactory]:
    """`make_store_url("sqlite" | "postgresql")` → URL of a new empty store, cleaned up after."""
    schemas: list[str] = []
    admin: Engine | None = None

    def make(backend: str) -> str:
        nonlocal admin
        if backend == "sqlite":
            return f"sqlite:///{tmp_path / f'store-{uuid.uuid4().hex[:8]}.db'}"
        if backend != "postgresql":
            raise ValueError(backend)
        if admin is None:
            admin = request.getfixturevalue("_pg_admin")
        schema = f"pwtest_{uuid.uuid4().hex[:12]}"
        with admin.connect() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        schemas.append(schema)
        url = make_url(os.environ[PG_ENV]).update_query_dict({"options": f"-csearch_path={schema}"})
        return url.render_as_string(hide_password=False)

    yield make
    if admin is not None:
        with admin.connect() as conn:
            conn.execute(text("SET lock_timeout = '20s'"))
            for schema in schemas:
                conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, make_store_url: StoreUrlFactory) -> str:
    return make_store_url(request.param)


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    with open_store(store_url) as opened:
        yield opened


@pytest.fixture
def sqlite_url(make_store_url: StoreUrlFactory) -> str:
    return make_store_url("sqlite")


@pytest.fixture
def pg_url(make_store_url: StoreUrlFactory) -> str:
    return make_store_url("postgresql")
