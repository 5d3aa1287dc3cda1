"""The command line: a thin layer over importable functions.

Each command lives in its own module here and calls one function of the
library. Only this layer turns `PactwatchError`s into messages and exit
statuses (0 done, 1 done with some inputs rejected, 2 nothing done).
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence

import click

from pactwatch import __version__
from pactwatch.errors import PactwatchError

# which module defines each command: a command's module (and what it imports:
# SQLAlchemy, FastAPI, spaCy) loads only when that command runs or help lists it
_COMMANDS = {
    "check": "check_cmd",
    "compare": "check_cmd",
    "corroborate": "corroborate_cmd",
    "scorecard": "check_cmd",
    "charters": "check_cmd",
    "demo": "demo_cmd",
    "extract": "extract_cmd",
    "evaluate": "extract_cmd",
    "ingest": "ingest_cmd",
    "status": "ingest_cmd",
    "serve": "serve_cmd",
    "user": "serve_cmd",
    "report": "serve_cmd",
}


class _LazyGroup(click.Group):
    """A group whose commands register themselves when their module is first imported."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*_COMMANDS, *self.commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in _COMMANDS:
            importlib.import_module(f"pactwatch.cli.{_COMMANDS[cmd_name]}")
        return self.commands.get(cmd_name)


@click.group(cls=_LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="pactwatch")
def cli() -> None:
    """pactwatch: sourced political events from security news, checked against alliance charters.

    \b
    Example:
      pactwatch demo
      pactwatch extract article.txt --report-date 2022-10-10 --format jsonl
    """


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
