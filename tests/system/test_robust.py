"""Issue 14 through the real CLI: hostile names, damaged datasets, interrupts, failures."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from flows.storage.local import LocalDataset
from flows.tables import validate
from tests.conftest import ARTICLES, ROOT, SEED

MORE = sorted((ROOT / "eval" / "claims" / "articles").glob("*.txt"))

pytestmark = pytest.mark.slow  # runs the CLI


def _cli(*args: str, **kw) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "flows.cli", *args], capture_output=True,
                          text=True, env={**os.environ}, timeout=600, **kw)


@pytest.fixture(scope="module")
def published(tmp_path_factory, prefect_api):
    root = tmp_path_factory.mktemp("robust")
    inbox = root / "inbox"
    inbox.mkdir()
    shutil.copy(SEED, inbox / "seed.txt")
    out = root / "data"
    for i in range(3):  # three versions: one per run
        shutil.copy(MORE[i], inbox / f"a{i}.txt")
        assert _cli("run", str(inbox), "--out", str(out), "--workers", "1").returncode == 0
    return inbox, out


def test_hostile_names_fifo_and_a_long_article_are_quarantined_not_crashes(prefect_api,
                                                                           tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    good = SEED.read_bytes()
    (inbox / os.fsdecode(b"caf\xe9.txt")).write_bytes(good)  # not UTF-8: crashed the run
    (inbox / os.fsdecode(b"vide\xff.txt")).write_bytes(b"  \n")
    (inbox / "red\x1b[31m.txt").write_bytes(b"")  # a terminal escape in a name
    os.mkfifo(inbox / "pipe.txt")
    (inbox / "long.txt").write_text("A council met. " * 70_000)  # 1.05 M characters
    out = tmp_path / "data"
    got = _cli("run", str(inbox), "--out", str(out), "--workers", "1")
    assert got.returncode == 1, got.stderr
    assert "Traceback" not in got.stderr and "\x1b[31m.txt" not in got.stderr
    assert "red\\x1b[31m.txt" in got.stderr
    ds = LocalDataset(out)
    assert [Path(p).name for p in ds.read("articles")["source_path"]] == ["caf\\xe9.txt"]
    reasons = dict(zip((Path(p).name for p in ds.read("_quarantine")["path"]),
                       ds.read("_quarantine")["reason"], strict=True))
    assert reasons == {"vide\\xff.txt": "whitespace_only", "red\x1b[31m.txt": "empty",
                       "pipe.txt": "not_a_file", "long.txt": "too_long"}
    assert all(Path(p).is_absolute() for p in ds.read("_quarantine")["path"])
    assert validate.validate_dataset(out).ok
    again = _cli("run", str(inbox), "--out", str(out), "--workers", "1")  # no later crash
    assert again.returncode == 1 and "Traceback" not in again.stderr


@pytest.mark.parametrize("damage", ["dangling", "garbage", "missing", "stray"])
def test_a_damaged_dataset_is_invalid_refused_and_repaired(published, tmp_path, damage):
    inbox, src = published
    out = tmp_path / "data"
    shutil.copytree(src, out, symlinks=True)
    snaps = out / "_snapshots"
    versions = sorted(p.name for p in snaps.iterdir() if p.name.startswith("v"))
    current = snaps / "current"
    if damage == "dangling":
        shutil.rmtree(snaps / os.readlink(current))
    elif damage == "garbage":
        current.unlink()
        current.symlink_to("not-a-version")
    elif damage == "missing":
        current.unlink()
    else:
        (snaps / "notes.txt").write_text("x")
    check = _cli("validate", str(out))
    assert check.returncode == 1 and "ERROR" in check.stdout + check.stderr
    run = _cli("run", str(inbox), "--out", str(out), "--workers", "1")
    assert run.returncode == 4, run.stderr
    assert "newstables repair" in run.stderr and "Traceback" not in run.stderr
    compact = _cli("compact", str(out))
    assert compact.returncode == 4 and "Traceback" not in compact.stderr
    left = sorted(p.name for p in snaps.iterdir() if p.name.startswith("v"))
    assert set(left) == set(versions) - ({versions[-1]} if damage == "dangling" else set())
    assert _cli("repair", str(out)).returncode == 0
    assert validate.validate_dataset(out).ok
    assert _cli("run", str(inbox), "--out", str(out), "--workers", "1").returncode == 0
    assert LocalDataset(out).read("articles").height == 4


def test_one_line_failures_with_their_exit_codes(tmp_path):
    a_file = tmp_path / "a-file"
    a_file.write_text("x")
    got = _cli("run", str(SEED), "--out", str(a_file), "--workers", "1")
    # found before anything starts, so a usage error (exit 2, one line: test_cli_manners);
    # exit 5 is for outputs that turn out unwritable (read-only, permission)
    assert got.returncode == 2 and "Traceback" not in got.stderr, got.stderr
    assert "is a file" in got.stderr and len(got.stderr.strip().splitlines()) == 1
    missing = tmp_path / "misspelled"
    got = _cli("compact", str(missing))
    assert got.returncode == 4 and not missing.exists()
    assert "no dataset" in got.stderr


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_an_interrupt_to_the_process_group_ends_the_run_and_the_next_one_recovers(
        prefect_api, tmp_path, sig):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i, f in enumerate([*sorted(ARTICLES.glob("*.txt")), *MORE[:8]]):
        (corpus / f"{i}.txt").write_text(f.read_text() + f"\nCopy {i}.\n")
    out = tmp_path / "data"
    proc = subprocess.Popen(
        [sys.executable, "-m", "flows.cli", "run", str(corpus), "--out", str(out),
         "--workers", "2", "--batch-size", "1"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline and not (out / "_snapshots").exists():
        time.sleep(0.2)  # a batch is published: workers are busy
    os.killpg(proc.pid, sig)
    _, err = proc.communicate(timeout=60)  # promptly: it used to wait forever
    assert proc.returncode == 128 + sig, err
    assert "Traceback" not in err
    with LocalDataset(out).lock(timeout=0):  # the lock is free
        pass
    done = _cli("run", str(corpus), "--out", str(out), "--workers", "1")
    assert done.returncode == 0, done.stderr
    assert LocalDataset(out).read("articles").height == len(list(corpus.iterdir()))
    assert validate.validate_dataset(out).ok
