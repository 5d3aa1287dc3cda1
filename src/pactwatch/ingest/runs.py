"""Each ingest as a row of `ingest_runs`: what `pactwatch status` shows of one in progress.

    run = IngestRun.start(store, inputs, scheduler=None)   # a row, state "running"
    run.update(summary, queued=3, done=12, retried=1)      # counts and the heartbeat
    run.finish(summary)                                     # or run.fail(summary, exc)

The client writes the row (a distributed ingest after each acknowledged batch, a
local one at most every few seconds), so it costs one small write per batch. A
process killed outright cannot say so: its row stays `running` with a heartbeat
that no longer moves, which `runs()` shows as `stopped` (stopped without
finishing) once the heartbeat is older than STALE_S, or at once when the row's
process is on this machine and gone.
"""

from __future__ import annotations

import logging
import os
import socket
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, insert, select, update

from pactwatch.records import clean_field
from pactwatch.store import Store, audit
from pactwatch.store.audit import as_utc, iso
from pactwatch.store.schema import ingest_runs

if TYPE_CHECKING:
    from pactwatch.ingest.run import IngestSummary

log = logging.getLogger(__name__)

# a running ingest writes at least this often (a distributed one after each batch, which
# takes seconds; a local one from its progress callback, throttled to HEARTBEAT_S)
HEARTBEAT_S = 5.0
# no heartbeat for this long: the process is gone or stuck; shown as stopped. Generous
# beside HEARTBEAT_S, since one batch of long documents on a busy worker takes a while
STALE_S = 300.0
_INPUTS_SHOWN = 500  # characters of the inputs kept in the row


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(slots=True)
class IngestRun:
    """The row of one ingest in progress, written by the process that runs it."""

    store: Store
    id: str
    last_write: float = 0.0

    @classmethod
    def start(
        cls,
        store: Store,
        inputs: Iterable[str | os.PathLike[str]] = (),
        *,
        scheduler: str | None = None,
        by: str | None = None,
    ) -> IngestRun:
        now = _now()
        shown = [str(p) for p in inputs] if isinstance(inputs, list | tuple) else []
        run = cls(store, uuid.uuid4().hex[:16], time.monotonic())
        with store.write() as conn:
            conn.execute(
                insert(ingest_runs).values(
                    id=run.id, scheduler=scheduler or None,
                    started_by=clean_field(by or audit.cli_actor())[:80],
                    host=clean_field(socket.gethostname())[:255], pid=os.getpid(),
                    # cleaned as the audit log's target: a file name with undecodable bytes
                    inputs=clean_field(", ".join(shown))[:_INPUTS_SHOWN] or None,
                    started_at=now, heartbeat_at=now, state="running",
                )
            )  # fmt: skip
        return run

    def update(
        self,
        summary: IngestSummary,
        *,
        queued: int | None = None,
        done: int | None = None,
        retried: int | None = None,
        force: bool = True,
    ) -> None:
        """The counts so far and a heartbeat; with `force=False` only when HEARTBEAT_S has
        passed since the last write (a local ingest calls this for every document)."""
        if not force and time.monotonic() - self.last_write < HEARTBEAT_S:
            return
        values: dict[str, Any] = _counts(summary)
        for name, value in (("queued", queued), ("done", done), ("retried", retried)):
            if value is not None:
                values[f"batches_{name}"] = value
        self._write(heartbeat_at=_now(), **values)

    def finish(self, summary: IngestSummary) -> None:
        now = _now()
        self._write(
            heartbeat_at=now,
            finished_at=now,
            state="finished",
            batches_queued=0,
            **_counts(summary),
        )

    def fail(self, summary: IngestSummary, exc: BaseException) -> None:
        """Best effort: the store itself may be what failed, and the first error must win."""
        now = _now()
        why = str(exc) or type(exc).__name__
        try:
            self._write(
                heartbeat_at=now, finished_at=now, state="failed", error=clean_field(why)[:2000],
                **_counts(summary),
            )  # fmt: skip
        except Exception:  # logged, never raised over `exc`
            log.debug("could not mark ingest %s failed", self.id, exc_info=True)

    def _write(self, **values: Any) -> None:
        with self.store.write() as conn:
            conn.execute(update(ingest_runs).where(ingest_runs.c.id == self.id).values(**values))
        self.last_write = time.monotonic()


def _counts(summary: IngestSummary) -> dict[str, int]:
    return {
        "documents_new": summary.new,
        "documents_unchanged": summary.unchanged,
        "documents_rejected": len(summary.rejected),
        "records": summary.records,
    }


def _alive(row: Any, now: datetime, host: str) -> bool:
    """Whether a `running` row's process still runs: a fresh heartbeat, and on this machine
    a process with its pid (a pid reused since is not told apart; the heartbeat is)."""
    if (now - as_utc(row.heartbeat_at)).total_seconds() > STALE_S:
        return False
    if row.host != host:
        return True
    try:
        os.kill(int(row.pid), 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process: it exists
        return True
    return True


def runs(store: Store, now: datetime | None = None) -> list[dict[str, Any]]:
    """The ingests now running, then the last one that ended (finished, failed or
    stopped without finishing), as plain values; [] for a store never ingested into."""
    now = now or _now()
    host = socket.gethostname()
    with store.engine.connect() as conn:
        rows = _recent(conn)
    shown: list[dict[str, Any]] = []
    ended: dict[str, Any] | None = None
    for row in rows:
        state = row.state
        if state == "running" and not _alive(row, now, host):
            state = "stopped"
        if state == "running":
            shown.append(_as_dict(row, state, now))
        elif ended is None:
            ended = _as_dict(row, state, now)
    return shown + ([ended] if ended is not None else [])


def _recent(conn: Connection) -> list[Any]:
    """The newest runs: more ingests than this running at once is not a use we know of."""
    query = select(ingest_runs).order_by(ingest_runs.c.started_at.desc()).limit(50)
    return list(conn.execute(query))


def _as_dict(row: Any, state: str, now: datetime) -> dict[str, Any]:
    heartbeat = as_utc(row.heartbeat_at)
    return {
        "id": row.id,
        "state": state,  # running | finished | failed | stopped (without finishing)
        "scheduler": row.scheduler,  # null: on the machine that started it
        "started_by": row.started_by,
        "host": row.host,
        "pid": row.pid,
        "inputs": row.inputs,
        "started_at": iso(row.started_at),
        "heartbeat_at": iso(row.heartbeat_at),
        "heartbeat_age_s": round((now - heartbeat).total_seconds(), 1),
        "finished_at": iso(row.finished_at),
        "batches_queued": row.batches_queued if state == "running" else 0,
        "batches_done": row.batches_done,
        "batches_retried": row.batches_retried,
        "documents_new": row.documents_new,
        "documents_unchanged": row.documents_unchanged,
        "documents_rejected": row.documents_rejected,
        "records": row.records,
        "error": row.error,
    }


def describe(run: dict[str, Any]) -> str:
    """One line for `status`'s table."""
    where = f"on {run['scheduler']}" if run["scheduler"] else "on this machine"
    who = f"by {run['started_by']} from {run['host']} (pid {run['pid']})"
    counts = (
        f"{run['documents_new']:,} new, {run['documents_unchanged']:,} unchanged, "
        f"{run['documents_rejected']:,} rejected, {run['records']:,} records"
    )
    if run["scheduler"]:
        counts = (
            f"batches {run['batches_done']:,} done, {run['batches_queued']:,} queued, "
            f"{run['batches_retried']:,} retried; " + counts
        )
    started = f"started {run['started_at']} {who}, {where}"
    state = run["state"]
    if state == "running":
        return f"running: {counts}; {started}; heartbeat {run['heartbeat_age_s']:.0f} s ago"
    if state == "stopped":
        return (
            f"stopped without finishing (last heartbeat {run['heartbeat_at']}): {counts}; {started}"
        )
    if state == "failed":
        return f"failed at {run['finished_at']} ({run['error']}): {counts}; {started}"
    return f"finished at {run['finished_at']}: {counts}; {started}"
