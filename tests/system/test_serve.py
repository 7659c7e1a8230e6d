"""`newstables serve` as an operator starts it: a start-up line, then one line per run.

A real `prefect server start` (the temporary server runs no schedules) on 127.0.0.1,
`newstables serve --interval 5` on a temporary inbox, stopped by the test after its
second run. Article: `tests/articles/council_vote.txt` (written for the tests).
"""

from __future__ import annotations

import re
import shutil
import sys
import time
from pathlib import Path

import pytest

from tests import services
from tests.conftest import ARTICLES

pytestmark = pytest.mark.slow  # a Prefect server and two scheduled flow runs
RUN_LINE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC run [0-9a-f]{12}: (\d+) written, "
                      r"(\d+) already published, (\d+) quarantined, [\d.]+ s$", re.M)


def test_serve_prints_a_start_up_line_and_one_line_per_run(tmp_path: Path) -> None:
    inbox, out = tmp_path / "inbox", tmp_path / "data"
    inbox.mkdir()
    shutil.copy(ARTICLES / "council_vote.txt", inbox)
    log = tmp_path / "serve.log"
    with services.prefect_server(tmp_path / "prefect-home", tmp_path / "prefect.log") as api:
        serving = services.Service("newstables serve")
        serving.start([str(Path(sys.executable).parent / "newstables"), "serve", "--inbox",
                       str(inbox), "--out", str(out), "--interval", "5", "--workers", "1"],
                      {"PREFECT_API_URL": api, "PREFECT_HOME": str(tmp_path / "home")}, log)
        try:
            deadline = time.monotonic() + 420
            while len(RUN_LINE.findall(log.read_text(errors="replace"))) < 2:
                assert serving.processes[0].poll() is None, log.read_text()[-3000:]
                assert time.monotonic() < deadline, log.read_text()[-3000:]
                time.sleep(1)
        finally:
            serving.stop()
    text = log.read_text(errors="replace")
    first_line = text.splitlines()[0]
    assert first_line.startswith(f"serving newstables-inbox: {inbox} → {out}, every 5 s; "
                                 "one line per run below"), text[:2000]
    runs = [tuple(map(int, m)) for m in RUN_LINE.findall(text)]
    assert runs[0] == (1, 0, 0)  # the article, written
    assert all(r == (0, 1, 0) for r in runs[1:])  # then nothing new: one line each all the same
    assert serving.all_stopped()
