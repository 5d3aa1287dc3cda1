"""`pactwatch watch`: poll RSS/Atom feeds and ingest new items, round after round."""

from __future__ import annotations

import re
import signal
import time
from datetime import datetime, timedelta
from pathlib import Path
from types import FrameType

import click

from pactwatch.cli import cli
from pactwatch.cli._common import db_option, resolve_db
from pactwatch.errors import UsageError

_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")
_UNIT_S = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_interval(text: str) -> float:
    """`--interval` in seconds: 90, 30s, 15m, 2h or 1d; UsageError otherwise."""
    match = _INTERVAL.match(text)
    seconds = float(match.group(1)) * _UNIT_S[match.group(2)] if match else 0.0
    if seconds < 1:
        raise UsageError(
            f"--interval {text!r} is not a duration of at least 1 second",
            fix="give a number with s, m, h or d, e.g. 15m",
        )
    return seconds


def _stop_on_sigterm(_signum: int, _frame: FrameType | None) -> None:
    # a service manager's stop is a Ctrl-C: the round in progress ends where it stands
    raise KeyboardInterrupt


def _say(line: str) -> None:
    click.echo(f"pactwatch: {line}", err=True)


@cli.command("watch")
@click.argument("feeds_file", metavar="FEEDS.toml", type=click.Path(path_type=Path))
@click.option("--once", is_flag=True, help="One round, then exit (for cron or systemd timers).")
@click.option(
    "--interval",
    default="15m",
    show_default=True,
    metavar="DURATION",
    help="Time between the starts of two rounds: 30s, 15m, 2h, 1d.",
)
@db_option
def watch_command(feeds_file: Path, once: bool, interval: str, db_url: str | None) -> int:
    """Poll RSS/Atom feeds, fetch the pages of new items and ingest them, round after round.

    FEEDS.toml holds [[feeds]] tables with a url, and optionally a name and
    report_date_field (published, updated, created or page). Requests are polite:
    conditional GETs, robots.txt, a delay per host, time and size limits (docs/feeds.md).
    What was read is kept in the store, so a stopped or killed watch resumes where it
    was without storing anything twice. Each failing feed or page is named on standard
    error and the rest goes on. Exit status with --once: 0 all read, 1 some failures,
    2 nothing could be read; Ctrl-C: 130.

    \b
    Example:
      pactwatch watch feeds.toml --once
      pactwatch watch feeds.toml --interval 30m --db postgresql://me@db/pactwatch
    """
    from pactwatch.ingest.feeds import load_feeds
    from pactwatch.ingest.fetch import Fetcher
    from pactwatch.ingest.watch import run_round
    from pactwatch.store import open_store

    seconds = parse_interval(interval)
    feeds = load_feeds(feeds_file)
    previous = signal.signal(signal.SIGTERM, _stop_on_sigterm)
    rounds = 0
    try:
        with open_store(resolve_db(db_url)) as store, Fetcher() as fetcher:
            while True:
                started = time.monotonic()
                summary = run_round(store, feeds, fetcher, say=_say)
                rounds += 1
                click.echo(f"round {rounds}: {summary.line()} in {store.display_url}")
                for what, why in summary.failures:
                    click.echo(f"  failed: {what}: {why}")
                if once:
                    if not summary.failures:
                        return 0
                    return 1 if summary.polled or summary.stored else 2
                wait = max(0.0, seconds - (time.monotonic() - started))
                at = (datetime.now() + timedelta(seconds=wait)).strftime("%H:%M:%S")
                _say(f"next round at {at} (Ctrl-C stops)")
                time.sleep(wait)
    except KeyboardInterrupt:
        _say(f"watch stopped after {rounds} round(s); what was read is kept, run it again to go on")
        return 130
    finally:
        signal.signal(signal.SIGTERM, previous)
