"""Webhooks: each new finding delivered once, signed, retried after a 500, never re-sent."""

from __future__ import annotations

import datetime as dt
import json
import threading
from pathlib import Path

import pytest
from sqlalchemy import select, update

from pactwatch import settings
from pactwatch.check.charter import load_charter
from pactwatch.check.check import check
from pactwatch.cli import main
from pactwatch.errors import SettingsError
from pactwatch.notify import send_pending
from pactwatch.store import Store, schema
from tests.notify.conftest import SECRET_ENV, Configure, Receiver

AS_OF = dt.date(2025, 1, 1)
Capture = pytest.CaptureFixture[str]


def _ids(store: Store, charter: str = "csto-reform") -> list[str]:
    return [f.id for f in check(store, load_charter(charter), as_of=AS_OF)]


def _deliveries(store: Store) -> list[dict[str, object]]:
    d = schema.deliveries
    with store.engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(select(d).order_by(d.c.id))]


def test_each_new_finding_is_delivered_once_and_signed(
    corpus_store: Store, store_url: str, receiver: Receiver, configure: Configure, capsys: Capture
) -> None:
    configure(receiver.url, charters=("csto-reform",))
    args = ["--as-of", AS_OF.isoformat(), "--db", store_url]
    assert main(["check", "--charter", "csto-reform", "--format", "json", *args]) == 0
    found = [f["id"] for f in json.loads(capsys.readouterr().out)["findings"]]
    # a charter no webhook asked for queues nothing
    assert main(["check", "--charter", "csto-treaty", *args]) == 0
    assert len(found) > 5 and {d["finding_id"] for d in _deliveries(corpus_store)} == set(found)
    assert main(["notify", "--db", store_url]) == 0
    assert f"delivered {len(found)}, failed 0" in capsys.readouterr().out
    assert sorted(receiver.delivered()) == sorted(found)  # each once
    assert all(r.verified for r in receiver.received)
    for r in receiver.received:
        assert r.body["type"] == "finding.new" and r.body["finding"]["id"] == r.delivery
        assert r.body["charter"] == "csto-reform" and r.body["finding"]["first_seen"]
        assert r.headers["content-type"] == "application/json"
    # computed again (check, then the dashboard's way): nothing new, nothing sent again
    assert main(["check", "--charter", "csto-reform", *args]) == 0
    _ids(corpus_store)
    capsys.readouterr()
    assert main(["notify", "--format", "json", "--db", store_url]) == 0
    assert json.loads(capsys.readouterr().out)["delivered"] == 0
    assert len(receiver.received) == len(found)
    assert {d["status"] for d in _deliveries(corpus_store)} == {"delivered"}


def test_a_delivery_is_retried_after_a_500(
    corpus_store: Store, receiver: Receiver, configure: Configure
) -> None:
    configure(receiver.url, webhook_backoff=0.5)
    found = _ids(corpus_store)
    receiver.script = [500]
    waits: list[float] = []
    report = send_pending(corpus_store, settings.load(), sleep=waits.append)
    assert report.delivered == len(found) and report.failed == 0 and report.ok
    assert report.posts == len(found) + 1 and waits == [0.5]
    assert [r.status for r in receiver.received[:2]] == [500, 200]
    assert receiver.received[0].delivery == receiver.received[1].delivery
    assert sorted(receiver.delivered()) == sorted(found)  # still once each


def test_a_failing_receiver_keeps_its_deliveries_queued_with_backoff(
    corpus_store: Store, store_url: str, receiver: Receiver, configure: Configure, capsys: Capture
) -> None:
    configure(receiver.url, webhook_backoff=0.0, webhook_tries=2)
    found = _ids(corpus_store)
    receiver.script = [500, 503, 500]
    report = send_pending(corpus_store, settings.load())
    # the first delivery failed twice; the failing host is spared the rest of this run
    assert (report.delivered, report.failed, report.deferred) == (0, 1, len(found) - 1)
    assert report.posts == 2 and "HTTP 503 after 2 tries" in report.errors[0]
    failed = next(d for d in _deliveries(corpus_store) if d["attempts"])
    assert failed["status"] == "pending" and failed["last_status"] == 503
    due = failed["due_at"]
    assert isinstance(due, dt.datetime) and due.replace(tzinfo=dt.UTC) > dt.datetime.now(dt.UTC)
    # the next run: the failed one waits its backoff; the deferred ones are sent (one 500
    # more on the way, retried at once)
    assert main(["notify", "--db", store_url]) == 0
    assert f"delivered {len(found) - 1}, failed 0" in capsys.readouterr().out
    assert sorted(receiver.delivered()) == sorted(f for f in found if f != failed["finding_id"])
    with corpus_store.write() as conn:  # an hour later
        conn.execute(update(schema.deliveries).values(due_at=dt.datetime(2000, 1, 1)))
    assert main(["notify", "--db", store_url]) == 0
    assert sorted(receiver.delivered()) == sorted(found)  # each exactly once in the end


def test_the_receiver_refuses_a_wrong_signature(
    corpus_store: Store, receiver: Receiver, configure: Configure
) -> None:
    configure(receiver.url)
    found = _ids(corpus_store)
    receiver.secret = "another secret"
    report = send_pending(corpus_store, settings.load())
    assert report.delivered == 0 and report.failed == len(found)
    assert receiver.delivered() == [] and not any(r.verified for r in receiver.received)
    assert all("HTTP 401 after 1 try" in line for line in report.errors)
    assert {d["status"] for d in _deliveries(corpus_store)} == {"pending"}


def test_a_missing_secret_is_named_and_nothing_is_sent(
    corpus_store: Store,
    store_url: str,
    receiver: Receiver,
    configure: Configure,
    capsys: Capture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    configure(receiver.url)
    _ids(corpus_store)
    before = _deliveries(corpus_store)
    monkeypatch.delenv(SECRET_ENV)
    with pytest.raises(SettingsError, match=SECRET_ENV):
        send_pending(corpus_store, settings.load())
    assert main(["notify", "--db", store_url]) == 2
    err = capsys.readouterr().err
    assert f"secret_env names {SECRET_ENV}, which is not set" in err and "Traceback" not in err
    assert receiver.received == [] and _deliveries(corpus_store) == before


def test_two_senders_at_once_deliver_each_finding_once(
    corpus_store: Store, receiver: Receiver, configure: Configure
) -> None:
    configure(receiver.url)
    found = _ids(corpus_store)
    config = settings.load()
    reports = []
    threads = [
        threading.Thread(target=lambda: reports.append(send_pending(corpus_store, config)))
        for _ in range(2)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sum(r.delivered for r in reports) == len(found)
    assert sorted(receiver.delivered()) == sorted(found)


def test_deliveries_of_a_removed_webhook_wait_for_it(
    corpus_store: Store, receiver: Receiver, configure: Configure, tmp_path: Path
) -> None:
    path = configure(receiver.url)
    found = _ids(corpus_store)
    path.write_text(path.read_text().replace('name = "test-hook"', 'name = "renamed"'))
    report = send_pending(corpus_store, settings.load())
    assert report.unconfigured == len(found) and report.delivered == 0 and report.ok
    assert "webhook test-hook: no longer configured" in report.errors[0]
    assert receiver.received == [] and {d["status"] for d in _deliveries(corpus_store)} == {
        "pending"
    }
    configure(receiver.url)  # back under its name: sent then
    assert send_pending(corpus_store, settings.load()).delivered == len(found)
    assert sorted(receiver.delivered()) == sorted(found)


def test_webhook_settings_are_checked_before_anything_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    path = tmp_path / "pactwatch.toml"
    path.write_text(
        '[[webhooks]]\nurl = "ftp://example.org/x"\ncharters = []\nsecret_env = "NOT A NAME"\n'
        '[[webhooks]]\nurl = "https://example.org/h"\ncharters = ["*"]\nsecret_env = "H"\n'
        'secret = "in the file"\n'
    )
    monkeypatch.setenv("PACTWATCH_CONFIG", str(path))
    assert main(["notify", "--db", f"sqlite:///{tmp_path / 'none.db'}"]) == 2
    err = capsys.readouterr().err
    for problem in ("webhooks[0].url", "webhooks[0].charters", "webhooks[0].secret_env",
                    "webhooks[1]: a secret is read only from the environment"):  # fmt: skip
        assert f"{path}: {problem}" in err
    assert "Traceback" not in err and not (tmp_path / "none.db").exists()
