"""What a run tells its operators through Prefect: names, log lines, final state, artifacts.

Why a module of its own: `flow.py` decides what runs where; this decides what a person
watching the Prefect UI (or `prefect flow-run logs`) reads. Everything here uses
Prefect's public API: `get_run_logger` (lines that reach the API and the UI, whatever
the console shows), named states (`Completed(name="Quarantined")`: the run stays a
success for schedules and automations, and the UI shows its own name), run-name
callables reading `prefect.runtime`, and the artifact functions.
"""

from __future__ import annotations

import logging
import os
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any
from uuid import UUID

from prefect.artifacts import (
    create_markdown_artifact,
    create_progress_artifact,
    create_table_artifact,
    update_progress_artifact,
)
from prefect.logging import get_run_logger
from prefect.runtime import flow_run, task_run
from prefect.states import Completed, State

from flows.steps.safe_read import shown

if TYPE_CHECKING:
    from flows.orchestration.flow import RunSummary

#: Name of the final state of a run that refused inputs (type COMPLETED).
QUARANTINED = "Quarantined"
#: Runs with at least this many batches publish a progress artifact.
PROGRESS_MIN_BATCHES = 4


def flow_run_name() -> str:
    """`newstables 2026-12-01 13:05 UTC, 12 inputs`: when, and how much, at a glance."""
    inputs = flow_run.parameters.get("inputs") or []
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    from flows.steps import ingest

    try:
        found, rejected = ingest.discover([str(p) for p in inputs])
        n = len(found) + sum(1 for r in rejected if r.path)
    except Exception:  # a name must never fail a run
        return f"newstables {when}"
    return f"newstables {when}, {n} input{'s' if n != 1 else ''}"


def batch_run_name() -> str:
    """`batch 3 (32 articles)`, numbered from 1 as people count."""
    params = task_run.parameters
    n = len(params.get("paths") or [])
    return f"batch {int(params.get('index', 0)) + 1} ({n} article{'s' if n != 1 else ''})"


def logger() -> logging.Logger | logging.LoggerAdapter[logging.Logger]:
    """The run logger inside a flow run; a plain logger when called outside one (tests)."""
    try:
        return get_run_logger()
    except Exception:
        return logging.getLogger("newstables")


def log_inputs(summary: RunSummary, found: int, new: int, refused_before: int) -> None:
    logger().info(
        "inputs: %d found, %d new, %d already published, %d refused now, "
        "%d refused before and unchanged", found, new, summary.articles_skipped,
        len(summary.quarantine), refused_before)


def log_batch(index: int, articles: int, rows: int, seconds: float, refused: int) -> None:
    logger().info("batch %d: %d articles, %d rows, %.1f s%s", index + 1, articles, rows,
                  seconds, f", {refused} refused" if refused else "")


def log_summary(summary: RunSummary) -> None:
    rows = ", ".join(f"{t} {n:,}" for t, n in summary.rows.items() if n)
    logger().info(
        "run %s %s: %d written, %d already published, %d quarantined, %d batches, %.1f s%s",
        summary.run_id[:12], summary.status, summary.articles_written,
        summary.articles_skipped, len(summary.quarantine), summary.batches, summary.seconds,
        f"; rows: {rows}" if rows else "")
    for q in summary.quarantine:
        logger().warning("quarantined %s: %s (%s)", shown(q.get("path") or "(inputs)"),
                         q["reason"], shown(str(q.get("detail", ""))[:200]))


def final_state(summary: RunSummary) -> RunSummary | State[Any]:
    """A run that refused inputs ends `Completed` named "Quarantined", visibly unlike a
    clean run; the data is the summary, so `run()` still returns it."""
    if not summary.quarantine:
        return summary
    return Completed(name=QUARANTINED, data=summary,
                     message=f"{len(summary.quarantine)} input(s) quarantined; see "
                             f"{os.path.join(summary.out, '_quarantine')}")


class Progress:
    """A progress artifact for long runs (many batches); nothing for short ones."""

    def __init__(self, n_batches: int, out: str) -> None:
        self.id: UUID | None = None
        if n_batches >= PROGRESS_MIN_BATCHES:
            try:
                self.id = create_progress_artifact(  # type: ignore[assignment]
                    progress=0.0, key="newstables-progress",
                    description=f"Articles processed into {out}")
            except Exception:  # reporting must never fail a run
                self.id = None

    def update(self, done: int, total: int) -> None:
        if self.id is not None and total:
            try:
                update_progress_artifact(self.id, progress=100.0 * done / total)
            except Exception:
                self.id = None


def publish_artifacts(summary: RunSummary, report_markdown: str | None = None) -> None:
    """Artifacts only when there is something to say: rows written, or inputs refused.

    An empty scheduled run (nothing new in the inbox) writes none, so the latest
    artifacts keep describing the last run that did something. Each names the dataset.
    """
    where = summary.out
    if summary.articles_written:
        create_table_artifact(
            key="newstables-rows",
            table=[{"table": t, "rows": n} for t, n in summary.rows.items()],
            description=f"Rows written by run {summary.run_id} into {where}")
    if summary.quarantine:
        create_table_artifact(
            key="newstables-quarantine",
            table=[{k: str(v) for k, v in q.items()} for q in summary.quarantine],
            description=f"Inputs refused by run {summary.run_id}, with the reason; "
                        f"rows of {os.path.join(where, '_quarantine')}")
    if summary.articles_written or summary.quarantine:
        wps = summary.words / summary.seconds if summary.seconds else 0.0
        create_markdown_artifact(
            key="newstables-report",
            description=f"Run {summary.run_id} on {where}",
            markdown=(
                f"# newstables run {summary.run_id}\n\n"
                f"- dataset: `{where}`\n"
                f"- status: **{summary.status}**\n"
                f"- inputs seen: {summary.inputs_seen}; written: {summary.articles_written}; "
                f"skipped (already published): {summary.articles_skipped}; "
                f"quarantined: {len(summary.quarantine)}\n"
                f"- validation violations: {len(summary.violations)}\n"
                f"- batches: {summary.batches}; seconds: {summary.seconds:.1f}; "
                f"words/s: {wps:,.0f}\n"
                + (f"\n{report_markdown}\n" if report_markdown else "")
            ),
        )
