"""Where a run's fixed cost goes: `newstables run` in-process, with timers on its parts.

`python -m bench _timeline CORPUS OUT W` runs the CLI's `run` command in this process,
as the `newstables` script does, with wall-clock timers (relative to the birth of the
process) wrapped around the parts a run pays besides its articles: the imports, the
temporary Prefect server (spawned first thing, waited for when the flow starts), the
flow engine before and after the flow body, the body's own bookkeeping, the drain of
logs and events, and the CPU seconds of the server process. The last line of the
report is printed from an `atexit` hook registered before anything else, so it runs
after the server is stopped; what is left (interpreter shutdown) is the parent's wall
time minus the child's `end_s`.

Run twice on the same OUT, it measures a one-article run and then a run that finds
nothing new (`bench/__main__.py: fixed_cost`).
"""

from __future__ import annotations

import atexit
import functools
import json
import sys
import threading
import time
from pathlib import Path
from typing import Any


def timeline_child(corpus: str, out: str, workers: int) -> None:
    import psutil

    born = psutil.Process().create_time()
    events: list[dict[str, Any]] = []
    extra: dict[str, Any] = {}

    def record(label: str, start: float, end: float) -> None:
        events.append({"step": label, "start_s": round(start - born, 3),
                       "end_s": round(end - born, 3), "seconds": round(end - start, 3),
                       "thread": threading.current_thread().name})

    def wrap(owner: Any, attr: str, label: str) -> None:
        original = getattr(owner, attr, None)
        if original is None:  # a part this version of the code does not have
            return

        @functools.wraps(original)
        def timed(*a: Any, **k: Any) -> Any:
            t = time.time()
            try:
                return original(*a, **k)
            finally:
                record(label, t, time.time())

        setattr(owner, attr, timed)

    def report() -> None:
        print("TIMELINE " + json.dumps({"events": events, "end_s": round(time.time() - born, 3),
                                        **extra}), flush=True)

    atexit.register(report)  # registered first: runs last, after the server's stop
    t = time.time()
    record("interpreter start → bench code", born, t)
    import flows.cli as cli
    from flows.orchestration import prefect_server

    record("import flows.cli", t, time.time())
    extra["flows_from"] = str(Path(cli.__file__).parent)
    wrap(prefect_server.TemporaryServer, "start", "server: spawn")
    wrap(prefect_server.TemporaryServer, "wait", "server: wait until it answers")
    wrap(prefect_server.TemporaryServer, "stop", "server: stop")
    original_stop = prefect_server.TemporaryServer.stop

    def stop_with_cpu(self: Any) -> None:  # the server's own CPU, before it goes
        if self.process is not None:
            try:
                ct = psutil.Process(self.process.pid).cpu_times()
                extra["server_cpu_s"] = round(ct.user + ct.system, 2)
            except psutil.Error:
                pass
        original_stop(self)

    prefect_server.TemporaryServer.stop = stop_with_cpu  # type: ignore[method-assign]
    # As `cli.run` does first: the server boots while the imports below run.
    prefect_server.prestart()
    t = time.time()
    import prefect  # noqa: F401

    t1 = time.time()
    record("import prefect", t, t1)
    from flows.orchestration import flow as pipeline
    from flows.orchestration import reporting
    from flows.orchestration import workers as pool
    from flows.steps import ingest
    from flows.storage.local import LocalDataset

    record("import flows.orchestration.flow (without prefect)", t1, time.time())
    wrap(prefect_server, "_drain", "drain logs and events to the server")
    wrap(ingest, "discover", "discover inputs")
    wrap(pipeline, "_run_batches", "all batches")
    wrap(pool, "prepare", "discover, plan, start the worker processes")
    wrap(reporting, "publish_artifacts", "Prefect artifacts")
    wrap(LocalDataset, "publish", "publish one batch (flow process)")
    wrap(LocalDataset, "append_log", "append _runs/_quarantine rows")
    wrap(pipeline.build_tables, "fn", "flow body")
    wrap(pipeline, "run", "pipeline.run")
    t = time.time()
    try:
        cli.run(paths=[corpus], out=out, workers=workers)
    except (SystemExit, Exception) as exc:  # typer.Exit carries the exit code
        code = getattr(exc, "exit_code", getattr(exc, "code", None))
        if code not in (0, None):
            print(f"run ended with {exc!r}", file=sys.stderr)
    done = time.time()
    record("cli.run command", t, done)
    extra["cpu_flow_process_s"] = round(time.process_time(), 2)
    # Registered last, so it runs first of the exit handlers: after the interpreter has
    # joined the threads left running (threading._shutdown), before Prefect's handlers.
    atexit.register(lambda: record("exit: threads joined", done, time.time()))


def phases(tl: dict[str, Any], wall: float) -> list[dict[str, Any]]:
    """The timeline as consecutive parts of the main thread's time, plus what overlapped.

    Each row is a stretch between two recorded instants, so the rows add up to the
    command's wall time (whatever the part, nothing is counted twice).
    """
    ev = [e for e in tl["events"] if e.get("thread", "MainThread") == "MainThread"]

    def first(step: str) -> dict[str, Any] | None:
        return next((e for e in ev if e["step"] == step), None)

    def last(step: str) -> dict[str, Any] | None:
        return next((e for e in reversed(ev) if e["step"] == step), None)

    def total(step: str) -> float:
        return sum(e["seconds"] for e in ev if e["step"] == step)

    cli_cmd, run = first("cli.run command"), first("pipeline.run")
    wait, body = first("server: wait until it answers"), first("flow body")
    drain, batches = last("drain logs and events to the server"), first("all batches")
    imports_end = first("import flows.orchestration.flow (without prefect)")
    if not (cli_cmd and run and body and imports_end):
        return []
    rows: list[tuple[str, float]] = []
    prefect_import = first("import prefect")
    rows.append(("interpreter start, import flows.cli, spawn the server",
                 prefect_import["start_s"] if prefect_import else 0.0))
    rows.append(("import prefect", prefect_import["seconds"] if prefect_import else 0.0))
    rows.append(("import flows.orchestration.flow (without prefect)", imports_end["seconds"]))
    rows.append(("CLI option checks, discover inputs, plan, start the workers",
                 (wait["start_s"] if wait else body["start_s"]) - imports_end["end_s"]))
    if wait:
        rows.append(("wait for the temporary server to answer (booting since the spawn)",
                     wait["seconds"]))
    rows.append(("flow engine before the body (flow run created, task runner started)",
                 body["start_s"] - (wait["end_s"] if wait else imports_end["end_s"])))
    if batches:
        rows.append(("flow body before the batches (lock, discovery, hashing, known ids)",
                     batches["start_s"] - body["start_s"]))
        rows.append(("all batches (worker spawn, model load, articles, publishing)",
                     batches["seconds"]))
        rows.append(("flow body after the batches (_runs row, log lines, artifacts)",
                     body["end_s"] - batches["end_s"]))
    else:
        rows.append(("flow body", body["seconds"]))
    after_body = (drain["start_s"] if drain else run["end_s"]) - body["end_s"]
    rows.append(("flow engine after the body (final state, task runner shut down)", after_body))
    if drain:
        rows.append(("drain logs and events to the server", drain["seconds"]))
    rows.append(("CLI summary table", cli_cmd["end_s"] - run["end_s"]))
    joined, stop = first("exit: threads joined"), last("server: stop")
    if joined and stop:
        rows.append(("exit: join the threads still running", joined["seconds"]))
        rows.append(("exit: Prefect's exit handlers", stop["start_s"] - joined["end_s"]))
        rows.append(("exit: stop the server", stop["seconds"]))
        rows.append(("exit: the rest of the interpreter's shutdown", wall - stop["end_s"]))
    else:
        rows.append(("server stop, interpreter exit", wall - cli_cmd["end_s"]))
    overlapped = [
        ("  overlapped: the server's boot, spawn to answering",
         (wait["end_s"] - first("server: spawn")["start_s"]) if wait and first("server: spawn")
         else None),
        ("  overlapped: model warm-up (while the server boots)",
         total("model warm-up while the server boots") or None),
        ("  of the batches: publishing in the flow process",
         total("publish one batch (flow process)") or None),
        ("  of the body: Prefect artifacts", total("Prefect artifacts") or None),
        ("  CPU of the flow process (whole run)", tl.get("cpu_flow_process_s")),
        ("  CPU of the temporary server (whole run)", tl.get("server_cpu_s")),
    ]
    rows += [(k, v) for k, v in overlapped if v is not None]
    return [{"step": k, "seconds": round(v, 2)} for k, v in rows]
