"""Sending queued webhook deliveries: signed JSON POSTs, retried with backoff, at least once.

Each delivery is one new finding for one webhook. A sender claims the deliveries that
are due (moving `due_at` past its own run, so a second sender leaves them alone),
POSTs each with up to `webhook_tries` tries (waiting `webhook_backoff` seconds, then
twice as long each time), and writes the outcome of each delivery as soon as it is
known: delivered after a 2xx (never sent again), else due again later, later with
every failed run (1 minute doubling up to an hour). A crash between the receiver's 2xx
and that write sends it again: delivery is at least once, and the finding's id in
`X-Pactwatch-Delivery` lets a receiver drop the repeat.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import select, update

from pactwatch import __version__
from pactwatch.errors import SettingsError
from pactwatch.settings import Settings, Webhook
from pactwatch.settings import load as load_settings
from pactwatch.store import Store, schema
from pactwatch.store.audit import iso

if TYPE_CHECKING:
    import httpx

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=10)  # how long a claimed delivery is left to its sender
MAX_DELAY = 3600
_LIMIT = 1000  # deliveries claimed per run; the rest wait for the next run
_ERROR_LENGTH = 500


@dataclass(slots=True)
class DeliveryReport:
    """What one `send_pending` run did."""

    delivered: int = 0  # got a 2xx: never sent again
    failed: int = 0  # tried and failed in this run: due again later
    deferred: int = 0  # not tried: their webhook was failing earlier in this run
    unconfigured: int = 0  # queued for a webhook no longer in the settings: left pending
    posts: int = 0  # HTTP requests made
    errors: list[str] = field(default_factory=list)  # one line per failed delivery

    @property
    def ok(self) -> bool:
        """No delivery failed in this run (those of a removed webhook are named, not failed)."""
        return not (self.failed or self.deferred)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def sign(secret: str, timestamp: str, body: bytes) -> str:
    """`X-Pactwatch-Signature`: HMAC-SHA256 of `<timestamp>.<body>` with the webhook's secret."""
    mac = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return f"sha256={mac.hexdigest()}"


def _secrets(hooks: dict[str, Webhook]) -> dict[str, str]:
    missing = [h for h in hooks.values() if not os.environ.get(h.secret_env)]
    if missing:
        raise SettingsError(
            [
                f"webhook {h.key}: secret_env names {h.secret_env}, which is not set; "
                f"fix: export {h.secret_env}=<the secret the receiver verifies with>"
                for h in missing
            ]
        )
    return {key: os.environ[h.secret_env] for key, h in hooks.items()}


def _claim(store: Store, now: datetime, limit: int) -> list[Any]:
    """The deliveries due now, claimed for this run (a concurrent run skips them)."""
    d = schema.deliveries
    claimed = []
    with store.write() as conn:
        due = conn.execute(
            select(d.c.id, d.c.finding_id, d.c.webhook, d.c.attempts, d.c.due_at)
            .where(d.c.status == "pending", d.c.due_at <= now)
            .order_by(d.c.id)
            .limit(limit)
        ).all()
        for row in due:
            won = conn.execute(
                update(d)
                .where(d.c.id == row.id, d.c.status == "pending", d.c.due_at == row.due_at)
                .values(due_at=now + LEASE)
            ).rowcount
            if won:
                claimed.append(row)
    return claimed


def _bodies(store: Store, finding_ids: list[str]) -> dict[str, bytes]:
    t = schema.findings
    out: dict[str, bytes] = {}
    with store.engine.connect() as conn:
        for i in range(0, len(finding_ids), 500):
            query = select(t.c.id, t.c.charter, t.c.state, t.c.first_seen, t.c.data).where(
                t.c.id.in_(finding_ids[i : i + 500])
            )
            for row in conn.execute(query):
                finding = {
                    **row.data, "id": row.id, "charter": row.charter, "state": row.state,
                    "first_seen": iso(row.first_seen),
                }  # fmt: skip
                body = {"type": "finding.new", "charter": row.charter, "finding": finding}
                out[row.id] = json.dumps(body, ensure_ascii=False, sort_keys=True).encode()
    return out


def _post(client: httpx.Client, hook: Webhook, secret: str, fid: str, body: bytes) -> str | None:
    """One POST; None on a 2xx, else what went wrong (prefixed `retry:` when worth retrying)."""
    import httpx

    stamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/json",
        "User-Agent": f"pactwatch/{__version__}",
        "X-Pactwatch-Event": "finding.new",
        "X-Pactwatch-Delivery": fid,
        "X-Pactwatch-Timestamp": stamp,
        "X-Pactwatch-Signature": sign(secret, stamp, body),
    }
    try:
        response = client.post(hook.url, content=body, headers=headers)
    except httpx.HTTPError as exc:
        return f"retry:{type(exc).__name__}: {exc}"
    if 200 <= response.status_code < 300:
        return None
    reason = f"HTTP {response.status_code}"
    if response.is_redirect:
        return f"{reason} (redirect to {response.headers.get('location', '?')}: give the final URL)"
    if response.status_code >= 500 or response.status_code in (408, 425, 429):
        return f"retry:{reason}"
    return reason


def _status(error: str) -> int | None:
    head = error.removeprefix("retry:")
    return int(head[5:8]) if head.startswith("HTTP ") and head[5:8].isdigit() else None


def send_pending(
    store: Store,
    config: Settings | None = None,
    *,
    client: httpx.Client | None = None,
    sleep: Callable[[float], None] = time.sleep,
    limit: int = _LIMIT,
) -> DeliveryReport:
    """POST every due webhook delivery of new findings; what happened, as a DeliveryReport.

    Called by `pactwatch notify` and after each round of `pactwatch watch`. Raises
    SettingsError before sending anything if a webhook's secret variable is unset.
    A webhook that fails a delivery with a 5xx or no answer is not tried again in
    this run (its other deliveries are deferred, not counted as attempts).
    """
    # httpx loads here, not when `check` imports the queue: commands start no slower
    import httpx

    config = config if config is not None else load_settings()
    hooks = {h.key: h for h in config.webhooks}
    secrets = _secrets(hooks)
    report = DeliveryReport()
    claimed = _claim(store, datetime.now(UTC), limit)
    if not claimed:
        return report
    bodies = _bodies(store, sorted({row.finding_id for row in claimed}))
    d = schema.deliveries
    down: set[str] = set()
    own = client is None
    http = client or httpx.Client(timeout=config.webhook_timeout, follow_redirects=False)
    try:
        for row in claimed:
            hook = hooks.get(row.webhook)
            values: dict[str, Any]
            if hook is None or row.webhook in down:
                if hook is None:
                    report.unconfigured += 1
                    report.errors.append(
                        f"webhook {row.webhook}: no longer configured; finding {row.finding_id} "
                        "left queued (add the webhook back to pactwatch.toml to send it)"
                    )
                else:
                    report.deferred += 1
                values = {"due_at": datetime.now(UTC)}  # released: due again at once
            else:
                error: str | None = "finding no longer stored"
                tries = 0
                body = bodies.get(row.finding_id)
                while body is not None and tries < config.webhook_tries:
                    if tries:
                        sleep(config.webhook_backoff * 2 ** (tries - 1))
                    tries += 1
                    error = _post(http, hook, secrets[row.webhook], row.finding_id, body)
                    if error is None or not error.startswith("retry:"):
                        break
                report.posts += tries
                now = datetime.now(UTC)
                attempts = row.attempts + tries
                if error is None:
                    report.delivered += 1
                    values = {"status": "delivered", "delivered_at": now, "attempts": attempts,
                              "last_status": 200, "last_error": None}  # fmt: skip
                else:
                    report.failed += 1
                    shown = error.removeprefix("retry:")[:_ERROR_LENGTH]
                    report.errors.append(
                        f"webhook {row.webhook}: finding {row.finding_id}: {shown} "
                        f"after {tries} tr{'y' if tries == 1 else 'ies'}"
                    )
                    if error.startswith("retry:"):
                        down.add(row.webhook)  # spare a failing host the rest of this run
                    runs = max(1, attempts // max(1, config.webhook_tries))
                    delay = min(60 * 2 ** min(runs - 1, 10), MAX_DELAY)
                    values = {"attempts": attempts, "due_at": now + timedelta(seconds=delay),
                              "last_status": _status(error), "last_error": shown}  # fmt: skip
            with store.write() as conn:
                conn.execute(update(d).where(d.c.id == row.id).values(**values))
    finally:
        if own:
            http.close()
    for line in report.errors:
        log.warning("%s", line)
    return report


def pending(store: Store) -> list[dict[str, Any]]:
    """Every delivery not yet delivered: finding, webhook, tries, when due, the last error."""
    d = schema.deliveries
    query = (
        select(d.c.finding_id, d.c.webhook, d.c.attempts, d.c.due_at, d.c.last_error)
        .where(d.c.status == "pending")
        .order_by(d.c.id)
    )
    with store.engine.connect() as conn:
        return [
            {"finding": r.finding_id, "webhook": r.webhook, "attempts": r.attempts,
             "due_at": iso(r.due_at), "last_error": r.last_error}
            for r in conn.execute(query)
        ]  # fmt: skip
