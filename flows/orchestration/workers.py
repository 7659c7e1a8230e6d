"""The run's worker processes, started before Prefect is imported.

Why not Prefect's `ProcessPoolTaskRunner`: it creates its processes only when the flow
starts, that is after Prefect's import (~1.5 s of CPU), the API server's boot (~3.5 s)
and the flow engine's start; each worker then imports Prefect and the pipeline and
loads the model (~2.5 s) before its first batch, and every task pays ~90 ms of Prefect
in the worker. Measured on 200 long articles (2 workers, temporary server), the flow's
first batch began ~8 s after the command, while the ceiling's processes are at work
after ~1.6 s.

So the CLI starts this pool (`prepare`) first thing, before importing Prefect: the
workers import spaCy and load the model on their own cores while the flow process
imports Prefect and the server boots. The flow still runs one Prefect task per batch,
on a thread runner in the flow process; the task hands its batch to this pool and
waits (`flows.orchestration.flow.process_batch_task`), so the UI shows every batch,
its state and its time as before, and the workers never import Prefect.

The workers do not wait for the flow either. While the server boots, `prepare` plans the
run's first batches the way the flow will (read-only, before the lock: the same
discovery, the same content ids, the dataset's ids and earlier versions) and submits
them (`speculate`). The flow, under the lock, plans again; a task whose arguments are
equal to those of an early batch, the content ids of its files included, takes that
batch's result (`Workers.submit`); any other runs afresh, and an early batch nobody
takes is dropped. `process_batch` is a function of its arguments, so a taken result
is the one the task would have computed (measured: 200 long articles, 2 workers,
temporary server: the workers had been idle ~3 s each waiting for the flow).

Nothing here imports Prefect, spaCy or the pipeline's steps: the workers import
`flows.batch` themselves (`_process`), and results come back as `BatchResult`, whose
module (`flows.tables.results`) is light.

A worker dies with the process that spawned it (Linux `PR_SET_PDEATHSIG`, set by
`prefect_server.init_worker`), and the kernel ties that to the spawning *thread*: all
workers are spawned at once, by the thread that calls `start` (the CLI's main thread,
or the flow's).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import uuid
from collections.abc import Collection, Hashable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flows.idset import IdSet
from flows.orchestration import prefect_server
from flows.progress import TickFile
from flows.settings import Settings, plan
from flows.steps import ingest, safe_read, sources


class Workers:
    """A pool of `n` spawned processes, each with `model` loaded by its initializer."""

    def __init__(self, n: int, model: str) -> None:
        self.key = (n, model)
        self.executor: Executor = (
            ThreadPoolExecutor(max_workers=n) if _in_this_process else ProcessPoolExecutor(
                max_workers=n, mp_context=multiprocessing.get_context("spawn"),
                initializer=prefect_server.init_worker, initargs=(model,)))
        # One call per worker spawns all `n` now, from this thread (ProcessPoolExecutor
        # spawns a process per submit while none is idle): see the module docstring.
        for _ in range(n):
            self.executor.submit(os.getpid)
        #: Per-article progress of every batch run here (flows/progress.py).
        self.ticks = TickFile.create()
        self._early: dict[Hashable, Future[Any]] = {}
        self.taken = 0  # early batches a task took

    def submit(self, paths: Sequence[Any], settings: Settings, run_id: str,
               skip_ids: frozenset[str], previous: dict[str, str],
               content_ids: Sequence[str | None] | None = None) -> Future[Any]:
        """`flows.batch.process_batch` on these arguments in a worker: the early batch
        submitted with equal arguments if there is one (`speculate`), else a new one."""
        if content_ids is not None:
            early = self._early.pop(
                _key(paths, content_ids, settings, run_id, skip_ids, previous), None)
            if early is not None:
                self.taken += 1
                return early
        return self._run(paths, settings, run_id, skip_ids, previous)

    def add_early(self, paths: Sequence[str], content_ids: Sequence[str | None],
                  settings: Settings, run_id: str, skip_ids: frozenset[str],
                  previous: dict[str, str]) -> None:
        """Start a batch now, for the task that will ask for these same inputs."""
        key = _key(paths, content_ids, settings, run_id, skip_ids, previous)
        self._early[key] = self._run(paths, settings, run_id, skip_ids, previous)

    def _run(self, paths: Sequence[Any], settings: Settings, run_id: str,
             skip_ids: frozenset[str], previous: dict[str, str]) -> Future[Any]:
        return self.executor.submit(_process, list(paths), settings, run_id, skip_ids,
                                    previous, on_article=self.ticks)

    @property
    def early(self) -> int:
        """Early batches submitted and not (yet) taken by a task."""
        return len(self._early)

    def close(self) -> None:
        """Let the workers go; do not wait for them (they hold nothing to save)."""
        self._early.clear()
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.ticks.remove()


def _key(paths: Sequence[Any], content_ids: Sequence[str | None], settings: Settings,
         run_id: str, skip_ids: frozenset[str], previous: dict[str, str]) -> Hashable:
    """Everything `process_batch` reads, as one value: equal keys, equal results."""
    return (tuple(paths), tuple(content_ids), settings.model_dump_json(), run_id, skip_ids,
            tuple(sorted(previous.items())))


def _process(*args: Any, **kwargs: Any) -> Any:  # pragma: no cover - runs in the workers
    from flows import batch

    return batch.process_batch(*args, **kwargs)


_current: Workers | None = None
_in_this_process = False


@contextlib.contextmanager
def in_this_process() -> Iterator[None]:
    """Pools started meanwhile run batches in threads of this process, not in workers.

    For tests that replace a step in this process (`monkeypatch`) and need the flow to
    run it: a spawned worker would import the real one.
    """
    global _in_this_process
    previous, _in_this_process = _in_this_process, True
    try:
        yield
    finally:
        _in_this_process = previous


def current() -> Workers | None:
    """The pool of this process's run, if one is started."""
    return _current


def start(settings: Settings) -> Workers:
    """This run's pool for `settings` (its workers and model): the one already started
    for the same pair, or a new one (any other is closed first)."""
    global _current
    key = (settings.workers, settings.model)
    if _current is not None and _current.key == key:
        return _current
    stop()
    _current = Workers(*key)
    return _current


def stop() -> None:
    """Close this process's pool, if any."""
    global _current
    if _current is not None:
        _current.close()
        _current = None


def in_flight(settings: Settings) -> int:
    """Batches handed to the workers at a time: two per worker, so that none waits for
    the flow to publish the previous one (also the first batches `speculate` runs)."""
    return max(2, 2 * settings.workers)


#: What the CLI's `prepare` found, for `flow.run`'s `prepare` of the same run: one
#: discovery and one look at the dataset before the flow, not two.
_prepared: tuple[Hashable, list[Path | str], Settings] | None = None


def prepare(inputs: Sequence[str], out: str, settings: Settings, reprocess: bool = False,
            keep: bool = False) -> tuple[list[Path | str], Settings]:
    """Discover the inputs, fit batch size and workers to them (`settings.plan`), start
    the local workers unless nothing can be new, and hand them the run's first batches
    (`speculate`); returns (files, planned settings).

    Called by the CLI before Prefect is imported (with `keep`: the answer is kept for
    the next call with the same arguments), and again by `flow.run`, which then gets
    that answer without doing the work again. Cheap: a listing, the dataset's
    ids (none read for a new folder), and the hashes of the first batches' files.
    """
    global _prepared, _run_id
    key = (tuple(map(str, inputs)), out, settings.model_dump_json(), reprocess)
    if _prepared is not None and _prepared[0] == key:
        _, files, planned = _prepared
        _prepared = None
        return files, planned
    files, _ = ingest.discover([str(p) for p in inputs])
    n_items = sum(sources.estimate_records(str(f)) if sources.format_of(str(f)) else 1
                  for f in files)
    settings = plan(n_items, settings)
    if settings.runner == "local" and n_items:
        published = None if reprocess else _published(out, settings)
        if reprocess or published is None or _maybe_new(files, published[0], settings):
            pool = start(settings)
            if published is not None and not pool.early:
                _run_id = uuid.uuid4().hex
                speculate(pool, files, settings, _run_id, *published)
    _prepared = (key, files, settings) if keep else None
    return files, settings


#: The run id `prepare` gave its early batches; the flow takes it (`run_id`).
_run_id: str | None = None


def run_id() -> str:
    """The id of the run that starts now: the one `prepare` chose, once, or a new one."""
    global _run_id
    chosen, _run_id = _run_id or uuid.uuid4().hex, None
    return chosen


def batches(items: Sequence[str], size: int, workers: int = 1) -> list[list[str]]:
    """Runs of `size` items; with several workers the last runs are cut into quarters.

    Workers finish their final batches at different times and the early one idles
    until the run ends: on average half a batch (~3 s on 2 cores). Quarter-size
    batches at the end cut that to an eighth, for a few more tasks of ~0.1 s each.
    """
    runs = [list(items[i : i + size]) for i in range(0, len(items), size)]
    if workers < 2 or size < 4 or len(runs) <= 2 * workers:
        return runs
    rest = [x for run in runs[-workers:] for x in run]
    small = size // 4
    return runs[:-workers] + [rest[i : i + small] for i in range(0, len(rest), small)]


def speculate(pool: Workers, files: Sequence[Path | str], settings: Settings, run_id: str,
              known: Collection[str], latest: dict[str, str], refused: Any) -> int:
    """Submit the run's first batches as the flow will plan them (`plan_files`,
    `batches`, `previous_of`), from the dataset as it is now; returns how many.
    Best effort: bulk files or a settle time submit nothing, and the flow runs every
    batch itself."""
    if settings.settle_seconds or any(sources.format_of(str(f)) for f in files):
        return 0
    try:
        planned = plan_files(files, settings.max_bytes, known, refused)
    except Exception:
        return 0
    skip = frozenset(known)
    runs = batches(planned.todo, settings.batch_size, settings.workers)
    for run in runs[: in_flight(settings)]:
        pool.add_early(run, [planned.ids[p] for p in run], settings, run_id, skip,
                       previous_of(run, latest))
    return min(len(runs), in_flight(settings))


@dataclass
class FilePlan:
    """Which inputs a run processes (`todo`, in order, each with its content id in
    `ids`), and what it leaves out: `skipped` inputs whose bytes are published or came
    earlier in the run, of which `copies` (content id, input) are copies of an input of
    this run (`first`: content id → that input). `seen` holds the run's content ids."""

    todo: list[str] = field(default_factory=list)
    ids: dict[str, str | None] = field(default_factory=dict)
    first: dict[str, str] = field(default_factory=dict)
    copies: list[tuple[str, str]] = field(default_factory=list)
    seen: IdSet = field(default_factory=IdSet)  # 8 bytes an id: flat memory on bulk files
    skipped: int = 0


def plan_files(files: Sequence[Path | str], max_bytes: int, known: Collection[str],
               refused: Any) -> FilePlan:
    """The run's plan over its input files: one place for the flow (under the lock) and
    `speculate` (before it), so that both plan the same batches from the same dataset.

    An input whose bytes are `known` (published) or came earlier in the run is skipped;
    so is one an earlier run refused with the same bytes (`refused`, an
    `inbox.RefusedBefore`, or None for a dataset not written yet).
    """
    planned = FilePlan()
    for f in files:
        cid = ingest.content_id(f, max_bytes)
        where = f if isinstance(f, str) else os.path.abspath(f)  # str: a URL
        if cid is not None and (cid in known or cid in planned.seen):
            planned.skipped += 1
            if cid in planned.first:
                planned.copies.append((cid, where))
            continue
        if refused is not None and refused.unchanged(where):
            continue
        if cid is not None:
            planned.seen.add(cid)
            planned.first[cid] = where
        planned.todo.append(where)
        planned.ids[where] = cid
    return planned


def previous_of(paths: Sequence[Any], latest: dict[str, str]) -> dict[str, str]:
    """The published article each of `paths` replaces, if any (`latest`: the dataset's
    latest version of each source path, `Dataset.latest_versions`)."""
    found = {}
    for p in paths:
        if isinstance(p, str) and safe_read.path_text(p) in latest:
            found[p] = latest[safe_read.path_text(p)]
    return found


def _published(out: str, settings: Settings
               ) -> tuple[Collection[str], dict[str, str], Any] | None:
    """The dataset at `out` as the flow will read it: (published article ids, latest
    version of each source path, earlier refusals); None when it cannot be read (the
    flow reports why, with its exit code). A new or empty local folder holds nothing,
    and is answered without importing the storage layer (~0.3 s)."""
    if "://" not in out and (not os.path.isdir(out) or not any(os.scandir(out))):
        return set(), {}, None
    try:
        from flows import inbox
        from flows.storage import open_dataset

        dataset = open_dataset(out, settings.store_format)  # type: ignore[arg-type]
        if not dataset.exists():
            return set(), {}, None
        return (dataset.known_articles(), dataset.latest_versions(),
                inbox.RefusedBefore(dataset.read("_quarantine", ["path", "article_id"])))
    except Exception:
        return None


def _maybe_new(files: Sequence[Path | str], known: Collection[str], settings: Settings,
               limit: int = 64) -> bool:
    """Is any of the first `limit` inputs not yet published (`known`)? A guess for
    starting the workers early only (the flow decides, under the lock, and starts them
    itself if they are needed and not started). A run that finds nothing new then
    loads no model."""
    for f in files[:limit]:
        if sources.format_of(str(f)):
            return True
        cid = ingest.content_id(f, settings.max_bytes)
        if cid is None or cid not in known:
            return True
    return False
