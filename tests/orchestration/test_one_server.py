"""One Prefect API server per run, whoever starts it: the CLI, the test session, a library caller.

A second server costs 6-18 s of CPU during the batches and comes back silently (Prefect's
threads and spawned workers start their own ephemeral server when they do not find the
URL), so these tests watch the process tree of real runs and count the servers. The
workers never talk to Prefect (`flows/orchestration/workers.py`; `tests/orchestration/
test_workers.py` checks that they never import it), so none can start a server of its own.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil
import pytest

from flows.orchestration import flow as pipeline
from flows.orchestration import prefect_server
from flows.settings import Settings
from tests.conftest import ARTICLES, ROOT, SEED

pytestmark = pytest.mark.slow  # real runs with servers and workers


class TreeWatch(threading.Thread):
    """Every API server and worker process seen under `pid` while a run goes on."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.root = psutil.Process(pid)
        self.servers: dict[int, str] = {}  # pid -> port
        self.workers: dict[int, str | None] = {}  # pid -> PREFECT_API_URL in its environment
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            try:
                children = self.root.children(recursive=True)
            except psutil.Error:
                return
            for child in children:
                try:
                    cmd = child.cmdline()
                    if prefect_server.APP in cmd and "--port" in cmd:  # ours or Prefect's
                        self.servers[child.pid] = cmd[cmd.index("--port") + 1]
                    elif "spawn_main" in " ".join(cmd) and child.pid not in self.workers:
                        if child.ppid() != self.root.pid:  # a spawned process of a worker
                            continue
                        self.workers[child.pid] = child.environ().get("PREFECT_API_URL")
                except (psutil.Error, ValueError, IndexError):
                    continue
            time.sleep(0.05)

    def __enter__(self) -> TreeWatch:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.done.set()
        self.join()


def _inbox(folder: Path) -> Path:
    folder.mkdir(parents=True)
    shutil.copy(SEED, folder / SEED.name)
    for f in ARTICLES.glob("*.txt"):
        shutil.copy(f, folder / f.name)
    return folder


def _own_env(tmp_path: Path) -> dict[str, str]:
    """A user's environment: no API configured, Prefect's INFO logs (which announce any
    "Starting temporary server") on."""
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env.update(PREFECT_HOME=str(tmp_path / "prefect-home"), PREFECT_LOGGING_LEVEL="INFO",
               PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL="INFO", PYTHONPATH=str(ROOT))
    return env


def _assert_one_server(watch: TreeWatch) -> None:
    assert len(watch.servers) == 1, watch.servers
    assert watch.workers, "the run had no worker process"


def test_a_cli_run_with_two_workers_has_one_server_that_every_worker_uses(tmp_path):
    inbox = _inbox(tmp_path / "inbox")
    proc = subprocess.Popen(
        [sys.executable, "-m", "flows.cli", "run", str(inbox), "--out", str(tmp_path / "o"),
         "--workers", "2", "--batch-size", "1"],
        env=_own_env(tmp_path), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    with TreeWatch(proc.pid) as watch:
        output = proc.communicate(timeout=600)[0]
    assert proc.returncode == 0, output[-3000:]
    _assert_one_server(watch)
    # the CLI's own server is silent; Prefect announces every server it starts itself
    assert "Starting temporary server" not in output


_LIBRARY_CALLER = """
import sys
from flows.orchestration import flow  # Prefect is imported here, with no API URL
from flows.settings import Settings
summary = flow.run([sys.argv[1]], sys.argv[2], Settings(workers=2, batch_size=1))
print("written", summary.articles_written)
"""


def test_run_called_after_prefect_was_imported_still_has_one_server(tmp_path):
    inbox = _inbox(tmp_path / "inbox")
    proc = subprocess.Popen(
        [sys.executable, "-c", _LIBRARY_CALLER, str(inbox), str(tmp_path / "o")],
        env=_own_env(tmp_path), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    with TreeWatch(proc.pid) as watch:
        output = proc.communicate(timeout=600)[0]
    assert proc.returncode == 0, output[-3000:]
    assert "written 3" in output
    _assert_one_server(watch)
    assert output.count("Starting temporary server") == 1  # Prefect's, announced once


def test_an_in_process_run_uses_the_sessions_server_only(prefect_api, tmp_path):
    inbox = _inbox(tmp_path / "inbox")
    with TreeWatch(os.getpid()) as watch:
        summary = pipeline.run([str(inbox)], str(tmp_path / "o"),
                               Settings(workers=2, batch_size=1))
    assert summary.articles_written == 3
    session_port = prefect_api.rsplit(":", 1)[1].split("/")[0]
    assert set(watch.servers.values()) == {session_port}, watch.servers
    assert watch.workers and set(watch.workers.values()) == {prefect_api}, watch.workers


def test_the_temporary_server_sends_no_analytics_and_runs_no_automations(session_server):
    """Its settings as the server itself reports them (`/admin/settings`)."""
    import httpx

    server = httpx.get(f"{session_server.api_url}/admin/settings",
                       timeout=10).json()["server"]
    assert server["analytics_enabled"] is False
    assert server["services"]["triggers"]["enabled"] is False
    assert server["ui"]["enabled"] is False
