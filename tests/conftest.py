"""Shared fixtures. Prefect is configured (offline, quiet, temporary home) before import."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

os.environ.setdefault("PREFECT_HOME", tempfile.mkdtemp(prefix="newstables-prefect-"))
os.environ.setdefault("PREFECT_LOGGING_TO_API_ENABLED", "false")
# The city index cache (flows/kb.py) goes to a temporary folder, not the home directory.
os.environ.setdefault("NEWSTABLES_CACHE_DIR", tempfile.mkdtemp(prefix="newstables-cache-"))

from flows.orchestration import prefect_server as prefect_env

prefect_env.configure()

import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_bab6568d393393c4.txt"
ARTICLES = Path(__file__).resolve().parent / "articles"


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def nlp():
    from flows.steps import nlp as nlp_mod

    return nlp_mod.load()


@pytest.fixture(scope="session")
def prefect_api():
    """One Prefect API server for the session, shared by in-process and CLI runs.

    Starting Prefect's temporary server costs 8–18 s; tests that run the flow many
    times (the kill test) would otherwise pay it on every run.
    """
    server = prefect_env.TemporaryServer()
    server.start()
    try:
        url = server.wait(timeout=180)
        with prefect_env.use_api(url):
            yield url
    finally:
        prefect_env._drain()
        server.stop()
