"""`pactwatch user add|list|passwd|remove`, and the audit entries users and ingests leave."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from sqlalchemy import select

from pactwatch import extract
from pactwatch.cli import main
from pactwatch.store import open_store
from pactwatch.store.schema import audit_log
from pactwatch.web.auth import authenticate
from tests.fake_extract import fake_extract_documents


def run(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    *args: str,
    stdin: str = "",
) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    status = main(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return status, out, err


def _audit(url: str) -> list[tuple[str, str, str | None]]:
    with open_store(url) as store, store.engine.connect() as conn:
        rows = conn.execute(
            select(audit_log.c.user, audit_log.c.action, audit_log.c.target).order_by(
                audit_log.c.id
            )
        ).all()
    return [(r.user, r.action, r.target) for r in rows]


def test_add_list_passwd_remove_each_audited(
    store_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = ["--db", store_url]
    assert run(capsys, monkeypatch, "user", "add", "ana", "--password-stdin", *db,
               stdin="first-password\n")[0] == 0  # fmt: skip
    status, out, _ = run(capsys, monkeypatch, "user", "list", *db)
    assert status == 0 and out.startswith("ana\tanalyst\t")
    status, out, _ = run(capsys, monkeypatch, "user", "passwd", "ana", "--password-stdin", *db,
                         stdin="second-password\n")  # fmt: skip
    assert status == 0 and "password of ana changed" in out
    with open_store(store_url) as store:
        assert authenticate(store, "ana", "first-password") is None
        assert authenticate(store, "ana", "second-password") is not None
    assert run(capsys, monkeypatch, "user", "remove", "ana", *db)[0] == 0
    status, out, err = run(capsys, monkeypatch, "user", "list", *db)
    assert (status, out) == (0, "") and "no users" in err
    entries = _audit(store_url)
    assert [(a, t) for _u, a, t in entries] == [
        ("user_add", "ana"),
        ("user_passwd", "ana"),
        ("user_remove", "ana"),
    ]
    assert all(u.startswith("cli:") for u, _a, _t in entries)


def test_unknown_users_and_missing_stores_are_named(
    sqlite_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    open_store(sqlite_url).close()
    status, _out, err = run(capsys, monkeypatch, "user", "remove", "nobody", "--db", sqlite_url)
    assert status == 2 and "no user 'nobody'" in err and "pactwatch user list" in err
    status, _out, err = run(capsys, monkeypatch, "user", "passwd", "nobody", "--password-stdin",
                            "--db", sqlite_url, stdin="long-enough\n")  # fmt: skip
    assert status == 2 and "no user 'nobody'" in err
    missing = tmp_path / "none.db"
    status, _out, err = run(capsys, monkeypatch, "user", "list", "--db", f"sqlite:///{missing}")
    assert status == 2 and "no store at" in err and not missing.exists()


def test_an_ingest_leaves_an_audit_entry(
    store_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(extract, "extract_documents", fake_extract_documents)
    (tmp_path / "a.txt").write_text("Kyrgyz guards fired at a Tajik post. Dushanbe protested.")
    (tmp_path / "b.jsonl").write_text("{oops\n")
    status, _out, _err = run(capsys, monkeypatch, "ingest", str(tmp_path / "a.txt"),
                             str(tmp_path / "b.jsonl"), "--db", store_url)  # fmt: skip
    assert status == 1
    with open_store(store_url) as store, store.engine.connect() as conn:
        row = conn.execute(select(audit_log)).mappings().one()
    assert row["action"] == "ingest" and str(row["user"]).startswith("cli:")
    assert row["target"] == f"{tmp_path / 'a.txt'}, {tmp_path / 'b.jsonl'}"
    assert {k: row["detail"][k] for k in ("new", "unchanged", "rejected")} == {
        "new": 1,
        "unchanged": 0,
        "rejected": 1,
    }
