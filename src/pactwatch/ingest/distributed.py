"""`ingest --scheduler`: the same ingest, with extraction on a Dask cluster.

The client (this process) reads the inputs and drops documents already stored, as
a local ingest does, then sends the new ones in batches to `dask.distributed`
workers. A worker plugin loads spaCy, the knowledge files and the event typer
once per worker and opens the store; each worker extracts a batch and writes each
document with its records in one transaction, straight to PostgreSQL. A worker
that dies part-way loses nothing: the scheduler runs its batch again elsewhere, and
the documents it had already written are found stored and not written twice.

The client refuses workers whose pactwatch version or event-typer sha256 differ
from its own (records from two models in one store could not be told apart). As
each batch is acknowledged it links the new records into incidents (`corroborate`,
under its PostgreSQL advisory lock), refreshes the stored findings when that linked
records (the dashboard's and the webhooks', `notify.refresh`; at most every
REFRESH_S), and updates the run's row in `ingest_runs`, which `pactwatch status`
shows. After the batches it runs the same closing step as a local ingest
(`finish_ingest`: the audit entry, then the findings refreshed once more).
"""

from __future__ import annotations

import itertools
import logging
import os
import time
from collections.abc import Iterable, Iterator
from types import ModuleType
from typing import TYPE_CHECKING, Any, BinaryIO, NamedTuple

from pactwatch import settings
from pactwatch.errors import ClusterError, InputRejected, PactwatchError, UsageError
from pactwatch.ingest.readers import read_documents
from pactwatch.ingest.run import IngestSummary, Progress, finish_ingest
from pactwatch.ingest.runs import IngestRun
from pactwatch.notify.refresh import refresh_findings
from pactwatch.records import Document
from pactwatch.store import Store, document_state, mask, open_store
from pactwatch.store.documents import id_conflict
from pactwatch.store.engine import normalise_url

if TYPE_CHECKING:
    from pactwatch.ingest.worker import DocOutcome

log = logging.getLogger(__name__)

# documents per task: small enough that a killed worker costs little work (a run's last
# documents go in smaller batches, `_tail`), big enough that what the client does per
# acknowledged batch costs little beside the extraction, on cores the workers could use:
# linking (bench_distributed.py, 854 documents, two workers) took 1.7 CPU s of this client
# over 57 links with 16 documents a batch, 1.2 s over 30 with 32, and PostgreSQL's CPU
# for the whole run fell from 4.2 s to 2.3 s; with 64 the two workers' extraction speedup
# over one went from 1.59-1.72x (median 1.70, five runs) to 1.71-1.82x (median 1.77, three
# runs) on a quiet machine, the rest of the two cores freed for the workers
BATCH_DOCS = 64
# how long the client waits for the scheduler to answer and for a first worker
CONNECT_TIMEOUT_S = 30
# a batch whose worker died is run again by the scheduler (its own allowed-failures);
# these are further tries after an error raised inside the task, e.g. a dropped
# database connection
TASK_RETRIES = 2
# the stored findings are computed again at most this often while an ingest runs (and
# once at its end, by `finish_ingest`): a check reads the whole store (about 10 s for every
# charter at a million records), while corroboration after each batch reads only the new
# records
REFRESH_S = 60.0


def check_scheduler(address: str) -> str:
    """The scheduler address as given, or UsageError naming it."""
    if not settings.SCHEDULER_ADDRESS.match(address):
        raise UsageError(
            f"--scheduler {address!r} is not a Dask scheduler address",
            fix="give it as tcp://HOST:PORT, e.g. tcp://10.0.0.5:8786 (what `dask scheduler` prints)",
        )
    return address


def check_shared_store(db_url: str) -> str:
    """The store URL, or UsageError when it is not PostgreSQL: workers on other machines
    write to it, and a SQLite file lives on one machine only."""
    url = normalise_url(db_url)
    if url.get_backend_name() != "postgresql":
        raise UsageError(
            f"--scheduler needs a PostgreSQL store, and {mask(url)} is "
            f"{url.get_backend_name()}: a database file on this machine cannot be shared "
            "with workers on others",
            fix="pass --db postgresql://USER@HOST/DBNAME (a server every worker can reach), "
            "or leave out --scheduler to ingest on this machine",
        )
    return db_url


def _worker_module() -> ModuleType:
    """`pactwatch.ingest.worker`, which needs Dask distributed (the `scale` extra)."""
    try:
        from pactwatch.ingest import worker
    except ImportError as exc:
        raise UsageError(
            f"--scheduler needs Dask distributed, which is not installed ({exc})",
            fix="install the scale extra: pip install 'pactwatch[scale]' (`make install` "
            "does it in a development checkout)",
        ) from None
    return worker


def ingest_distributed(
    paths: Iterable[str | os.PathLike[str]],
    db_url: str,
    scheduler: str,
    *,
    report_date: str | None = None,
    max_bytes: int | None = None,
    stdin: BinaryIO | None = None,
    progress: Progress | None = None,
    by: str | None = None,
    batch_docs: int = BATCH_DOCS,
    connect_timeout_s: float = CONNECT_TIMEOUT_S,
) -> IngestSummary:
    """Ingest documents into the PostgreSQL store at `db_url`, extracting on the Dask
    cluster whose scheduler is at `scheduler` (tcp://HOST:PORT).

    The summary is that of a local `ingest` of the same inputs. Raises UsageError for
    a store that is not PostgreSQL or a bad address, ClusterError when the cluster
    cannot be reached or its workers differ from this client, StoreError when the
    store cannot be written (from here or from a worker).
    """
    check_scheduler(scheduler)
    check_shared_store(db_url)
    _warn_if_local(db_url, scheduler)
    worker = _worker_module()
    with open_store(db_url) as store:
        store.check_writable()
        client = _connect(scheduler, connect_timeout_s)
        summary = IngestSummary()
        run = IngestRun.start(store, paths, scheduler=scheduler, by=by)
        acks = _Acks(store, run, summary)
        try:
            try:
                _prepare_workers(worker, client, db_url)
                items = _pending(paths, store, report_date, max_bytes, stdin, summary)
                _run(worker, client, acks, items, progress, batch_docs)
            finally:
                client.close()
            finish_ingest(store, summary, paths, by)  # links and refreshes what is left
        except BaseException as exc:
            run.fail(summary, exc)
            raise
        run.finish(summary)
    return summary


class _Acks:
    """What the client does as each batch is acknowledged: the new records linked into
    incidents (`corroborate`, which holds its PostgreSQL advisory lock, so two ingests
    never link at once), the stored findings refreshed at most every REFRESH_S when
    something was linked since, and the run's row (`pactwatch status`) brought up to
    date."""

    def __init__(self, store: Store, run: IngestRun, summary: IngestSummary) -> None:
        self.store, self.run, self.summary = store, run, summary
        self.queued = self.done = self.retried = 0
        self.unlinked = 0  # records stored since the last corroboration
        self.unchecked = False  # incidents changed since the findings were last refreshed
        self.refreshed = time.monotonic()

    def submitted(self) -> None:
        self.queued += 1

    def acknowledged(self, batches: int, records: int, retried: int) -> None:
        """`batches` came back together (`retried` of them run more than once), with
        `records` new records: linked in one corroboration, before the client goes on."""
        self.queued -= batches
        self.done += batches
        self.retried += retried
        self.unlinked += records
        if self.unlinked:
            from pactwatch.corroborate import corroborate

            linked = corroborate(self.store)
            self.unlinked = 0
            self.unchecked = self.unchecked or linked.records > 0
        if self.unchecked and time.monotonic() - self.refreshed >= REFRESH_S:
            refresh_findings(self.store)
            self.unchecked, self.refreshed = False, time.monotonic()
        self.run.update(self.summary, queued=self.queued, done=self.done, retried=self.retried)


_LOOPBACK = ("", "localhost", "127.0.0.1", "::1", "[::1]")


def _warn_if_local(db_url: str, scheduler: str) -> None:
    """A store on this machine's loopback (or socket) with a scheduler elsewhere: workers
    on other machines would look for the store on themselves, and fail on each batch."""
    host = normalise_url(db_url).host or ""
    scheduler_host = scheduler.split("://", 1)[1].rsplit(":", 1)[0]
    if host in _LOOPBACK and scheduler_host not in _LOOPBACK:
        log.warning(
            "--db %s names this machine, and the workers of %s may run on others, where "
            "it names them; give the store's address on the network (docs/scale.md)",
            mask(normalise_url(db_url)),
            scheduler,
        )


def _connect(scheduler: str, timeout_s: float) -> Any:
    import distributed

    # Any: the Client's methods are not typed
    client_class: Any = distributed.Client
    try:
        client = client_class(scheduler, timeout=timeout_s, set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise ClusterError(
            f"no Dask scheduler answers at {scheduler} ({exc})",
            fix="start one with `dask scheduler` on that machine (docs/scale.md), or correct "
            "--scheduler / PACTWATCH_SCHEDULER",
        ) from None
    try:
        client.wait_for_workers(1, timeout=timeout_s)
    except TimeoutError:
        client.close()
        raise ClusterError(
            f"the Dask scheduler at {scheduler} has no workers after {timeout_s:g} s",
            fix=f"start workers with `dask worker {scheduler} --nthreads 1 --nworkers N` "
            "from pactwatch's environment (docs/scale.md)",
        ) from None
    return client


def _prepare_workers(worker: ModuleType, client: Any, db_url: str) -> None:
    """Refuse workers unlike this client, then install the plugin on every worker."""
    own = worker.identity()
    problems = worker.mismatches(own, client.run(worker.identity, on_error="return"))
    if problems:
        raise worker.refuse(problems)
    plugin = worker.PactwatchWorker(db_url, int(settings.get("batch_size")), own)
    try:
        client.register_plugin(plugin, name=worker.PLUGIN_NAME)
    except PactwatchError:
        raise
    except Exception as exc:
        raise ClusterError(
            f"a worker could not load pactwatch ({type(exc).__name__}: {exc})",
            fix="run `pactwatch extract` on that machine to see the problem, then restart its "
            "`dask worker`",
        ) from exc


class _Stored(NamedTuple):
    """A document the store already holds (or this run already sends): 'unchanged'."""

    position: int
    doc_id: str


def _pending(
    paths: Iterable[str | os.PathLike[str]],
    store: Store,
    report_date: str | None,
    max_bytes: int | None,
    stdin: BinaryIO | None,
    summary: IngestSummary,
) -> Iterator[tuple[int, Document] | InputRejected | _Stored]:
    """Each input, as a new document to send (with its position), a rejection, or a
    document already stored; duplicates within this run are settled here, as a local
    ingest would settle them, since batches on different workers run in no set order."""
    seen_ids: dict[str, str] = {}
    seen_shas: set[str] = set()
    index = itertools.count()
    for item in read_documents(
        paths,
        report_date=report_date,
        max_bytes=max_bytes,
        stdin=stdin,
        on_skip=lambda path, why: summary.skipped.append((path, why)),
    ):
        if isinstance(item, InputRejected):
            yield item
            continue
        try:
            state = document_state(store, item)
        except InputRejected as exc:
            yield exc
            continue
        if state is None and item.id in seen_ids and seen_ids[item.id] != item.sha:
            yield id_conflict(item)
            continue
        if state is not None or item.sha in seen_shas:
            yield _Stored(next(index), item.id)
            continue
        seen_ids[item.id] = item.sha
        seen_shas.add(item.sha)
        yield (next(index), item)


def _run(
    worker: ModuleType,
    client: Any,
    acks: _Acks,
    pending: Iterator[tuple[int, Document] | InputRejected | _Stored],
    progress: Progress | None,
    batch_docs: int,
) -> None:
    import distributed

    store, summary = acks.store, acks.summary

    as_completed: Any = distributed.as_completed  # untyped
    order: list[tuple[int, str]] = []
    run_id = acks.run.id  # the row `pactwatch status` shows
    # batches in flight: enough to keep every worker thread busy while one batch's
    # results travel back, few enough that a large corpus is not read into memory
    threads = sum(client.nthreads().values()) or 1
    limit = max(4, 2 * threads)

    def tick() -> None:
        if progress is not None:
            progress(summary)

    def batches() -> Iterator[list[tuple[int, Document]]]:
        batch: list[tuple[int, Document]] = []
        held: list[tuple[int, Document]] = []  # the last full batch, until more input follows
        for item in pending:
            if isinstance(item, InputRejected):
                summary.rejected.append(item)
                tick()
            elif isinstance(item, _Stored):
                log.debug("%s: already stored", item.doc_id)
                summary.unchanged += 1
                order.append((item.position, item.doc_id))
                tick()
            else:
                batch.append(item)
                if len(batch) == batch_docs:
                    if held:
                        yield held
                    held, batch = batch, []
        yield from _tail(held + batch, batch_docs, 2 * threads)

    def submit(n: int, batch: list[tuple[int, Document]]) -> Any:
        acks.submitted()
        return client.submit(
            worker.ingest_batch, batch, key=f"pactwatch-ingest-{run_id}-{n}", retries=TASK_RETRIES
        )

    source = enumerate(batches())
    first = [submit(n, b) for n, b in itertools.islice(source, limit)]
    running = as_completed(first, loop=client.loop)
    # every batch back by now, together: one corroboration links them all (it costs about
    # the same for one batch's records as for two: it reads the incidents near them)
    for ready in running.batches():
        # the next batches first: the workers extract them while this client links
        for following in itertools.islice(source, len(ready)):
            running.add(submit(*following))
        stored = retried = 0
        for future in ready:
            outcomes = _outcomes(future, client)
            for outcome in outcomes:
                _count(summary, outcome, order)
            # "stored": written by an earlier try of the batch, on a worker that died: new too
            stored += sum(o.records for o in outcomes if o.status in ("new", "stored"))
            retried += 1 if _retries(client, future.key) else 0
            future.release()
        acks.acknowledged(len(ready), stored, retried)
        for _ in ready:
            tick()
    order.sort()
    summary.doc_ids = [doc_id for _, doc_id in order]
    log.debug("store %s: distributed ingest %s done", store.display_url, run_id)


def _tail(
    docs: list[tuple[int, Document]], batch_docs: int, pieces: int
) -> Iterator[list[tuple[int, Document]]]:
    """The last documents of a run: one batch, or when they are more (a full batch and the
    rest) `pieces` smaller ones. The run ends when its last batch does, and a full batch
    left to one worker while the others have nothing idles them for most of its time."""
    if len(docs) <= batch_docs:
        if docs:
            yield docs
        return
    size = -(-len(docs) // pieces)  # ceiling division
    for start in range(0, len(docs), size):
        yield docs[start : start + size]


def _retries(client: Any, key: str) -> int:
    """How many times the scheduler ran this batch again: after its worker died
    (`suspicious`) or after an error raised in it (retries used); 0 when it cannot tell."""

    def tries(dask_scheduler: Any, key: str, granted: int) -> int:
        task = dask_scheduler.tasks.get(key)
        if task is None:
            return 0
        return int(task.suspicious) + max(0, granted - int(task.retries))

    try:
        return int(client.run_on_scheduler(tries, key=key, granted=TASK_RETRIES))
    except Exception:  # a count for `status`, never worth failing the ingest
        log.debug("could not ask the scheduler about %s", key, exc_info=True)
        return 0


def _outcomes(future: Any, client: Any) -> list[DocOutcome]:
    """A batch's outcomes; the cluster's own failures as ClusterError (a PactwatchError
    raised on a worker, e.g. StoreError, passes as it is)."""
    import concurrent.futures

    import distributed

    try:
        outcomes: list[DocOutcome] = future.result()
    except distributed.KilledWorker as exc:
        raise ClusterError(
            f"batch {future.key} was running on each of {exc.allowed_failures + 1} workers "
            f"when it died, the last {exc.last_worker.address} (out of memory?); documents "
            "stored so far are kept",
            fix="give workers more memory (dask worker --memory-limit), or find the document "
            "with `pactwatch ingest` of that batch on one machine; run the ingest again "
            "to finish the rest",
        ) from None
    except (concurrent.futures.CancelledError, OSError, TimeoutError) as exc:
        raise ClusterError(
            f"lost the Dask scheduler at {client.scheduler.address} ({type(exc).__name__}); "
            "documents stored so far are kept",
            fix="restart `dask scheduler` and its workers, then run the same ingest again: "
            "stored documents are skipped",
        ) from None
    return outcomes


def _count(summary: IngestSummary, outcome: DocOutcome, order: list[tuple[int, str]]) -> None:
    if outcome.status == "rejected":
        summary.rejected.append(InputRejected(outcome.origin, outcome.reason, fix=outcome.fix))
        return
    order.append((outcome.position, outcome.doc_id))
    if outcome.status == "unchanged":
        summary.unchanged += 1
    else:
        summary.new += 1
        summary.records += outcome.records
