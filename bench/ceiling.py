"""The ceiling of the cores, long real articles, cost per word by length, fixed cost.

What `make bench` compares newstables with (issue 15):

* **The ceiling**: P independent processes, each `spacy.load` + `nlp.pipe` over its own
  contiguous shard of the cleaned bodies, all started at once; wall time from the start
  of the first to the exit of the last, start-up included. Nothing travels between
  processes, so no pipeline on these cores can do better with this model.
  (`nlp.pipe(n_process=P)` is slower: it sends every Doc back to the parent.)
* **The long-article corpus**: whole real Wikinews articles of 800+ words
  (`bench.corpus.build_long`), ceiling and `newstables run --workers P` on it.
* **Cost per word by article length**: `process_batch` on one article at a time, every
  real article in the repository (142-1,607 words) plus a 10,000-word text of real
  articles one after another; CPU seconds per 1,000 words (spaCy and the rest apart)
  and the lines of `flows/` code executed per word (`bench/cost.py`: deterministic, so
  it shows growth even on a busy machine).
* **Fixed cost**: a one-article run and a run that finds nothing new, end to end; the
  import times of the CLI's modules (`python -X importtime`) and the model load.

Child modes (run by the bench on itself): `python -m bench _ceiling TEXTS MODEL P BATCH`,
`python -m bench _curve ARGS`.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

#: Length bins of the curve (words): the last holds the 10,000-word text.
BINS = ((0, 400), (400, 800), (800, 1200), (1200, 2000), (2000, 10**9))


# ---------------------------------------------------------------------------------------
# the ceiling


def shard(texts_file: Path, parts: int, dest: Path) -> list[Path]:
    """Cut the bodies (one JSON string per line) into `parts` contiguous shards of
    about equal characters, as a scheduler that knew every length would."""
    lines = texts_file.read_text(encoding="utf-8").splitlines(keepends=True)
    total = sum(len(ln) for ln in lines)
    out: list[list[str]] = [[] for _ in range(parts)]
    acc = 0
    for ln in lines:
        out[min(parts - 1, acc * parts // max(total, 1))].append(ln)
        acc += len(ln)
    files = []
    for i, chunk in enumerate(out):
        f = dest / f"{texts_file.stem}-shard{i}.jsonl"
        f.write_text("".join(chunk), encoding="utf-8")
        files.append(f)
    return files


def ceiling_child(texts_file: str, model: str, parts: int, batch_size: int,
                  blas: str = "blis") -> None:
    """Start `parts` plain `nlp.pipe` processes at once on the shards; wait for all.
    `blas`: "blis" (spaCy as shipped) or "numpy" (the BLAS newstables' model uses)."""
    t0 = time.perf_counter()
    shards = shard(Path(texts_file), parts, Path(texts_file).parent)
    procs = [subprocess.Popen([sys.executable, "-m", "bench", "_raw", str(s), model, "1",
                               str(batch_size), blas], stdout=subprocess.PIPE, text=True)
             for s in shards]
    children = []
    for p in procs:
        out, _ = p.communicate()
        lines = [ln for ln in out.splitlines() if ln.startswith("{")]
        children.append(json.loads(lines[-1]) if p.returncode == 0 and lines else None)
    print("CEILING " + json.dumps({
        "parts": parts, "wall_s": round(time.perf_counter() - t0, 3),
        "words": sum(c["words"] for c in children if c),
        "docs": sum(c["docs"] for c in children if c),
        "failed": sum(1 for c in children if c is None), "shards": children}), flush=True)


# ---------------------------------------------------------------------------------------
# cost per word by article length


def curve_child(args: list[str]) -> dict[str, Any]:
    """`process_batch` on each file alone: CPU per word, spaCy's share, counted lines."""
    from bench.cost import lines
    from flows import batch
    from flows.settings import Settings
    from flows.steps import nlp

    settings = Settings(batch_size=1)
    files = args
    batch.process_batch(files[:1], settings, "warmup")  # model, KB, schemas: not counted
    rows = []
    original = nlp.pipe
    for f in files:
        spacy_cpu = 0.0

        def timed_pipe(*a: Any, **k: Any) -> Any:
            nonlocal spacy_cpu
            it = iter(original(*a, **k))
            while True:
                t = time.process_time()
                try:
                    doc = next(it)
                except StopIteration:
                    spacy_cpu += time.process_time() - t
                    return
                spacy_cpu += time.process_time() - t
                yield doc

        nlp.pipe = timed_pipe  # type: ignore[assignment]
        try:
            t = time.process_time()
            result = batch.process_batch([f], settings, "curve")
            cpu = time.process_time() - t
        finally:
            nlp.pipe = original  # type: ignore[assignment]
        words = result.n_words
        result, n_lines = lines(batch.process_batch, [f], settings, "curve")
        rows.append({"file": Path(f).name, "words": words, "cpu_s": round(cpu, 4),
                     "spacy_cpu_s": round(spacy_cpu, 4), "flows_lines": n_lines})
    return {"articles": rows, "bins": curve_bins(rows)}


def curve_bins(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for lo, hi in BINS:
        rs = [r for r in rows if lo <= r["words"] < hi and r["words"]]
        if not rs:
            continue
        words = sum(r["words"] for r in rs)
        cpu = sum(r["cpu_s"] for r in rs)
        spacy = sum(r["spacy_cpu_s"] for r in rs)
        out.append({
            "bin": f"{lo}-{hi if hi < 10**9 else ''}", "articles": len(rs), "words": words,
            "cpu_ms_per_kword": round(cpu / words * 1e6, 1),
            "spacy_ms_per_kword": round(spacy / words * 1e6, 1),
            "rest_ms_per_kword": round((cpu - spacy) / words * 1e6, 1),
            "flows_lines_per_word": round(sum(r["flows_lines"] for r in rs) / words, 1),
        })
    return out


# ---------------------------------------------------------------------------------------
# fixed cost


def import_times(env: dict[str, str], cwd: Path) -> dict[str, float]:
    """Cumulative import seconds of the CLI's heavy modules (`python -X importtime`),
    each in a fresh interpreter as a run pays them."""
    out: dict[str, float] = {}
    for mod in ("flows.cli", "prefect", "spacy", "polars", "pandera", "flows.batch",
                "flows.orchestration.flow"):
        proc = subprocess.run([sys.executable, "-X", "importtime", "-c", f"import {mod}"],
                              env=env, cwd=cwd, capture_output=True, text=True)
        cum = None
        for line in proc.stderr.splitlines():  # "import time: self | cumulative | name"
            parts = [p.strip() for p in line.split("|")]
            if len(parts) == 3 and parts[2] == mod:
                cum = int(parts[1]) / 1e6
        if cum is not None:
            out[mod] = round(cum, 3)
    return out


def fixed_cost_rows(fc: dict[str, Any]) -> list[tuple[str, str]]:
    """The fixed-cost table: what a run costs besides its words, median of the rounds."""
    rounds = fc.get("rounds") or []
    if not rounds:
        return []

    def med(get: Any) -> str:
        vals = []
        for r in rounds:
            try:
                v = get(r)
            except (KeyError, TypeError, IndexError):
                v = None
            if v is not None:
                vals.append(v)
        if not vals:
            return "n/a"
        spread = f" [{min(vals):.2f}–{max(vals):.2f}]" if len(vals) > 1 else ""
        return f"{statistics.median(vals):.2f} s{spread}"

    def beyond(r: dict[str, Any]) -> float:
        w = r["work_alone"]
        return r["one_article"]["wall_s"] - w["load_s"] - w["article_s"]

    rows = [
        ("one-article run, whole command (wall)", med(lambda r: r["one_article"]["wall_s"])),
        ("  the same work alone: import spaCy and the pipeline",
         med(lambda r: r["work_alone"]["import_s"])),
        ("  the same work alone: model and knowledge-base load",
         med(lambda r: r["work_alone"]["load_s"])),
        ("  the same work alone: the article", med(lambda r: r["work_alone"]["article_s"])),
        ("  **fixed cost beyond model load**: command − model load − article (target ≤ 3 s)",
         med(beyond)),
        ("  fixed cost beyond the work alone (its imports too)",
         med(lambda r: beyond(r) - r["work_alone"]["import_s"])),
        ("  CPU of the command's process tree",
         med(lambda r: r["one_article"]["cpu_s"])),
        ("run that finds nothing new, whole command (wall)",
         med(lambda r: r["nothing_new"]["wall_s"])),
        ("  CPU of the command's process tree", med(lambda r: r["nothing_new"]["cpu_s"])),
    ]
    for k, v in (fc.get("import_s") or {}).items():
        rows.append((f"import {k} (fresh interpreter, cumulative)", _s(v)))
    for label in ("one_article", "nothing_new"):
        key = f"timeline_{label}"
        parts = (rounds[0].get(key) or {}).get("parts") or []
        rows.append((f"timeline of the {label.replace('_', '-')} run (in-process, timers): "
                     "whole", med(lambda r, k=key: r[k]["wall_s"])))
        for i, p in enumerate(parts):
            rows.append((f"  {p['step']}",
                         med(lambda r, k=key, i=i: r[k]["parts"][i]["seconds"])))
    return rows


def _s(v: float | None) -> str:
    return "n/a" if v is None else f"{v:.2f} s"


def median(vals: list[float | None]) -> float | None:
    v = [x for x in vals if x is not None]
    return statistics.median(v) if v else None
