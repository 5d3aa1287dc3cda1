"""The main job, end to end, on the embedded store: ingest, extract, check, report.

`pactwatch demo` ingests the sample corpus shipped with the package (or the
documents given), checks the CSTO charter in force beside the reform the seed
column proposed, prints the events and findings, and writes an HTML report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from pactwatch.check.charter import load_charter
from pactwatch.check.scorecard import compare
from pactwatch.corroborate import corroborate
from pactwatch.errors import InputRejected, UsageError
from pactwatch.ingest.readers import STDIN, check_report_date, read_documents
from pactwatch.ingest.run import IngestSummary, ingest
from pactwatch.records import Event
from pactwatch.report import write_report
from pactwatch.store import Store, iter_events

DEMO_CHARTERS = ("csto-treaty", "csto-reform")


def sample_corpus() -> Path:
    """The shipped sample corpus (a dozen short reports written for pactwatch)."""
    return Path(str(resources.files("pactwatch.samples").joinpath("corpus.jsonl")))


@dataclass
class DemoResult:
    summary: IngestSummary
    events: list[Event] = field(default_factory=list)
    comparison: dict[str, Any] = field(default_factory=dict)
    report: Path | None = None


def check_inputs(paths: list[str], report_date: str | None = None) -> None:
    """Raise before anything is created when the demo could store nothing from `paths`:
    a bad --report-date, or no readable document among them (each rejection is named)."""
    check_report_date(report_date)
    if not paths or STDIN in paths:  # standard input can be read only once: by the ingest
        return
    rejected: list[InputRejected] = []
    for item in read_documents(paths, report_date=report_date):
        if not isinstance(item, InputRejected):
            return
        rejected.append(item)
    raise UsageError(
        "nothing to demonstrate on: " + "; ".join(f"{r.origin}: {r.reason}" for r in rejected),
        fix="give .txt, .md, .html or .jsonl files that exist, or run `pactwatch demo` alone "
        "for the sample corpus",
    )


def run_demo(
    store: Store,
    paths: list[str] | None = None,
    *,
    report_date: str | None = None,
    report_dir: Path = Path("pactwatch-report"),
    progress: Any = None,
) -> DemoResult:
    """Ingest, check both CSTO charters and write the report; returns what it did."""
    inputs = paths or [str(sample_corpus())]
    summary = ingest(inputs, store, report_date=report_date, progress=progress)
    events = [e for doc_id in summary.doc_ids for e in iter_events(store, doc_id=doc_id)]
    corroborate(store)  # ingest linked the new records; this also catches a store made earlier
    first, second = (load_charter(name) for name in DEMO_CHARTERS)
    comparison = compare(store, first, second)
    report = write_report(store, list(DEMO_CHARTERS), report_dir)
    return DemoResult(summary=summary, events=events, comparison=comparison, report=report)
