"""`newstables report` in a real headless browser: the charts render, non-empty.

Debian's `chromium` is installed by `make browser` (part of `make test`). Without it the
test is skipped locally and fails on CI (CI=true), so a missing install step shows.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ARTICLES, SEED

pytestmark = pytest.mark.slow  # a pipeline run and a browser
VENV_BIN = Path(sys.executable).parent
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def _chromium(tmp_path: Path, *args: str) -> str:
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--no-first-run",
             f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=15000"]
    done = subprocess.run([CHROMIUM, *flags, *args], capture_output=True, text=True,
                          timeout=180)
    return done.stdout


def test_report_page_renders_its_charts_offline(tmp_path):
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is missing: `make browser` installs it")
        pytest.skip("chromium not installed (make browser)")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for f in (SEED, *sorted(ARTICLES.glob("*.txt"))):
        shutil.copy(f, inbox / f.name)
    (inbox / "empty.txt").write_bytes(b"")
    out, page = tmp_path / "data", tmp_path / "report.html"
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    run = subprocess.run([str(VENV_BIN / "newstables"), "run", str(inbox), "--out", str(out),
                          "--workers", "1"], env=env, capture_output=True, text=True)
    assert run.returncode == 1, run.stderr  # the empty file is quarantined
    made = subprocess.run([str(VENV_BIN / "newstables"), "report", str(out), "-o", str(page)],
                          env=env, capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    text = page.read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]+src=", text)  # every script inline: works offline
    assert "Xi Jinping" in text and "geonames.org/1816670" in text  # Beijing, linked
    dom = _chromium(tmp_path, "--dump-dom", page.as_uri())
    # Vega renders each view into an SVG: marks drawn (bars, map points), axis text set.
    svgs = re.findall(r"<svg.*?</svg>", dom, flags=re.S)
    assert svgs, "no chart rendered"
    chart = max(svgs, key=len)
    assert chart.count('role-mark') >= 3  # the three views' marks
    assert len(re.findall(r"<path[^>]+d=\"M", chart)) > 20  # bars, graticule, points
    for title in ("Runs over time", "Claims by kind", "Places linked to GeoNames"):
        assert title in chart
    assert "direct_quote" in chart  # the claims axis carries real categories
    shot = tmp_path / "report.png"
    _chromium(tmp_path, "--window-size=1100,2400", f"--screenshot={shot}", page.as_uri())
    assert shot.stat().st_size > 50_000  # a page with pictures, not a blank one
