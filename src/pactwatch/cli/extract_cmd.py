"""`pactwatch extract` and `pactwatch evaluate`."""

from __future__ import annotations

import json
import sys

import click

from pactwatch.cli import cli
from pactwatch.cli._common import report_date_option
from pactwatch.errors import InputRejected
from pactwatch.evaluate import format_score, read_jsonl, score
from pactwatch.extract import extract_documents
from pactwatch.ingest.readers import read_documents
from pactwatch.records import Document


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@report_date_option()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "table", "csv"]),
    default="jsonl",
    show_default=True,
    help="csv: one row per record, docs/csv.md.",
)
@click.option(
    "--workers", type=int, default=None, help="Parser processes (default: the `workers` setting)."
)
@click.option("--max-bytes", type=int, default=None, help="Largest input accepted, in bytes.")
def extract(
    paths: tuple[str, ...],
    report_date: str | None,
    fmt: str,
    workers: int | None,
    max_bytes: int | None,
) -> int:
    """Extract event records from documents and print them; no database.

    PATH is a .txt, .md, .html or .jsonl file, a directory, or - for standard input.

    \b
    Example:
      pactwatch extract ../shared/data/seed/gold.jsonl --format jsonl > pred.jsonl
      pactwatch extract article.txt --report-date 2022-10-10 --format table
    """
    rejected = 0
    good: list[Document] = []

    def documents() -> list[Document]:
        nonlocal rejected

        def skipped(path: str, why: str) -> None:
            click.echo(f"pactwatch: skipped {path}: {why} (not read)", err=True)

        for item in read_documents(
            paths, report_date=report_date, max_bytes=max_bytes, on_skip=skipped
        ):
            if isinstance(item, InputRejected):
                rejected += 1
                click.echo(f"pactwatch: {item}", err=True)
            else:
                good.append(item)
        return good

    docs = documents()
    if not docs:
        return 2 if rejected else 0  # nothing to read: no need to load the model
    from pactwatch import settings  # not at import: `extract --help` needs no pydantic

    n_process = workers or int(settings.get("workers"))
    out = sys.stdout

    def over_budget(_doc: Document, exc: InputRejected) -> None:
        nonlocal rejected
        rejected += 1
        click.echo(f"pactwatch: {exc}", err=True)

    budget_s = float(settings.get("doc_seconds"))
    extracted = extract_documents(
        docs, n_process=n_process, budget_s=budget_s, on_reject=over_budget
    )
    if fmt == "csv":
        from pactwatch.export import flatcsv

        records = (flatcsv.event_cells(ev.to_dict()) for _doc, evs in extracted for ev in evs)
        for chunk in flatcsv.write_csv(records, flatcsv.EVENT_COLUMNS):
            out.write(chunk)
        out.flush()
        return 1 if rejected else 0
    for _doc, events in extracted:
        for event in events:
            if fmt == "jsonl":
                out.write(json.dumps(event.to_dict(), ensure_ascii=False) + "\n")
            else:
                actors = ",".join(e.code for e in event.actor)
                recipients = ",".join(e.code for e in event.recipient)
                aux = ",".join(event.aux)
                out.write(
                    f"{event.id:<24} {event.event:<9} {actors:<16} → {recipients:<14} {event.kind or '':<18} {event.date or '':<10} {aux:<12} {event.event_text}\n"
                )
    out.flush()
    if rejected and not docs:
        return 2
    return 1 if rejected else 0


@cli.command()
@click.argument("gold", type=click.Path(dir_okay=False))
@click.option(
    "--predictions",
    type=click.Path(dir_okay=False),
    default=None,
    help="Records to score (default: extract the gold documents now).",
)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.option(
    "--show-errors",
    is_flag=True,
    help="List every false positive and miss, and every matched record whose date or parties are wrong (DATE, ROLES: predicted, then gold).",
)
def evaluate(gold: str, predictions: str | None, fmt: str, show_errors: bool) -> int:
    """Precision, recall and field accuracy of extraction against a gold file.

    Agrees with ../shared/tools/score_events.py to the digit.

    \b
    Example:
      pactwatch evaluate ../shared/data/dev/alliance-dev.jsonl
      pactwatch evaluate gold.jsonl --predictions pred.jsonl --format json
    """
    gold_docs = read_jsonl(gold)
    if predictions:
        preds = read_jsonl(predictions)
    else:
        docs = [
            Document(
                id=str(g["doc_id"]),
                text=g["text"],
                report_date=g.get("report_date"),
                origin=f"{gold}:{n}",
            )
            for n, g in enumerate(gold_docs, start=1)
        ]
        preds = [e.to_dict() for _d, events in extract_documents(docs) for e in events]
    result = score(gold_docs, preds)
    if fmt == "json":
        click.echo(json.dumps(result.to_dict()))
    else:
        click.echo(format_score(result, show_errors=show_errors))
    return 0
