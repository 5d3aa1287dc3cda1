"""`pactwatch ingest` and `pactwatch status`."""

from __future__ import annotations

import json
import time
from types import TracebackType

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeRemainingColumn,
)

from pactwatch import settings
from pactwatch.cli import cli
from pactwatch.cli._common import db_option, report_date_option, resolve_db
from pactwatch.errors import InputRejected, UsageError
from pactwatch.ingest.readers import check_report_date, count_inputs
from pactwatch.ingest.run import IngestSummary, ingest
from pactwatch.store import mask, open_store, status
from pactwatch.store.engine import normalise_url

# a run shorter than this shows no progress bar at all
_PROGRESS_DELAY_S = 1.0


class _Feedback:
    """Names each rejected input on stderr as it happens; shows a bar once a run is slow."""

    def __init__(self, total: int | None = None) -> None:
        self.total = total
        self.console = Console(stderr=True)
        self.started = time.monotonic()
        self.reported = 0
        self.skips_reported = 0
        self.bar: Progress | None = None
        self.task: TaskID | None = None

    def __call__(self, summary: IngestSummary) -> None:
        for rejected in summary.rejected[self.reported :]:
            self._say(rejected)
        self.reported = len(summary.rejected)
        for path, why in summary.skipped[self.skips_reported :]:
            self.console.print(
                f"pactwatch: skipped {path}: {why} (not read)",
                markup=False, highlight=False, soft_wrap=True,
            )  # fmt: skip
        self.skips_reported = len(summary.skipped)
        if self.bar is None and self.console.is_terminal:
            if time.monotonic() - self.started < _PROGRESS_DELAY_S:
                return
            self.bar = Progress(
                SpinnerColumn(),
                TextColumn("ingesting"),
                BarColumn(bar_width=24),
                MofNCompleteColumn(),
                TextColumn("{task.description}"),
                TimeRemainingColumn(),
                console=self.console,
                transient=True,
            )
            self.bar.start()
            self.task = self.bar.add_task("", total=self.total)
        if self.bar is not None and self.task is not None:
            self.bar.update(
                self.task,
                completed=summary.documents + len(summary.rejected),
                description=f"{summary.new} new, {summary.unchanged} unchanged, "
                f"{len(summary.rejected)} rejected",
            )

    def _say(self, rejected: InputRejected) -> None:
        # plain text, not rich markup: file names may contain [brackets]
        self.console.print(f"pactwatch: {rejected}", markup=False, highlight=False, soft_wrap=True)

    def __enter__(self) -> _Feedback:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self.bar is not None:
            self.bar.stop()


@cli.command("ingest")
@click.argument("paths", nargs=-1, required=True, metavar="PATH|URL...")
@report_date_option(
    "Publication date for documents that carry none (JSONL fields and HTML metadata win)."
)
@click.option(
    "--max-bytes",
    type=int,
    metavar="N",
    help="Largest file (or .jsonl line) accepted (default: $PACTWATCH_MAX_BYTES or 5000000).",
)
@click.option(
    "--scheduler",
    default=None,
    metavar="tcp://HOST:PORT",
    help="Extract on the workers of this Dask scheduler and write from them to the "
    "PostgreSQL store (default: $PACTWATCH_SCHEDULER, else on this machine); docs/scale.md.",
)
@db_option
def ingest_command(
    paths: tuple[str, ...],
    report_date: str | None,
    max_bytes: int | None,
    scheduler: str | None,
    db_url: str | None,
) -> int:
    """Store documents and their event records; running it twice adds nothing.

    PATH is a .txt, .md, .html or .jsonl file, a directory (read recursively), -
    for standard input, or the http(s) URL of a web page (fetched politely: robots.txt,
    a delay per host, size and time limits; docs/feeds.md). Each document is stored
    whole with its records, so an
    interrupted ingest can simply be run again. Exit status: 0 all stored, 1 some
    inputs rejected (each named on standard error), 2 nothing could be done.

    \b
    Example:
      pactwatch ingest ../shared/data/seed/csto-op-ed-2022-10-10.txt
      pactwatch ingest articles/ feed.jsonl --report-date 2022-10-10
      pactwatch ingest https://example.org/news/2022/09/16/batken.html
      cat note.txt | pactwatch ingest - --db postgresql://me@localhost/pactwatch
      pactwatch ingest feed.jsonl --scheduler tcp://10.0.0.5:8786 --db postgresql://me@db/pw
    """
    report_date = check_report_date(report_date)
    if max_bytes is not None and max_bytes <= 0:
        raise UsageError(
            f"--max-bytes {max_bytes} is not a positive size", fix="give bytes, e.g. 5000000"
        )
    # counted only where a bar can be shown: it reads each .jsonl file once more
    total = count_inputs(paths) if Console(stderr=True).is_terminal else None
    scheduler = scheduler or str(settings.get("scheduler"))
    if scheduler:
        from pactwatch.ingest.distributed import ingest_distributed

        db = resolve_db(db_url)
        with _Feedback(total) as feedback:
            summary = ingest_distributed(
                paths, db, scheduler, report_date=report_date, max_bytes=max_bytes,
                progress=feedback,
            )  # fmt: skip
            feedback(summary)
        return _report(summary, mask(normalise_url(db)))
    with open_store(resolve_db(db_url)) as store, _Feedback(total) as feedback:
        summary = ingest(
            paths, store, report_date=report_date, max_bytes=max_bytes, progress=feedback
        )
        feedback(summary)  # any rejection not yet named
        where = store.display_url
    return _report(summary, where)


def _report(summary: IngestSummary, where: str) -> int:
    """The closing line and the exit status, the same for a local and a distributed ingest."""
    click.echo(
        f"ingested: {summary.new} new, {summary.unchanged} unchanged, "
        f"{len(summary.rejected)} rejected; {summary.records} records stored in {where}"
        + (f"; {len(summary.skipped)} file(s) of other types skipped" if summary.skipped else "")
    )
    if not summary.rejected:
        return 0
    return 1 if summary.documents else 2


@cli.command("status")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="table for people, json for scripts.",
)
@db_option
def status_command(fmt: str, db_url: str | None) -> int:
    """Counts of what the store holds, and where it is.

    Also each ingest running now (local or on a Dask cluster: batches queued, done
    and retried, documents, who started it where) and the last one that ended; an
    ingest whose process is gone shows as stopped without finishing.

    \b
    Example:
      pactwatch status
      pactwatch status --format json --db sqlite:///other.db
    """
    from pactwatch.ingest.runs import describe, runs

    with open_store(resolve_db(db_url), create=False) as store:
        info = status(store)
        ingests = runs(store)
    if fmt == "json":
        click.echo(json.dumps({**info, "ingests": ingests}, indent=2))
        return 0
    width = max(len(key) for key in info) + 2
    for key, value in info.items():
        click.echo(f"{key.replace('_', ' '):<{width}}{'-' if value is None else value}")
    for run in ingests:
        click.echo(f"{'ingest':<{width}}{describe(run)}")
    return 0
