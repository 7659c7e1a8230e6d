"""`newstables` command line: run, validate, schema, compact, serve.

Importing this module has no side effect (no environment change, no file): the commands
that run Prefect configure it when they run, before they import it.
"""

from __future__ import annotations

import contextlib
import json
import sys
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Annotated, Literal

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from flows.orchestration import prefect_server

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Raw news articles in, schema-checked Parquet tables out.")
console = Console(stderr=True)


@app.command()
def run(
    paths: Annotated[list[Path] | None, typer.Argument(help="Article files or folders.")] = None,
    out: Annotated[str, typer.Option("--out", help="Output folder or fsspec URL.")] = "data",
    batch_size: Annotated[int | None, typer.Option(help="Articles per task.")] = None,
    workers: Annotated[int | None, typer.Option(help="Parallel workers (default: cores).")] = None,
    model: Annotated[str | None, typer.Option(help="spaCy model package name.")] = None,
    published: Annotated[str | None, typer.Option(help="Article date (YYYY-MM-DD) when "
                                                         "the text has none.")] = None,
    runner: Annotated[str | None, typer.Option(help="local (processes) or dask.")] = None,
    dask_address: Annotated[str | None, typer.Option(help="Existing Dask scheduler.")] = None,
    max_bytes: Annotated[int | None, typer.Option(help="Quarantine larger files.")] = None,
    reprocess: Annotated[bool, typer.Option(help="Rebuild every table from the inputs.")] = False,
    json_summary: Annotated[Path | None, typer.Option(help="Also write the summary here.")] = None,
) -> None:
    """Process the articles under PATHS (default: seeds) into tables under --out."""
    # Before Prefect is imported: the API server boots while the imports below run, and
    # its exported URL is in the settings Prefect reads at import (and its workers inherit).
    prefect_server.prestart()
    from flows.settings import Settings

    overrides = {
        "batch_size": batch_size, "workers": workers, "model": model,
        "published": date.fromisoformat(published) if published else None,
        "runner": runner, "dask_address": dask_address, "max_bytes": max_bytes,
    }
    settings = Settings(**{k: v for k, v in overrides.items() if v is not None})
    if reprocess:
        _require(out, "reprocess", "--reprocess")
    inputs = [str(p) for p in (paths or [Path("seeds")])]
    from flows import interrupts
    from flows.failures import preflight
    from flows.orchestration import flow as pipeline

    t0 = time.perf_counter()
    with Progress(TextColumn("[bold]articles"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=console, transient=True) as progress:
        bar = progress.add_task("articles", total=None)
        pipeline.set_progress_hook(lambda done, total: progress.update(bar, completed=done,
                                                                       total=total))
        try:
            with _one_line(str(out)), interrupts.stop_promptly():
                preflight(str(out))
                summary = pipeline.run(inputs, str(out), settings, reprocess=reprocess)
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
    raise typer.Exit(0 if summary.ok else 1)


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
    directory: Annotated[str, typer.Argument(help="Dataset folder.")],
    target_mb: Annotated[int, typer.Option(help="Target file size in MB.")] = 128,
) -> None:
    """Merge each table's small files into large ones, atomically; rows are unchanged."""
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
    """Point `current` back at the newest intact version; move stray entries aside."""
    from flows.settings import Settings
    from flows.storage import integrity, open_dataset

    ds = open_dataset(directory)
    with _one_line(directory), ds.lock(Settings().lock_timeout):
        done = integrity.repair(directory)
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
    inbox: Annotated[Path, typer.Option(help="Folder watched for new articles.")],
    out: Annotated[Path, typer.Option(help="Output dataset folder.")] = Path("data"),
    cron: Annotated[str | None, typer.Option(help='Cron schedule, e.g. "*/15 * * * *".')] = None,
    interval: Annotated[float | None, typer.Option(help="Seconds between runs.")] = None,
    workers: Annotated[int | None, typer.Option(help="Parallel workers per run.")] = None,
    name: Annotated[str, typer.Option(help="Deployment name.")] = "newstables-inbox",
) -> None:
    """Serve the flow on a schedule; each run processes what is new in --inbox."""
    prefect_server.configure()  # before Prefect is imported
    from flows.orchestration import flow as pipeline
    from flows.settings import Settings

    if (cron is None) == (interval is None):
        console.print("give exactly one of --cron or --interval")
        raise typer.Exit(2)
    settings = Settings(**({"workers": workers} if workers else {}))
    try:
        pipeline.serve(str(inbox), str(out), settings, cron=cron, interval=interval, name=name)
    except RuntimeError as exc:
        console.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from exc


def _require(location: str, capability: Literal["reprocess", "compact"], action: str) -> None:
    """Refuse up front, in one line and with exit code 2, what the store cannot do."""
    from flows.storage import Unsupported, open_dataset, require

    try:
        require(open_dataset(location), capability, action)
    except Unsupported as exc:
        console.print(f"[red]{escape(str(exc))}[/red]", soft_wrap=True)
        raise typer.Exit(2) from exc


if __name__ == "__main__":
    app()
