"""The run's worker processes (flows/orchestration/workers.py).

They are started before Prefect is imported and never import it, and the early batches
they run while the server boots are used only when the flow, under the lock, plans a
batch with exactly the same inputs; otherwise the flow runs its own.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest

from flows.orchestration import flow as pipeline
from flows.orchestration import workers
from flows.settings import Settings
from flows.storage import open_dataset
from tests.conftest import ARTICLES, SEED

pytestmark = pytest.mark.slow  # spawns workers that load the model


def _inbox(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True)
    for f in [SEED, *sorted(ARTICLES.glob("*.txt"))][:n]:
        shutil.copy(f, folder / f.name)
    return folder


def test_a_worker_runs_a_batch_and_never_imports_prefect():
    settings = Settings()
    pool = workers.Workers(1, settings.model)
    try:
        result = pool.submit([str(SEED)], settings, "r1", frozenset(), {}).result(timeout=300)
        assert result.n_articles == 1 and not result.quarantine
        # `eval` is a builtin, so it is sent by name: the check runs in the worker.
        loaded = pool.executor.submit(eval, "'prefect' in __import__('sys').modules")
        assert loaded.result(timeout=60) is False
    finally:
        pool.close()


def test_the_flow_takes_the_early_batches_of_the_same_plan(prefect_api, tmp_path):
    inbox = _inbox(tmp_path / "inbox", 3)
    out = str(tmp_path / "out")
    settings = Settings(workers=2, batch_size=1)
    _, planned = workers.prepare([str(inbox)], out, settings)  # as the CLI does
    pool = workers.current()
    assert pool is not None and planned.workers == 2
    early = pool.early
    assert early == 3  # up to two batches per worker, submitted before the flow started
    summary = pipeline.run([str(inbox)], out, settings)
    assert summary.articles_written == 3 and not summary.quarantine
    assert pool.taken == early  # every early batch was the flow's own
    runs = open_dataset(out).read("articles")["run_id"].unique().to_list()
    assert runs == [summary.run_id]  # stamped with the id the flow then used
    assert workers.current() is None  # the run let its workers go


def test_a_file_changed_after_its_early_batch_is_processed_again(prefect_api, tmp_path):
    inbox = _inbox(tmp_path / "inbox", 1)
    out = str(tmp_path / "out")
    settings = Settings(workers=1)
    workers.prepare([str(inbox)], out, settings)
    pool = workers.current()
    assert pool is not None and pool.early == 1
    article = next(inbox.iterdir())
    article.write_text(article.read_text(encoding="utf-8").replace(
        "\n", "\nA line added after the early batch began.\n", 1), encoding="utf-8")
    summary = pipeline.run([str(inbox)], out, settings)
    assert summary.articles_written == 1
    assert pool.taken == 0  # the early batch read other bytes: not taken
    body = open_dataset(out).read("articles")["body"].to_list()
    assert len(body) == 1 and "A line added after the early batch began." in body[0]


def test_early_batches_are_keyed_by_everything_a_batch_reads():
    s = Settings()
    key = workers._key(["a.txt"], ["id1"], s, "run", frozenset({"x"}), {})
    assert key == workers._key(["a.txt"], ["id1"], Settings(), "run", frozenset({"x"}), {})
    for other in (
        workers._key(["a.txt"], ["id2"], s, "run", frozenset({"x"}), {}),  # other bytes
        workers._key(["b.txt"], ["id1"], s, "run", frozenset({"x"}), {}),
        workers._key(["a.txt"], ["id1"], Settings(any_language=True), "run",
                     frozenset({"x"}), {}),
        workers._key(["a.txt"], ["id1"], s, "run2", frozenset({"x"}), {}),
        workers._key(["a.txt"], ["id1"], s, "run", frozenset(), {}),  # published meanwhile
        workers._key(["a.txt"], ["id1"], s, "run", frozenset({"x"}), {"a.txt": "old"}),
    ):
        assert other != key


def test_nothing_new_starts_no_worker(prefect_api, tmp_path):
    inbox = _inbox(tmp_path / "inbox", 1)
    out = str(tmp_path / "out")
    pipeline.run([str(inbox)], out, Settings(workers=1))
    workers.prepare([str(inbox)], out, Settings(workers=1))
    assert workers.current() is None  # every input is published: no model is loaded
    assert pl.DataFrame(open_dataset(out).read("articles")).height == 1


_ORDER_PROBE = """
import sys
from flows.orchestration import workers
started = workers.Workers.__init__
def probe(self, *a, **k):
    print("AT-START", "prefect" in sys.modules, "flows.storage" in sys.modules, flush=True)
    started(self, *a, **k)
workers.Workers.__init__ = probe
from flows.cli import app
app(["run", sys.argv[1], "--out", sys.argv[2]])
"""


def test_the_cli_starts_its_workers_before_importing_prefect_or_the_storage_layer(tmp_path):
    """The overlap the workers exist for: a top-level import added to the CLI's path
    (or a preflight that reads the storage layer for a new folder) would silently put
    ~1.5 s back on every run's critical path."""
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env["PREFECT_HOME"] = str(tmp_path / "prefect-home")
    done = subprocess.run([sys.executable, "-c", _ORDER_PROBE, str(SEED), str(tmp_path / "o")],
                          env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "AT-START False False" in done.stdout, done.stdout[-2000:]
