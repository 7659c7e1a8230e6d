"""The known failures of flows/failures.py through the real CLI: one line, their exit code.

Full disk and read-only file system are injected (`NEWSTABLES_FAIL_AT`, flows/faults.py)
where the store writes a batch's first table file: filling a disk or remounting one
read-only needs root, and chmod does not stop root. `--reprocess` and `compact` on a
store without the capability are refused by `tests/storage/test_protocol.py`
(`test_cli_refuses_in_one_line_with_exit_code_2`, a stub store's `Capabilities`): every
store of newstables today can do both.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from flows.storage import checksums
from flows.storage.local import LocalDataset
from flows.tables import validate
from tests.conftest import ARTICLES, SEED

pytestmark = pytest.mark.slow  # runs the CLI

_PROGRESS = re.compile(r"articles \d+/\d+ ")


def _cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "flows.cli", *args], capture_output=True,
                          text=True, env={**os.environ, **(env or {})}, timeout=600)


def _one_line(got: subprocess.CompletedProcess[str], code: int) -> str:
    """The failure's one line (progress lines aside); no traceback, the right code."""
    assert "Traceback" not in got.stderr, got.stderr
    lines = [ln for ln in got.stderr.splitlines() if ln.strip() and not _PROGRESS.match(ln)]
    assert got.returncode == code and len(lines) == 1, (got.returncode, got.stderr)
    return lines[0]


@pytest.fixture(scope="module")
def dataset(tmp_path_factory, prefect_api):
    """A dataset of one run (the seed), and a folder with the seed and one new article."""
    root = tmp_path_factory.mktemp("failures")
    first, inbox = root / "first", root / "inbox"
    first.mkdir()
    inbox.mkdir()
    shutil.copy(SEED, first / "seed.txt")
    shutil.copy(SEED, inbox / "seed.txt")
    shutil.copy(ARTICLES / "council_vote.txt", inbox / "council_vote.txt")
    out = root / "data"
    assert _cli("run", str(first), "--out", str(out), "--workers", "1").returncode == 0
    return inbox, out


def _copy(src: Path, dst: Path) -> Path:
    shutil.copytree(src, dst, symlinks=True)  # files copied: damage stays in the copy
    return dst


@pytest.mark.parametrize("manifest", ["with checksums", "written before checksums"])
def test_a_truncated_table_file_stops_run_and_compact_in_one_line(prefect_api, dataset,
                                                                  tmp_path, manifest):
    inbox, src = dataset
    out = _copy(src, tmp_path / "data")
    version = out / "_snapshots" / os.readlink(out / "_snapshots" / "current")
    if manifest != "with checksums":  # then Parquet's own error is what stops it
        (version / checksums.MANIFEST).unlink()
    victim = next(f for f in sorted((version / "articles").glob("part-*.parquet"))
                  if f.name != "part-empty.parquet")
    victim.write_bytes(victim.read_bytes()[: victim.stat().st_size // 2])
    line = _one_line(_cli("run", str(inbox), "--out", str(out), "--workers", "1"), 4)
    assert line.startswith("stopped:") and str(out) in line
    if manifest == "with checksums":
        assert f"articles/{victim.name}" in line and "newstables repair" in line
    else:
        assert "cannot be read" in line
    _one_line(_cli("compact", str(out)), 4)
    assert LocalDataset(out).current_version() == int(version.name[1:])  # nothing written


@pytest.mark.parametrize(("fault", "code", "says"), [
    ("ENOSPC", 6, "no space left on the device"),
    ("EROFS", 5, "cannot write the dataset: Read-only file system"),
])
def test_full_disk_and_read_only_output_are_one_line_and_the_run_is_logged(
        prefect_api, dataset, tmp_path, fault, code, says):
    inbox, src = dataset
    out = _copy(src, tmp_path / "data")
    before = LocalDataset(out).current_version()
    got = _cli("run", str(inbox), "--out", str(out), "--workers", "1",
               env={"NEWSTABLES_FAIL_AT": f"written articles:{fault}"})
    assert says in _one_line(got, code)
    ds = LocalDataset(out)
    assert ds.current_version() == before and ds.read("articles").height == 1
    runs = ds.read("_runs")  # the failed run still leaves its row
    assert sorted(runs["status"].to_list()) == ["completed", "failed"]
    if fault == "ENOSPC":  # space again: the next run publishes what the failed one could not
        again = _cli("run", str(inbox), "--out", str(out), "--workers", "1")
        assert again.returncode == 0, again.stderr
        assert LocalDataset(out).read("articles").height == 2
        assert validate.validate_dataset(out).ok


def test_compact_when_the_lock_times_out_is_exit_3_in_one_line(dataset, tmp_path):
    _, src = dataset
    out = _copy(src, tmp_path / "data")
    with LocalDataset(out).lock():
        got = _cli("compact", str(out), env={"NEWSTABLES_LOCK_TIMEOUT": "0.5"})
    lines = [ln for ln in got.stderr.splitlines() if ln.strip()]
    assert got.returncode == 3 and "Traceback" not in got.stderr, got.stderr
    assert lines[0] == "waiting for the running writer…" and len(lines) == 2, lines
    assert "being written by another newstables run" in lines[1]
