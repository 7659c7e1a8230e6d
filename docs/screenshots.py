"""Retake the README's screenshots: the Prefect run page and the report (`make screenshots`).

A developer's script, not a test. It runs, all on 127.0.0.1 and in a temporary folder:

1. `prefect server start` with its UI (a real server: the temporary one has no UI);
2. `newstables run` on the seed, the two test articles and an empty file (so the run
   ends `Quarantined` and logs a warning), with `PREFECT_API_URL` pointing at it;
3. `newstables report` on the result;
4. headless Chromium (Debian's `chromium`, `make browser`) on the flow run's page and on
   the report, with a fresh profile and a virtual-time budget so their JavaScript runs;

then writes `docs/prefect-run.png` and `docs/report.png`, and stops the server. Look at
both before committing them.

    .venv/bin/python docs/screenshots.py [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a script: the servers are started as the tests do
from tests.services import Service, _answers, free_port  # noqa: E402

BIN = Path(sys.executable).parent
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--hide-scrollbars"]


def shoot(url: str, png: Path, size: str, profile: Path, budget_ms: int) -> None:
    """One screenshot with a fresh profile; JavaScript gets `budget_ms` of virtual time."""
    shutil.rmtree(profile, ignore_errors=True)
    subprocess.run([str(CHROMIUM), *FLAGS, f"--user-data-dir={profile}",
                    f"--virtual-time-budget={budget_ms}", f"--window-size={size}",
                    f"--screenshot={png}", url], capture_output=True, timeout=300, check=True)
    print(f"wrote {png} ({png.stat().st_size:,} bytes)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--keep", type=Path, default=None, help="work here and keep it")
    args = ap.parse_args(argv)
    if CHROMIUM is None:
        sys.exit("chromium is not installed: make browser")
    work = args.keep or Path(tempfile.mkdtemp(prefix="newstables-shots-"))
    work.mkdir(parents=True, exist_ok=True)
    inbox, out = work / "inbox", work / "data"
    shutil.rmtree(inbox, ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)
    inbox.mkdir()
    for f in [*sorted((ROOT / "seeds").glob("*.txt")),
              *sorted((ROOT / "tests" / "articles").glob("*.txt"))]:
        shutil.copy(f, inbox / f.name)
    (inbox / "empty.txt").write_bytes(b"")

    port = free_port()
    api = f"http://127.0.0.1:{port}/api"
    env = {"PREFECT_HOME": str(work / "prefect-home"), "DO_NOT_TRACK": "1",
           "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "PREFECT_API_URL": api,
           "PREFECT_UI_API_URL": api}
    server = Service("prefect server (with its UI)")
    try:
        server.start([str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1",
                      "--port", str(port), "--analytics-off"], env,
                     work / "prefect-server.log")
        server.wait_until(lambda: _answers(f"{api}/health"), timeout=300)
        run_env = {**os.environ, **env}
        run = subprocess.run([str(BIN / "newstables"), "run", str(inbox), "--out", str(out),
                              "--workers", "1"], env=run_env, cwd=work, capture_output=True,
                             text=True)
        print(run.stderr[-2000:])
        import polars as pl

        runs = pl.read_parquet(out / "_runs" / "*.parquet")
        flow_run_id = runs["flow_run_id"][-1]
        subprocess.run([str(BIN / "newstables"), "report", str(out), "-o",
                        str(work / "report.html")], env=run_env, cwd=work, check=True)
        shoot(f"http://127.0.0.1:{port}/runs/flow-run/{flow_run_id}",
              ROOT / "docs" / "prefect-run.png", "1400,1000", work / "profile", 20000)
        shoot((work / "report.html").as_uri(), ROOT / "docs" / "report.png", "1100,2600",
              work / "profile", 15000)
    finally:
        server.stop()
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
