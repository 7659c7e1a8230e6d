"""Shared fixtures. Prefect is configured (offline, quiet, temporary home) before import.

This file is the test session's command: like the CLI, it configures Prefect explicitly
and exports the URL of the session's one API server before any test module imports
Prefect, so that Prefect's process-wide settings, its threads and every spawned worker
(CLI subprocesses included) use that server. The server itself starts after collection,
and only when a collected test asks for `prefect_api`.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from flows.orchestration import prefect_server

os.environ.setdefault("PREFECT_HOME", tempfile.mkdtemp(prefix="newstables-prefect-"))
os.environ.setdefault("PREFECT_LOGGING_TO_API_ENABLED", "false")
# The city index cache (flows/kb.py) goes to a temporary folder, not the home directory.
os.environ.setdefault("NEWSTABLES_CACHE_DIR", tempfile.mkdtemp(prefix="newstables-cache-"))
prefect_server.configure()
#: The session's server, unless the environment names one. Its port is chosen now, so
#: its URL is in the environment before Prefect is first imported.
SESSION_SERVER: prefect_server.TemporaryServer | None = None
if not os.environ.get("PREFECT_API_URL"):
    SESSION_SERVER = prefect_server.TemporaryServer()
    os.environ["PREFECT_API_URL"] = SESSION_SERVER.api_url

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_bab6568d393393c4.txt"
ARTICLES = Path(__file__).resolve().parent / "articles"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Boot the session's server as soon as it is known to be needed, so its 6-18 s
    start overlaps the tests that run before the first one using it."""
    if SESSION_SERVER is not None and SESSION_SERVER.process is None and any(
            "prefect_api" in getattr(item, "fixturenames", ()) for item in items):
        SESSION_SERVER.start()


@pytest.fixture(autouse=True)
def _api_url_only_where_asked(request: pytest.FixtureRequest,
                              monkeypatch: pytest.MonkeyPatch) -> None:
    """A test that does not ask for `prefect_api` runs the CLI as a user does: its
    subprocesses start their own server instead of inheriting the URL of the session's,
    which may not be running."""
    if SESSION_SERVER is not None and "prefect_api" not in request.fixturenames:
        monkeypatch.delenv("PREFECT_API_URL", raising=False)


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def nlp():
    from flows.steps import nlp as nlp_mod

    return nlp_mod.load()


@pytest.fixture(scope="session")
def session_server(prefect_api):
    """The session's API server when it is newstables' own temporary server."""
    if SESSION_SERVER is None:
        pytest.skip("the environment names a Prefect server of its own")
    return SESSION_SERVER


@pytest.fixture(scope="session")
def s3(tmp_path_factory):
    """A real S3 API (`moto_server` on a free 127.0.0.1 port), stopped after the session;
    the AWS_* variables point at it meanwhile. `s3.bucket()` gives a fresh bucket URL."""
    from tests.services import moto_s3

    with moto_s3(tmp_path_factory.mktemp("moto") / "moto.log") as server:
        yield server


@pytest.fixture(scope="session")
def prefect_api():
    """One Prefect API server for the session, shared by in-process and CLI runs.

    Starting Prefect's temporary server costs 8–18 s; tests that run the flow many
    times (the kill test) would otherwise pay it on every run.
    """
    url = os.environ["PREFECT_API_URL"]
    if SESSION_SERVER is None:  # the environment named a server
        yield url
        return
    if SESSION_SERVER.process is None:
        SESSION_SERVER.start()
    try:
        yield SESSION_SERVER.wait(timeout=180)
    finally:
        prefect_server._drain()
        SESSION_SERVER.stop()
