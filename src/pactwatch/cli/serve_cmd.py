"""`pactwatch serve`, `pactwatch user add`, `pactwatch report`: the dashboard's commands."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from pactwatch import settings
from pactwatch.cli import cli
from pactwatch.cli._common import db_option, resolve_db
from pactwatch.errors import UsageError


@cli.command()
@click.option("--host", default=None, help="Address to listen on (default: the host setting).")
@click.option("--port", type=int, default=None, help="Port to listen on (default: 8000).")
@db_option
def serve(host: str | None, port: int | None, db_url: str | None) -> None:
    """Run the dashboard and JSON API.

    \b
    Example:
      pactwatch serve --port 8000      # then open http://127.0.0.1:8000/
    """
    import uvicorn

    from pactwatch.web import create_app

    app = create_app(resolve_db(db_url))
    uvicorn.run(
        app,
        host=host or str(settings.get("host")),
        port=port or int(settings.get("port")),
        log_level="info",
    )


@cli.group()
def user() -> None:
    """Dashboard users (reading needs no login; reviewing does)."""


@user.command("add")
@click.argument("name")
@click.option(
    "--role", type=click.Choice(["analyst", "admin"]), default="analyst", show_default=True
)
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@db_option
def user_add(name: str, role: str, password_stdin: bool, db_url: str | None) -> None:
    """Add a user who can log in to the dashboard.

    \b
    Example:
      pactwatch user add ana --role analyst          # asks for the password
      printf '%s\\n' "$PW" | pactwatch user add ana --password-stdin
    """
    from pactwatch.store import open_store
    from pactwatch.web.auth import add_user

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    if not password:
        raise UsageError("no password given", fix="type one, or pipe it with --password-stdin")
    with open_store(resolve_db(db_url)) as store:
        created = add_user(store, name, role, password)
    click.echo(f"added {created.role} {created.name}")


@cli.command()
@click.option(
    "--charter", "charters", multiple=True, required=True, metavar="ID",
    help="Charter to report on (repeat for several).",
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
    """
    from pactwatch.report import write_report
    from pactwatch.store import open_store

    with open_store(resolve_db(db_url)) as store:
        path = write_report(store, list(charters), out_dir)
    click.echo(f"report written to {path}")
