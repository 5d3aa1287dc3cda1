"""`pactwatch findings list|confirm|dismiss|reopen` and `pactwatch notify`: stored findings, alerts."""

from __future__ import annotations

import json
from typing import Any

import click

from pactwatch.cli import cli
from pactwatch.cli._common import db_option, resolve_db

_STATES = click.Choice(["open", "confirmed", "dismissed"])
_FORMATS = click.Choice(["table", "json"])


def _store(db_url: str | None) -> Any:
    from pactwatch.store import open_store

    return open_store(resolve_db(db_url), create=False)  # never creates a store


@cli.group()
def findings() -> None:
    """Stored findings: list them, confirm or dismiss one with a note (kept across checks)."""


@findings.command("list")
@click.option("--charter", default=None, metavar="ID", help="Only this charter's findings.")
@click.option("--state", type=_STATES, default=None, help="Only findings in this state.")
@click.option("--format", "fmt", type=_FORMATS, default="table", show_default=True)
@db_option
def findings_list(charter: str | None, state: str | None, fmt: str, db_url: str | None) -> None:
    """Findings the store holds, newest first seen first: id, state, charter, rule, member.

    \b
    Examples:
      pactwatch findings list --charter csto-treaty
      pactwatch findings list --state dismissed --format json
    """
    from pactwatch.check.stored import listing

    with _store(db_url) as store:
        rows = listing(store, charter, state)
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    for r in rows:
        dates = r["finding"].get("dates", "")
        click.echo(
            f"{r['id']}\t{r['state']}\t{r['first_seen']}\t{r['charter']}\t{r['rule']}\t"
            f"{r['member']}\t{dates}"
        )
    if not rows:
        click.echo("no stored findings (`pactwatch check --charter ID` computes them)", err=True)


def _set(action: str, finding_id: str, note: str | None, db_url: str | None) -> None:
    from pactwatch.check.stored import set_state
    from pactwatch.store.audit import cli_actor

    with _store(db_url) as store:
        row = set_state(store, finding_id, action, cli_actor(), note)
    click.echo(f"{row['id']} {row['state']}: {row['charter']} {row['rule']} {row['member']}")


_NOTE = click.option("--note", default=None, metavar="TEXT", help="Why (kept with the finding).")


@findings.command("confirm")
@click.argument("finding_id", metavar="ID")
@_NOTE
@db_option
def findings_confirm(finding_id: str, note: str | None, db_url: str | None) -> None:
    """Confirm a finding: an analyst checked it against the sources (written to the audit log).

    \b
    Example:
      pactwatch findings confirm 3f2a9c41d0b87e65 --note "checked against both reports"
    """
    _set("confirm", finding_id, note, db_url)


@findings.command("dismiss")
@click.argument("finding_id", metavar="ID")
@click.option("--note", required=True, metavar="TEXT", help="Why it is wrong (required).")
@db_option
def findings_dismiss(finding_id: str, note: str, db_url: str | None) -> None:
    """Dismiss a finding as wrong, with a note; consequences ladders stop counting it.

    \b
    Example:
      pactwatch findings dismiss 3f2a9c41d0b87e65 --note "the report is a denial, not a deed"
    """
    _set("dismiss", finding_id, note, db_url)


@findings.command("reopen")
@click.argument("finding_id", metavar="ID")
@_NOTE
@db_option
def findings_reopen(finding_id: str, note: str | None, db_url: str | None) -> None:
    """Undo a confirm or dismiss: the finding is open again (written to the audit log).

    \b
    Example:
      pactwatch findings reopen 3f2a9c41d0b87e65
    """
    _set("reopen", finding_id, note, db_url)


@cli.command("notify")
@click.option("--format", "fmt", type=_FORMATS, default="table", show_default=True)
@db_option
def notify(fmt: str, db_url: str | None) -> int:
    """Send queued webhooks for new findings: signed JSON POSTs, retried with backoff.

    Each failure is logged on standard error; exit status 1 when a delivery failed in
    this run (it stays queued for the next run).

    \b
    Example:
      HOOK_SECRET=… pactwatch notify        # webhooks as in pactwatch.toml (docs/alerts.md)
    """
    from pactwatch import settings
    from pactwatch.notify import send_pending

    with _store(db_url) as store:
        report = send_pending(store, settings.load())
    if fmt == "json":
        click.echo(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    else:
        click.echo(
            f"delivered {report.delivered}, failed {report.failed}, deferred {report.deferred}, "
            f"unconfigured {report.unconfigured} ({report.posts} POSTs)"
        )
    return 0 if report.ok else 1
