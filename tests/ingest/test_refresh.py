"""After `ingest` or a `watch` round stores records, the stored findings are current.

The dashboard serves a charter's findings and the overview's counts from the
`precomputed` table when their stamp names the data as it is (`web.precomputed`);
otherwise the first page view checks the charter over the whole store (seconds at a
million records). So the ingest that changes the data computes them (through
`notify.refresh.refresh_findings`), once its records are linked, and only when it
stored something. Real extraction, a real SQLite file (and PostgreSQL where set).
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from pactwatch.cli import main
from pactwatch.store import Store, open_store
from pactwatch.store.schema import documents, findings
from pactwatch.store.schema import precomputed as table
from pactwatch.web import checking, create_app
from pactwatch.web.queries import data_version
from tests.conftest import PROJECT
from tests.ingest.webfixture import Route, Site, article, rss
from tests.notify.conftest import Configure

SAMPLES = PROJECT / "src" / "pactwatch" / "samples" / "corpus.jsonl"


def stale(store: Store) -> list[str]:
    """What the dashboard would have to compute on its first view: every stored value the
    pages read, for every charter offered, that is missing or was kept for other data."""
    version = data_version(store)
    with store.engine.connect() as conn:
        stamps = dict(conn.execute(select(table.c.name, table.c.stamp)).tuples().all())
    wanted = {name: ".".join(map(str, version)) for name in ("totals", "records_by_month")}
    for charter_id in checking.charter_ids():
        stamp = checking.findings_stamp(version, charter_id)
        wanted[f"findings:{charter_id}"] = stamp
        wanted[f"overview:{charter_id}"] = stamp  # followed by its members and rules
    return sorted(
        name
        for name, stamp in wanted.items()
        if not (stamps.get(name) == stamp or stamps.get(name, "").startswith(stamp + "|"))
    )


def _no_check(*_: Any, **__: Any) -> Any:
    raise AssertionError("a charter was checked: the stored findings were not current")


def _lines(path: Path, docs: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    return path


def test_ingest_leaves_the_stored_findings_current(
    store_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    samples = [json.loads(line) for line in SAMPLES.read_text(encoding="utf-8").splitlines()]
    first = _lines(tmp_path / "first.jsonl", samples[:10])
    args = ["--db", store_url, "--report-date", "2022-10-10"]
    assert main(["ingest", str(first), *args]) == 0
    with open_store(store_url) as store:
        assert stale(store) == []
        before = data_version(store)
    # more records: computed again for the new data, not left for the first page view
    assert main(["ingest", str(_lines(tmp_path / "more.jsonl", samples[10:])), *args]) == 0
    with open_store(store_url) as store:
        assert data_version(store) != before
        assert stale(store) == []
        with store.engine.connect() as conn:
            n_docs = conn.execute(select(func.count()).select_from(documents)).scalar_one()
            charters = set(conn.execute(select(findings.c.charter).distinct()).scalars())
        assert n_docs == len(samples)
        assert "csto-treaty" in charters  # checking recorded the findings too

        # a new server process reads them: no charter is checked on the first views
        monkeypatch.setattr(checking, "compute", _no_check)
        with TestClient(create_app(store=store, secret_key="k")) as client:
            for charter_id in checking.charter_ids():
                assert client.get(f"/findings?charter={charter_id}").status_code == 200
                assert client.get(f"/?charter={charter_id}").status_code == 200

    # nothing new stored: nothing is checked (compute would raise) and the ingest succeeds
    assert main(["ingest", str(first), *args]) == 0


def test_a_charter_that_cannot_be_checked_is_named_and_the_ingest_stands(
    sqlite_url: str, configure: Configure, capsys: pytest.CaptureFixture[str]
) -> None:
    configure("http://127.0.0.1:9/hook", charters=("no-such-charter",))
    assert main(["ingest", str(SAMPLES), "--db", sqlite_url, "--report-date", "2022-10-10"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("ingested: 14 new, 0 unchanged, 0 rejected; ")
    assert "'no-such-charter' were not refreshed" in err and "Traceback" not in err
    with open_store(sqlite_url) as store:
        assert stale(store) == []  # every charter the dashboard offers is current


def test_a_watch_round_leaves_the_stored_findings_current(
    site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    items = []
    for i in range(3):
        site.routes[f"/p/{i}"] = Route(article(i))
        items.append((f"item-{i}", site.url(f"/p/{i}"), "Fri, 16 Sep 2022 08:00:00 GMT"))
    site.routes["/feed.xml"] = Route(rss(items), content_type="application/rss+xml")
    feeds = tmp_path / "feeds.toml"
    feeds.write_text(f'[[feeds]]\nurl = "{site.url("/feed.xml")}"\nname = "desk"\n')
    db = f"sqlite:///{tmp_path / 'watch.db'}"
    assert main(["watch", str(feeds), "--once", "--db", db]) == 0
    assert "3 stored" in capsys.readouterr().out
    with open_store(db) as store:
        assert stale(store) == []
