"""Prefect's environment for a run: offline, quiet, state in the project, one API server.

Importing this module does nothing but define names (standard library only). Commands
call `configure()` and `prestart()` explicitly, before Prefect is imported, because
Prefect reads its settings from the environment once, at import.

Process workers must share one API server; left alone, every spawned worker would start
its own temporary server (shared notes, "Pitfalls"). So when no `PREFECT_API_URL` is
configured, `prestart()` picks a free port, exports the URL into `os.environ` and starts
Prefect's temporary server (the app its ephemeral mode runs, under uvicorn) on it. Everything
then finds the URL through Prefect's public configuration: the settings read at import
(used by Prefect's own threads), and the environment that spawned workers inherit.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import gc
import importlib.util
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from flows.orchestration.startup import START_THRESHOLDS, quiet_gc

#: Prefect's API server app factory, as its ephemeral mode names it.
APP = "prefect.server.api.server:create_app"
#: Applied with setdefault: anything the user exported wins.
DEFAULTS = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
    # Run loggers at INFO, so the inputs, batches and summary reach the API (the UI's
    # log tab); the console handler shows warnings only, so the CLI stays quiet. The
    # logger is configured, not silenced: what is dropped is dropped at one handler.
    "PREFECT_LOGGING_LEVEL": "INFO",
    "PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL": "WARNING",
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
    """Set the defaults and a project-local PREFECT_HOME (`.prefect/`) unless set.

    Called by the commands that run Prefect (CLI `run` and `serve`, `flow.run()`,
    `flow.serve()`, the test configuration), never at import: importing the package must
    leave the caller's environment and working directory alone.
    """
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

    (The kernel's "parent" is the starting thread: the server is started by the main
    thread, the workers by the thread that starts their pool: `flows/orchestration/workers.py`.)
    Elsewhere a no-op.
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


#: The API server's program (`python -c`, arguments `--app-dir DIR --app MODULE:FACTORY
#: --port N`): what Prefect's ephemeral mode runs (`uvicorn --app-dir DIR --factory
#: prefect.server.api.server:create_app`), with the garbage collector quiet from the
#: import of Prefect's server package until the app's lifespan has started (`startup.py`:
#: 3.0-3.3 s of import CPU became 2.1-2.5 s). Standard library and uvicorn only, and DIR
#: first on the path, so neither the caller's working directory nor this package is
#: imported.
_SERVE = f"""
import gc, importlib, sys
args = dict(zip(sys.argv[1::2], sys.argv[2::2]))
sys.path.insert(0, args["--app-dir"])
previous = gc.get_threshold()
gc.set_threshold(*{START_THRESHOLDS!r})
import uvicorn
module, factory = args["--app"].split(":")
app = getattr(importlib.import_module(module), factory)()

async def served(scope, receive, send):  # the thresholds back once the app has started
    async def sent(message):
        if message["type"] == "lifespan.startup.complete":
            gc.set_threshold(*previous)
            gc.freeze()
        await send(message)
    await app(scope, receive, sent if scope["type"] == "lifespan" else send)

uvicorn.run(served, host="127.0.0.1", port=int(args["--port"]), log_level="error",
            lifespan="on")
"""


class TemporaryServer:
    """Prefect's temporary API server, started the way Prefect's ephemeral mode starts it.

    Prefect's own `SubprocessASGIServer` runs the same app with uvicorn, but importing
    it costs this process 3–6 s of CPU (the whole server package) before the server
    process even begins its own ~5 s boot. This class needs nothing but the
    standard library and httpx, so `start()` can be called first thing and the
    server boots while this process imports Prefect, spaCy and the pipeline; `wait()`
    is called only when the API is needed. On Linux the server also dies with this
    process, so a killed run leaves no orphan server behind.
    """

    def __init__(self) -> None:
        self.port = _free_port()
        self.process: subprocess.Popen[bytes] | None = None
        self.started_at = 0.0
        self.answered = False

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
        # Automations need a server that outlives runs; this one lives for one run.
        # Off, its reactive-triggers service no longer loads at boot (3.86 -> 3.60 s to
        # answering, A/B of 8 rounds each) nor reads every event of the run.
        env.setdefault("PREFECT_SERVER_SERVICES_TRIGGERS_ENABLED", "false")
        if _migrated(home):  # the DB is at this Prefect's schema already: skip ~0.7 s of checks
            env.setdefault("PREFECT_SERVER_DATABASE_MIGRATE_ON_START", "false")
            env.setdefault("PREFECT_SERVER_REGISTER_BLOCKS_ON_START", "false")
        self.started_at = time.monotonic()
        atexit.register(self.stop)
        self.process = subprocess.Popen(
            [sys.executable, "-c", _SERVE, "--app-dir", str(prefect_dir.parent),
             "--app", APP, "--port", str(self.port)],
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
        self.answered = True
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


#: The temporary server this process started and exported as PREFECT_API_URL. It lives
#: as long as the process (stopped at exit): the URL stays in Prefect's settings, so a
#: second run in the same process (tests, bench) must find it still answering.
_server: TemporaryServer | None = None


def _profile_api_url() -> str | None:
    """PREFECT_API_URL of the active Prefect profile, read without importing Prefect.

    Importing Prefect to ask would cost the 1-2 s `prestart()` exists to overlap, and
    would freeze Prefect's settings before the URL is exported.
    """
    import tomllib

    home = Path(os.environ.get("PREFECT_HOME") or Path.home() / ".prefect")
    path = Path(os.environ.get("PREFECT_PROFILES_PATH") or home / "profiles.toml")
    try:
        profiles = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    active = os.environ.get("PREFECT_PROFILE") or profiles.get("active")
    table = profiles.get("profiles", {}).get(active, {})
    url = table.get("PREFECT_API_URL") if isinstance(table, dict) else None
    return str(url) if url else None


def prestart() -> str | None:
    """Start the temporary server now, without waiting, unless an API is configured.

    Exports its URL as PREFECT_API_URL so that Prefect, imported after this, carries it
    in its process-wide settings, and every spawned worker inherits it. Called by the
    CLI before its heavy imports, so the server's ~3-6 s boot and the imports overlap on
    different cores. Returns the URL exported, or None when the environment or the
    active profile already names a server. Must run before `import prefect` to reach
    Prefect's global settings; `api_server()` copes when it did not.
    """
    global _server
    configure()
    if _server is not None:
        return _server.api_url
    if os.environ.get("PREFECT_API_URL") or _profile_api_url():
        return None
    _server = TemporaryServer()
    os.environ["PREFECT_API_URL"] = _server.api_url
    _server.start()
    return _server.api_url


def init_worker(model: str) -> None:  # pragma: no cover - runs in process workers
    """Worker initializer (`flows/orchestration/workers.py`): die with the run, then load
    the model.

    Loading spaCy and the city table here (~2.5 s) instead of in the first batch changes
    no row; it only makes the first batch's time a batch's time. A failure is left for
    that batch to raise, where it is reported like any other task error.
    """
    die_with_parent()
    from flows import interrupts

    interrupts.ignore_in_worker()
    with contextlib.suppress(Exception), quiet_gc(freeze=False):  # startup.py
        from flows import batch

        batch.warm(model)
    # The model and the tables live as long as the worker: frozen, the full collections
    # that long articles trigger no longer walk them (100 long articles: 0.27 -> 0.05 s).
    gc.collect()
    gc.freeze()


@contextlib.contextmanager
def api_server() -> Iterator[str]:
    """Yield the API URL a run uses, making sure it is the one and only server.

    * the temporary server exported by `prestart()`: wait until it answers;
    * a configured server (environment, profile, or a `temporary_settings` block such as
      Prefect's test harness): use it;
    * none, and Prefect not imported yet: `prestart()` now, then as the first case;
    * none, and Prefect already imported (a library caller imported the flow first):
      its settings can no longer learn a URL, so Prefect's own ephemeral server is
      started through its public client; Prefect's threads reach that same server (one
      per process), and the workers get its URL through the environment and the
      settings context sent with each task. It costs the import of Prefect's server
      package (3-6 s of CPU) that the CLI avoids.

    Logs and events are drained to the server at the end of each run.
    """
    configure()
    url = os.environ.get("PREFECT_API_URL")
    if not url and "prefect" not in sys.modules:
        url = prestart()
    try:
        if _server is not None and url == _server.api_url:
            _server.wait(float(os.environ["PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"]))
            with _use(url, heartbeats=False):
                yield url
        elif url:
            yield url
        elif configured := _settings_api_url():
            yield configured
        else:
            with _use(_prefect_ephemeral_url(), heartbeats=False, export=True) as url:
                yield url
    finally:
        _drain()


def _settings_api_url() -> str | None:
    import prefect.settings

    return prefect.settings.get_current_settings().api.url or None


def _prefect_ephemeral_url() -> str:
    """Start Prefect's own temporary server (a per-process singleton) and return its URL."""
    from prefect.client.orchestration import get_client

    with get_client(sync_client=True) as client:
        return str(client.api_url).rstrip("/")


@contextlib.contextmanager
def _use(url: str, heartbeats: bool, export: bool = False) -> Iterator[str]:
    """This thread's Prefect settings point at `url`; with `export`, so does the
    environment of processes spawned meanwhile.

    No flow-run heartbeats against a server that lives only as long as this process:
    heartbeats let a long-lived server notice a crashed run, nobody watches a temporary
    one, and a sync flow joins its heartbeat thread on exit, which cost up to 1 s per run
    (team notes).
    """
    import prefect.settings

    updates: dict[Any, Any] = {prefect.settings.PREFECT_API_URL: url}
    if not heartbeats:
        updates[prefect.settings.PREFECT_FLOWS_HEARTBEAT_FREQUENCY] = None
    previous = os.environ.get("PREFECT_API_URL")
    if export:
        os.environ["PREFECT_API_URL"] = url
    try:
        with prefect.settings.temporary_settings(updates=updates):
            yield url
    finally:
        if export:
            if previous is None:
                os.environ.pop("PREFECT_API_URL", None)
            else:
                os.environ["PREFECT_API_URL"] = previous


class _DrainProgress:
    """Console-handler filter: Prefect's services report their own drain at exit as a
    WARNING ("EventsWorker - Still processing items: N items remaining..."), which is
    progress, not a problem; the run waits for exactly that drain (`_drain`)."""

    def filter(self, record: Any) -> bool:
        return not str(record.msg).startswith("Still processing items")


def quiet_console() -> None:
    """Attach `_DrainProgress` to the root logger's handlers (Prefect's console handler)."""
    import logging

    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, _DrainProgress) for f in handler.filters):
            handler.addFilter(_DrainProgress())


def _drain() -> None:
    """Ship pending logs and events before the server goes away (as Prefect's harness does)."""
    if "prefect" not in sys.modules:
        return
    quiet_console()
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker

    with contextlib.suppress(Exception):
        APILogWorker.drain_all(timeout=10)
    with contextlib.suppress(Exception):
        EventsWorker.drain_all(timeout=10)
