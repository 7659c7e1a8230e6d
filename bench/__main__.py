"""`make bench`: newstables end to end against raw spaCy on the same text, on this machine.

One invocation (`python -m bench [--articles N] [--quick] [--out DIR]`):

1. builds a corpus of N synthetic articles from Wikinews paragraphs (`bench/corpus.py`)
   and runs `parse` + `clean` on each file (outside every timing);
2. (a) raw spaCy: `spacy.load` of the pipeline's model (stock components, without our
   segmenter) and `nlp.pipe(bodies, n_process=P)` for P = 1 and P = all cores, each in a
   fresh process timed from start to exit (interpreter, imports and model load included);
3. (b) `newstables run CORPUS --out EMPTY --workers W --json-summary F` as a subprocess,
   W = 1 and W = all cores, timed as a command (temporary Prefect server, worker spawn and
   model loads included), with the peak RSS of its whole process tree; and again at N/10;
4. the fixed cost of one Prefect task: no-op tasks on the same task runners against the same
   kind of server;
5. where a batch's time goes: `flows.batch.process_batch` in this process on ~200
   articles with every step wrapped by a timer (plus Parquet publishing and the pickling
   that carries a result from a worker), and a cProfile pass grouped by module.

Words = non-space, non-punctuation spaCy tokens of the cleaned bodies: one count for (a)
and (b). Every measured configuration runs `--repeats` times, interleaved round by round
so that background load hits them alike; the table shows medians. Results go to
`bench/out/bench-<UTC timestamp>.json` and `bench/out/latest.json`.

Internal modes (used by the bench on itself): `python -m bench _raw …` and `_probe …`.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench import ceiling, timeline

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "bench" / "out"
#: Where measured code runs from: a snapshot of flows/ and schemas/ taken at the start, so
#: that edits made to the working tree while the bench runs do not mix versions.
CODE = ROOT
SAMPLE_EVERY = 0.2  # seconds between RSS samples of a process tree

TARGET_RATIO = 0.85  # (b)/(a) at all cores
TARGET_RSS_GROWTH = 0.20  # peak RSS growth when the corpus grows 10×
TARGET_STEP_SHARE = 0.10  # no step but spaCy above this share of a batch


# ---------------------------------------------------------------------------------------
# measuring a process tree


class TreeSampler(threading.Thread):
    """Peak of the summed RSS of a process and all its descendants, sampled every 0.2 s."""

    def __init__(self, pid: int, interval: float = SAMPLE_EVERY) -> None:
        super().__init__(daemon=True)
        import psutil

        self._psutil = psutil
        self.root = psutil.Process(pid)
        self.interval = interval
        self._stop_event = threading.Event()
        self.peak = 0
        self.peak_parts: dict[str, int] = {}
        self.role_peaks: dict[str, int] = defaultdict(int)
        self.max_procs = 0
        self.role_counts: dict[str, int] = defaultdict(int)
        self._cpu: dict[int, tuple[str, float]] = {}  # pid -> (role, last CPU seconds seen)
        self.samples = 0

    @staticmethod
    def role(cmdline: list[str], is_root: bool) -> str:
        line = " ".join(cmdline)
        if is_root:
            return "cli (flow)"
        if "uvicorn" in line or "prefect.server" in line:
            return "prefect server"
        if "resource_tracker" in line:
            return "mp resource tracker"
        if "spawn_main" in line or "multiprocessing" in line or "forkserver" in line:
            return "workers"
        return "other"

    def sample(self) -> None:
        ps = self._psutil
        try:
            procs = [self.root, *self.root.children(recursive=True)]
        except ps.Error:
            return
        total = 0
        parts: dict[str, int] = defaultdict(int)
        counts: dict[str, int] = defaultdict(int)
        for p in procs:
            try:
                rss = p.memory_info().rss
                role = self.role(p.cmdline(), p.pid == self.root.pid)
                ct = p.cpu_times()
                self._cpu[p.pid] = (role, ct.user + ct.system)
            except ps.Error:
                continue
            total += rss
            parts[role] += rss
            counts[role] += 1
        self.samples += 1
        self.max_procs = max(self.max_procs, len(procs))
        for role, rss in parts.items():
            self.role_peaks[role] = max(self.role_peaks[role], rss)
            self.role_counts[role] = max(self.role_counts[role], counts[role])
        if total > self.peak:
            self.peak, self.peak_parts = total, dict(parts)

    def run(self) -> None:
        while not self._stop_event.is_set():
            self.sample()
            self._stop_event.wait(self.interval)

    def stop(self) -> None:
        self._stop_event.set()
        self.join(timeout=5)

    def cpu_by_role(self) -> dict[str, float]:
        """CPU seconds per role (up to one sampling interval is missed per process)."""
        out: dict[str, float] = defaultdict(float)
        for role, sec in self._cpu.values():
            out[role] += sec
        return {k: round(v, 1) for k, v in sorted(out.items())}

    def result(self) -> dict[str, Any]:
        mb = 1024 * 1024
        return {
            "cpu_by_role_s": self.cpu_by_role(),
            "peak_rss_mb": round(self.peak / mb, 1),
            "peak_rss_parts_mb": {k: round(v / mb, 1) for k, v in sorted(self.peak_parts.items())},
            "role_peaks_mb": {k: round(v / mb, 1) for k, v in sorted(self.role_peaks.items())},
            "max_processes": self.max_procs,
            "max_processes_by_role": dict(sorted(self.role_counts.items())),
            "samples": self.samples,
        }


def _children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def code_env(base: dict[str, str] | None = None) -> dict[str, str]:
    """An environment whose Python imports `flows` from the snapshot."""
    env = dict(os.environ if base is None else base)
    if CODE != ROOT:
        env["PYTHONPATH"] = os.pathsep.join(
            p for p in (str(CODE), env.get("PYTHONPATH", "")) if p)
    return env


def snapshot_code(dest: Path) -> Path:
    """Copy flows/ and schemas/ (what `flows` reads at run time) to `dest`."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(ROOT / "flows", dest / "flows", ignore=ignore)
    shutil.copytree(ROOT / "schemas", dest / "schemas", ignore=ignore)
    return dest


def timed_command(cmd: Sequence[str], env: dict[str, str], log: Path,
                  cwd: Path | None = None) -> dict[str, Any]:
    """Run a command to its end: wall seconds, CPU seconds of the tree, peak tree RSS.

    It runs in the code snapshot (cwd and PYTHONPATH), so `python -m flows…` and the
    `newstables` script import the snapshot's `flows`.
    """
    env = code_env(env)
    cwd = cwd or CODE
    load_before = os.getloadavg()[0]
    cpu0 = _children_cpu()
    with open(log, "wb") as fh:
        t0 = time.perf_counter()
        proc = subprocess.Popen(list(cmd), env=env, cwd=cwd, stdout=fh, stderr=subprocess.STDOUT)
        sampler = TreeSampler(proc.pid)
        sampler.start()
        rc = proc.wait()
        wall = time.perf_counter() - t0
        sampler.stop()
    cpu = _children_cpu() - cpu0
    return {"rc": rc, "wall_s": round(wall, 3), "cpu_s": round(cpu, 2),
            "cpu_util": round(cpu / wall, 2) if wall else None,
            "loadavg_1m_before": round(load_before, 2), **sampler.result(), "log": str(log)}


def _tagged(output: str, tag: str) -> Any:
    """The JSON a bench child printed after `tag` (its last such line), or None."""
    got = None
    for line in output.splitlines():
        if line.startswith(tag + " "):
            got = json.loads(line[len(tag) + 1:])
    return got


def _timed_child(cmd: list[str], env: dict[str, str], log: Path, tag: str, key: str,
                 label: str) -> dict[str, Any]:
    """`timed_command`, plus the child's tagged JSON result under `key` (warned if absent)."""
    res = timed_command(cmd, env, log)
    got = _tagged(log.read_text(errors="replace"), tag)
    if got is None:
        print(f"  ! {label}: exit {res['rc']}\n{_tail(log)}", file=sys.stderr)
    else:
        res[key] = got
    return res


def _tail(path: Path, n: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-n:])
    except OSError:
        return ""


# ---------------------------------------------------------------------------------------
# (a) raw spaCy, in a child process: `python -m bench _raw TEXTS MODEL P BATCH`


def _raw_child(texts_file: str, model: str, n_process: int, batch_size: int,
               blas: str = "blis") -> None:
    """Stock spaCy over the texts. `blas="numpy"`: the same pipeline with its layers on
    numpy's BLAS, one thread, as `flows.steps.nlp.load` builds them
    (`flows.steps.blas.backend`, which imports nothing else of newstables)."""
    t0 = time.perf_counter()
    import spacy

    t_import = time.perf_counter()
    with open(texts_file, encoding="utf-8") as fh:
        texts = [json.loads(line) for line in fh]
    t_read = time.perf_counter()
    if blas == "numpy":
        from flows.steps.blas import backend

        with backend(numpy_blas=True):
            nlp = spacy.load(model)  # stock components, numpy's BLAS
    else:
        nlp = spacy.load(model)  # the stock pipeline: no newstables component added
    t_load = time.perf_counter()
    from spacy.attrs import IS_PUNCT, IS_SPACE

    words = docs = 0
    for doc in nlp.pipe(texts, batch_size=batch_size, n_process=n_process):
        docs += 1  # words counted as flows.steps.nlp.count_words does, off an array
        words += len(doc) - int(doc.to_array([IS_SPACE, IS_PUNCT]).any(axis=1).sum())
    t_end = time.perf_counter()
    print(json.dumps({
        "docs": docs, "words": words, "pipe_names": nlp.pipe_names,
        "model": f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}-{nlp.meta.get('version')}",
        "import_s": round(t_import - t0, 3), "read_s": round(t_read - t_import, 3),
        "load_s": round(t_load - t_read, 3), "pipe_s": round(t_end - t_load, 3),
    }))


def resolve_model(name: str) -> str:
    """The package `flows.steps.nlp.load(name)` loads, before it adds the segmenter."""
    import spacy.util

    from flows.steps.nlp import ALIASES

    if spacy.util.is_package(name) or Path(name).exists():
        return name
    return ALIASES.get(name, name)


# ---------------------------------------------------------------------------------------
# Prefect's fixed cost per task, in a child process: `python -m bench _probe N`


def _probe_child(n_tasks: int, workers: int) -> None:
    from flows.orchestration import prefect_server

    prefect_server.prestart()  # as the CLI does: the server's URL is exported before Prefect loads
    t0 = time.perf_counter()
    from prefect import flow, task
    from prefect.cache_policies import NO_CACHE
    from prefect.task_runners import ProcessPoolTaskRunner, ThreadPoolTaskRunner

    from flows.settings import Settings

    t_import = time.perf_counter()

    @task(cache_policy=NO_CACHE, task_run_name="noop-{index}")
    def noop(paths: list[str], settings: Settings, run_id: str, skip: frozenset[str],
             index: int) -> int:
        return index

    # The pipeline's task arguments: a batch of 32 paths, the settings, ids.
    args = ([f"/tmp/corpus/article-{i:06d}.txt" for i in range(32)], Settings(),
            "0" * 32, frozenset())

    @flow(name="newstables-bench-probe", validate_parameters=False)
    def probe(n: int, n_workers: int) -> dict[str, Any]:
        t_body = t = time.perf_counter()
        for f in [noop.submit(*args, i) for i in range(n_workers)]:
            f.result()
        first = time.perf_counter() - t  # includes spawning the workers
        seq = []
        for i in range(n):
            t = time.perf_counter()
            noop.submit(*args, i).result()
            seq.append(time.perf_counter() - t)
        t = time.perf_counter()
        for f in [noop.submit(*args, i) for i in range(n)]:
            f.result()
        concurrent = time.perf_counter() - t
        return {"first_tasks_s": round(first, 3),
                "sequential_ms": [round(s * 1000, 1) for s in seq],
                "sequential_median_ms": round(statistics.median(seq) * 1000, 1),
                "concurrent_total_s": round(concurrent, 3),
                "concurrent_ms_per_task": round(concurrent / n * 1000, 1),
                "flow_body_s": round(time.perf_counter() - t_body, 3)}

    out: dict[str, Any] = {"import_prefect_s": round(t_import - t0, 3), "tasks": n_tasks}
    t = time.perf_counter()
    with prefect_server.api_server():
        out["server_start_s"] = round(time.perf_counter() - t, 3)
        for label, runner, w in (
            ("process_pool", ProcessPoolTaskRunner(max_workers=workers), workers),
            ("thread_1", ThreadPoolTaskRunner(max_workers=1), 1),
        ):
            t = time.perf_counter()
            res = probe.with_options(task_runner=runner)(n_tasks, w)
            res["flow_wall_s"] = round(time.perf_counter() - t, 3)
            res["workers"] = w
            out[label] = res
    print("PROBE " + json.dumps(out))


# ---------------------------------------------------------------------------------------
# where a run's fixed cost goes: `python -m bench _timeline CORPUS OUT W` (bench/timeline.py)


def run_timeline(corpus: Path, workers: int, scratch: Path, env: dict[str, str],
                 out: Path | None = None, label: str = "timeline") -> dict[str, Any]:
    """The timeline child on `corpus`; into `out` when given (kept: a second run on it
    finds nothing new), else into a new folder removed afterwards."""
    keep = out is not None
    out = out or Path(tempfile.mkdtemp(prefix="out-timeline-", dir=scratch))
    log = scratch / f"{label}.log"
    cmd = [sys.executable, "-m", "bench", "_timeline", str(corpus), str(out), str(workers)]
    res = _timed_child(cmd, env, log, "TIMELINE", "timeline", label)
    if not keep:
        shutil.rmtree(out, ignore_errors=True)
    return res


def fixed_costs(tl: dict[str, Any], wall: float) -> list[dict[str, Any]]:
    """Collapse the timeline: what a run pays besides its batches, part by part."""
    return timeline.phases(tl, wall)


# ---------------------------------------------------------------------------------------
# the batch split, in this process


class StepTimer:
    """Wraps module functions with timers; `restore()` puts the originals back."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)
        self._undo: list[tuple[Any, str, Any]] = []

    def wrap(self, owner: Any, attr: str, step: str) -> None:
        original = getattr(owner, attr)
        seconds, calls = self.seconds, self.calls

        def timed(*a: Any, **k: Any) -> Any:
            t = time.perf_counter()
            try:
                return original(*a, **k)
            finally:
                seconds[step] += time.perf_counter() - t
                calls[step] += 1

        setattr(owner, attr, timed)
        self._undo.append((owner, attr, original))

    def wrap_iterator(self, owner: Any, attr: str, step: str) -> None:
        """For lazy producers (nlp.pipe): the time is spent in each `next()`."""
        original = getattr(owner, attr)
        seconds, calls = self.seconds, self.calls

        def timed(*a: Any, **k: Any) -> Iterator[Any]:
            t = time.perf_counter()
            it = iter(original(*a, **k))
            seconds[step] += time.perf_counter() - t
            while True:
                t = time.perf_counter()
                try:
                    item = next(it)
                except StopIteration:
                    seconds[step] += time.perf_counter() - t
                    return
                seconds[step] += time.perf_counter() - t
                calls[step] += 1
                yield item

        setattr(owner, attr, timed)
        self._undo.append((owner, attr, original))

    def restore(self) -> None:
        for owner, attr, original in reversed(self._undo):
            setattr(owner, attr, original)
        self._undo.clear()


#: (step label, parts) — the printed split; parts are StepTimer names.
SPLIT = [
    ("spaCy nlp.pipe", ["spacy"]),
    ("read files (ingest)", ["read"]),
    ("parse + clean", ["parse", "clean"]),
    ("sentences + token rows", ["sentence_spans", "token_sentence_ids", "token_columns"]),
    ("entities (resolve + summary)", ["entities", "entity_summary"]),
    ("claims", ["claims"]),
    ("other row building (article_tables)", ["article_tables_rest"]),
    ("polars frames (TableDecl.frame)", ["frame"]),
    ("validation (_check, pandera)", ["validate"]),
    ("rest of process_batch", ["batch_rest"]),
    ("result pickling (worker → flow)", ["pickle"]),
    ("Parquet publish (flow process)", ["publish"]),
]


def batch_split(paths: Sequence[str], batch_size: int, repeats: int) -> dict[str, Any]:
    """Time each step of `process_batch` over `paths` in batches, plus publish and transfer."""
    import cloudpickle

    from flows import batch
    from flows.settings import Settings
    from flows.steps import clean, entities, ingest, nlp, parse
    from flows.storage.local import LocalDataset
    from flows.tables import schema

    settings = Settings(batch_size=batch_size)
    t = time.perf_counter()
    language = nlp.load(settings.model)
    load_s = time.perf_counter() - t
    # Warm-up batch (not counted): builds the pandera schemas, fills caches, as a worker's
    # first batch does.
    t = time.perf_counter()
    batch.process_batch(list(paths[:4]), settings, "warmup")
    warm_s = time.perf_counter() - t

    chunks = [list(paths[i:i + batch_size]) for i in range(0, len(paths), batch_size)]
    rounds = []
    for _ in range(repeats):
        timer = StepTimer()
        timer.wrap(ingest, "read_article", "read")
        timer.wrap(parse, "parse", "parse")
        timer.wrap(clean, "clean", "clean")
        timer.wrap_iterator(nlp, "pipe", "spacy")
        timer.wrap(nlp, "sentence_spans", "sentence_spans")
        timer.wrap(nlp, "token_sentence_ids", "token_sentence_ids")
        timer.wrap(nlp, "token_columns", "token_columns")
        timer.wrap(entities, "resolve", "entities")
        timer.wrap(entities, "summary_rows", "entity_summary")
        timer.wrap(batch, "extract_claims", "claims")
        timer.wrap(batch, "article_tables", "article_tables")
        timer.wrap(schema.TableDecl, "frame", "frame")
        timer.wrap(batch, "_check", "validate")
        batch_total = pickle_s = publish_s = 0.0
        articles = words = 0
        out_dir = Path(tempfile.mkdtemp(prefix="newstables-bench-publish-"))
        try:
            dataset = LocalDataset(out_dir)
            with dataset.lock():
                for chunk in chunks:
                    t = time.perf_counter()
                    result = batch.process_batch(chunk, settings, "bench")
                    batch_total += time.perf_counter() - t
                    articles += result.n_articles
                    words += result.n_words
                    t = time.perf_counter()
                    result = cloudpickle.loads(cloudpickle.dumps(result))
                    pickle_s += time.perf_counter() - t
                    t = time.perf_counter()
                    dataset.publish(result.batch_id, result.tables)
                    publish_s += time.perf_counter() - t
        finally:
            timer.restore()
            shutil.rmtree(out_dir, ignore_errors=True)
        s = dict(timer.seconds)
        inner = sum(s.get(k, 0.0) for k in ("sentence_spans", "token_sentence_ids",
                                            "token_columns", "entities", "entity_summary",
                                            "claims"))
        s["article_tables_rest"] = s.pop("article_tables", 0.0) - inner
        s["batch_rest"] = batch_total - sum(
            s.get(k, 0.0) for k in ("read", "parse", "clean", "spacy", "sentence_spans",
                                    "token_sentence_ids", "token_columns", "entities",
                                    "entity_summary", "claims", "article_tables_rest",
                                    "frame", "validate"))
        s["pickle"], s["publish"] = pickle_s, publish_s
        rounds.append({"steps": s, "batch_total_s": batch_total,
                       "total_s": batch_total + pickle_s + publish_s,
                       "articles": articles, "words": words})

    def med(f: Callable[[dict[str, Any]], float]) -> float:
        return statistics.median(f(r) for r in rounds)

    total = med(lambda r: r["total_s"])
    steps = []
    for label, parts in SPLIT:
        sec = med(lambda r, parts=parts: sum(r["steps"].get(p, 0.0) for p in parts))
        steps.append({"step": label, "seconds": round(sec, 3),
                      "share": round(sec / total, 4) if total else 0.0})
    return {
        "flows_from": str(Path(batch.__file__).parent),
        "articles": rounds[0]["articles"], "words": rounds[0]["words"],
        "batches": len(chunks), "batch_size": batch_size, "repeats": repeats,
        "model_load_s": round(load_s, 3), "warmup_batch_s": round(warm_s, 3),
        "pipe_names": language.pipe_names,
        "batch_total_s": round(med(lambda r: r["batch_total_s"]), 3),
        "total_s": round(total, 3), "steps": steps,
        "rounds": [{"total_s": round(r["total_s"], 3),
                    "steps": {k: round(v, 4) for k, v in r["steps"].items()}} for r in rounds],
    }


def cprofile_split(paths: Sequence[str], batch_size: int, top: int = 20) -> dict[str, Any]:
    """One cProfile pass over the same batches: self time grouped by module, top functions."""
    import cProfile
    import pstats

    from flows import batch
    from flows.settings import Settings

    settings = Settings(batch_size=batch_size)
    chunks = [list(paths[i:i + batch_size]) for i in range(0, len(paths), batch_size)]
    batch.process_batch(list(paths[:4]), settings, "warmup")  # model, KB, schemas: once
    prof = cProfile.Profile()
    prof.enable()
    for chunk in chunks:
        batch.process_batch(chunk, settings, "bench")
    prof.disable()
    stats = pstats.Stats(prof)
    total = stats.total_tt  # type: ignore[attr-defined]
    by_module: dict[str, float] = defaultdict(float)
    funcs = []
    for (file, line, name), (_cc, nc, tt, ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        by_module[_module_group(file)] += tt
        funcs.append((tt, ct, nc, f"{_short(file)}:{line}({name})"))
    funcs.sort(reverse=True)
    return {
        "total_s": round(total, 3),
        "self_time_by_module": [
            {"module": m, "seconds": round(s, 3), "share": round(s / total, 4)}
            for m, s in sorted(by_module.items(), key=lambda kv: -kv[1])[:top]
        ],
        "top_functions_self": [
            {"function": f, "self_s": round(tt, 3), "cum_s": round(ct, 3), "calls": nc}
            for tt, ct, nc, f in funcs[:top]
        ],
    }


def _short(file: str) -> str:
    for marker in ("site-packages/", "/flows/"):
        if marker in file:
            return ("flows/" if marker == "/flows/" else "") + file.split(marker, 1)[1]
    return file


def _module_group(file: str) -> str:
    s = _short(file)
    if s.startswith("flows/"):
        return s
    if s.startswith("~") or s.startswith("<"):
        return "builtins (C calls: " + s + ")" if len(s) < 40 else "builtins"
    top = s.split("/", 1)[0]
    return top if "/" in s else s


# ---------------------------------------------------------------------------------------
# orchestration


def _env(prefect_home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PREFECT_HOME"] = str(prefect_home)
    env.pop("PREFECT_API_URL", None)  # measure the temporary server the CLI starts itself
    env.setdefault("NO_COLOR", "1")
    return env


def _cli() -> str:
    cand = Path(sys.executable).parent / "newstables"
    return str(cand if cand.exists() else ROOT / ".venv" / "bin" / "newstables")


def run_cli(corpus: Path, workers: int, scratch: Path, env: dict[str, str],
            label: str) -> dict[str, Any]:
    out = Path(tempfile.mkdtemp(prefix=f"out-{label}-", dir=scratch))  # empty
    summary_file = scratch / f"{out.name}.summary.json"
    cmd = [_cli(), "run", str(corpus), "--out", str(out), "--workers", str(workers),
           "--json-summary", str(summary_file)]
    res = timed_command(cmd, env, scratch / f"{out.name}.log")
    res["workers"] = workers
    if summary_file.exists():
        summ = json.loads(summary_file.read_text())
        res["summary"] = {k: summ.get(k) for k in ("words", "batches", "flow_seconds",
                                                   "task_seconds", "seconds",
                                                   "articles_written", "rows")}
        res["quarantined"] = len(summ.get("quarantined", []))
        b = summ.get("batches") or 0
        if b:
            res["overhead_per_batch_ms"] = round(
                (summ["flow_seconds"] - summ["task_seconds"] / workers) / b * 1000, 1)
        res["startup_s"] = round(res["wall_s"] - summ["flow_seconds"], 2)
    if res["rc"] not in (0,) or "summary" not in res:
        print(f"  ! {label}: exit {res['rc']}\n{_tail(Path(res['log']))}", file=sys.stderr)
    shutil.rmtree(out, ignore_errors=True)
    return res


def run_raw(texts_file: Path, model: str, n_process: int, batch_size: int, scratch: Path,
            label: str) -> dict[str, Any]:
    cmd = [sys.executable, "-m", "bench", "_raw", str(texts_file), model,
           str(n_process), str(batch_size)]
    log = scratch / f"raw-{label}.log"
    res = timed_command(cmd, dict(os.environ), log)  # no PREFECT_HOME needed
    res["n_process"] = n_process
    lines = [ln for ln in log.read_text(errors="replace").splitlines() if ln.startswith("{")]
    if res["rc"] == 0 and lines:
        res["child"] = json.loads(lines[-1])
    else:
        print(f"  ! raw spaCy P={n_process}: exit {res['rc']}\n{_tail(log)}", file=sys.stderr)
    return res


def run_ceiling(texts_file: Path, model: str, parts: int, batch_size: int, scratch: Path,
                label: str, blas: str = "blis") -> dict[str, Any]:
    """The ceiling: `parts` independent `nlp.pipe` processes on shards, started at once
    (`blas="numpy"`: the stock model on the BLAS the pipeline uses, `_raw_child`)."""
    cmd = [sys.executable, "-m", "bench", "_ceiling", str(texts_file), model, str(parts),
           str(batch_size), blas]
    res = _timed_child(cmd, dict(os.environ), scratch / f"ceiling-{label}.log", "CEILING",
                       "child", f"ceiling P={parts}")
    res["n_process"] = parts
    return res


def run_probe(env: dict[str, str], n_tasks: int, workers: int, scratch: Path) -> dict[str, Any]:
    log = scratch / "probe.log"
    cmd = [sys.executable, "-m", "bench", "_probe", str(n_tasks), str(workers)]
    return _timed_child(cmd, env, log, "PROBE", "probe", "Prefect probe")


def prepare_bodies(files: Sequence[Path], dest: Path) -> dict[str, Any]:
    """parse + clean every file (what the pipeline feeds spaCy); one JSON string per line."""
    from flows.settings import Settings
    from flows.steps import clean, ingest, parse

    max_bytes = Settings().max_bytes
    t = time.perf_counter()
    n = chars = 0
    with open(dest, "w", encoding="utf-8") as fh:
        for f in files:
            raw = ingest.read_article(Path(f), max_bytes)
            if isinstance(raw, ingest.Rejected):
                raise RuntimeError(f"bench corpus file refused: {raw}")
            body = clean.clean(parse.parse(raw.text)).body
            fh.write(json.dumps(body) + "\n")
            n += 1
            chars += len(body)
    return {"texts": n, "chars": chars, "seconds": round(time.perf_counter() - t, 3)}


def in_snapshot(mode: str, args: Sequence[str], scratch: Path) -> dict[str, Any]:
    """Run one of this module's in-process measurements in a child from the snapshot."""
    arg_file = scratch / f"{mode}.args"
    arg_file.write_text("\n".join(args))
    proc = subprocess.run([sys.executable, "-m", "bench", mode, str(arg_file)],
                          cwd=CODE, env=code_env(), capture_output=True, text=True)
    got = _tagged(proc.stdout, "RESULT")
    if got is not None:
        return got
    raise RuntimeError(f"{mode} failed (exit {proc.returncode}):\n{proc.stderr[-3000:]}")


def _child_mode(mode: str, arg_file: str) -> None:
    args = Path(arg_file).read_text().splitlines()
    if mode == "_bodies":
        out: dict[str, Any] = prepare_bodies([Path(a) for a in args[1:]], Path(args[0]))
    elif mode == "_split":
        out = batch_split(args[2:], int(args[0]), int(args[1]))
    elif mode == "_curve":
        out = ceiling.curve_child(args)
    else:
        out = cprofile_split(args[1:], int(args[0]))
    print("RESULT " + json.dumps(out), flush=True)


def _median(values: Sequence[float | None]) -> float | None:
    vals = [v for v in values if v is not None]
    return statistics.median(vals) if vals else None


def _spread(values: Sequence[float | None]) -> str:
    vals = [v for v in values if v is not None]
    if len(vals) < 2:
        return ""
    return f" [{min(vals):.1f}–{max(vals):.1f}]"


def code_version(root: Path = ROOT) -> dict[str, Any]:
    """The commit and a digest of the code and schemas a run measured."""
    import hashlib

    h = hashlib.sha256()
    for f in sorted([*root.glob("flows/**/*.py"), *root.glob("flows/data/*"),
                     *root.glob("schemas/*.yaml")]):
        h.update(str(f.relative_to(root)).encode())
        h.update(f.read_bytes())

    def git(*a: str) -> str | None:
        try:
            return subprocess.run(["git", *a], cwd=ROOT, capture_output=True, text=True,
                                  timeout=10).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return None

    return {"commit": git("rev-parse", "--short", "HEAD"),
            "dirty": git("status", "--porcelain", "--", "flows", "schemas"),
            "digest": h.hexdigest()[:16]}


def machine() -> dict[str, Any]:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = None
    try:
        import psutil

        mem = round(psutil.virtual_memory().total / 1024**3, 1)
    except Exception:
        pass
    versions = {}
    for pkg in ("spacy", "prefect", "polars", "pyarrow", "pandera"):
        try:
            from importlib.metadata import version

            versions[pkg] = version(pkg)
        except Exception:
            versions[pkg] = None
    return {"cores": os.cpu_count(), "cpu": cpu, "memory_gb": mem,
            "python": platform.python_version(), "platform": platform.platform(),
            "versions": versions}


def fixed_cost(article: Path, scratch: Path, env: dict[str, str],
               repeats: int = 1) -> dict[str, Any]:
    """What a run costs besides its words, `repeats` times (medians are reported).

    Each round: a one-article `newstables run` into a new folder and the same run again
    (it finds nothing new), both the real command; then the same pair in-process with
    timers (`bench/timeline.py`); and the work alone in a fresh process (`_work`:
    import spaCy and the pipeline, load the model, process the article, no Prefect).
    The fixed cost beyond model load is the one-article command's wall time minus the
    model load and the article's own processing, both measured alone.
    """
    one = scratch / "fixed-one"
    one.mkdir(exist_ok=True)
    if not (one / article.name).exists():
        os.link(article, one / article.name)
    rounds = []
    for r in range(repeats):
        out = Path(tempfile.mkdtemp(prefix="out-fixed-", dir=scratch))
        rnd: dict[str, Any] = {}
        for label in ("one_article", "nothing_new"):
            summary_file = scratch / f"fixed-{label}.summary.json"
            res = timed_command([_cli(), "run", str(one), "--out", str(out), "--json-summary",
                                 str(summary_file)], env, scratch / f"fixed-{label}.log")
            if summary_file.exists():
                summ = json.loads(summary_file.read_text())
                res["summary"] = {k: summ.get(k) for k in ("flow_seconds", "task_seconds",
                                                           "articles_written", "batches")}
            rnd[label] = res
        tl_out = Path(tempfile.mkdtemp(prefix="out-timeline-", dir=scratch))
        for label in ("one_article", "nothing_new"):
            tl = run_timeline(one, 1, scratch, env, out=tl_out, label=f"timeline-{label}")
            rnd[f"timeline_{label}"] = (
                {"wall_s": tl["wall_s"], "cpu_by_role_s": tl.get("cpu_by_role_s"),
                 "parts": fixed_costs(tl["timeline"], tl["wall_s"]),
                 "events": tl["timeline"]["events"]}
                if "timeline" in tl else {})
        rnd["work_alone"] = _timed_child([sys.executable, "-m", "bench", "_work",
                                          str(one / article.name)], env,
                                         scratch / "work-alone.log", "WORK", "child",
                                         "work alone").get("child") or {}
        shutil.rmtree(out, ignore_errors=True)
        shutil.rmtree(tl_out, ignore_errors=True)
        rounds.append(rnd)
        print(f"  fixed cost round {r + 1}/{repeats}: one article "
              f"{rnd['one_article']['wall_s']:.1f} s, nothing new "
              f"{rnd['nothing_new']['wall_s']:.1f} s, load avg "
              f"{rnd['one_article']['loadavg_1m_before']:.1f}", flush=True)
    return {"rounds": rounds, "import_s": ceiling.import_times(code_env(env), CODE)}


def _work_child(article: str) -> None:
    """The one-article run's work without the run: import the pipeline (spaCy), load the
    model and the knowledge base, process the article. No Prefect, no dataset."""
    t0 = time.perf_counter()
    from flows import batch
    from flows.settings import Settings

    t1 = time.perf_counter()
    settings = Settings(batch_size=1, workers=1)
    batch.warm(settings.model)
    t2 = time.perf_counter()
    result = batch.process_batch([article], settings, "work-alone")
    t3 = time.perf_counter()
    print("WORK " + json.dumps({"import_s": round(t1 - t0, 3), "load_s": round(t2 - t1, 3),
                                "article_s": round(t3 - t2, 3), "words": result.n_words}),
          flush=True)


def _prepare(args: argparse.Namespace, prefix: str) -> tuple[Path, dict[str, str], Path]:
    """What every bench invocation sets up first: the output folder, a persistent
    PREFECT_HOME and the runs' environment, a scratch folder, and a snapshot of the code
    (`CODE`) that the measured commands run. Returns (prefect_home, env, scratch)."""
    global CODE
    args.out.mkdir(parents=True, exist_ok=True)
    prefect_home = (args.prefect_home or args.out / "prefect-home").resolve()
    prefect_home.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=prefix))
    CODE = snapshot_code(scratch / "code")
    return prefect_home, _env(prefect_home), scratch


def run_fixed_only(args: argparse.Namespace) -> int:
    """`python -m bench --fixed`: only the fixed-cost section, `--repeats` rounds."""
    from bench import corpus as bench_corpus

    prefect_home, env, scratch = _prepare(args, "newstables-bench-fixed-")
    started = datetime.now(UTC)
    try:
        long_corpus = bench_corpus.build_long(scratch / "corpus-long", 1, seed=args.seed)
        if not (prefect_home / "prefect.db").exists():  # migrate once, not in a round
            run_cli(long_corpus.folder, 1, scratch, env, "warmup")
        report = {"started_at": started.isoformat(), "machine": machine(),
                  "code": code_version(CODE),
                  "fixed_cost": fixed_cost(long_corpus.files[0], scratch, env,
                                           args.repeats or 3)}
        print("fixed cost against a standing Prefect server (PREFECT_API_URL)…", flush=True)
        with standing_server(prefect_home) as api_url:
            report["fixed_cost_standing_server"] = fixed_cost(
                long_corpus.files[0], scratch, {**env, "PREFECT_API_URL": api_url},
                args.repeats or 3)
    finally:
        if not args.keep:
            shutil.rmtree(scratch, ignore_errors=True)
    path = args.out / f"bench-fixed-{started:%Y%m%dT%H%M%SZ}.json"
    path.write_text(json.dumps(report, indent=2, default=str))
    print("\n".join(render_fixed(report["fixed_cost"])))
    print("\nagainst a standing server (the operator's set-up: `PREFECT_API_URL` exported):")
    print("\n".join(render_fixed(report["fixed_cost_standing_server"])))
    print(f"\nwrote {path}")
    return 0


def run_long_only(args: argparse.Namespace) -> int:
    """`python -m bench --long`: only the issue-15 ratio, on the long-article corpus.

    Each round, interleaved: the ceiling (P independent `nlp.pipe` processes), then
    `newstables run --workers P` into an empty folder with its own temporary Prefect
    server (a bare laptop run), then the same against a standing server
    (`PREFECT_API_URL` exported, as an operator who watches runs has it). Ratio =
    newstables words/s ÷ ceiling words/s, both on the same spaCy word count.
    """
    from bench import corpus as bench_corpus
    from flows.settings import Settings

    cores = os.cpu_count() or 1
    n_long = args.long_articles or 400
    repeats = args.repeats or 3
    prefect_home, env, scratch = _prepare(args, "newstables-bench-long-")
    started = datetime.now(UTC)
    settings = Settings()
    model = resolve_model(settings.model)
    report: dict[str, Any] = {"started_at": started.isoformat(), "machine": machine(),
                              "code": code_version(CODE),
                              "config": {"long_articles": n_long, "repeats": repeats}}
    try:
        long_corpus = bench_corpus.build_long(scratch / "corpus-long", n_long, seed=args.seed)
        texts = scratch / "bodies-long.jsonl"
        in_snapshot("_bodies", [str(texts), *map(str, long_corpus.files)], scratch)
        small = scratch / "corpus-long-small"  # the first N/10 files: peak RSS at two sizes
        small.mkdir()
        for f in long_corpus.files[:max(1, n_long // 10)]:
            os.link(f, small / f.name)
        run_cli(long_corpus.folder, cores, scratch, env, "warmup")  # DB, page cache
        runs: dict[str, list[dict[str, Any]]] = {"ceiling": [], "ceiling_numpy_blas": [],
                                                 "temporary_server": [],
                                                 "standing_server": [],
                                                 "temporary_server_n10": []}
        with standing_server(prefect_home) as api_url:
            standing = {**env, "PREFECT_API_URL": api_url}
            for r in range(repeats):
                for name, fn in (
                    ("ceiling", lambda lb: run_ceiling(texts, model, cores,
                                                       settings.spacy_batch_size, scratch,
                                                       lb)),
                    ("ceiling_numpy_blas", lambda lb: run_ceiling(
                        texts, model, cores, settings.spacy_batch_size, scratch, lb,
                        blas="numpy")),
                    ("temporary_server", lambda lb: run_cli(long_corpus.folder, cores,
                                                            scratch, env, lb)),
                    ("standing_server", lambda lb: run_cli(long_corpus.folder, cores,
                                                           scratch, standing, lb)),
                    ("temporary_server_n10", lambda lb: run_cli(small, cores, scratch, env,
                                                                lb)),
                ):
                    res = fn(f"long-{name}-r{r + 1}")
                    runs[name].append(res)
                    print(f"  round {r + 1}/{repeats} {name}: {res['wall_s']:.1f} s, "
                          f"CPU {res['cpu_s']:.0f} s, load {res['loadavg_1m_before']:.2f}",
                          flush=True)
        words = next(r["child"]["words"] for r in runs["ceiling"] if "child" in r)
        med = {k: _median([x["wall_s"] for x in v if x["rc"] == 0]) for k, v in runs.items()}
        rss = {k: _median([x.get("peak_rss_mb") for x in v]) for k, v in runs.items()}
        report.update(runs=runs, words=words, median_wall_s=med, peak_rss_mb=rss, ratio={
            k: (med["ceiling"] / med[k] if med[k] else None)
            for k in ("ceiling_numpy_blas", "temporary_server", "standing_server")},
            ratio_same_blas={k: (med["ceiling_numpy_blas"] / med[k] if med[k]
                                 and med["ceiling_numpy_blas"] else None)
                             for k in ("temporary_server", "standing_server")})
    finally:
        if not args.keep:
            shutil.rmtree(scratch, ignore_errors=True)
    path = args.out / f"bench-long-{started:%Y%m%dT%H%M%SZ}.json"
    path.write_text(json.dumps(report, indent=2, default=str))
    print(f"\nlong-article corpus: {n_long} files, {words:,} spaCy words, {cores} cores, "
          f"medians of {repeats}")
    print("| configuration | wall s [min–max] | words/s | CPU s | peak RSS MB | "
          "ratio to ceiling (≥ 0.90) | to the numpy-BLAS ceiling |")
    print("|---|---|---|---|---|---|---|")
    for k, v in report["runs"].items():
        walls = [x["wall_s"] for x in v if x["rc"] == 0]
        ratio, same = report["ratio"].get(k), report["ratio_same_blas"].get(k)
        wps = "" if k.endswith("_n10") else f"{words / med[k]:,.0f}"
        print(f"| {k} | {med[k]:.1f} {_spread(walls)} | {wps} | "
              f"{_median([x['cpu_s'] for x in v]):.0f} | {rss[k]:,.0f} | "
              f"{'' if ratio is None else f'{ratio:.3f}'} | "
              f"{'' if same is None else f'{same:.3f}'} |")
    print("\nceiling: spaCy as shipped (BLIS); numpy-BLAS ceiling: the same processes with "
          "the model's layers on numpy's BLAS, as newstables builds them")
    big, small_rss = rss["temporary_server"], rss["temporary_server_n10"]
    if big and small_rss:
        print(f"\npeak RSS of the run's process tree, N/10 → N files: {small_rss:,.0f} → "
              f"{big:,.0f} MB ({(big / small_rss - 1) * 100:+.0f} %; target flat, < 20 %)")
    print(f"\nwrote {path}")
    return 0


@contextlib.contextmanager
def standing_server(prefect_home: Path) -> Iterator[str]:
    """A Prefect API server that outlives the runs, as an operator's is: its URL.

    Started the way a run starts its temporary one (same command, same PREFECT_HOME,
    so the same database), but once for all the runs measured against it; its boot is
    then no run's cost. Stopped when the block ends.
    """
    from flows.orchestration import prefect_server

    saved = os.environ.get("PREFECT_HOME")
    os.environ["PREFECT_HOME"] = str(prefect_home)
    server = prefect_server.TemporaryServer()
    try:
        server.start()
        yield server.wait(180)
    finally:
        server.stop()
        if saved is None:
            os.environ.pop("PREFECT_HOME", None)
        else:
            os.environ["PREFECT_HOME"] = saved


def render_fixed(fc: dict[str, Any]) -> list[str]:
    lines = ["| fixed cost (median of rounds [min–max]) | seconds |", "|---|---|"]
    return lines + [f"| {k} | {v} |" for k, v in ceiling.fixed_cost_rows(fc)]


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=None, help="corpus size N (default 2000)")
    ap.add_argument("--quick", action="store_true",
                    help="smoke test: N=200, one repeat, smaller profile")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where the JSON goes")
    ap.add_argument("--repeats", type=int, default=None,
                    help="runs per configuration (default 3; 1 with --quick)")
    ap.add_argument("--profile-articles", type=int, default=200)
    ap.add_argument("--long-articles", type=int, default=None,
                    help="files of the long-article corpus (default 400; 40 with --quick)")
    ap.add_argument("--prefect-home", type=Path, default=None,
                    help="persistent PREFECT_HOME for the runs (default OUT/prefect-home)")
    ap.add_argument("--seed", type=int, default=20240601)
    ap.add_argument("--bulk-records", type=int, default=None,
                    help="JSON Lines records of the bulk section (default 200,000; "
                         "20,000 with --quick)")
    ap.add_argument("--keep", action="store_true", help="keep the temporary corpus and logs")
    ap.add_argument("--render", type=Path, default=None, metavar="JSON",
                    help="only recompute and print the table of a saved report")
    ap.add_argument("--fixed", action="store_true",
                    help="only the fixed cost: one-article and nothing-new runs, timelines")
    ap.add_argument("--long", action="store_true",
                    help="only the ratio to the ceiling on the long-article corpus, with a "
                         "temporary and with a standing Prefect server")
    ap.add_argument("--usage-errors", action="store_true",
                    help="only the usage errors' timings (bench/usage_errors.py)")
    ap.add_argument("--dask", action="store_true",
                    help="only the Dask scaling: 1 vs 2 worker processes (bench/dask_scaling.py)")
    args = ap.parse_args(argv)
    if args.render:
        return rerender(args.render)
    if args.fixed:
        return run_fixed_only(args)
    if args.long:
        return run_long_only(args)
    if args.usage_errors:
        from bench import usage_errors

        return 0 if usage_errors.measure(args.repeats or 5)["met"] else 1
    if args.dask:
        from bench import dask_scaling

        return dask_scaling.main(args.articles or (100 if args.quick else 400),
                                 args.repeats or (1 if args.quick else 3), args.out, args.seed)

    n = args.articles or (200 if args.quick else 2000)
    repeats = args.repeats or (1 if args.quick else 3)
    cores = os.cpu_count() or 1
    n_small = max(1, n // 10)
    n_long = args.long_articles or (40 if args.quick else 400)
    cold_db = not ((args.prefect_home or args.out / "prefect-home") / "prefect.db").exists()
    prefect_home, env, scratch = _prepare(args, "newstables-bench-")
    started = datetime.now(UTC)
    print(f"newstables bench: N={n}, repeats={repeats}, {cores} cores, scratch {scratch}",
          flush=True)

    from bench import corpus as bench_corpus
    from flows.settings import Settings

    settings = Settings()
    report: dict[str, Any] = {
        "started_at": started.isoformat(), "machine": machine(),
        "config": {"articles": n, "articles_small": n_small, "repeats": repeats,
                   "long_articles": n_long, "long_articles_small": max(1, n_long // 10),
                   "quick": args.quick, "seed": args.seed, "prefect_home": str(prefect_home),
                   "prefect_db_was_cold": cold_db, "settings": settings.model_dump(mode="json")},
        "code": code_version(CODE),
    }
    try:
        # -- corpus --------------------------------------------------------------------
        corpus = bench_corpus.build(scratch / "corpus", n, seed=args.seed)
        small_dir = scratch / "corpus-small"
        small_dir.mkdir()
        for f in corpus.files[:n_small]:  # the same seed: the first N/10 of the N corpus
            os.link(f, small_dir / f.name)
        texts = scratch / "bodies.jsonl"
        prep = in_snapshot("_bodies", [str(texts), *map(str, corpus.files)], scratch)
        report["corpus"] = {"articles": len(corpus.files), "bytes": corpus.n_bytes,
                            "words_whitespace": corpus.n_words, "paragraphs": corpus.n_paragraphs,
                            "source": corpus.source, "parse_clean": prep}
        print(f"corpus: {len(corpus.files)} articles, {corpus.n_words:,} words "
              f"(whitespace), {corpus.n_bytes / 1e6:.1f} MB; parse+clean {prep['seconds']:.1f} s",
              flush=True)
        model = resolve_model(settings.model)
        report["config"]["raw_model"] = model
        long_corpus = bench_corpus.build_long(scratch / "corpus-long", n_long, seed=args.seed)
        long_small = scratch / "corpus-long-small"
        long_small.mkdir()
        for f in long_corpus.files[:max(1, n_long // 10)]:
            os.link(f, long_small / f.name)
        long_texts = scratch / "bodies-long.jsonl"
        prep_long = in_snapshot("_bodies", [str(long_texts), *map(str, long_corpus.files)],
                                scratch)
        report["long_corpus"] = {"articles": len(long_corpus.files),
                                 "bytes": long_corpus.n_bytes,
                                 "words_whitespace": long_corpus.n_words,
                                 "distinct_articles": len(bench_corpus.long_articles()),
                                 "source": long_corpus.source, "parse_clean": prep_long}
        print(f"long-article corpus: {len(long_corpus.files)} files of "
              f"{len(bench_corpus.long_articles())} real articles, "
              f"{long_corpus.n_words:,} words", flush=True)

        # -- warm-up: Prefect DB (cold on the very first bench), page cache, .pyc ----------
        print("warm-up run (newstables run, N/10, all cores)…", flush=True)
        warm = run_cli(small_dir, cores, scratch, env, "warmup")
        warm["cold_db"] = cold_db
        report["warmup_run"] = warm
        print(f"  {warm['wall_s']:.1f} s (cold DB: {cold_db})", flush=True)

        # -- Prefect's fixed cost per task ----------------------------------------------
        print("Prefect no-op task probe…", flush=True)
        report["probe"] = run_probe(env, 20, cores, scratch)

        # -- interleaved rounds ----------------------------------------------------------
        configs: list[tuple[str, Callable[[str], dict[str, Any]]]] = [
            ("raw_p1", lambda lb: run_raw(texts, model, 1, settings.spacy_batch_size,
                                          scratch, lb)),
            (f"raw_p{cores}", lambda lb: run_raw(texts, model, cores,
                                                 settings.spacy_batch_size, scratch, lb)),
            ("cli_w1", lambda lb: run_cli(corpus.folder, 1, scratch, env, lb)),
            (f"cli_w{cores}", lambda lb: run_cli(corpus.folder, cores, scratch, env, lb)),
            (f"cli_w{cores}_small", lambda lb: run_cli(small_dir, cores, scratch, env, lb)),
            (f"ceil_p{cores}", lambda lb: run_ceiling(texts, model, cores,
                                                      settings.spacy_batch_size, scratch, lb)),
            (f"long_ceil_p{cores}", lambda lb: run_ceiling(
                long_texts, model, cores, settings.spacy_batch_size, scratch, lb)),
            (f"long_ceilnp_p{cores}", lambda lb: run_ceiling(
                long_texts, model, cores, settings.spacy_batch_size, scratch, lb,
                blas="numpy")),
            (f"long_cli_w{cores}", lambda lb: run_cli(long_corpus.folder, cores, scratch, env,
                                                      lb)),
            (f"long_cli_w{cores}_small", lambda lb: run_cli(long_small, cores, scratch, env,
                                                            lb)),
        ]
        runs: dict[str, list[dict[str, Any]]] = {name: [] for name, _ in configs}
        for r in range(repeats):
            for name, fn in configs:
                res = fn(f"{name}-r{r + 1}")
                runs[name].append(res)
                print(f"  round {r + 1}/{repeats} {name}: {res['wall_s']:.1f} s, "
                      f"peak RSS {res['peak_rss_mb']:.0f} MB, CPU {res['cpu_s']:.0f} s, "
                      f"load {res['loadavg_1m_before']:.2f}", flush=True)
        report["runs"] = runs

        # -- where a run's fixed cost goes -------------------------------------------------
        print(f"timeline run (newstables run in-process with timers, N/10, {cores} workers)…",
              flush=True)
        tl = run_timeline(small_dir, cores, scratch, env)
        if "timeline" in tl:
            tl["fixed_costs"] = fixed_costs(tl["timeline"], tl["wall_s"])
        report["timeline_run"] = tl

        # -- batch split in-process --------------------------------------------------------
        n_prof = min(args.profile_articles, len(corpus.files))
        print(f"batch split: process_batch on {n_prof} articles in batches of "
              f"{settings.batch_size}…", flush=True)
        prof_files = [str(f) for f in corpus.files[:n_prof]]
        report["split"] = in_snapshot("_split", [str(settings.batch_size), str(repeats),
                                                 *prof_files], scratch)
        print("cProfile pass…", flush=True)
        report["cprofile"] = in_snapshot("_cprofile", [str(settings.batch_size), *prof_files],
                                         scratch)

        # -- cost per word by article length (real articles + a 10,000-word text) -------
        print("length curve: process_batch on each real article alone, and on 10,000 "
              "words…", flush=True)
        curve_dir = scratch / "curve"
        curve_dir.mkdir()
        curve_files = []
        for a in bench_corpus.real_articles():
            f = curve_dir / f"{a.doc_id}.txt"
            f.write_text(a.text, encoding="utf-8")
            curve_files.append(str(f))
        ten_k = curve_dir / "joined-10000-words.txt"
        ten_k.write_text(bench_corpus.joined_text(10_000), encoding="utf-8")
        report["curve"] = in_snapshot("_curve", [*curve_files, str(ten_k)], scratch)
        one_dir = scratch / "one-article"
        one_dir.mkdir()
        os.link(ten_k, one_dir / ten_k.name)
        report["ten_k_run"] = run_cli(one_dir, cores, scratch, env, "ten-k")

        # -- fixed cost: one article, nothing new, imports, model load -------------------
        print("fixed cost: one-article run, nothing-new run, import times…", flush=True)
        report["fixed_cost"] = fixed_cost(long_corpus.files[0], scratch, env)

        # -- bulk inputs: peak memory of a JSON Lines stream at two sizes (bench/bulk.py) --
        from bench import bulk

        report["bulk"] = bulk.measure(args.bulk_records or (20_000 if args.quick else 200_000),
                                      scratch)

        # -- usage errors and --version: each under a second (bench/usage_errors.py) ------
        from bench import usage_errors

        report["usage_errors"] = usage_errors.measure(repeats)
    finally:
        if args.keep:
            print(f"kept {scratch}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)

    report["finished_at"] = datetime.now(UTC).isoformat()
    end_code = code_version(ROOT)
    report["code_changed_during_run"] = end_code["digest"] != report["code"]["digest"]
    if report["code_changed_during_run"]:
        report["code_at_end"] = end_code
        print("note: flows/ or schemas/ changed while the bench ran; every figure is of the "
              f"snapshot taken at the start (digest {report['code']['digest']})", file=sys.stderr)
    stamp = started.strftime("%Y%m%dT%H%M%SZ")
    path = args.out / f"bench-{stamp}.json"
    path.write_text(json.dumps(report, indent=2, default=str))  # the raw figures, first
    finish(report, cores)
    path.write_text(json.dumps(report, indent=2, default=str))
    shutil.copyfile(path, args.out / "latest.json")
    print(f"\nwrote {path} and {args.out / 'latest.json'}")
    return 0


def finish(report: dict[str, Any], cores: int) -> None:
    """Derive the results and the table from the raw figures, and print the table."""
    report["results"] = summarize(report, cores)
    report["table"] = render(report, cores)
    print()
    print(report["table"])


def rerender(path: Path) -> int:
    """`python -m bench --render FILE`: recompute the table of a saved report."""
    report = json.loads(path.read_text())
    finish(report, report["machine"]["cores"] or 1)
    path.write_text(json.dumps(report, indent=2, default=str))
    return 0


def summarize(report: dict[str, Any], cores: int) -> dict[str, Any]:
    runs = report["runs"]
    raw1 = runs["raw_p1"]
    words = next((r["child"]["words"] for r in raw1 if "child" in r), None)

    def wps(name: str) -> float | None:
        return _median([words / r["wall_s"] if words and r["rc"] == 0 else None
                        for r in runs[name]])

    def med(name: str, key: str) -> float | None:
        return _median([r.get(key) for r in runs[name]])

    def best(name: str) -> float | None:  # the run least disturbed by other jobs
        vals = [words / r["wall_s"] for r in runs[name] if words and r["rc"] == 0]
        return max(vals) if vals else None

    a1, a2 = wps("raw_p1"), wps(f"raw_p{cores}")
    b1, b2 = wps("cli_w1"), wps(f"cli_w{cores}")
    ba1, ba2, bb1, bb2 = (best("raw_p1"), best(f"raw_p{cores}"), best("cli_w1"),
                          best(f"cli_w{cores}"))
    rss_n, rss_s = med(f"cli_w{cores}", "peak_rss_mb"), med(f"cli_w{cores}_small", "peak_rss_mb")
    probe = report.get("probe", {}).get("probe", {})
    split = report["split"]
    worst = max((s for s in split["steps"] if s["step"] != "spaCy nlp.pipe"),
                key=lambda s: s["share"])
    pipeline_words = {r["summary"]["words"] for name in ("cli_w1", f"cli_w{cores}")
                      for r in runs[name] if "summary" in r}
    out = {
        "words": words,
        "pipeline_words_reported": sorted(pipeline_words),
        "wps": {"raw_p1": a1, f"raw_p{cores}": a2, "cli_w1": b1, f"cli_w{cores}": b2},
        "ratio_all_cores": b2 / a2 if a2 and b2 else None,
        "ratio_1_core": b1 / a1 if a1 and b1 else None,
        "best": {
            "wps": {"raw_p1": ba1, f"raw_p{cores}": ba2, "cli_w1": bb1, f"cli_w{cores}": bb2},
            "ratio_all_cores": bb2 / ba2 if ba2 and bb2 else None,
            "ratio_1_core": bb1 / ba1 if ba1 and bb1 else None,
            "speedup_raw": ba2 / ba1 if ba1 and ba2 else None,
            "speedup_ours": bb2 / bb1 if bb1 and bb2 else None,
        },
        "cpu_s": {name: med(name, "cpu_s") for name in
                  ("raw_p1", f"raw_p{cores}", "cli_w1", f"cli_w{cores}")},
        "loadavg_before": _median([r.get("loadavg_1m_before") for rs in runs.values()
                                   for r in rs]),
        "loadavg_before_max": max((r.get("loadavg_1m_before") or 0.0) for rs in runs.values()
                                  for r in rs),
        "speedup_raw": a2 / a1 if a1 and a2 else None,
        "speedup_ours": b2 / b1 if b1 and b2 else None,
        "peak_rss_mb_n": rss_n, "peak_rss_mb_small": rss_s,
        "rss_growth": rss_n / rss_s - 1 if rss_n and rss_s else None,
        "overhead_per_batch_ms": {name: med(name, "overhead_per_batch_ms")
                                  for name in ("cli_w1", f"cli_w{cores}")},
        "startup_s": {name: med(name, "startup_s") for name in ("cli_w1", f"cli_w{cores}")},
        "noop_task_ms": {
            "process_pool_sequential_median": probe.get("process_pool", {}).get(
                "sequential_median_ms"),
            "process_pool_concurrent_per_task": probe.get("process_pool", {}).get(
                "concurrent_ms_per_task"),
            "thread_1_sequential_median": probe.get("thread_1", {}).get("sequential_median_ms"),
        },
        "worst_step": worst,
        **ceiling_results(report, cores, words),
    }
    cpu = out["cpu_s"]
    out["cpu_ratio_1"] = (cpu["raw_p1"] / cpu["cli_w1"]
                          if cpu["raw_p1"] and cpu["cli_w1"] else None)
    out["cpu_ratio_all"] = (cpu[f"raw_p{cores}"] / cpu[f"cli_w{cores}"]
                            if cpu[f"raw_p{cores}"] and cpu[f"cli_w{cores}"] else None)
    out["targets"] = {
        "ratio_all_cores>=0.85": _ok(out["ratio_all_cores"], lambda v: v >= TARGET_RATIO),
        "speedup_ours>=speedup_raw": (None if out["speedup_ours"] is None
                                      or out["speedup_raw"] is None
                                      else out["speedup_ours"] >= out["speedup_raw"]),
        "rss_growth<20%": _ok(out["rss_growth"], lambda v: v < TARGET_RSS_GROWTH),
        "no_step_but_spacy>10%": worst["share"] <= TARGET_STEP_SHARE,
    }
    # The same two wall-clock targets on each configuration's fastest run: the run least
    # disturbed by other jobs. When medians and best runs disagree, the verdict is unclear.
    b = out["best"]
    out["targets_best_runs"] = {
        "ratio_all_cores>=0.85": _ok(b["ratio_all_cores"], lambda v: v >= TARGET_RATIO),
        "speedup_ours>=speedup_raw": (None if b["speedup_ours"] is None
                                      or b["speedup_raw"] is None
                                      else b["speedup_ours"] >= b["speedup_raw"]),
    }
    return out


def ceiling_results(report: dict[str, Any], cores: int, words: int | None) -> dict[str, Any]:
    """Throughput against the ceiling (P independent `nlp.pipe` processes), on the
    recombined corpus and on the long-article corpus; RSS growth on the long one."""
    runs = report["runs"]
    out: dict[str, Any] = {}

    def wps(name: str, n_words: int | None) -> float | None:
        return _median([n_words / r["wall_s"] if n_words and r["rc"] == 0 else None
                        for r in runs.get(name, [])])

    def med(name: str, key: str) -> float | None:
        return _median([r.get(key) for r in runs.get(name, [])])

    long_words = next((r["child"]["words"] for r in runs.get(f"long_ceil_p{cores}", [])
                       if "child" in r), None)
    for prefix, n_words in (("", words), ("long_", long_words)):
        ceil, ours = wps(f"{prefix}ceil_p{cores}", n_words), wps(f"{prefix}cli_w{cores}", n_words)
        out[f"{prefix}ceiling_wps"], out[f"{prefix}ours_wps"] = ceil, ours
        out[f"{prefix}ratio_to_ceiling"] = ours / ceil if ceil and ours else None
        out[f"{prefix}cpu_s_ceiling"] = med(f"{prefix}ceil_p{cores}", "cpu_s")
    out["long_words"] = long_words
    same = wps(f"long_ceilnp_p{cores}", long_words)  # the ceiling on numpy's BLAS
    out["long_ceiling_numpy_blas_wps"] = same
    out["long_ratio_to_ceiling_numpy_blas"] = (out["long_ours_wps"] / same
                                               if same and out["long_ours_wps"] else None)
    big, small = med(f"long_cli_w{cores}", "peak_rss_mb"), med(f"long_cli_w{cores}_small",
                                                               "peak_rss_mb")
    out["long_peak_rss_mb"], out["long_peak_rss_mb_small"] = big, small
    out["long_rss_growth"] = big / small - 1 if big and small else None
    out["long_cpu_s_ours"] = med(f"long_cli_w{cores}", "cpu_s")
    for prefix in ("", "long_"):  # CPU of the process trees: hardly moved by other jobs
        ceil_cpu = out[f"{prefix}cpu_s_ceiling"]
        ours_cpu = out["long_cpu_s_ours"] if prefix else med(f"cli_w{cores}", "cpu_s")
        out[f"{prefix}cpu_ratio_to_ceiling"] = (ceil_cpu / ours_cpu if ceil_cpu and ours_cpu
                                                else None)
    return out


def render_ceiling(report: dict[str, Any], cores: int) -> list[str]:
    """The issue-15 block: ratio to the ceiling, RSS, length curve, fixed cost."""
    res, cfg = report["results"], report["config"]
    if res.get("long_ratio_to_ceiling") is None and res.get("ratio_to_ceiling") is None:
        return []
    lc = report.get("long_corpus", {})
    growth = None if res.get("long_rss_growth") is None else res["long_rss_growth"] * 100
    lines = [
        f"Against the ceiling: {cores} independent processes, each `spacy.load` + "
        f"`nlp.pipe` over its shard, start-up included (no pipeline can beat it on these "
        f"cores with this model). Medians of {cfg['repeats']} run(s).", "",
        "| measure | value | target |", "|---|---|---|",
        f"| long-article corpus | {lc.get('articles', 0):,} files of "
        f"{lc.get('distinct_articles', '?')} real Wikinews articles of 800+ words, "
        f"{_f(res.get('long_words'))} spaCy words | |",
        f"| ceiling, long articles | {_f(res.get('long_ceiling_wps'))} words/s; CPU "
        f"{_f(res.get('long_cpu_s_ceiling'), '.0f')} s | |",
        f"| newstables run --workers {cores}, long articles | "
        f"{_f(res.get('long_ours_wps'))} words/s; CPU {_f(res.get('long_cpu_s_ours'), '.0f')} s"
        f" | |",
        f"| CPU s of the process trees, ceiling / newstables, long articles | "
        f"{_f(res.get('long_cpu_ratio_to_ceiling'), '.2f')} (the ratio a machine with "
        f"nothing else running would approach; recombined corpus "
        f"{_f(res.get('cpu_ratio_to_ceiling'), '.2f')}) | |",
        f"| **ratio to the ceiling, long articles** | "
        f"**{_f(res.get('long_ratio_to_ceiling'), '.2f')}** | >= 0.90 "
        f"{_yn(_ok(res.get('long_ratio_to_ceiling'), lambda v: v >= 0.90))} |",
        f"| the ceiling with the model's layers on numpy's BLAS (as newstables loads "
        f"it), long articles | {_f(res.get('long_ceiling_numpy_blas_wps'))} words/s: "
        f"newstables at {_f(res.get('long_ratio_to_ceiling_numpy_blas'), '.2f')} of it | |",
        f"| ceiling / newstables, recombined corpus (N={cfg['articles']:,}) | "
        f"{_f(res.get('ceiling_wps'))} / {_f(res.get('ours_wps'))} words/s: ratio "
        f"{_f(res.get('ratio_to_ceiling'), '.2f')} | |",
        f"| peak RSS, long articles, N/10 → N files | "
        f"{_f(res.get('long_peak_rss_mb_small'))} → {_f(res.get('long_peak_rss_mb'))} MB "
        f"({_f(growth, '+.0f')}%) | flat (< 20%) "
        f"{_yn(_ok(res.get('long_rss_growth'), lambda v: v < TARGET_RSS_GROWTH))} |",
    ]
    ten = report.get("ten_k_run") or {}
    if ten.get("wall_s"):
        lines.append(f"| one 10,000-word text (real articles one after another), "
                     f"newstables run | {ten['wall_s']:.1f} s, rc {ten['rc']} | |")
    curve = (report.get("curve") or {}).get("bins")
    if curve:
        lines += ["", "Cost per word by article length (process_batch on one article at a "
                  "time, CPU time; lines = `flows/` lines executed per word, deterministic):",
                  "", "| words | articles | CPU ms / 1,000 words | of which spaCy | the rest "
                  "| flows lines / word |", "|---|---|---|---|---|---|"]
        lines += [f"| {b['bin']} | {b['articles']} | {b['cpu_ms_per_kword']:.0f} | "
                  f"{b['spacy_ms_per_kword']:.0f} | {b['rest_ms_per_kword']:.0f} | "
                  f"{b['flows_lines_per_word']:.0f} |" for b in curve]
    fc = report.get("fixed_cost")
    if fc:
        lines += ["", "Fixed cost (`newstables run` on one long article into a new folder, "
                  "then again: nothing new):", "", "| part | seconds |", "|---|---|"]
        lines += [f"| {k} | {v} |" for k, v in ceiling.fixed_cost_rows(fc)]
    return lines


def _ok(value: float | None, test: Callable[[float], bool]) -> bool | None:
    return None if value is None else test(value)


def _verdict(res: dict[str, Any], key: str) -> str:
    """Medians and best runs agree: met or MISSED; they disagree: unclear (noisy machine)."""
    median = res["targets"][key]
    best = (res.get("targets_best_runs") or {}).get(key, median)
    if median is None or best is None or median == best:
        return _yn(median)
    return (f"**unclear**: {'met' if median else 'missed'} on medians, "
            f"{'met' if best else 'missed'} on best runs")


def _yn(v: bool | None) -> str:
    return "n/a" if v is None else ("**met**" if v else "**MISSED**")


def _f(v: float | None, fmt: str = ",.0f") -> str:
    return "n/a" if v is None else format(v, fmt)


def render(report: dict[str, Any], cores: int) -> str:
    res, runs, cfg = report["results"], report["runs"], report["config"]
    bst = res.get("best") or {}
    m = report["machine"]
    words = res["words"]
    w = f"w{cores}"
    lines = [
        f"newstables bench, {report['started_at'][:19]}Z — {cfg['articles']:,} articles "
        f"({report['corpus']['words_whitespace']:,} words whitespace-split, "
        f"{_f(words)} spaCy words), {m['cores']} cores ({m['cpu']}), "
        f"{cfg['repeats']} repeat(s): median [min–max]",
        f"code: commit {report.get('code', {}).get('commit')}, flows+schemas digest "
        f"{report.get('code', {}).get('digest')}"
        + (" (snapshot taken at the start; the working tree changed during the bench)"
           if report.get("code_changed_during_run") else ""),
        f"background load: 1-min load average before each run, median "
        f"{_f(res.get('loadavg_before'), '.2f')}, max {_f(res.get('loadavg_before_max'), '.2f')} "
        f"(it includes the decaying load of the bench's previous run; well above {cores} means "
        f"other jobs competed for the {cores} cores)",
        "",
        "| measure | value | target |",
        "|---|---|---|",
    ]

    def run_line(label: str, name: str) -> str:
        rs = runs[name]
        walls = [r["wall_s"] for r in rs]
        wps = [words / r["wall_s"] if words else None for r in rs]
        rss = _median([r["peak_rss_mb"] for r in rs])
        return (f"| {label} | {_f(_median(wps))} words/s{_spread(wps)}; "
                f"{_f(_median(walls), '.1f')} s{_spread(walls)}; peak RSS {_f(rss)} MB | |")

    lines += [
        run_line("(a) raw spaCy, n_process=1", "raw_p1"),
        run_line(f"(a) raw spaCy, n_process={cores}", f"raw_p{cores}"),
        run_line("(b) newstables run --workers 1", "cli_w1"),
        run_line(f"(b) newstables run --workers {cores}", f"cli_{w}"),
        f"| ratio (b)/(a) at {cores} cores | {_f(res['ratio_all_cores'], '.2f')} "
        f"(best runs: {_f(bst['ratio_all_cores'], '.2f')}) | "
        f">= {TARGET_RATIO} {_verdict(res, 'ratio_all_cores>=0.85')} |",
        f"| ratio (b)/(a) at 1 core | {_f(res['ratio_1_core'], '.2f')} "
        f"(best runs: {_f(bst['ratio_1_core'], '.2f')}) | |",
        f"| CPU s of the process tree (a) P=1, P={cores}; (b) W=1, W={cores} | "
        + "; ".join(_f(res["cpu_s"][k], ".0f") for k in
                    ("raw_p1", f"raw_p{cores}", "cli_w1", f"cli_w{cores}"))
        + f" (CPU ratio (a)/(b): 1 core {_f(res['cpu_ratio_1'], '.2f')}, "
        f"{cores} cores {_f(res['cpu_ratio_all'], '.2f')}) | |",
        f"| speed-up 1→{cores}, raw spaCy | {_f(res['speedup_raw'], '.2f')}× "
        f"(best runs: {_f(bst['speedup_raw'], '.2f')}×) | |",
        f"| speed-up 1→{cores}, newstables | {_f(res['speedup_ours'], '.2f')}× "
        f"(best runs: {_f(bst['speedup_ours'], '.2f')}×) | >= raw "
        f"{_verdict(res, 'speedup_ours>=speedup_raw')} |",
    ]
    big = runs[f"cli_{w}"]
    growth = None if res["rss_growth"] is None else res["rss_growth"] * 100
    small = runs[f"cli_{w}_small"]

    def parts(rs: list[dict[str, Any]]) -> str:
        best = sorted(rs, key=lambda r: r["peak_rss_mb"])[len(rs) // 2]
        return ", ".join(f"{k} {v:.0f}" for k, v in best["peak_rss_parts_mb"].items())

    lines += [
        f"| peak RSS (b) --workers {cores}, N={cfg['articles']:,} (process tree) | "
        f"{_f(res['peak_rss_mb_n'])} MB ({parts(big)}) | |",
        f"| peak RSS (b) --workers {cores}, N/10={cfg['articles_small']:,} | "
        f"{_f(res['peak_rss_mb_small'])} MB ({parts(small)}) | |",
        f"| peak RSS growth N/10 → N | {_f(growth, '+.0f')}% | "
        f"< 20% {_yn(res['targets']['rss_growth<20%'])} |",
    ]
    def cpu_roles(rs: list[dict[str, Any]]) -> str:
        best = sorted(rs, key=lambda r: r["wall_s"])[len(rs) // 2]
        roles = best.get("cpu_by_role_s") or {}
        return ", ".join(f"{k} {v:.0f}" for k, v in roles.items() if v >= 0.5)

    lines += [
        f"| CPU s by process, (b) --workers {cores}, N={cfg['articles']:,} (median run) | "
        f"{cpu_roles(big)} | |",
        f"| CPU s by process, (b) --workers 1 (median run) | {cpu_roles(runs['cli_w1'])} | |",
    ]
    ob = res["overhead_per_batch_ms"]
    nt = res["noop_task_ms"]
    st = res["startup_s"]
    lines += [
        f"| Prefect overhead per batch, from run summary: (flow s − task s / W) / batches "
        f"(includes worker start) | "
        f"W=1: {_f(ob['cli_w1'])} ms; W={cores}: {_f(ob[f'cli_{w}'])} ms | |",
        f"| no-op Prefect task, ProcessPoolTaskRunner({cores}), submit+wait, median of 20 | "
        f"{_f(nt['process_pool_sequential_median'], '.1f')} ms/task "
        f"(20 at once: {_f(nt['process_pool_concurrent_per_task'], '.1f')} ms/task) | |",
        f"| no-op Prefect task, ThreadPoolTaskRunner(1) (the W=1 path), median of 20 | "
        f"{_f(nt['thread_1_sequential_median'], '.1f')} ms/task | |",
        f"| fixed cost of a run: command wall − flow seconds | W=1: {_f(st['cli_w1'], '.1f')} s; "
        f"W={cores}: {_f(st[f'cli_{w}'], '.1f')} s | |",
        f"| warm-up run (N/10, W={cores}; Prefect DB cold: {cfg['prefect_db_was_cold']}) | "
        f"{report['warmup_run']['wall_s']:.1f} s | |",
    ]
    lines += ["", *render_ceiling(report, cores)]
    tl = report.get("timeline_run", {})
    if tl.get("fixed_costs"):
        lines += ["", f"Where a run's time goes besides spaCy: one `newstables run` of "
                  f"N/10={cfg['articles_small']:,} articles, {cores} workers, with timers "
                  f"(wall {tl['wall_s']:.1f} s):", "", "| part of the run | seconds |",
                  "|---|---|"]
        lines += [f"| {r['step']} | {r['seconds']:.1f} |" for r in tl["fixed_costs"]]
    split = report["split"]
    lines += [
        "",
        f"Where a batch's time goes: flows.batch.process_batch in one process, "
        f"{split['articles']} articles in {split['batches']} batches of {split['batch_size']} "
        f"(+ pickling each result and publishing it, as the flow does), "
        f"median of {split['repeats']}: {split['total_s']:.1f} s "
        f"(model load {split['model_load_s']:.1f} s and first batch not counted)",
        "",
        "| step | seconds | share | target |",
        "|---|---|---|---|",
    ]
    for s in split["steps"]:
        tgt = "" if s["step"] == "spaCy nlp.pipe" else (
            "**over 10%**" if s["share"] > TARGET_STEP_SHARE else "")
        lines.append(f"| {s['step']} | {s['seconds']:.2f} | {s['share'] * 100:.1f}% | {tgt} |")
    ws = res["worst_step"]
    lines.append(f"| largest step but spaCy: {ws['step']} | | {ws['share'] * 100:.1f}% | "
                 f"<= 10% {_yn(res['targets']['no_step_but_spacy>10%'])} |")
    cp = report.get("cprofile")
    if cp:
        lines += ["", f"cProfile self time by module ({cp['total_s']:.1f} s profiled; "
                  "cProfile inflates pure-Python code):", ""]
        lines += [f"  {e['share'] * 100:5.1f}%  {e['seconds']:7.2f} s  {e['module']}"
                  for e in cp["self_time_by_module"][:12]]
    return "\n".join(lines)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "_raw":
        _raw_child(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]),
                   *sys.argv[6:7])
    elif len(sys.argv) > 1 and sys.argv[1] in ("_bodies", "_split", "_cprofile", "_curve"):
        _child_mode(sys.argv[1], sys.argv[2])
    elif len(sys.argv) > 1 and sys.argv[1] == "_timeline":
        timeline.timeline_child(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    elif len(sys.argv) > 1 and sys.argv[1] == "_work":
        _work_child(sys.argv[2])
    elif len(sys.argv) > 1 and sys.argv[1] == "_probe":
        _probe_child(int(sys.argv[2]), int(sys.argv[3]))
    elif len(sys.argv) > 1 and sys.argv[1] == "_ceiling":
        ceiling.ceiling_child(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]),
                              *sys.argv[6:7])
    else:
        sys.exit(main())
