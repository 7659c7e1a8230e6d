"""Prefect's environment for a run: offline, quiet, state in the project, one API server.

Must be imported before `prefect` itself: Prefect reads these variables at import.
Process workers must share one API server; left alone, every spawned worker would
start its own temporary server (see shared notes, "Pitfalls"). So when no
`PREFECT_API_URL` is configured we start Prefect's own temporary server
(`SubprocessASGIServer`, what its ephemeral mode uses) once, and hand its URL to the
workers through the settings context.
"""

from __future__ import annotations

import contextlib
import os
import socket
from collections.abc import Iterator
from pathlib import Path

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


@contextlib.contextmanager
def api_server() -> Iterator[str]:
    """Yield the API URL to use: the configured one, or a temporary local server's."""
    configure()
    import prefect.settings
    from prefect.server.api.server import SubprocessASGIServer

    configured = prefect.settings.PREFECT_API_URL.value()
    if configured:
        yield configured
        return
    server = SubprocessASGIServer(port=_free_port())
    timeout = int(os.environ["PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"])
    server.start(timeout=timeout)
    try:
        with use_api(server.api_url):
            yield server.api_url
    finally:
        _drain()
        server.stop()


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
