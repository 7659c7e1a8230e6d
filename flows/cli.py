"""`newstables` command line: run, validate, schema, compact, serve, sql, report.

Importing this module has no side effect (no environment change, no file): the commands
that run Prefect configure it when they run, before they import it.

Exit codes (README, "Exit codes"): 0 every input written or already in the dataset;
1 inputs quarantined; 2 usage error (bad option, missing path, output is a file, model
not installed, dataset of another schema version, capability the store lacks); 3 the
dataset's lock is held by another run; 4 any other failure. Options are checked by
Click before any import of Prefect or spaCy, so a usage error costs well under a second
and prints one line.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import time
from collections.abc import Callable, Iterator
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Literal, TypeVar

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from flows.orchestration import prefect_server

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Raw news articles in, schema-checked Parquet tables out.")
console = Console(stderr=True)
T = TypeVar("T")

#: Documented exit codes; 3-6 are the known failures of flows/failures.py (locked, damaged,
#: unwritable, disk full), 130/143 an interrupt (flows/interrupts.py).
EXIT_OK, EXIT_QUARANTINED, EXIT_USAGE, EXIT_FAILURE = 0, 1, 2, 7


class Runner(StrEnum):
    local = "local"
    dask = "dask"


class StoreFormat(StrEnum):
    snapshot = "snapshot"
    delta = "delta"


def _version(value: bool) -> None:
    if value:
        import flows

        sys.stdout.write(f"newstables {flows.__version__}\n")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _main_options(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """Raw news articles in, schema-checked Parquet tables out."""


def _usage(message: str) -> typer.Exit:
    """One line on stderr, exit code 2 (as Click does for its own usage errors)."""
    console.print(f"[red]error:[/red] {escape(message)}", soft_wrap=True, highlight=False)
    return typer.Exit(EXIT_USAGE)


def _model_installed(name: str) -> bool:
    """Is the spaCy model a folder or an importable package (or its stand-in)? Checked
    without importing spaCy, which costs seconds."""
    import importlib.util

    from flows.settings import MODEL_ALIASES

    if Path(name).is_dir():
        return True
    return any(importlib.util.find_spec(n) is not None
               for n in (name, MODEL_ALIASES.get(name)) if n and n.isidentifier())


def _check_out(out: str) -> None:
    """--out must be a folder (or an fsspec URL): refuse a file before anything starts."""
    if "://" not in out and Path(out).exists() and not Path(out).is_dir():
        raise _usage(f"--out {out} is a file; give a folder for the dataset")


class _PlainProgress:
    """Progress for a non-terminal (logs, CI): one plain line at most every `every` s."""

    def __init__(self, every: float = 10.0) -> None:
        self.every, self.t0, self.last = every, time.monotonic(), 0.0

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self.last < self.every:
            return
        self.last = now
        elapsed = now - self.t0
        eta = f", about {elapsed / done * (total - done):.0f} s left" if 0 < done < total else ""
        pct = f" ({100 * done / total:.0f} %)" if total else ""
        sys.stderr.write(f"articles {done}/{total}{pct}, {elapsed:.0f} s{eta}\n")
        sys.stderr.flush()


@app.command()
def run(
    paths: Annotated[list[str] | None, typer.Argument(
        help="Article files, folders, or fsspec URLs and globs (s3://b/inbox/*.txt).")] = None,
    out: Annotated[str, typer.Option("--out", help="Output folder or fsspec URL.")] = "data",
    batch_size: Annotated[int | None, typer.Option(min=1, help="Articles per task.")] = None,
    workers: Annotated[int | None, typer.Option(min=1, help="Parallel workers "
                                                        "(default: cores).")] = None,
    model: Annotated[str | None, typer.Option(help="spaCy model package name.")] = None,
    published: Annotated[datetime | None, typer.Option(
        formats=["%Y-%m-%d"], help="Article date (YYYY-MM-DD) when the text has none.")] = None,
    runner: Annotated[Runner | None, typer.Option(help="local (processes) or dask.")] = None,
    dask_address: Annotated[str | None, typer.Option(help="Existing Dask scheduler.")] = None,
    max_bytes: Annotated[int | None, typer.Option(min=1, help="Quarantine larger files.")] = None,
    reprocess: Annotated[bool, typer.Option(help="Rebuild every table from the inputs.")] = False,
    json_summary: Annotated[Path | None, typer.Option(help="Also write the summary here.")] = None,
    any_language: Annotated[bool | None, typer.Option(
        "--any-language", help="Process articles in a language the model does not serve "
        "(default: quarantined as unsupported_language).")] = None,
    column: Annotated[list[str] | None, typer.Option(
        "--column", help="Bulk inputs: FIELD=NAME reads FIELD (text, html, url, title, "
        "published, id) from column or key NAME; repeatable.")] = None,
    format: Annotated[StoreFormat | None, typer.Option(
        help="Local --out: snapshot (default) or delta; object stores are always delta.")] = None,
) -> None:
    """Process the articles under PATHS (default: seeds) into tables under --out."""
    import pydantic

    columns = _columns(column) if column else None  # a usage error exits before any work
    from flows.settings import Settings

    _check_out(out)
    if not paths and not Path("seeds").is_dir():
        raise _usage("no PATHS given and no seeds/ folder here")
    for given in paths or []:  # URLs and globs are listed by the flow; local paths must exist
        if "://" not in given and not any(c in given for c in "*?[") and not Path(given).exists():
            raise _usage(f"input path {given!r} does not exist")
    overrides = {
        "batch_size": batch_size, "workers": workers, "model": model,
        "published": published.date() if published else None,
        "runner": runner.value if runner else None, "dask_address": dask_address,
        "max_bytes": max_bytes, "any_language": any_language, "columns": columns,
        "store_format": format.value if format else None,
    }
    try:
        settings = Settings(**{k: v for k, v in overrides.items() if v is not None})
    except pydantic.ValidationError as exc:  # NEWSTABLES_* variables are checked here
        err = exc.errors()[0]
        raise _usage(f"{'.'.join(map(str, err['loc']))}: {err['msg']} "
                     f"(from a NEWSTABLES_* variable or option)") from exc
    if not _model_installed(settings.model):
        raise _usage(f"spaCy model {settings.model!r} is not installed; install its package "
                     f"or pass --model")
    if reprocess:
        _require(out, "reprocess", "--reprocess")
    inputs = paths or ["seeds"]
    from flows import interrupts
    from flows.failures import preflight

    _known_failures(lambda: preflight(str(out)), str(out))  # before any server starts
    # Before Prefect is imported: the API server boots while the imports below run, and
    # its exported URL is in the settings Prefect reads at import (and its workers inherit).
    prefect_server.prestart()
    from flows.orchestration import workers

    # Also before Prefect: the workers import spaCy and load the model on their own cores
    # while this process imports Prefect and the server boots (flows/orchestration/workers.py).
    _known_failures(lambda: workers.prepare(inputs, str(out), settings, reprocess, keep=True),
                    str(out))
    from flows.orchestration.startup import quiet_gc

    with quiet_gc():  # Prefect and the flow module: ~1.5 s of imports (startup.py)
        from flows.orchestration import flow as pipeline

    t0 = time.perf_counter()
    with _progress_display() as hook:
        pipeline.set_progress_hook(hook)
        try:
            with interrupts.stop_promptly():
                summary = _known_failures(lambda: pipeline.run(inputs, str(out), settings,
                                                               reprocess=reprocess), str(out))
        finally:
            pipeline.set_progress_hook(None)
    seconds = time.perf_counter() - t0

    table = Table(title=f"newstables run → {out}")
    table.add_column("table")
    table.add_column("rows written", justify="right")
    for name, n in summary.rows.items():
        table.add_row(name, f"{n:,}")
    console.print(table)
    console.print(
        f"inputs {summary.inputs_seen}, written {summary.articles_written}, "
        f"already published {summary.articles_skipped}, quarantined {len(summary.quarantine)}, "
        f"{seconds:.1f} s"
    )
    if summary.articles_written == 0 and not summary.quarantine:
        console.print("nothing new to write: every input is already in the dataset")
    if summary.refused_before:
        console.print(f"{summary.refused_before} input(s) refused by an earlier run and "
                      f"unchanged since: not tried again (see _quarantine)")
    from flows.steps.safe_read import shown  # names printed escaped, never raw escapes

    for q in summary.quarantine:
        where = escape(shown(q["path"] or "(inputs)"))
        console.print(f"[red]quarantined[/red] {where}: {q['reason']} — "
                      f"{escape(shown(q['detail']))}", soft_wrap=True, highlight=False)
    if json_summary:
        json_summary.write_text(json.dumps({
            "run_id": summary.run_id, "rows": summary.rows, "seconds": seconds,
            "inputs_seen": summary.inputs_seen, "articles_written": summary.articles_written,
            "articles_skipped": summary.articles_skipped,
            "quarantined": [{k: str(v) for k, v in q.items()} for q in summary.quarantine],
            "words": summary.words, "batches": summary.batches,
            "flow_seconds": summary.seconds, "task_seconds": summary.task_seconds,
        }, indent=2))
    raise typer.Exit(EXIT_OK if summary.ok else EXIT_QUARANTINED)


@contextlib.contextmanager
def _progress_display() -> Iterator[Callable[[int, int], None]]:
    """A bar with the total, count and ETA on a terminal; plain periodic lines elsewhere."""
    if not console.is_terminal:
        yield _PlainProgress()
        return
    with Progress(TextColumn("[bold]articles"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
                  console=console, transient=True) as progress:
        bar = progress.add_task("articles", total=None)
        yield lambda done, total: progress.update(bar, completed=done, total=total)


def _known_failures(work: Callable[[], T], where: str = "") -> T:
    """Known failures as one line and their exit code (flows/failures.py has the table);
    anything else as one line, exit 7 (NEWSTABLES_DEBUG=1 shows the traceback)."""
    try:
        with _one_line(where):
            return work()
    except typer.Exit:
        raise
    except Exception as exc:
        # Imported here, not before `work`: a run into a new folder starts its workers
        # before the storage layer (~0.3 s) is imported (flows/orchestration/workers.py).
        from flows.storage import IncompatibleDataset

        if isinstance(exc, IncompatibleDataset):
            raise _usage(str(exc)) from exc
        if os.environ.get("NEWSTABLES_DEBUG"):
            raise
        console.print(f"[red]failed:[/red] {type(exc).__name__}: {escape(str(exc))} "
                      f"(NEWSTABLES_DEBUG=1 for the traceback)", soft_wrap=True)
        raise typer.Exit(EXIT_FAILURE) from exc


@app.command()
def validate(directory: Annotated[str, typer.Argument(help="Dataset folder or URL.")]) -> None:
    """Re-check every table in DIRECTORY against schemas/, cross-table rules included."""
    from flows.tables import validate as checker

    report = checker.validate_dataset(directory)
    for line in report.lines:
        console.print(line)
    raise typer.Exit(0 if report.ok else 1)


@app.command("schema")
def schema_cmd(table: Annotated[str | None, typer.Argument(help="One table.")] = None) -> None:
    """Print the declared schema as a data dictionary."""
    from flows.tables import schema

    if table and table not in schema.load_declarations():
        console.print(f"unknown table {table!r}; known: {', '.join(schema.load_declarations())}")
        raise typer.Exit(2)
    sys.stdout.write(schema.data_dictionary(table) + "\n")


@app.command()
def files(
    directory: Annotated[str, typer.Argument(help="Dataset folder or URL.")],
    table: Annotated[str, typer.Argument(help="Table name.")],
) -> None:
    """Print the committed Parquet files of TABLE, one per line (for readers of object stores)."""
    from flows.storage import open_dataset

    for f in open_dataset(directory).table_files(table):
        sys.stdout.write(f"{f}\n")


@app.command()
def compact(
    directory: Annotated[str, typer.Argument(help="Dataset folder or URL.")],
    target_mb: Annotated[int, typer.Option(help="Target file size in MB.")] = 128,
) -> None:
    """Merge each table's small files into large ones, atomically; rows are unchanged.

    On Delta tables: optimize, then vacuum files unused for 7 days (README)."""
    from flows.settings import Settings
    from flows.storage import open_dataset

    _require(directory, "compact", "compact")
    ds = open_dataset(directory)
    with _one_line(directory):
        if not ds.exists():  # never create a dataset (a misspelled path)
            from flows.storage.integrity import refuse_if_damaged

            refuse_if_damaged(directory)
            console.print(f"[red]no dataset at {escape(directory)}[/red]")
            raise typer.Exit(4)
        with ds.lock(Settings().lock_timeout,
                     on_wait=lambda: console.print("waiting for the running writer…")):
            counts = ds.compact(target_mb * 1024 * 1024)
    for name, (before, after) in counts.items():
        console.print(f"{name}: {before} files → {after}")


@app.command()
def repair(directory: Annotated[str, typer.Argument(help="Dataset folder.")]) -> None:
    """Point `current` back at the newest intact version; move stray entries aside; drop
    the batches whose files fail their checksum (their inputs are processed again)."""
    from flows.settings import Settings
    from flows.storage import integrity, open_dataset
    from flows.storage.local import LocalDataset

    ds = open_dataset(directory)
    with _one_line(directory), ds.lock(Settings().lock_timeout):
        done = integrity.repair(directory)
        if isinstance(ds, LocalDataset):  # checksums are the local store's (not protocol)
            local: LocalDataset = ds
            done += local.drop_damaged()
    for line in done or ["nothing to repair"]:
        console.print(escape(line))


@contextlib.contextmanager
def _one_line(where: str) -> Iterator[None]:
    """Known failures (flows/failures.py) as one red line and their exit code."""
    from flows.failures import Failure, one_line

    try:
        with one_line(where):
            yield
    except Failure as exc:
        console.print(f"[red]stopped:[/red] {escape(str(exc))}", soft_wrap=True,
                      highlight=False)
        raise typer.Exit(exc.code) from exc


@app.command()
def serve(
    inbox: Annotated[Path, typer.Option(exists=True, file_okay=False,
                                        help="Folder watched for new articles.")],
    out: Annotated[Path, typer.Option(help="Output dataset folder.")] = Path("data"),
    cron: Annotated[str | None, typer.Option(help='Cron schedule, e.g. "*/15 * * * *".')] = None,
    interval: Annotated[float | None, typer.Option(min=1, help="Seconds between runs.")] = None,
    workers: Annotated[int | None, typer.Option(min=1, help="Parallel workers per run.")] = None,
    name: Annotated[str, typer.Option(help="Deployment name.")] = "newstables-inbox",
    done: Annotated[Path | None, typer.Option(file_okay=False, help="Move inputs here once "
                                              "they are in the dataset.")] = None,
) -> None:
    """Serve the flow on a schedule; each run processes what is new in --inbox."""
    if (cron is None) == (interval is None):
        raise _usage("give exactly one of --cron or --interval")
    _check_out(str(out))
    prefect_server.configure()  # before Prefect is imported
    from flows.orchestration import flow as pipeline
    from flows.settings import Settings

    settings = Settings(**({"workers": workers} if workers else {}),
                        done_dir=done.resolve() if done else None, announce=True)
    every = f"on cron {cron!r}" if cron else f"every {interval:g} s"
    console.print(f"serving {name}: {inbox} → {out}, {every}; one line per run below "
                  f"(Ctrl-C stops)", highlight=False, soft_wrap=True)  # one line in logs
    try:
        pipeline.serve(str(inbox), str(out), settings, cron=cron, interval=interval, name=name)
    except RuntimeError as exc:
        raise _usage(str(exc)) from exc


@app.command()
def sql(directory: Annotated[str, typer.Argument(help="Dataset folder or URL.")]) -> None:
    """Print DuckDB views of every table (with column comments) and `_current` views of
    the latest version of each input file: `newstables sql data | duckdb`."""
    from flows.tables.sql import duckdb_views

    sys.stdout.write(duckdb_views(directory))


@app.command()
def report(
    directory: Annotated[str, typer.Argument(help="Dataset folder.")],
    output: Annotated[Path, typer.Option("-o", "--output", dir_okay=False,
                                         help="HTML file to write.")] = Path("report.html"),
) -> None:
    """Write one self-contained, offline HTML page about the dataset."""
    from flows.storage import open_dataset

    if not open_dataset(directory).exists():
        raise _usage(f"{directory} is not a newstables dataset (no tables there)")
    from flows.report import write_report

    _known_failures(lambda: write_report(directory, output))
    console.print(f"report written to {output}", highlight=False)


def _columns(pairs: list[str]) -> dict[str, str]:
    """--column FIELD=NAME pairs as a mapping; a malformed one is a usage error (exit 2)."""
    from flows.steps.sources import FIELDS

    out: dict[str, str] = {}
    for pair in pairs:
        field, sep, name = pair.partition("=")
        if not sep or field.strip() not in FIELDS or not name.strip():
            raise _usage(f"--column {pair!r}: expected FIELD=NAME with FIELD one of "
                         f"{', '.join(FIELDS)}")
        out[field.strip()] = name.strip()
    return out


def _require(location: str, capability: Literal["reprocess", "compact"], action: str) -> None:
    """Refuse up front, in one line and with exit code 2, what the store cannot do."""
    from flows.storage import Unsupported, open_dataset, require

    try:
        require(open_dataset(location), capability, action)
    except Unsupported as exc:
        console.print(f"[red]{escape(str(exc))}[/red]", soft_wrap=True)
        raise typer.Exit(2) from exc


def main() -> None:
    """The `newstables` command: Click's usage errors as one line and exit code 2 (the
    default would draw a multi-line box); everything else as Typer does it."""
    # Typer 0.29 ships its own Click; its exceptions are reached through the public
    # `typer.BadParameter` (a UsageError) and `typer.TyperException` (a ClickException).
    usage_error = typer.BadParameter.__mro__[1]
    try:
        rv = app(standalone_mode=False)
    except usage_error as exc:
        cmd = exc.ctx.command_path if getattr(exc, "ctx", None) else "newstables"
        console.print(f"[red]error:[/red] {cmd}: {escape(exc.format_message())}",
                      soft_wrap=True, highlight=False)
        sys.exit(EXIT_USAGE)
    except typer.Abort:
        sys.exit(130)
    except typer.TyperException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    sys.exit(rv if isinstance(rv, int) else EXIT_OK)


if __name__ == "__main__":
    main()
