"""`pactwatch serve`, `pactwatch user add`, `pactwatch report`: the dashboard's commands."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

from pactwatch import settings
from pactwatch.cli import cli
from pactwatch.cli._common import db_option, resolve_db
from pactwatch.errors import UsageError


@cli.command()
@click.option("--host", default=None, help="Address to listen on (default: the host setting).")
@click.option(
    "--port",
    type=click.IntRange(1, 65535),
    default=None,
    help="Port to listen on, 1 to 65535 (default: the port setting, 8000).",
)
@click.option(
    "--charter", "charter_files", multiple=True, metavar="FILE",
    help="A charter file to offer beside the shipped ones (repeat for several; "
    "PACTWATCH_CHARTERS_DIR names a whole folder).",
)  # fmt: skip
@db_option
def serve(
    host: str | None, port: int | None, charter_files: tuple[str, ...], db_url: str | None
) -> None:
    """Run the dashboard and JSON API over an existing store.

    \b
    Example:
      pactwatch serve --port 8000      # then open http://127.0.0.1:8000/
      pactwatch serve --charter my-charter.yaml
    """
    from pactwatch.store import open_store, status
    from pactwatch.web.checking import offer_charter_files
    from pactwatch.web.serve import listen, serve_store

    host = host or str(settings.get("host"))
    port = port or int(settings.get("port"))
    from_files = offer_charter_files(charter_files)  # a bad file: exit 2 before serving
    store = open_store(resolve_db(db_url), create=False)  # serving never creates a store
    try:
        sock = listen(host, port)  # a busy port or unknown host: UsageError, exit 2
    except UsageError:
        store.close()
        raise
    shown = f"[{host}]" if ":" in host else host
    held = int(status(store)["documents"])
    click.echo(
        f"pactwatch serve: store {store.display_url} ({held:,} document{'' if held == 1 else 's'})"
        f" at http://{shown}:{port}/",
        err=True,
    )
    if from_files:
        click.echo(f"pactwatch serve: charters from files: {', '.join(from_files)}", err=True)
    serve_store(store, sock, log_level=logging.getLogger("pactwatch").getEffectiveLevel())


@cli.group()
def user() -> None:
    """Dashboard users (reading needs no login; reviewing does)."""


def _password(password_stdin: bool) -> str:
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    if not password:
        raise UsageError("no password given", fix="type one, or pipe it with --password-stdin")
    return str(password)


_PASSWORD_STDIN = click.option(
    "--password-stdin", is_flag=True, help="Read the password from standard input."
)


@user.command("add")
@click.argument("name")
@click.option(
    "--role", type=click.Choice(["analyst", "admin"]), default="analyst", show_default=True
)
@_PASSWORD_STDIN
@db_option
def user_add(name: str, role: str, password_stdin: bool, db_url: str | None) -> None:
    """Add a user who can log in to the dashboard (written to the audit log).

    \b
    Example:
      pactwatch user add ana --role analyst          # asks for the password
      printf '%s\\n' "$PW" | pactwatch user add ana --password-stdin
    """
    from pactwatch.store import open_store
    from pactwatch.web.auth import add_user

    password = _password(password_stdin)
    with open_store(resolve_db(db_url)) as store:
        created = add_user(store, name, role, password)
    click.echo(f"added {created.role} {created.name}")


@user.command("list")
@db_option
def user_list(db_url: str | None) -> None:
    """The dashboard's users: name, role, when added.

    \b
    Example:
      pactwatch user list
    """
    from pactwatch.store import open_store
    from pactwatch.web.auth import list_users

    with open_store(resolve_db(db_url), create=False) as store:
        rows = list_users(store)
    for row in rows:
        click.echo(f"{row['name']}\t{row['role']}\t{row['created_at']}")
    if not rows:
        click.echo("no users (add one with `pactwatch user add NAME`)", err=True)


@user.command("passwd")
@click.argument("name")
@_PASSWORD_STDIN
@db_option
def user_passwd(name: str, password_stdin: bool, db_url: str | None) -> None:
    """Set a user's password; their sessions that began before it can no longer write.

    \b
    Example:
      pactwatch user passwd ana                       # asks for the new password
    """
    from pactwatch.store import open_store
    from pactwatch.web.auth import set_password

    password = _password(password_stdin)
    with open_store(resolve_db(db_url), create=False) as store:
        set_password(store, name, password)
    click.echo(f"password of {name} changed")


@user.command("remove")
@click.argument("name")
@db_option
def user_remove(name: str, db_url: str | None) -> None:
    """Remove a user; their sessions end, their reviews stay.

    \b
    Example:
      pactwatch user remove ana
    """
    from pactwatch.store import open_store
    from pactwatch.web.auth import remove_user

    with open_store(resolve_db(db_url), create=False) as store:
        remove_user(store, name)
    click.echo(f"removed {name}")


@cli.command()
@click.option(
    "--charter", "charters", multiple=True, required=True, metavar="ID_OR_FILE",
    help="Charter to report on: a shipped id, one from PACTWATCH_CHARTERS_DIR, or a file "
    "(repeat for several).",
)  # fmt: skip
@click.option(
    "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
    default=Path("pactwatch-report"), show_default=True, help="Folder to write index.html into.",
)  # fmt: skip
@db_option
def report(charters: tuple[str, ...], out_dir: Path, db_url: str | None) -> None:
    """Write a self-contained HTML report: findings, scorecards, a timeline chart.

    \b
    Example:
      pactwatch report --charter csto-treaty --charter csto-reform --out report/
      pactwatch report --charter my-charter.yaml
    """
    from pactwatch.report import write_report
    from pactwatch.store import open_store
    from pactwatch.web.checking import offer_charter_files, use_charter_file

    offer_charter_files()  # the charters folder checked first: a bad file names itself
    ids = [use_charter_file(c) if Path(c).is_file() else c for c in charters]
    with open_store(resolve_db(db_url), create=False) as store:
        path = write_report(store, ids, out_dir)
    click.echo(f"report written to {path}")
