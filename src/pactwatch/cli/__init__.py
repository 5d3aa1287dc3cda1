"""The command line: a thin layer over importable functions.

Each command lives in its own module here and calls one function of the
library. Only this layer turns `PactwatchError`s into messages and exit
statuses (0 done, 1 done with some inputs rejected, 2 nothing done).
"""

from __future__ import annotations

import importlib
import logging
import sys
from collections.abc import Sequence

import click

from pactwatch import __version__
from pactwatch.errors import PactwatchError

# which module defines each command, and the first line of its help: a command's module
# (and what it imports: SQLAlchemy, FastAPI, spaCy, pydantic) loads only when that command
# runs, so `pactwatch --help` lists the summaries from here (tests/cli/test_startup.py
# checks that each equals the command's own first help line)
_COMMANDS: dict[str, tuple[str, str]] = {
    "charters": ("check_cmd", "The shipped charters: id, alliance, rules."),
    "check": ("check_cmd", "Findings of one charter over the store: member, rule, evidence, grade."),
    "compare": ("check_cmd", "The same evidence under two charters, side by side (e.g. rules in force vs proposed)."),
    "corroborate": ("corroborate_cmd", "Link records that report one real-world event into an incident (incremental)."),
    "demo": ("demo_cmd", "Ingest a corpus, extract events, check the CSTO charters, print findings, write a report."),
    "evaluate": ("extract_cmd", "Precision, recall and field accuracy of extraction against a gold file."),
    "export": ("export_cmd", "Write the store's events, findings or incidents as PLOVER JSON, CSV, GeoJSON or CAMEO."),
    "extract": ("extract_cmd", "Extract event records from documents and print them; no database."),
    "findings": ("findings_cmd", "Stored findings: list them, confirm or dismiss one with a note (kept across checks)."),
    "import": ("import_cmd", "Store event data from GDELT, ICEWS, ACLED, POLECAT, UCDP or a pactwatch export."),
    "ingest": ("ingest_cmd", "Store documents and their event records; running it twice adds nothing."),
    "notify": ("findings_cmd", "Send queued webhooks for new findings: signed JSON POSTs, retried with backoff."),
    "reextract": ("reextract_cmd", "Extract stored documents again with this version's extractor, replacing their records."),
    "refresh": ("refresh_cmd", "Store the dashboard's findings and overview counts for the data as it is now."),
    "remove": ("remove_cmd", "Remove documents (retracted or wrong) with their records; incidents and findings follow."),
    "report": ("serve_cmd", "Write a self-contained HTML report: findings, scorecards, a timeline chart."),
    "scorecard": ("check_cmd", "Findings counted per member, per rule or per year, by grade."),
    "serve": ("serve_cmd", "Run the dashboard and JSON API over an existing store."),
    "status": ("ingest_cmd", "Counts of what the store holds, and where it is."),
    "watch": ("watch_cmd", "Poll RSS/Atom feeds, fetch the pages of new items and ingest them, round after round."),
    "user": ("serve_cmd", "Dashboard users (reading needs no login; reviewing does)."),
}  # fmt: skip


class _LazyGroup(click.Group):
    """A group whose commands register themselves when their module is first imported."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*_COMMANDS, *self.commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in _COMMANDS:
            importlib.import_module(f"pactwatch.cli.{_COMMANDS[cmd_name][0]}")
        return self.commands.get(cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list from the summaries above: no command module is imported."""
        rows = [(name, _COMMANDS[name][1]) for name in sorted(_COMMANDS)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


class _Stderr(logging.Handler):
    """Log records as `pactwatch: LEVEL: message` lines on the current standard error."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            sys.stderr.write(f"pactwatch: {record.levelname.lower()}: {self.format(record)}\n")
        except Exception:
            self.handleError(record)


def configure_logging(verbose: int = 0, quiet: bool = False) -> int:
    """The `pactwatch` loggers at the level -v/-q ask for (default: warnings); the level."""
    level = logging.ERROR if quiet else (logging.WARNING, logging.INFO)[min(verbose, 1)]
    if verbose >= 2 and not quiet:
        level = logging.DEBUG
    logger = logging.getLogger("pactwatch")
    logger.setLevel(level)
    for handler in [h for h in logger.handlers if isinstance(h, _Stderr)]:
        logger.removeHandler(handler)
    logger.addHandler(_Stderr())
    return level


@click.group(cls=_LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="pactwatch")
@click.option(
    "-v", "--verbose", count=True, help="Say more on standard error (-v: progress, -vv: debug)."
)
@click.option("-q", "--quiet", is_flag=True, help="Only errors on standard error.")
def cli(verbose: int, quiet: bool) -> None:
    """pactwatch: sourced political events from security news, checked against alliance charters.

    \b
    Example:
      pactwatch demo
      pactwatch extract article.txt --report-date 2022-10-10 --format jsonl
      pactwatch -v ingest articles/
    """
    configure_logging(verbose, quiet)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: run the CLI and map errors to exit statuses; never a traceback for bad input."""
    args = list(argv) if argv is not None else sys.argv[1:]
    try:
        if not {"-h", "--help", "--version"} & set(args):
            from pactwatch import settings

            settings.load()  # a bad setting stops every command before anything is done
        result = cli.main(args=args, standalone_mode=False)
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
