"""Shared fixtures. Prefect is configured (offline, quiet, temporary home) before import."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

os.environ.setdefault("PREFECT_HOME", tempfile.mkdtemp(prefix="newstables-prefect-"))
os.environ.setdefault("PREFECT_LOGGING_TO_API_ENABLED", "false")

from flows import prefect_env  # noqa: E402

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
    from flows import nlp as nlp_mod

    return nlp_mod.load()
