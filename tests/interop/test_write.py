"""The importer's fast store path writes what the slow one would: the same rows, the same
JSON text, the same search rows, and the search trigger back in place whatever happens."""

from __future__ import annotations

import importlib
import itertools
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Connection

from pactwatch.ingest.formats import write
from pactwatch.ingest.formats.run import import_files
from pactwatch.records import Document, Event, TextInfo
from pactwatch.sources import split_key, url_key
from pactwatch.store import Store, open_store, save_document
from pactwatch.store.documents import document_row
from pactwatch.store.events import insert_events
from pactwatch.store.schema import documents, import_rows
from tests.interop import fixtures
from tests.strategies import events, provenances

_ids = itertools.count()
_MIGRATION = importlib.import_module("pactwatch.store.migrations.versions.0008_search")


def _quoted(conn: Connection, table: str, where: str, arg: str) -> list[tuple[Any, ...]]:
    """Every column of the rows, as SQLite's quote() shows them (type and bytes)."""
    cols = [r[1] for r in conn.exec_driver_sql(f"PRAGMA table_info({table})")]
    quoted = ", ".join(f'quote("{c}")' for c in cols)
    sql = f"SELECT {quoted} FROM {table} WHERE {where} ORDER BY rowid"
    return list(conn.exec_driver_sql(sql, (arg,)).fetchall())


@pytest.fixture(scope="module")
def two_stores(tmp_path_factory: pytest.TempPathFactory) -> tuple[Store, Store]:
    folder = tmp_path_factory.mktemp("write")
    return open_store(f"sqlite:///{folder / 'core.db'}"), open_store(
        f"sqlite:///{folder / 'fast.db'}"
    )


@st.composite
def batches(draw: st.DrawFn) -> list[Event]:
    doc_id = f"w{next(_ids)}"
    out = []
    for n in range(draw(st.integers(1, 6))):
        ev = draw(events(doc_id=doc_id, n=n))
        ev.provenance = draw(provenances)
        out.append(ev)
    return out


def test_rows_are_what_sqlalchemy_writes(two_stores: tuple[Store, Store]) -> None:
    """Records, entities and provenance rows: SQLAlchemy Core (the store API) in one store,
    the importer's tuples in the other, every column's type and text compared."""
    core, fast = two_stores

    writer = write.RowWriter()  # one for every example: its lookups are hit, not only filled
    codes_ = st.dictionaries(st.text(max_size=8), st.text(max_size=8) | st.integers() | st.none())

    @settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
    @given(batch=batches(), codes=codes_)
    def run(batch: list[Event], codes: dict[str, str]) -> None:
        doc_id = batch[0].text_info.doc_id
        doc = document_row(Document(id=doc_id, text=f"text of {doc_id}"))
        url = "https://Example.org/a/?utm_source=x&b=1"
        prov = [(doc_id, n, ev.id, "gdelt", f"r{n}", url if n % 2 else None, "terms", codes, None)
                for n, ev in enumerate(batch)]  # fmt: skip
        with core.write() as conn:
            conn.execute(documents.insert(), [doc])
            insert_events(conn, batch)
            conn.execute(import_rows.insert(), [
                dict(zip(write.IMPORT_ROW_COLUMNS, (*p[:6], write.source_key(p[3], p[4], p[5]),
                                                    p[6], p[7], p[8]), strict=True))
                for p in prov
            ])  # fmt: skip
        with fast.write() as conn:
            conn.execute(documents.insert(), [doc])
            write.insert_records(conn, list(enumerate(batch)))
            write.insert_import_rows(conn, [
                write.import_row(*p[:7], writer.codes_json(p[7]), p[8]) for p in prov
            ])  # fmt: skip
        for table, where in (("events", "doc_id = ?"), ("import_rows", "doc_id = ?"),
                             ("entities", "event_id LIKE ? || ':%'")):  # fmt: skip
            with core.engine.connect() as a, fast.engine.connect() as b:
                assert _quoted(a, table, where, doc_id) == _quoted(b, table, where, doc_id)

    run()


def _migration_trigger() -> str:
    made = [
        s for s in _MIGRATION.SQLITE_UP if s.startswith(f"CREATE TRIGGER {write.SEARCH_TRIGGER} ")
    ]
    assert len(made) == 1
    return str(made[0])


def test_the_trigger_text_is_migration_0008s(sqlite_url: str) -> None:
    """The fast path knows the trigger it replaces; a fresh store has exactly that one."""
    assert write._words(_migration_trigger()) == write._words(write._SEARCH_TRIGGER_SQL)
    with open_store(sqlite_url) as store, store.engine.connect() as conn:
        assert write.search_trigger(conn) is not None


def _search_rows(store: Store) -> dict[str, Any]:
    with store.engine.connect() as conn:
        return {
            "keys": conn.exec_driver_sql("SELECT id, event_id FROM search_event_keys ORDER BY id").fetchall(),
            "sentences": conn.exec_driver_sql("SELECT rowid, sentence FROM events_fts ORDER BY rowid").fetchall(),
            "found": conn.exec_driver_sql(
                "SELECT rowid FROM events_fts WHERE events_fts MATCH 'tajikistan' ORDER BY rowid").fetchall(),
            # FTS5's own check of its index against the rows (raises when they disagree)
            "intact": conn.exec_driver_sql(
                "INSERT INTO events_fts (events_fts) VALUES ('integrity-check')").rowcount,
            "trigger": conn.exec_driver_sql(
                "SELECT sql FROM sqlite_master WHERE name = ?", (write.SEARCH_TRIGGER,)).scalar(),
        }  # fmt: skip


def _gdelt_file(tmp_path: Path, name: str, first: int) -> Path:
    path = tmp_path / name
    lines = [
        fixtures.clash_row(str(i), f"https://news.example/{i}") for i in range(first, first + 30)
    ]
    lines.insert(5, fixtures.gdelt_row(GLOBALEVENTID=str(first + 99), EventCode="010"))  # unmapped
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _fast_and_slow(make_store_url: Any, backend: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                   slow: tuple[str, Any], dump: Any) -> list[dict[str, Any]]:  # fmt: skip
    """Two GDELT files and a record stored after them, into a fresh store of `backend`:
    once by the fast path, once with `slow` (a name in `write` and its stand-in) making the
    trigger do the search rows; `dump` of each store."""
    files = [_gdelt_file(tmp_path, "a.export.CSV", 1), _gdelt_file(tmp_path, "b.export.CSV", 200)]
    later = Event(
        id="later:0", event="ASSAULT", text_info=TextInfo("later", 0, 13, 23), event_text="clash"
    )
    dumps = []
    for fast in (True, False):
        with monkeypatch.context() as m:
            if not fast:
                m.setattr(write, *slow)
            with open_store(make_store_url(backend)) as store:
                for path in files:
                    assert import_files([path], store, "gdelt", link=False).records == 30
                save_document(store, Document(id="later", text="A clash with Tajikistan."), [later])
                dumps.append(dump(store))
    return dumps


def test_search_rows_are_the_triggers(make_store_url: Any, tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    """Two files and a record stored after them: search keys, sentences and matches equal
    to those of a store where the trigger wrote them, and the trigger in place after."""
    slow = ("search_trigger", lambda conn: None)
    dumps = _fast_and_slow(make_store_url, "sqlite", tmp_path, monkeypatch, slow, _search_rows)
    assert dumps[0] == dumps[1]
    assert len(dumps[0]["keys"]) == 61 and len(dumps[0]["found"]) == 61
    assert dumps[0]["trigger"] == _migration_trigger()


def test_a_failed_file_leaves_nothing_and_the_trigger(sqlite_url: str, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    path = _gdelt_file(tmp_path, "a.export.CSV", 1)

    def broken(conn: Connection, rows: list[tuple[Any, ...]]) -> None:
        raise RuntimeError("disk gone")  # the one thing faked: a failure after the records

    with open_store(sqlite_url) as store:
        with monkeypatch.context() as m:
            m.setattr(write, "insert_import_rows", broken)
            with pytest.raises(RuntimeError, match="disk gone"):
                import_files([path], store, "gdelt", link=False)
        rows = _search_rows(store)
        assert rows["keys"] == [] and rows["sentences"] == []
        assert rows["trigger"] is not None
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM events").scalar() == 0
            assert conn.exec_driver_sql("SELECT count(*) FROM documents").scalar() == 0
        assert import_files([path], store, "gdelt", link=False).records == 30


_plain_urls = st.from_regex(
    r"(HTTPS?|https?|ftp)://(www\.)?[a-zA-Z0-9.-]{0,12}(:[0-9]{1,5})?(/[a-zA-Z0-9._~%;=@:-]{0,6}){0,3}/?"
    r"(\?[a-z_=&]{0,10})?(#[a-z]{0,4})?",
    fullmatch=True,
)


@settings(max_examples=400, deadline=None)
@given(url=_plain_urls | st.text(max_size=40))
def test_url_keys_read_off_are_urllibs(url: str) -> None:
    def outcome(key: Any) -> str:
        try:
            return str(key(url))
        except ValueError as exc:  # urllib refuses some ports: both ways alike
            return f"ValueError: {exc}"

    assert outcome(url_key) == outcome(split_key)


def _pg_search_rows(store: Store) -> dict[str, Any]:
    with store.engine.connect() as conn:
        return {
            "vectors": conn.exec_driver_sql(
                "SELECT event_id, tsv::text FROM event_search ORDER BY event_id").fetchall(),
            "texts": conn.exec_driver_sql("SELECT id, text FROM documents ORDER BY id").fetchall(),
            "found": conn.exec_driver_sql(
                "SELECT event_id FROM event_search WHERE tsv @@ to_tsquery('english', 'tajikistan') "
                "ORDER BY event_id").fetchall(),
        }  # fmt: skip


def test_the_pg_trigger_function_is_migration_0008s() -> None:
    made = [s for s in _MIGRATION.PG_UP if s.startswith("CREATE FUNCTION pactwatch_event_search()")]
    assert len(made) == 1
    body = str(made[0]).split("$$")[1]
    assert write._words(body) == write._words(write._PG_SEARCH_BODY)


def test_pg_search_rows_are_the_triggers(make_store_url: Any, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    """PostgreSQL: documents, search vectors and matches equal to those of a store where the
    trigger read every sentence out of the document; a file failing after its records
    leaves neither rows nor its document (the empty text never outlives the transaction)."""
    with open_store(make_store_url("postgresql")) as store, store.engine.connect() as conn:
        assert write.pg_search_function(conn)
    slow = ("pg_search_function", lambda conn: False)
    dumps = _fast_and_slow(
        make_store_url, "postgresql", tmp_path, monkeypatch, slow, _pg_search_rows
    )
    assert dumps[0] == dumps[1]
    assert len(dumps[0]["vectors"]) == 61 and len(dumps[0]["found"]) == 61

    def broken(conn: Connection, rows: list[tuple[Any, ...]]) -> None:
        raise RuntimeError("disk gone")  # the one thing faked: a failure after the records

    with open_store(make_store_url("postgresql")) as store:
        with monkeypatch.context() as m:
            m.setattr(write, "insert_import_rows", broken)
            with pytest.raises(RuntimeError, match="disk gone"):
                import_files([tmp_path / "a.export.CSV"], store, "gdelt", link=False)
        assert _pg_search_rows(store) == {"vectors": [], "texts": [], "found": []}
