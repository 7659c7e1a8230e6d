"""The Prefect flow: find inputs, fan batches out to workers, publish what comes back.

Thin by design: every transform is in the step modules (`flows/batch.py` wires
them for one batch) and every byte written goes through `flows/storage/`. The flow
decides only what runs where:

* one task per batch of articles, never per article: a batch of spaCy work takes
  seconds, and each task is a Prefect task run the UI shows;
* batches run in the run's worker processes (spaCy holds the GIL; `workers.py`,
  started before Prefect is imported, the task waits in a thread of this process) or
  on a Dask cluster;
* publishing happens here, in the flow process, one batch at a time under the
  dataset lock, so there is exactly one writer.

Importing this module imports Prefect but configures nothing: `run()` and `serve()` do,
when called (`flows.orchestration.prefect_server`).
"""

from __future__ import annotations

import gc
import itertools
import os
import sys
import time
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from prefect import flow, task
from prefect.cache_policies import NO_CACHE
from prefect.context import get_run_context
from prefect.futures import as_completed
from prefect.states import Failed
from prefect.task_runners import ThreadPoolTaskRunner

import flows
from flows import inbox as inbox_files
from flows.idset import IdSet
from flows.orchestration import heartbeats, prefect_server, reporting, workers
from flows.orchestration.workers import batches
from flows.progress import Poller, Reporter
from flows.settings import Settings
from flows.steps import ingest, safe_read, sources
from flows.storage import Dataset, check_schema_versions, open_dataset, require
from flows.tables import schema
from flows.tables.quarantine import quarantine_row
from flows.tables.results import BatchResult

#: Called in the flow process as articles are done: (articles done, articles total); per
#: article with local workers (flows/progress.py), per batch on Dask.
ProgressHook = Callable[[int, int], None]
_progress: ProgressHook | None = None


def set_progress_hook(hook: ProgressHook | None) -> None:
    """The CLI's progress bar; a module hook because flow parameters must be serialisable."""
    global _progress
    _progress = hook


def _notify(message: str) -> None:
    """Tell the person at the terminal (stderr), not only Prefect's log."""
    print(message, file=sys.stderr, flush=True)


@dataclass
class RunSummary:
    """What a run did, for the CLI summary, the `_runs` table and the artifacts."""

    run_id: str
    out: str
    inputs_seen: int = 0
    articles_written: int = 0
    articles_skipped: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    quarantine: list[dict[str, Any]] = field(default_factory=list)
    violations: list[dict[str, Any]] = field(default_factory=list)
    batches: int = 0
    seconds: float = 0.0
    task_seconds: float = 0.0
    words: int = 0
    refused_before: int = 0  # refused by an earlier run and unchanged since: not retried
    model: str | None = None  # as the workers loaded it (e.g. en_core_web_sm-3.8.0)
    status: str = "completed"

    @property
    def ok(self) -> bool:
        return not self.quarantine


@task(cache_policy=NO_CACHE, task_run_name=reporting.batch_run_name)
def process_batch_task(
    paths: list[Any],  # file paths, or bulk records (flows.steps.sources.Record)
    settings: Settings,
    run_id: str,
    skip_ids: frozenset[str],
    previous: dict[str, str],
    index: int,
    content_ids: list[str | None] | None = None,
) -> BatchResult:
    """One batch through every step (`content_ids`: of the files, by which an early
    batch with the same inputs is known, `workers.py`).

    On this machine the task runs in a thread of the flow process and the batch in the
    run's worker processes (`flows/orchestration/workers.py`, started before Prefect was
    imported); on Dask, task and batch run in a Dask worker.
    """
    local = workers.current()
    if local is not None:
        return local.submit(paths, settings, run_id, skip_ids, previous,
                            content_ids).result()
    from flows import batch

    return batch.process_batch(paths, settings, run_id, skip_ids, previous)


@flow(
    name="newstables-build",
    flow_run_name=reporting.flow_run_name,
    log_prints=False,
    validate_parameters=False,
    # Deployments (prefect.yaml) get a worker process per core (`workers.py`, started by
    # the flow); `run` and `serve` set the runner for their settings.
    task_runner=ThreadPoolTaskRunner(max_workers=2 * (os.cpu_count() or 1)),
)
def build_tables(
    inputs: list[str],
    out: str,
    settings: Settings | dict[str, Any] | None = None,
    reprocess: bool = False,
) -> Any:
    """Process every new article under `inputs` into the dataset at `out`.

    A known failure (flows/failures.py: locked, damaged, unwritable, disk full) ends the
    flow `Failed` with its one-line message and no traceback in the log; `run()` raises
    the `Failure` again, which the CLI prints as that line with its exit code.
    """
    from flows.failures import Failure, one_line
    from flows.interrupts import backstop_prefect_sigterm

    try:
        with backstop_prefect_sigterm(), one_line(out), heartbeats.beating():
            return _build_tables(inputs, out, settings, reprocess)
    except Failure as exc:
        return Failed(message=str(exc), data=exc)


def _build_tables(inputs: list[str], out: str, settings: Settings | dict[str, Any] | None,
                  reprocess: bool) -> Any:
    if not isinstance(settings, Settings):  # a deployment passes JSON parameters
        settings = Settings.model_validate(settings or {})
    started = datetime.now(UTC)
    t0 = time.perf_counter()
    run_id = workers.run_id()  # chosen early when the CLI started the workers
    summary = RunSummary(run_id=run_id, out=out)
    dataset = open_dataset(out, settings.store_format)  # type: ignore[arg-type]
    if reprocess:  # refused before the lock, discovery or any batch
        require(dataset, "reprocess", "--reprocess")
    with dataset.lock(settings.lock_timeout, on_wait=lambda: _notify(
            f"waiting up to {settings.lock_timeout:.0f} s for another run writing {out}")):
        for line in dataset.recover():  # what a killed writer left, and what was done
            reporting.logger().info("recovered: %s", line)
        check_schema_versions(dataset)
        dataset.ensure_tables()
        files, rejected = ingest.discover(inputs)
        if settings.empty_ok:
            rejected = [r for r in rejected if r.reason != "no_articles"]
        bulk = [f if isinstance(f, str) else os.path.abspath(f)  # str: a URL
                for f in files if sources.format_of(str(f))]
        files = [f for f in files if not sources.format_of(str(f))]
        files = safe_read.settled(files, settings.settle_seconds)
        summary.inputs_seen = len(files) + sum(1 for r in rejected if r.path)
        refused = inbox_files.RefusedBefore(dataset.read("_quarantine", ["path", "article_id"]))
        rejected = [r for r in rejected if not refused.unchanged(r.path)]
        summary.quarantine += [  # source_path's one form: flows/steps/safe_read.py
            quarantine_row(safe_read.path_text(r.path) if r.path else "", "ingest",
                           r.reason, r.detail, run_id, inbox_files.refusal_id(r.path))
            for r in rejected
        ]
        known = {} if reprocess else dataset.known_articles()
        latest = {} if reprocess else dataset.latest_versions()
        planned = workers.plan_files(files, settings.max_bytes, known, refused)
        summary.articles_skipped += planned.skipped
        todo = planned.todo
        skip = frozenset(known)  # articles another input of this run may duplicate
        reporting.log_inputs(summary, len(files) + len(bulk), len(todo), refused.skipped)
        work = itertools.chain(
            batches(todo, settings.batch_size, settings.workers),
            _record_batches(bulk, settings, known, planned.seen, summary, run_id))
        total = len(todo) + sum(sources.estimate_records(p) for p in bulk)
        if _progress is not None:
            _progress(0, total)  # the total, before the first batch
        try:
            summary.batches = _run_batches(work, total, settings, run_id, skip, latest,
                                           dataset, summary, reprocess, planned.ids)
        except Exception:
            _record_failure(dataset, summary, started, settings)
            raise
        _quarantine_copies(summary, planned.first, planned.copies, run_id)
        for name in schema.DATA_TABLES:
            summary.rows.setdefault(name, 0)
        summary.seconds = time.perf_counter() - t0
        summary.status = "completed_with_quarantine" if summary.quarantine else "completed"
        summary.refused_before = refused.skipped
        inbox_files.identify(summary.quarantine)
        dataset.append_log("_quarantine", run_id, summary.quarantine)
        dataset.append_log("_runs", run_id, [_run_row(summary, started, settings)])
        if settings.done_dir:
            refused_paths = {q.get("path") for q in summary.quarantine} | refused.paths_skipped
            inbox_files.move_done(inputs, [p for p in map(os.path.abspath, files)
                                           if p not in refused_paths], settings.done_dir)
    reporting.log_summary(summary)
    reporting.publish_artifacts(summary, _short_report(dataset, summary))
    if settings.announce:
        _notify(f"{datetime.now(UTC):%Y-%m-%d %H:%M:%S} UTC run {run_id[:12]}: "
                f"{summary.articles_written} written, {summary.articles_skipped} already "
                f"published, {len(summary.quarantine)} quarantined, {summary.seconds:.1f} s")
    return reporting.final_state(summary)


def _short_report(dataset: Dataset, summary: RunSummary) -> str | None:
    """The report's short version for the run's artifact (never fails a run)."""
    if not (summary.articles_written or summary.quarantine):
        return None
    try:
        from flows.report import short_markdown

        return short_markdown(dataset)
    except Exception as exc:
        reporting.logger().warning("report summary skipped: %s", exc)
        return None


def _record_batches(bulk: list[str], settings: Settings, known: Collection[str],
                    seen: IdSet, summary: RunSummary, run_id: str
                    ) -> Iterator[list[sources.Record]]:
    """Stream each bulk file once, lazily: batches of the records not yet published.

    Only ids are kept (``seen``, a compact :class:`~flows.idset.IdSet` of 8 bytes a
    record, to catch the same record twice in one run); the records themselves live only
    in the batches in flight, so the flow's memory does not grow with the file. A bad
    record is quarantined here, with its locator, and the stream goes on. New records
    appended to a file are new ids, so a grown file yields exactly them.
    """
    for path in bulk:
        current: list[sources.Record] = []
        for rec in sources.iter_records(path, settings.columns, settings.max_bytes):
            summary.inputs_seen += 1
            if isinstance(rec, ingest.Rejected):
                summary.quarantine.append(quarantine_row(
                    rec.path, "ingest", rec.reason, rec.detail, run_id, locator=rec.locator))
                continue
            if rec.article_id in known or not seen.add(rec.article_id):  # add: False if seen
                summary.articles_skipped += 1
                continue
            current.append(rec)
            if len(current) == settings.batch_size:
                yield current
                current = []
        if current:
            yield current


def _run_batches(
    work: Iterator[list[Any]],
    total: int,
    settings: Settings,
    run_id: str,
    skip: frozenset[str],
    latest: dict[str, str],  # the dataset's latest version of each source path
    dataset: Dataset,
    summary: RunSummary,
    reprocess: bool,
    ids: dict[str, str | None] | None = None,
) -> int:
    """Keep every worker busy, publish each batch as it completes; returns batches run.

    At most two batches per worker are in flight and a published batch is dropped at
    once, so the flow's memory does not grow with the corpus. A reprocess keeps its
    results until the end and swaps them in as one version.
    """
    queue = enumerate(work)  # lazy: bulk records are read as batches are submitted
    in_flight = workers.in_flight(settings)
    pending: set[Any] = set()
    indexes: dict[Any, int] = {}
    staged: dict[str, list[tuple[str, Any]]] = {n: [] for n in schema.DATA_TABLES}
    reprocessed: set[str] = set()
    n_batches = 0
    finished = 0
    progress = reporting.Progress(-(-total // settings.batch_size), dataset.location)
    display = Reporter(_progress, total)
    head = next(queue, None)  # no batch: no worker is started
    queue = itertools.chain([] if head is None else [head], queue)
    # Per-article progress for the CLI: workers on this machine tick a file the flow
    # polls (flows/progress.py); Dask workers may be elsewhere, so per batch there.
    ticks = None
    if settings.runner == "local" and head is not None:
        # The pool the CLI started for this run, or new workers (a deployment's run).
        pool = workers.start(settings)
        ticks = pool.ticks if _progress is not None else None

    def submit_more() -> None:
        nonlocal n_batches
        while len(pending) < in_flight:
            nxt = next(queue, None)
            if nxt is None:
                return
            i, paths = nxt
            n_batches += 1
            prev = workers.previous_of(paths, latest)
            content = ([ids.get(p) for p in paths] if ids is not None
                       and all(isinstance(p, str) for p in paths) else None)
            fut = process_batch_task.submit(paths, settings, run_id, skip, prev, i, content)
            indexes[fut] = i
            pending.add(fut)

    # Prefect's futures and states hold each result in reference cycles: without a
    # collection per batch the flow process grew 412 -> 780 MB over 2,000 articles.
    # A full collection here costs ~200 ms (Prefect, spaCy and polars are millions of
    # objects), so what is alive now, and lives for the whole run, is frozen out of it
    # first: then each collection takes ~2 ms (measured).
    gc.collect()
    gc.freeze()
    poller = Poller(ticks, display.ticked).start() if ticks else None
    try:
        submit_more()
        while pending:
            future = next(as_completed(pending))
            pending.discard(future)
            index = indexes.pop(future)
            submit_more()
            result: BatchResult = future.result()
            summary.quarantine += result.quarantine
            summary.violations += result.violations
            summary.task_seconds += result.seconds
            summary.words += result.n_words
            if result.violations:
                dataset.write_report(run_id, result.batch_id, {
                    "run_id": run_id,
                    "batch_id": result.batch_id,
                    "violations": result.violations,
                    "refused_rows": {n: df.head(1000).to_dicts()
                                     for n, df in result.refused_tables.items()},
                })
            if result.n_articles:
                if reprocess:
                    for name in schema.DATA_TABLES:
                        staged[name].append((f"part-{result.batch_id}.parquet",
                                             result.tables[name]))
                    reprocessed.update(result.tables["articles"]["article_id"].to_list())
                else:
                    dataset.publish(result.batch_id, result.tables)
                summary.articles_written += result.n_articles
                summary.model = summary.model or result.tables["articles"]["model"][0]
                for name, df in result.tables.items():
                    summary.rows[name] = summary.rows.get(name, 0) + df.height
            finished += result.n_articles + len(result.quarantine)
            reporting.log_batch(index, result.n_articles,
                                sum(df.height for df in result.tables.values()),
                                result.seconds, len(result.quarantine))
            progress.update(finished, max(total, finished))
            del future, result
            gc.collect()
            display.published(finished)
    finally:
        if poller is not None:
            poller.stop()
        gc.unfreeze()
        # Done with the workers: let them exit while the flow writes its logs and ends
        # (a run that waited for their exit at the end paid ~0.5 s).
        workers.stop()
    if reprocess:  # one version: old and new rows of an article never coexist
        dataset.replace_articles(staged, reprocessed)
    return n_batches


def _quarantine_copies(summary: RunSummary, first: dict[str, str],
                       copies: list[tuple[str, str]], run_id: str) -> None:
    """A byte-identical copy of an input this run quarantined is quarantined too.

    Copies are skipped before any work (only one is processed); when that one is refused
    (two empty files, found by the fuzz test), its copies must not pass as "already
    published": each gets the same reason, naming the file it copies.
    """
    refused = {q["path"]: q for q in summary.quarantine if q.get("path")}
    for cid, path in copies:
        q = refused.get(safe_read.path_text(first[cid]))
        if q is not None:
            summary.articles_skipped -= 1
            summary.quarantine.append(quarantine_row(
                safe_read.path_text(path), q["stage"], q["reason"],
                f"same bytes as {q['path']}: {q['detail']}", run_id))


def _record_failure(dataset: Dataset, summary: RunSummary, started: datetime,
                    settings: Settings) -> None:
    """A run that stops after its batches started still leaves its `_runs` row (status
    `failed`, with what was published before), unless writing it fails too (a disk that
    is really full): the failure being raised matters more than its log row."""
    summary.status = "failed"
    try:
        dataset.append_log("_runs", summary.run_id, [_run_row(summary, started, settings)])
    except Exception as exc:
        reporting.logger().warning("the failed run's _runs row was not written: %s", exc)


def _run_row(summary: RunSummary, started: datetime, settings: Settings) -> dict[str, Any]:
    try:
        flow_run_id = str(get_run_context().flow_run.id)  # type: ignore[union-attr]
    except Exception:
        flow_run_id = None
    return {
        "run_id": summary.run_id,
        "started_at": started,
        "ended_at": datetime.now(UTC),
        "status": summary.status,
        "inputs_seen": summary.inputs_seen,
        "articles_written": summary.articles_written,
        "articles_skipped": summary.articles_skipped,
        "quarantined": len(summary.quarantine),
        "pipeline_version": flows.__version__,
        # The label the workers recorded; the flow process never loads the model itself.
        "model": summary.model or settings.model,
        "flow_run_id": flow_run_id,
    }


def task_runner(settings: Settings) -> Any:
    """Processes on this machine, or a Dask cluster (an existing one with an address)."""
    if settings.runner == "dask":
        from prefect_dask import DaskTaskRunner

        if settings.dask_address:
            return DaskTaskRunner(address=settings.dask_address)
        return DaskTaskRunner(
            cluster_kwargs={"n_workers": settings.workers, "threads_per_worker": 1,
                            "processes": True}
        )
    # Threads that hand each batch to the run's worker processes and wait
    # (`workers.py`): as many as batches are kept in flight.
    return ThreadPoolTaskRunner(max_workers=workers.in_flight(settings))


def serve(inbox: str, out: str, settings: Settings, cron: str | None = None,
          interval: float | None = None, name: str = "newstables-inbox") -> None:
    """Serve the flow as a deployment that processes what is new in `inbox` on a schedule.

    Needs a Prefect server (`prefect server start`): Prefect's temporary server does
    not run schedules. Each scheduled run is incremental, so it writes only new files.
    The environment defaults are set here for the run processes the runner spawns; this
    process's Prefect read its settings at import (the CLI configures before that).
    """
    import prefect.settings

    prefect_server.configure()
    if not prefect.settings.PREFECT_API_URL.value():
        raise RuntimeError(
            "serving needs a Prefect server: run `prefect server start` and set "
            "PREFECT_API_URL=http://127.0.0.1:4200/api"
        )
    settings = settings.model_copy(update={"empty_ok": True, "settle_seconds": max(
        settings.settle_seconds, 5.0)})  # a file still being copied in waits a run
    configured = build_tables.with_options(task_runner=task_runner(settings))
    configured.serve(
        name=name,
        cron=cron,
        interval=interval,
        parameters={"inputs": [os.path.abspath(inbox)], "out": os.path.abspath(out),
                    "settings": settings.model_dump(mode="json")},
        print_starting_message=False,
        # One run at a time: runs write under the dataset's lock anyway. Unlimited, an
        # interval shorter than a run started a new run process every tick (17 waiting
        # for the lock with --interval 5 on a busy 2-core machine, none finishing).
        limit=1,
    )


def run(inputs: Sequence[str], out: str, settings: Settings, reprocess: bool = False) -> RunSummary:
    """Entry point for the CLI and tests: the flow with the runner the settings ask for.

    The API server is settled here (`prefect_server.api_server`), not at import: the CLI
    has already exported its temporary server's URL before importing Prefect; a caller
    who imported this module first still gets exactly one server. The flow body sends
    the run's heartbeats itself (`heartbeats.py`: Prefect's engine waited up to 1 s for
    its heartbeat thread at the end of every run).
    """
    _, settings = workers.prepare(inputs, str(out), settings, reprocess)
    try:
        with prefect_server.api_server(), heartbeats.own():
            configured = build_tables.with_options(task_runner=task_runner(settings))
            return configured([str(p) for p in inputs], str(out), settings, reprocess)
    finally:
        workers.stop()
