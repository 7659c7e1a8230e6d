"""Usage errors and `--version`: each must answer in under a second (``make bench``).

``python -m bench.usage_errors [--repeats R]`` (also the ``usage errors`` section of
``python -m bench``, and ``python -m bench --usage-errors`` alone) runs the installed
``newstables`` command, as a user types it, on each usage error the README lists and on
``--version``, in a scratch folder and without ``PREFECT_API_URL``, R times each (default
5). Each is timed as a whole command (interpreter start, imports, exit), and its exit code
and the number of lines it printed on stderr are checked: 2 and one line (``--version``:
0 and one line on stdout). The target is the slowest of the R runs under 1 s. The tests
check the exit codes and the one line without timing (``tests/system/test_cli_manners.py``);
the timing lives here, where a busy machine can be reported as such.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

NEWSTABLES = Path(sys.executable).parent / "newstables"
TARGET_S = 1.0

#: (label, arguments, expected exit code)
CASES: list[tuple[str, list[str], int]] = [
    ("--version", ["--version"], 0),
    ("run nope (missing path)", ["run", "nope", "--out", "o"], 2),
    ("run --workers 0", ["run", "--workers", "0", "--out", "o"], 2),
    ("run --runner foo", ["run", "--runner", "foo", "--out", "o"], 2),
    ("run --published 2024-13-01", ["run", "--published", "2024-13-01", "--out", "o"], 2),
    ("run --out afile.txt (a file)", ["run", "--out", "afile.txt", "."], 2),
    ("run --model no_such_model_xx", ["run", "--model", "no_such_model_xx", "--out", "o",
                                      "."], 2),
    ("serve --inbox nope", ["serve", "--inbox", "nope", "--interval", "5"], 2),
    ("an unknown command", ["frobnicate"], 2),
]


def measure(repeats: int = 5) -> dict[str, Any]:
    """Time every case `repeats` times; print one line each and a verdict."""
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="newstables-usage-") as tmp:
        (Path(tmp) / "afile.txt").write_text("not a folder\n", encoding="utf-8")
        env["PREFECT_HOME"] = str(Path(tmp) / ".prefect")
        for label, args, want in CASES:
            walls, codes, lines = [], set(), set()
            for _ in range(repeats):
                t0 = time.perf_counter()
                done = subprocess.run([str(NEWSTABLES), *args], cwd=tmp, env=env,
                                      capture_output=True, text=True, timeout=60)
                walls.append(time.perf_counter() - t0)
                codes.add(done.returncode)
                said = done.stdout if want == 0 else done.stderr
                lines.add(len(said.strip().splitlines()))
            row = {"case": label, "args": args, "exit_codes": sorted(codes),
                   "expected_exit": want, "lines": sorted(lines),
                   "median_s": round(statistics.median(walls), 3),
                   "max_s": round(max(walls), 3),
                   "loadavg_1m_after": round(os.getloadavg()[0], 2)}
            row["ok"] = (row["exit_codes"] == [want] and row["lines"] == [1]
                         and row["max_s"] < TARGET_S)
            rows.append(row)
            print(f"usage errors: {label:<32} exit {','.join(map(str, sorted(codes)))}, "
                  f"{'/'.join(map(str, sorted(lines)))} line(s), median {row['median_s']:.2f} s, "
                  f"max {row['max_s']:.2f} s {'ok' if row['ok'] else 'MISSED'}", flush=True)
    worst = max(r["max_s"] for r in rows)
    met = all(r["ok"] for r in rows)
    print(f"usage errors: slowest {worst:.2f} s of {repeats} runs each (target < "
          f"{TARGET_S:.0f} s, exit code and one line): {'met' if met else 'MISSED'}; "
          f"1-min load average {os.getloadavg()[0]:.2f}", flush=True)
    return {"repeats": repeats, "target_s": TARGET_S, "cases": rows, "slowest_s": worst,
            "met": met}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.usage_errors",
                                 description=__doc__.split("\n")[0])
    ap.add_argument("--repeats", type=int, default=5)
    args = ap.parse_args(argv)
    return 0 if measure(args.repeats)["met"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
