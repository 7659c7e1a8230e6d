"""Prefect's environment for a run: offline, quiet, state in the project, one API server.

Must be imported before `prefect` itself: Prefect reads these variables at import.
Process workers must share one API server; left alone, every spawned worker would
start its own temporary server (see shared notes, "Pitfalls"). So when no
`PREFECT_API_URL` is configured we start Prefect's temporary server (the uvicorn
command its ephemeral mode runs) once, and hand its URL to the workers through the
settings context.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import importlib.util
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

#: Applied with setdefault: anything the user exported wins.
DEFAULTS = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
    "PREFECT_LOGGING_LEVEL": "WARNING",
    "PREFECT_LOGGING_TO_API_WHEN_MISSING_FLOW": "ignore",
    "PREFECT_TASKS_RUNNER_THREAD_POOL_MAX_WORKERS": "8",
    "PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_BATCH_SIZE": "200",
    "PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_READ_BATCH_SIZE": "100",
    "PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_FLUSH_INTERVAL": "1",
    "PREFECT_SERVER_SERVICES_EVENT_PERSISTER_BATCH_SIZE": "500",
    "PREFECT_SERVER_SERVICES_EVENT_PERSISTER_READ_BATCH_SIZE": "100",
    "PREFECT_SERVER_LOGGING_LEVEL": "WARNING",
}


def configure(home: str | os.PathLike[str] | None = None) -> None:
    """Set the defaults and a project-local PREFECT_HOME (`.prefect/`) unless set."""
    for key, value in DEFAULTS.items():
        os.environ.setdefault(key, value)
    if "PREFECT_HOME" not in os.environ:
        os.environ["PREFECT_HOME"] = str(Path(home or ".prefect").resolve())
    Path(os.environ["PREFECT_HOME"]).mkdir(parents=True, exist_ok=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _die_with_parent(sig: int, parent: int) -> None:  # pragma: no cover - in the child
    """Linux: this process gets `sig` when `parent` dies, even by SIGKILL; if `parent` is
    already gone (killed while this process started), exit now.

    (The kernel's "parent" is the starting thread: both uses here start from a thread
    that lives as long as the run.) Elsewhere a no-op.
    """
    import ctypes

    if sys.platform.startswith("linux"):
        with contextlib.suppress(Exception):
            ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, sig)  # PR_SET_PDEATHSIG
        if os.getppid() != parent:
            os._exit(1)


def die_with_parent() -> None:  # pragma: no cover - runs in process workers
    """Worker initializer: a worker of a killed run stops at once (SIGKILL: nobody is left
    to report to), instead of idling forever as an orphan (seen before this)."""
    import multiprocessing

    parent = multiprocessing.parent_process()
    if parent is not None and parent.pid is not None:
        _die_with_parent(9, parent.pid)


class TemporaryServer:
    """Prefect's temporary API server, started the way Prefect's ephemeral mode starts it.

    Prefect's own `SubprocessASGIServer` runs the same uvicorn command, but importing
    it costs this process 3–6 s of CPU (the whole server package) before the server
    process even begins its own ~6 s boot. This class needs nothing but the
    standard library and httpx, so `start()` can be called first thing and the
    server boots while this process imports Prefect, spaCy and the pipeline; `wait()`
    is called only when the API is needed. On Linux the server also dies with this
    process, so a killed run leaves no orphan server behind.
    """

    def __init__(self) -> None:
        self.port = _free_port()
        self.process: subprocess.Popen[bytes] | None = None
        self.started_at = 0.0

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api"

    def start(self) -> None:
        configure()
        home = Path(os.environ["PREFECT_HOME"])
        prefect_dir = Path(importlib.util.find_spec("prefect").origin).parent  # type: ignore[arg-type,union-attr]
        env = {**os.environ, "PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1",
               "PREFECT__SERVER_FINAL": "1"}
        env.pop("PREFECT_API_URL", None)
        if _migrated(home):  # the DB is at this Prefect's schema already: skip ~0.7 s of checks
            env.setdefault("PREFECT_SERVER_DATABASE_MIGRATE_ON_START", "false")
            env.setdefault("PREFECT_SERVER_REGISTER_BLOCKS_ON_START", "false")
        self.started_at = time.monotonic()
        atexit.register(self.stop)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "--app-dir", str(prefect_dir.parent),
             "--factory", "prefect.server.api.server:create_app", "--host", "127.0.0.1",
             "--port", str(self.port), "--log-level", "error", "--lifespan", "on"],
            env=env,
            preexec_fn=(functools.partial(_die_with_parent, 15, os.getpid())
                        if os.name == "posix" else None),
        )

    def wait(self, timeout: float) -> str:
        """Block until the API answers; returns its URL."""
        import httpx

        assert self.process is not None, "start() first"
        deadline = self.started_at + timeout
        with httpx.Client() as client:
            while True:
                code = self.process.poll()
                if code is not None:
                    raise RuntimeError(f"Prefect's temporary server exited with code {code} "
                                       f"before it answered on {self.api_url}")
                with contextlib.suppress(httpx.HTTPError):
                    if client.get(f"{self.api_url}/health", timeout=2).status_code == 200:
                        break
                if time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(f"Prefect's temporary server did not answer within "
                                       f"{timeout:.0f} s (PREFECT_SERVER_EPHEMERAL_STARTUP_"
                                       f"TIMEOUT_SECONDS)")
                time.sleep(0.05)
        _mark_migrated(Path(os.environ["PREFECT_HOME"]))
        return self.api_url

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None


def _prefect_version() -> str:
    from importlib.metadata import version

    return version("prefect")


def _migrated(home: Path) -> bool:
    stamp = home / "newstables-db-version"
    return ((home / "prefect.db").exists() and stamp.exists()
            and stamp.read_text().strip() == _prefect_version())


def _mark_migrated(home: Path) -> None:
    if (home / "prefect.db").exists():
        with contextlib.suppress(OSError):
            (home / "newstables-db-version").write_text(_prefect_version() + "\n")


_early: TemporaryServer | None = None


def prestart() -> None:
    """Start the temporary server now, without waiting, unless the environment names one.

    Called by the CLI before its heavy imports, so the server's ~3–6 s boot and the
    imports overlap on different cores. A URL set only in a Prefect profile is found
    later by `api_server()`, which then stops this server unused: checking profiles
    here would mean importing Prefect first, the cost this avoids.
    """
    global _early
    configure()
    if _early is None and not os.environ.get("PREFECT_API_URL"):
        _early = TemporaryServer()
        _early.start()


_pool: tuple[int, Any, Any] | None = None  # (workers, message queue, executor)


def prestart_workers(workers: int, model: str) -> None:
    """Spawn the run's worker processes now, while the API server boots.

    A worker spends ~2.5 s importing Prefect and spaCy and loading the model and the
    city table before its first batch; started with the flow, that is on the critical
    path of every run, after the server's boot. Started here, both overlap. The pool
    is Prefect's own construction (`ProcessPoolTaskRunner.__enter__`: spawn context,
    Prefect's worker initializer and its log/event queue), adopted by the flow's task
    runner (`flows.orchestration.flow.WarmProcessPool`); an unadopted pool is shut down at exit.
    """
    global _pool
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from prefect.task_runners import _initialize_process_pool_worker

    if _pool is not None or workers < 2:
        return
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    executor = ProcessPoolExecutor(max_workers=workers, mp_context=context,
                                   initializer=_initialize_process_pool_worker,
                                   initargs=(queue, die_with_parent, ()))
    for _ in range(workers):  # each submit spawns one more process while none is idle
        executor.submit(_warm_worker, model)
    _pool = (workers, queue, executor)
    atexit.register(_discard_pool)


def _warm_worker(model: str) -> None:
    """In a worker: import the steps and load the model (this module is cheap to pickle)."""
    from flows import batch as process

    process.warm(model)


def take_pool(workers: int) -> tuple[Any, Any] | None:
    """The prestarted (queue, executor) if it has `workers` processes; else None (and any
    prestarted pool of another size is shut down)."""
    global _pool
    if _pool is not None and _pool[0] == workers:
        _, queue, executor = _pool
        _pool = None
        return queue, executor
    _discard_pool()
    return None


def _discard_pool() -> None:
    global _pool
    if _pool is not None:
        _, queue, executor = _pool
        _pool = None
        executor.shutdown(cancel_futures=True)
        queue.close()


def _configured_api_url() -> str | None:
    url = os.environ.get("PREFECT_API_URL")
    if url:
        return url
    import prefect.settings  # a profile may set it

    return prefect.settings.PREFECT_API_URL.value() or None


@contextlib.contextmanager
def api_server() -> Iterator[str]:
    """Yield the API URL to use: the configured one, or a temporary local server's."""
    global _early
    configure()
    configured = _configured_api_url()
    if configured:
        if _early is not None:
            _early.stop()
            _early = None
        yield configured
        return
    server, _early = _early or TemporaryServer(), None
    if server.process is None:
        server.start()
    try:
        url = server.wait(float(os.environ["PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"]))
        with use_api(url), _no_heartbeats():
            yield url
    finally:
        _drain()
        server.stop()


@contextlib.contextmanager
def _no_heartbeats() -> Iterator[None]:
    """No flow-run heartbeats against a server that lives only as long as this run.

    Heartbeats let a long-lived server notice a crashed run; nobody watches a
    temporary one, and a sync flow joins its heartbeat thread on exit, which cost up
    to 1 s per run (team notes).
    """
    import prefect.settings

    with prefect.settings.temporary_settings(
        updates={prefect.settings.PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}
    ):
        yield


@contextlib.contextmanager
def use_api(url: str) -> Iterator[None]:
    """Point this process, all its threads and the workers it spawns at one API.

    `temporary_settings` only reaches the current context; Prefect's own threads (the
    process pool's message forwarder) fall back to the process-global settings and,
    finding no API URL, would start a second temporary server (measured: 9.8 s of CPU
    during the run). So the global settings context is replaced too, as Prefect's
    test harness does, and the environment carries the URL to spawned workers.
    """
    import prefect.context
    import prefect.settings

    previous = os.environ.get("PREFECT_API_URL")
    os.environ["PREFECT_API_URL"] = url
    try:
        with prefect.settings.temporary_settings(updates={prefect.settings.PREFECT_API_URL: url}):
            global_ctx = getattr(prefect.context, "_temporary_global_settings_context", None)
            if global_ctx is None:  # a newer Prefect without it: threads keep their default
                yield
            else:
                with global_ctx(prefect.context.get_settings_context()):
                    yield
    finally:
        if previous is None:
            os.environ.pop("PREFECT_API_URL", None)
        else:
            os.environ["PREFECT_API_URL"] = previous


def _drain() -> None:
    """Ship pending logs and events before the server goes away (as Prefect's harness does)."""
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker

    with contextlib.suppress(Exception):
        APILogWorker.drain_all(timeout=10)
    with contextlib.suppress(Exception):
        EventsWorker.drain_all(timeout=10)
