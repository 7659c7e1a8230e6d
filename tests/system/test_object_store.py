"""Runs against a real S3 API (moto_server) and a Dask cluster of separate processes.

Every server here is started by a fixture of this session or by the test itself, on
127.0.0.1, and stopped by it (tests/services.py). The corpus is small (5 articles and a
refused file) so that the whole module stays within a few minutes on 2 cores.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import polars as pl
import pytest

from flows.orchestration import flow as pipeline
from flows.settings import Settings
from flows.storage import open_dataset
from flows.storage.delta import DeltaDataset
from flows.tables import schema, validate
from tests import services
from tests.conftest import ARTICLES, SEED

pytestmark = pytest.mark.slow  # starts S3, Prefect and Dask servers, kills runs

RUN_COLUMNS = {"processed_at", "run_id"}
#: SIGKILLs at crash points spread over a run to S3 (plus one from outside).
KILL_POINTS = 6


def _corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(SEED, folder / SEED.name)
    for f in sorted(ARTICLES.glob("*.txt")):
        shutil.copy(f, folder / f.name)
    (folder / "empty.txt").write_bytes(b"")
    return folder


def _tables(location: str) -> dict[str, pl.DataFrame]:
    ds = open_dataset(location)
    result = {}
    for name in (*schema.DATA_TABLES, *schema.DERIVED_TABLES):
        df = ds.read(name)
        result[name] = df.drop([c for c in df.columns if c in RUN_COLUMNS]).sort(
            list(schema.table(name).primary_key))
    return result


def _assert_same(got: dict[str, pl.DataFrame], want: dict[str, pl.DataFrame], label: str):
    for name, df in want.items():
        assert got[name].equals(df), f"{label}: {name} differs ({got[name].height} rows " \
                                     f"vs {df.height})"


def _cli(args: list[str], env_extra: dict[str, str] | None = None, **kw):
    return subprocess.run([sys.executable, "-m", "flows.cli", *args],
                          env={**os.environ, **(env_extra or {})}, capture_output=True,
                          text=True, **kw)


@pytest.fixture(scope="module")
def reference(tmp_path_factory, prefect_api, s3):
    """The corpus on local disk and on S3, and a clean local run's tables."""
    root = tmp_path_factory.mktemp("objectstore")
    corpus = _corpus(root / "inbox")
    bucket = s3.bucket()
    inbox = s3.upload(corpus, f"{bucket}/inbox")
    out = root / "reference"
    summary = pipeline.run([str(corpus)], str(out), Settings(workers=1, batch_size=1))
    assert summary.articles_written >= 3 and len(summary.quarantine) == 1
    return corpus, inbox, bucket, _tables(str(out))


def test_kill_at_points_of_a_run_to_s3_then_rerun_equals_a_clean_run(reference, tmp_path):
    corpus, _, bucket, want = reference
    log = tmp_path / "points.tsv"
    args = ["run", str(corpus), "--workers", "1", "--batch-size", "1"]
    counted = _cli([*args, "--out", f"{bucket}/count"], {"NEWSTABLES_CRASH_COUNT": str(log)})
    assert counted.returncode == 1, counted.stderr[-2000:]  # 1: one input quarantined
    points = log.read_text().splitlines()
    step = len(points) / KILL_POINTS
    chosen = sorted({int(i * step) + 1 for i in range(KILL_POINTS)} | {len(points)})
    names = set()
    for k in chosen:
        out = f"{bucket}/kill-{k}"
        killed = _cli([*args, "--out", out], {"NEWSTABLES_CRASH_AT": str(k)})
        assert killed.returncode == -signal.SIGKILL, (k, killed.stderr[-2000:])
        names.add(points[k - 1].split("\t")[1].split()[0])
        if open_dataset(out).exists():  # what a killed run left is a valid dataset
            assert validate.validate_dataset(out).ok, k
        pipeline.run([str(corpus)], out, Settings(workers=1, batch_size=1))
        _assert_same(_tables(out), want, f"killed at point {k} ({points[k - 1]})")
    # a kill from outside, while delta-rs may be in the middle of a write
    out = f"{bucket}/kill-outside"
    proc = subprocess.Popen([sys.executable, "-m", "flows.cli", *args, "--out", out],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while not open_dataset(out).exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    pipeline.run([str(corpus)], out, Settings(workers=1, batch_size=1))
    _assert_same(_tables(out), want, "killed from outside")
    print(f"{len(chosen) + 1} kills over {len(points)} crash points: {sorted(chosen)}")
    assert len(chosen) >= KILL_POINTS and {"writing", "committed"} <= names


def test_two_writers_at_once_lose_and_double_no_row(reference):
    """Two CLI runs on one S3 URL at once, batching the same articles differently."""
    corpus, _, bucket, want = reference
    out = f"{bucket}/shared"
    runs = [subprocess.Popen([sys.executable, "-m", "flows.cli", "run", str(corpus), "--out",
                              out, "--workers", "1", "--batch-size", size],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            for size in ("1", "2")]
    errs = [r.communicate()[1] for r in runs]
    # 1: the empty file, quarantined. Writers of an object store do not wait for each other:
    # one that starts after the other's _quarantine commit sees the file refused before and
    # unchanged, and does not refuse it again (exit 0).
    codes = sorted(r.returncode for r in runs)
    assert codes in ([0, 1], [1, 1]), errs
    assert not any("waiting" in e for e in errs)  # nobody waited for a lock
    _assert_same(_tables(out), want, "two writers at once")
    assert open_dataset(out).read("_runs").height == 2
    assert validate.validate_dataset(out).ok


def test_validate_compact_and_reprocess_on_s3(reference):
    _, inbox, bucket, want = reference
    out = f"{bucket}/maintained"
    first = _cli(["run", inbox, "--out", out, "--workers", "1", "--batch-size", "2"])
    assert first.returncode == 1, first.stderr[-2000:]
    ds = open_dataset(out)
    assert isinstance(ds, DeltaDataset)
    before = {n: len(ds.table_files(n)) for n in schema.DATA_TABLES}
    assert before["articles"] >= 2
    checked = _cli(["validate", out])
    assert checked.returncode == 0 and "valid" in checked.stderr, checked.stderr
    compacted = _cli(["compact", out])
    assert compacted.returncode == 0, compacted.stderr
    assert f"articles: {before['articles']} files → 1" in compacted.stderr
    assert {n: len(ds.table_files(n)) for n in ("articles", "sentences")} == {
        "articles": 1, "sentences": 1}
    redone = _cli(["run", inbox, "--out", out, "--workers", "1", "--reprocess"])
    assert redone.returncode == 1, redone.stderr[-2000:]
    got = _tables(out)
    for name, df in want.items():  # same rows; source_path names the S3 object
        assert got[name].height == df.height, name
    assert got["articles"]["source_path"].str.starts_with(inbox).all()
    assert ds.table("articles").history(1)[0]["operation"] == "WRITE"
    assert _cli(["validate", out]).returncode == 0
    assert open_dataset(out).read("_runs").height == 2


def test_dask_cluster_of_processes_with_a_prefect_server_equals_a_local_run(
        reference, tmp_path, prefect_api):
    """`dask scheduler`, two `dask worker`s and `prefect server start`, inputs and outputs
    on S3: the tables equal those of a local run of the same inputs."""
    _, inbox, bucket, _ = reference
    local = tmp_path / "local"
    pipeline.run([inbox], str(local), Settings(workers=1, batch_size=2))
    want = _tables(str(local))
    out = f"{bucket}/dask"
    with services.prefect_server(tmp_path / "prefect-home", tmp_path / "prefect.log") as api, \
            services.dask_cluster(2, logs=tmp_path) as address:
        done = _cli(["run", f"{inbox}/*.txt", "--out", out, "--runner", "dask",
                     "--dask-address", address, "--batch-size", "2"],
                    {"PREFECT_API_URL": api}, timeout=600)
        assert done.returncode == 1, done.stderr[-3000:]  # the empty file
        workers = services._workers(address)
    assert workers == 2
    _assert_same(_tables(out), want, "dask cluster")
    assert validate.validate_dataset(out).ok
    # the servers the test started are stopped: nothing answers on their ports any more
    assert not services._answers(f"{api}/health")
    host, port = address.removeprefix("tcp://").split(":")
    with socket.socket() as sock:
        assert sock.connect_ex((host, int(port))) != 0
