"""Prefect for real: a scheduled deployment on `prefect server start`, run artifacts, Dask.

These start what they need (a Prefect server on a free loopback port, a served
deployment, a Dask LocalCluster) and stop it at the end.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import polars as pl
import pytest

from flows.orchestration import flow as pipeline
from flows.settings import Settings
from flows.storage.local import LocalDataset
from flows.tables import schema
from tests.conftest import ARTICLES, SEED

pytestmark = pytest.mark.slow  # prefect server start, a served deployment, Dask

VENV_BIN = Path(sys.executable).parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(predicate, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(1)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


@pytest.fixture
def prefect_server(tmp_path):
    """`prefect server start` on a free loopback port, with its own PREFECT_HOME."""
    port = _free_port()
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect-home"),
           "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "DO_NOT_TRACK": "1"}
    env.pop("PREFECT_API_URL", None)
    log = open(tmp_path / "server.log", "w")  # noqa: SIM115 (closed below)
    proc = subprocess.Popen(
        [str(VENV_BIN / "prefect"), "server", "start", "--host", "127.0.0.1",
         "--port", str(port), "--analytics-off"],
        env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}/api"

    def healthy() -> bool:
        try:
            with urllib.request.urlopen(f"{url}/health", timeout=2) as r:
                return r.status == 200
        except OSError:
            return False

    try:
        _wait_for(healthy, 180, "prefect server start")
        yield url, env
    finally:
        _stop(proc)
        log.close()


def test_scheduled_run_picks_up_a_new_article(prefect_server, tmp_path):
    url, env = prefect_server
    inbox, out = tmp_path / "inbox", tmp_path / "data"
    inbox.mkdir()
    env = {**env, "PREFECT_API_URL": url, "PREFECT_RUNNER_POLL_FREQUENCY": "2"}
    serve_log = open(tmp_path / "serve.log", "w")  # noqa: SIM115
    served = subprocess.Popen(
        [str(VENV_BIN / "newstables"), "serve", "--inbox", str(inbox), "--out", str(out),
         "--interval", "5", "--workers", "1", "--name", "test-inbox"],
        env=env, stdout=serve_log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        shutil.copy(SEED, inbox / SEED.name)  # a new article arrives

        def logged() -> bool:  # the _runs row is the last thing a run writes
            return (out / "_runs").exists() and LocalDataset(out).read("_runs")[
                "articles_written"].sum() == 1

        _wait_for(logged, 240, "a scheduled run to write the new article")
        runs = LocalDataset(out).read("_runs")
        assert runs["flow_run_id"].null_count() == 0
        assert set(runs["status"]) == {"completed"}  # an empty inbox is not an error
        assert LocalDataset(out).read("articles").height == 1
        flow_run_id = runs.filter(pl.col("articles_written") == 1)["flow_run_id"].item()
        with urllib.request.urlopen(f"{url}/flow_runs/{flow_run_id}", timeout=10) as r:
            flow_run = json.load(r)
        assert flow_run["state_type"] in {"COMPLETED", "RUNNING"}
        assert flow_run["deployment_id"] is not None  # it came from the schedule
        claims = LocalDataset(out).read("claims")
        assert (claims.filter(pl.col("kind") == "direct_quote")["speaker_canonical"]
                == "Xi Jinping").sum() == 4
    finally:
        _stop(served)
        serve_log.close()


def test_run_report_artifacts_are_readable_through_the_client(prefect_api, tmp_path):
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(ARTICLES / "council_vote.txt", inbox / "council_vote.txt")
    (inbox / "empty.txt").write_bytes(b"")
    summary = pipeline.run([str(inbox)], str(tmp_path / "data"), Settings(workers=1))
    flow_run_id = LocalDataset(tmp_path / "data").read("_runs")["flow_run_id"].item()
    with get_client(sync_client=True) as client:
        arts = client.read_artifacts(artifact_filter=ArtifactFilter(
            flow_run_id=ArtifactFilterFlowRunId(any_=[flow_run_id])))
    by_key = {a.key: a for a in arts}
    assert set(by_key) == {"newstables-rows", "newstables-quarantine", "newstables-report"}
    rows = {r["table"]: r["rows"] for r in json.loads(by_key["newstables-rows"].data)}
    assert rows == summary.rows and rows["articles"] == 1
    refused = json.loads(by_key["newstables-quarantine"].data)
    assert [r["reason"] for r in refused] == ["empty"]
    assert "words/s" in by_key["newstables-report"].data


def test_dask_cluster_gives_the_same_tables_as_local_processes(prefect_api, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(SEED, inbox / SEED.name)
    for f in ARTICLES.glob("*.txt"):
        shutil.copy(f, inbox / f.name)
    local = pipeline.run([str(inbox)], str(tmp_path / "local"),
                         Settings(workers=2, batch_size=1))
    dask = pipeline.run([str(inbox)], str(tmp_path / "dask"),
                        Settings(runner="dask", workers=2, batch_size=1))
    assert local.articles_written == dask.articles_written == 3
    for name in schema.DATA_TABLES:
        key = list(schema.table(name).primary_key)
        a = LocalDataset(tmp_path / "local").read(name).drop("run_id", "processed_at", strict=False)
        b = LocalDataset(tmp_path / "dask").read(name).drop("run_id", "processed_at", strict=False)
        assert a.sort(key).equals(b.sort(key)), name
