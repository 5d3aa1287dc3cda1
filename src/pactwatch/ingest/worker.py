"""The worker side of `ingest --scheduler`: the Dask worker plugin and the batch task.

Imported only where Dask distributed is installed (the `scale` extra): by the
client of a distributed ingest, and by the workers when they unpickle the plugin.
"""

from __future__ import annotations

import asyncio
from typing import Any, Literal, NamedTuple

from distributed import Worker, WorkerPlugin, get_worker
from sqlalchemy import func, select

import pactwatch
from pactwatch import settings
from pactwatch.errors import ClusterError, InputRejected, StoreError
from pactwatch.records import Document
from pactwatch.store import Store, document_state, open_store, save_document
from pactwatch.store.schema import documents, events

PLUGIN_NAME = "pactwatch-ingest"

Status = Literal["new", "unchanged", "stored", "rejected"]


class DocOutcome(NamedTuple):
    """What a worker did with one document (plain values: they are pickled to the client)."""

    position: int  # in the client's input order
    doc_id: str
    status: Status  # "stored": found written by an earlier try of this batch
    records: int
    origin: str = ""  # for "rejected": the input, the reason and the fix
    reason: str = ""
    fix: str | None = None


def identity() -> tuple[str, str]:
    """This process's pactwatch version and event-typer sha256 (run on each worker)."""
    from pactwatch.extract.typer import load_typer

    # read through the package, not imported by name: the value a worker's preload
    # sets (as the tests do) is the one reported
    return pactwatch.__version__, load_typer().sha256


def mismatches(own: tuple[str, str], found: dict[str, Any]) -> list[str]:
    """One line per worker whose (version, sha256) differs from `own` or that could not
    report them (`found` maps worker address to its identity or to an exception)."""
    problems = []
    for address, theirs in sorted(found.items()):
        if isinstance(theirs, BaseException):
            problems.append(f"{address} cannot run pactwatch ({type(theirs).__name__}: {theirs})")
            continue
        version, sha = theirs
        if version != own[0]:
            problems.append(f"{address} runs pactwatch {version}, this client {own[0]}")
        if sha != own[1]:
            problems.append(
                f"{address} has event typer sha256 {sha[:16]}…, this client {own[1][:16]}…"
            )
    return problems


def refuse(problems: list[str]) -> ClusterError:
    return ClusterError(
        f"{len(problems)} worker problem(s): " + "; ".join(problems),
        fix="install the same pactwatch (the same wheel or commit, `make install`) on every "
        "worker machine and restart its `dask worker`; see docs/scale.md",
    )


class PactwatchWorker(WorkerPlugin):
    """Loads the NLP, the knowledge files and the typer once per worker; opens the store."""

    name = PLUGIN_NAME

    def __init__(self, db_url: str, batch_size: int, expected: tuple[str, str]) -> None:
        self.db_url = db_url
        self.batch_size = batch_size
        self.expected = expected  # the client's version and typer sha256
        self.store: Store | None = None

    async def setup(self, worker: Worker) -> None:
        # loading takes seconds: off the worker's event loop, which must keep answering
        # the scheduler's heartbeats meanwhile
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(None, self._load, str(worker.address))

    def teardown(self, worker: Worker) -> None:
        if self.store is not None:
            self.store.close()

    def _load(self, address: str) -> None:
        from pactwatch.extract.lexicon import load_lexicon
        from pactwatch.extract.nlp import load_nlp
        from pactwatch.extract.typer import load_typer

        load_nlp()
        load_lexicon()
        load_typer()
        try:
            self.store = open_store(self.db_url)
        except StoreError as exc:
            # the same URL may reach the server from the client and not from a worker
            raise StoreError(f"worker {address}: {exc.message}", fix=exc.fix) from None

    def ingest(self, batch: list[tuple[int, Document]]) -> list[DocOutcome]:
        """Extract and store each new document of the batch; what became of each."""
        from pactwatch import extract

        store = self.store
        if store is None:
            raise ClusterError("the pactwatch worker plugin is not set up on this worker")
        out: list[DocOutcome] = []
        todo: dict[str, int] = {}
        for position, doc in batch:
            try:
                state = document_state(store, doc)
            except InputRejected as exc:
                out.append(_rejected(position, doc.id, exc))
                continue
            if state is None:
                todo[doc.id] = position
                continue
            # the client found it absent, so a try of this batch on a worker that died
            # wrote it (or, rarely, another ingest of the same text did)
            stored = _stored_records(store, doc.id)
            status: Status = "unchanged" if stored is None else "stored"
            out.append(DocOutcome(position, doc.id, status, stored or 0))
        docs = [doc for _, doc in batch if doc.id in todo]

        def over_budget(doc: Document, exc: InputRejected) -> None:
            out.append(_rejected(todo[doc.id], doc.id, exc))

        for doc, records in extract.extract_documents(
            docs,
            batch_size=self.batch_size,
            budget_s=float(settings.get("doc_seconds")),
            on_reject=over_budget,
        ):
            position = todo[doc.id]
            try:
                result = save_document(store, doc, records)
            except InputRejected as exc:
                out.append(_rejected(position, doc.id, exc))
                continue
            n = len(records) if result == "new" else 0
            out.append(DocOutcome(position, doc.id, result, n))
        return out


def _rejected(position: int, doc_id: str, exc: InputRejected) -> DocOutcome:
    return DocOutcome(position, doc_id, "rejected", 0, exc.origin, exc.reason, exc.fix)


def _stored_records(store: Store, doc_id: str) -> int | None:
    """How many records the store holds for this document id; None when it holds no such
    document (the same text is stored under another id)."""
    with store.engine.connect() as conn:
        if conn.execute(select(documents.c.id).where(documents.c.id == doc_id)).first() is None:
            return None
        query = select(func.count()).select_from(events).where(events.c.doc_id == doc_id)
        return int(conn.execute(query).scalar_one())


def ingest_batch(batch: list[tuple[int, Document]]) -> list[DocOutcome]:
    """The task each worker runs: extract and store one batch through its plugin."""
    worker = get_worker()
    plugin = worker.plugins.get(PLUGIN_NAME)
    if not isinstance(plugin, PactwatchWorker):
        raise ClusterError(
            f"worker {worker.address} has no pactwatch plugin",
            fix="run the ingest again; the client installs the plugin on every worker",
        )
    own = identity()
    if own != plugin.expected:
        # a worker that joined after the client checked the others
        raise refuse(mismatches(plugin.expected, {str(worker.address): own}))
    return plugin.ingest(batch)
