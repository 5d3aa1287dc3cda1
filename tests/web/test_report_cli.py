"""The offline HTML report, and the serve / user / report commands."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from pactwatch.cli import cli
from pactwatch.errors import UsageError
from pactwatch.report import write_report
from pactwatch.store import Store, open_store
from pactwatch.web.auth import add_user, authenticate

from .conftest import XSS


def test_report_is_self_contained(store: Store, tmp_path: Path) -> None:
    path = write_report(store, ["test-charter", "other-charter"], tmp_path / "out")
    html = path.read_text(encoding="utf-8")
    assert path.name == "index.html"
    # no file or server is fetched: every src/href is inline or an in-page anchor
    markup = re.sub(r"<script\b[^>]*>.*?</script>", "<script></script>", html, flags=re.S)
    assert not re.search(r"<(script|link|img)[^>]+(src|href)=", markup)
    assert markup.count("<script></script>") == 5  # three libraries, the specs, the glue
    assert "vegaEmbed" in html and "vega-lite" in html.lower()
    assert 'id="chart-test-charter"' in html
    assert "Findings per member" in html and "fought on their border" in html
    assert html.count("<tr>") > 5


def test_report_escapes_hostile_quotes(store: Store, tmp_path: Path) -> None:
    from pactwatch.store.schema import events

    with store.write() as conn:
        conn.execute(events.update().where(events.c.id == "seed:0").values(event_text=XSS))
    html = write_report(store, ["test-charter"], tmp_path).read_text(encoding="utf-8")
    assert "<img src=x" not in html and "&lt;img src=x" in html


def test_report_needs_a_charter(store: Store, tmp_path: Path) -> None:
    with pytest.raises(UsageError):
        write_report(store, [], tmp_path)


def test_user_add_and_report_commands(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    runner = CliRunner()
    r = runner.invoke(
        cli, ["user", "add", "bo", "--role", "admin", "--password-stdin", "--db", db],
        input="a long password\n",
    )  # fmt: skip
    assert r.exit_code == 0, r.output
    assert "added admin bo" in r.output
    with open_store(db) as store:
        assert authenticate(store, "bo", "a long password") is not None
        assert authenticate(store, "bo", "wrong") is None
        with pytest.raises(UsageError):
            add_user(store, "bo", "analyst", "another password")
    r = runner.invoke(
        cli, ["report", "--charter", "test-charter", "--out", str(tmp_path / "r"), "--db", db]
    )
    assert r.exit_code == 0, r.output
    assert (tmp_path / "r" / "index.html").is_file()


@pytest.mark.parametrize(
    ("name", "role", "password"),
    [
        ("bad name", "analyst", "long enough"),
        ("ok", "boss", "long enough"),
        ("ok", "admin", "short"),
    ],
)
def test_user_validation(store: Store, name: str, role: str, password: str) -> None:
    with pytest.raises(UsageError):
        add_user(store, name, role, password)


def test_commands_have_help_with_examples() -> None:
    runner = CliRunner()
    for args in (["serve", "--help"], ["user", "add", "--help"], ["report", "--help"]):
        r = runner.invoke(cli, args)
        assert r.exit_code == 0 and "Example" in r.output
