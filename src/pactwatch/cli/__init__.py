"""The command line: a thin layer over importable functions.

Each command lives in its own module here and calls one function of the
library. Only this layer turns `PactwatchError`s into messages and exit
statuses (0 done, 1 done with some inputs rejected, 2 nothing done).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

import click

from pactwatch import __version__
from pactwatch.errors import PactwatchError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="pactwatch")
def cli() -> None:
    """pactwatch: sourced political events from security news, checked against alliance charters.

    \b
    Example:
      pactwatch demo
      pactwatch extract article.txt --report-date 2022-10-10 --format jsonl
    """


def _register() -> None:
    # imported here so that each command module can import `cli` from this package
    from pactwatch.cli import (  # noqa: F401
        check_cmd,
        demo_cmd,
        extract_cmd,
        ingest_cmd,
        serve_cmd,
    )


_register()


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: run the CLI and map errors to exit statuses; never a traceback for bad input."""
    try:
        result = cli.main(args=list(argv) if argv is not None else None, standalone_mode=False)
    except PactwatchError as exc:
        click.echo(f"pactwatch: {exc}", err=True)
        return exc.exit_status
    except click.exceptions.Abort:
        click.echo("pactwatch: aborted", err=True)
        return 2
    except click.ClickException as exc:
        exc.show()
        return 2
    except KeyboardInterrupt:
        click.echo("pactwatch: interrupted", err=True)
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return 0
    return result if isinstance(result, int) else 0
