"""Crash safety, one writer, incremental runs, refused batches: the promises of README "Guarantees".

The kill test runs the real CLI in a subprocess and SIGKILLs it at crash points spread
over the whole run (flows/faults.py), then lets a normal run finish the job, and
compares every table with an uninterrupted run's.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import polars as pl
import pytest

from flows.orchestration import flow as pipeline
from flows.orchestration import workers
from flows.settings import Settings
from flows.steps import entities
from flows.storage.local import LocalDataset
from flows.tables import schema, validate
from tests.conftest import ARTICLES, ROOT, SEED

pytestmark = pytest.mark.slow  # kills runs, starts servers and workers

#: Columns that differ between two runs of the same inputs by design.
RUN_COLUMNS = {"processed_at", "run_id"}
KILL_POINTS = 22


def _corpus(folder: Path) -> Path:
    """Nine real articles (seed, ours, Wikinews) and two files that must be refused."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(SEED, folder / SEED.name)
    for f in sorted(ARTICLES.glob("*.txt")):
        shutil.copy(f, folder / f.name)
    for f in sorted((ROOT / "eval" / "claims" / "articles").glob("*.txt"))[:6]:
        shutil.copy(f, folder / f.name)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "latin1.txt").write_bytes("Caf\xe9 au lait".encode("latin-1"))
    return folder


def _tables(out: Path) -> dict[str, pl.DataFrame]:
    ds = LocalDataset(out)
    result = {}
    for name in (*schema.DATA_TABLES, *schema.DERIVED_TABLES):  # people too
        df = ds.read(name)
        result[name] = df.drop([c for c in df.columns if c in RUN_COLUMNS]).sort(
            list(schema.table(name).primary_key))
    q = ds.read("_quarantine")
    result["_quarantine"] = q.select("path", "stage", "reason", "detail").unique().sort("path")
    return result


def _assert_same(got: dict[str, pl.DataFrame], want: dict[str, pl.DataFrame], label: str):
    for name, df in want.items():
        g = got[name]
        differ = [c for c in df.columns if c not in g.columns
                  or g[c].to_list() != df[c].to_list()] \
            if g.height == df.height else ["(row count)"]
        assert g.equals(df), (f"{label}: table {name} differs ({g.height} rows vs {df.height}); "
                              f"columns {differ}")


def _cli(args: list[str], env_extra: dict[str, str] | None = None, **kw):
    env = {**os.environ, **(env_extra or {})}
    return subprocess.run([sys.executable, "-m", "flows.cli", *args], env=env,
                          capture_output=True, text=True, **kw)


@pytest.fixture(scope="module")
def reference(tmp_path_factory, prefect_api):
    root = tmp_path_factory.mktemp("reliability")
    corpus = _corpus(root / "inbox")
    out = root / "reference"
    summary = pipeline.run([str(corpus)], str(out), Settings(workers=1, batch_size=1))
    assert summary.articles_written == 9 and len(summary.quarantine) == 2
    return corpus, out, _tables(out)


def test_kill_at_any_point_then_rerun_equals_an_uninterrupted_run(reference, tmp_path):
    """23 SIGKILLs spread evenly over the ~216 crash points of a 9-article run."""
    corpus, _, want = reference
    log = tmp_path / "points.tsv"
    counted = _cli(["run", str(corpus), "--out", str(tmp_path / "count"), "--workers", "1",
                    "--batch-size", "1"], {"NEWSTABLES_CRASH_COUNT": str(log)})
    assert counted.returncode == 1, counted.stderr  # 1: two inputs were quarantined
    points = log.read_text().splitlines()
    assert len(points) > 2 * KILL_POINTS
    step = len(points) / KILL_POINTS
    chosen = sorted({int(i * step) + 1 for i in range(KILL_POINTS)} | {len(points)})
    seen_names = set()
    for k in chosen:
        out = tmp_path / f"kill-{k}"
        killed = _cli(["run", str(corpus), "--out", str(out), "--workers", "1",
                       "--batch-size", "1"], {"NEWSTABLES_CRASH_AT": str(k)})
        assert killed.returncode == -signal.SIGKILL, (k, killed.stderr[-2000:])
        seen_names.add(points[k - 1].split("\t")[1])
        if (out / "articles").exists():  # readers never see a broken dataset
            assert validate.validate_dataset(out).ok, k
        pipeline.run([str(corpus)], str(out), Settings(workers=1, batch_size=1))
        _assert_same(_tables(out), want, f"killed at point {k} ({points[k - 1]})")
        assert validate.validate_dataset(out).ok
    assert len(chosen) >= KILL_POINTS
    # the kills landed in every kind of step: file writes, renames, links, the flip
    assert {"written", "renamed", "linked", "staged", "flipped"} <= {
        n.split()[0] for n in seen_names}


def test_kill_from_outside_at_random_moments(reference, tmp_path):
    corpus, _, want = reference
    for i, delay in enumerate((2.0, 4.5, 7.0)):
        out = tmp_path / f"ext-{i}"
        proc = subprocess.Popen(
            [sys.executable, "-m", "flows.cli", "run", str(corpus), "--out", str(out),
             "--workers", "1", "--batch-size", "1"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        pipeline.run([str(corpus)], str(out), Settings(workers=1, batch_size=1))
        _assert_same(_tables(out), want, f"external kill after {delay} s")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_a_killed_run_leaves_no_server_or_worker_behind(reference, tmp_path):
    """SIGKILL gives the CLI no chance to clean up: its children must go by themselves."""
    import psutil

    corpus, _, _ = reference
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}  # own server
    proc = subprocess.Popen(
        [sys.executable, "-m", "flows.cli", "run", str(corpus), "--out", str(tmp_path / "o"),
         "--workers", "2", "--batch-size", "1"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    parent = psutil.Process(proc.pid)
    deadline = time.monotonic() + 120
    children: list[psutil.Process] = []
    while time.monotonic() < deadline:
        children = parent.children(recursive=True)
        lines = [" ".join(c.cmdline()) for c in children if c.is_running()]
        if any("uvicorn" in x for x in lines) and any("spawn_main" in x for x in lines):
            break
        time.sleep(0.2)
    else:
        proc.kill()
        pytest.fail(f"the run never had both a server and a worker: {lines}")
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    _, alive = psutil.wait_procs(children, timeout=30)

    def running(p: psutil.Process) -> bool:  # an exited orphan nobody reaps is a zombie
        try:
            return p.status() != psutil.STATUS_ZOMBIE
        except psutil.NoSuchProcess:
            return False

    left = [(p.pid, p.name()) for p in alive if running(p)]
    for p in alive:
        with contextlib.suppress(psutil.Error):
            p.kill()
    assert not left, left


def test_two_runs_at_once_never_duplicate(reference, tmp_path):
    corpus, _, want = reference
    out = tmp_path / "shared"
    args = ["run", str(corpus), "--out", str(out), "--workers", "1", "--batch-size", "1"]
    env = {**os.environ}
    # The test holds the writer lock until both runs are waiting for it, so that they
    # really run at once: left to themselves, a fast first run could finish before the
    # second one reached the lock, and the test would prove nothing about concurrency.
    outs: list[list[str]] = [[], []]
    with LocalDataset(out).lock():
        procs = [subprocess.Popen([sys.executable, "-m", "flows.cli", *args], env=env,
                                  stderr=subprocess.PIPE, text=True) for _ in range(2)]
        readers = [threading.Thread(target=lambda p=p, o=o: o.extend(p.stderr), daemon=True)
                   for p, o in zip(procs, outs, strict=True)]
        for r in readers:
            r.start()
        deadline = time.monotonic() + 180
        while not all(any("waiting up to" in line for line in o) for o in outs):
            if time.monotonic() > deadline or any(p.poll() is not None for p in procs):
                break
            time.sleep(0.1)
    first, second = procs
    for p, r in zip(procs, readers, strict=True):
        p.wait()
        r.join()
    errs = ["".join(o) for o in outs]
    assert all("waiting up to" in e for e in errs), errs  # both were held at the lock
    # Both end. The run that takes the lock first quarantines the bad inputs (exit 1); the
    # other then finds them refused before and unchanged, so it does not refuse them again.
    assert sorted([first.returncode, second.returncode]) == [0, 1], errs
    assert any("waiting up to" in e for e in errs), errs
    _assert_same(_tables(out), want, "two concurrent runs")
    runs = LocalDataset(out).read("_runs").sort("started_at")
    assert runs["articles_written"].to_list() in ([9, 0], [0, 9])


def test_second_writer_with_no_patience_stops_with_a_clear_message(reference, tmp_path):
    corpus, _, _ = reference
    out = tmp_path / "busy"
    ds = LocalDataset(out)
    with ds.lock():
        got = _cli(["run", str(corpus), "--out", str(out)], {"NEWSTABLES_LOCK_TIMEOUT": "0.5"})
    assert got.returncode == 3
    assert "being written by another newstables run" in got.stderr


def test_incremental_run_changed_file_and_reprocess(reference, tmp_path):
    corpus, _, _want = reference
    inbox = tmp_path / "inbox"
    shutil.copytree(corpus, inbox)
    out = tmp_path / "data"
    pipeline.run([str(inbox)], str(out), Settings(workers=1))
    again = pipeline.run([str(inbox)], str(out), Settings(workers=1))
    assert again.articles_written == 0 and again.articles_skipped == 9
    # A changed file is a new version of the article, linked to the old one.
    changed = inbox / "council_vote.txt"
    old_id = LocalDataset(out).read("articles").filter(
        pl.col("source_path") == str(changed))["article_id"].item()
    changed.write_text(changed.read_text() + "\nThe vote was broadcast live.\n")
    third = pipeline.run([str(inbox)], str(out), Settings(workers=1))
    assert third.articles_written == 1
    versions = LocalDataset(out).read("articles").filter(pl.col("source_path") == str(changed))
    assert versions.height == 2
    assert versions.filter(pl.col("article_id") != old_id)["previous_article_id"].item() == old_id
    # --reprocess rebuilds without duplicating anything.
    before_tables = _tables(out)
    before = {n: df.height for n, df in before_tables.items()}
    pipeline.run([str(inbox)], str(out), Settings(workers=1), reprocess=True)
    after = _tables(out)
    assert {n: df.height for n, df in after.items() if n != "_quarantine"} == {
        n: h for n, h in before.items() if n != "_quarantine"}
    assert after["articles"]["article_id"].is_unique().all()
    # people, updated batch by batch so far, is recomputed by --reprocess: same rows
    assert after["people"].height and after["people"].equals(before_tables["people"])
    assert validate.validate_dataset(out).ok


def test_a_step_that_emits_a_bad_row_is_never_published(reference, tmp_path, monkeypatch):
    corpus, _, _want = reference
    real = entities.resolve

    def off_by_one_for_the_seed(doc, token_sentence, *args, **kwargs):
        mentions = real(doc, token_sentence, *args, **kwargs)  # whatever resolve takes
        if doc.text.startswith("Chinese President Xi Jinping"):
            mentions[0].end += 1  # body[start:end] no longer equals text
        return mentions

    monkeypatch.setattr(entities, "resolve", off_by_one_for_the_seed)
    out = tmp_path / "faulty"
    with workers.in_this_process():  # the batches must run the patched step
        summary = pipeline.run([str(corpus)], str(out), Settings(workers=1, batch_size=4))
    assert not summary.ok
    refused = [q for q in summary.quarantine if q["stage"] == "validate"]
    assert [Path(q["path"]).name for q in refused] == [SEED.name]
    assert ("entities.mention_text: articles.body[char_start:char_end] == mention_text"
            in refused[0]["detail"])
    got = _tables(out)
    assert got["articles"].height == 8  # the other articles of its batch were published
    assert SEED.name not in " ".join(got["articles"]["source_path"].to_list())
    reports = list((out / "_quarantine" / "reports").rglob("*.json"))
    assert len(reports) == 1 and "entities" in reports[0].read_text()
    assert validate.validate_dataset(out).ok
