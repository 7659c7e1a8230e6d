"""`python -m bench --dask` (`make bench BENCH_ARGS=--dask`): scaling on a Dask cluster.

The same corpus through `newstables run --runner dask --dask-address …` against a
`dask scheduler` with 1, then 2, `dask worker` processes (one process, one thread each,
all started as separate commands on 127.0.0.1, as on a real cluster), beside raw spaCy's
`nlp.pipe` with `n_process` 1 and 2 on the same bodies. Each configuration runs
`--repeats` times, interleaved; medians are reported with the speed-up of 2 over 1.

The cluster's start (scheduler, workers importing spaCy) is outside the timing: on a real
cluster it is up before a run. The run's own temporary Prefect server is inside it, as
for every `newstables run`. The machine may be shared: the load average before each run
is recorded beside it.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench import __main__ as bench
from tests import services


def _cli_dask(corpus: Path, address: str, scratch: Path, env: dict[str, str],
              label: str) -> dict[str, Any]:
    out = scratch / f"out-{label}"
    cmd = [bench._cli(), "run", str(corpus), "--out", str(out), "--runner", "dask",
           "--dask-address", address, "--batch-size", "8"]
    res = bench.timed_command(cmd, env, scratch / f"{label}.log")
    shutil.rmtree(out, ignore_errors=True)
    return res


def run(n: int, repeats: int, out_dir: Path, seed: int) -> dict[str, Any]:
    from bench import corpus as bench_corpus
    from flows.settings import Settings

    scratch = Path(tempfile.mkdtemp(prefix="newstables-bench-dask-"))
    bench.CODE = bench.snapshot_code(scratch / "code")
    prefect_home = (out_dir / "prefect-home").resolve()
    prefect_home.mkdir(parents=True, exist_ok=True)
    env = bench._env(prefect_home)
    settings = Settings()
    report: dict[str, Any] = {"started_at": datetime.now(UTC).isoformat(),
                              "machine": bench.machine(), "articles": n, "repeats": repeats}
    try:
        corpus = bench_corpus.build(scratch / "corpus", n, seed=seed)
        texts = scratch / "bodies.jsonl"
        bench.in_snapshot("_bodies", [str(texts), *map(str, corpus.files)], scratch)
        model = bench.resolve_model(settings.model)
        runs: dict[str, list[dict[str, Any]]] = {k: [] for k in
                                                  ("raw_p1", "raw_p2", "dask_w1", "dask_w2")}
        for r in range(repeats):
            for p in (1, 2):
                res = bench.run_raw(texts, model, p, settings.spacy_batch_size, scratch,
                                    f"p{p}-r{r}")
                runs[f"raw_p{p}"].append(res)
                print(f"  round {r + 1} raw spaCy n_process={p}: {res['wall_s']:.1f} s "
                      f"(load {res['loadavg_1m_before']:.2f})", flush=True)
            for w in (1, 2):
                with services.dask_cluster(w, env=env, logs=scratch) as address:
                    res = _cli_dask(corpus.folder, address, scratch, env, f"w{w}-r{r}")
                runs[f"dask_w{w}"].append(res)
                print(f"  round {r + 1} dask, {w} worker(s): {res['wall_s']:.1f} s, "
                      f"exit {res['rc']} (load {res['loadavg_1m_before']:.2f})", flush=True)
        med = {k: statistics.median(x["wall_s"] for x in v) for k, v in runs.items()}
        report["runs"] = runs
        report["median_wall_s"] = med
        report["speedup"] = {"raw_spacy_2_over_1": med["raw_p1"] / med["raw_p2"],
                             "dask_2_over_1": med["dask_w1"] / med["dask_w2"]}
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    report["finished_at"] = datetime.now(UTC).isoformat()
    table = "\n".join([
        f"Dask scaling, {n} articles, median of {repeats} (shared machine: see load)",
        "| configuration | 1 | 2 | speed-up |", "|---|---|---|---|",
        f"| raw spaCy nlp.pipe (n_process) | {med['raw_p1']:.1f} s | {med['raw_p2']:.1f} s | "
        f"{report['speedup']['raw_spacy_2_over_1']:.2f}x |",
        f"| newstables on Dask (workers) | {med['dask_w1']:.1f} s | {med['dask_w2']:.1f} s | "
        f"{report['speedup']['dask_2_over_1']:.2f}x |"])
    report["table"] = table
    print("\n" + table)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"dask-{report['started_at'][:19].replace(':', '')}.json"
    path.write_text(json.dumps(report, indent=2, default=str))
    print(f"wrote {path}")
    return report


def main(n: int, repeats: int, out_dir: Path, seed: int) -> int:
    run(n, repeats, out_dir, seed)
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main(int(os.environ.get("N", "200")), 1, bench.DEFAULT_OUT, 20240601))
