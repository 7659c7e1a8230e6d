"""Flow-run heartbeats that stop the moment the flow body ends.

Heartbeats let a long-lived Prefect server tell a crashed run from a slow one (an
automation on missing `prefect.flow-run.heartbeat` events marks it Crashed). Prefect's
sync flow engine sends them from a thread that sleeps in 1 s steps and joins that thread
when the flow ends, so every run against a standing server waited for the rest of a
second: 0.58 s [0.28-0.88] of a one-article run, 0.93 s of a run that found nothing new
(`python -m bench --fixed`, session 8; 0.03 s against the temporary server, where
heartbeats are off).

So `flow.run()` calls the flow inside `own()`, which turns Prefect's heartbeat off and
hands its interval to the flow body, which sends the same events from `beating()`: the event
Prefect sends, about the same resource, with the same related flow, deployment and
tags, through Prefect's public `emit_event`, from a thread that waits on an `Event`,
so that stopping it takes no time. Runs started by Prefect itself (a deployment's run
under `serve` or a worker) never pass through `flow.run()` and keep Prefect's own.
Hand-written for the measured second; the event is Prefect's (`tests/orchestration/
test_heartbeats.py` reads it back from a real server).
"""

from __future__ import annotations

import contextlib
import contextvars
import threading
from collections.abc import Iterator
from typing import Any

EVENT = "prefect.flow-run.heartbeat"


#: The interval `own()` took from Prefect's settings, for `beating()` in the flow body.
_SECONDS: contextvars.ContextVar[int | None] = contextvars.ContextVar(
    "newstables_heartbeat_seconds", default=None)


@contextlib.contextmanager
def own() -> Iterator[None]:
    """Flows started in this block beat from `beating()`, not from Prefect's engine:
    Prefect's heartbeat is off in the block and its interval is handed to the body."""
    import prefect.settings

    token = _SECONDS.set(prefect.settings.get_current_settings().flows.heartbeat_frequency)
    try:
        with prefect.settings.temporary_settings(
                updates={prefect.settings.PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
            yield
    finally:
        _SECONDS.reset(token)


def event_about(flow_run: Any, flow_name: str) -> tuple[dict[str, str], list[dict[str, str]]]:
    """The heartbeat's resource and related resources, as Prefect's engine builds them."""
    from prefect import __version__

    resource = {"prefect.resource.id": f"prefect.flow-run.{flow_run.id}",
                "prefect.resource.name": flow_run.name or "",
                "prefect.version": __version__}
    related = []
    if flow_run.flow_id:
        related.append({"prefect.resource.id": f"prefect.flow.{flow_run.flow_id}",
                        "prefect.resource.role": "flow", "prefect.resource.name": flow_name})
    if flow_run.deployment_id:
        related.append({"prefect.resource.id": f"prefect.deployment.{flow_run.deployment_id}",
                        "prefect.resource.role": "deployment"})
    related += [{"prefect.resource.id": f"prefect.tag.{tag}", "prefect.resource.role": "tag"}
                for tag in sorted(set(flow_run.tags or []))]
    return resource, related


@contextlib.contextmanager
def beating() -> Iterator[None]:
    """In a flow body: a heartbeat now and every interval `own()` handed over, until the
    block ends. Nothing outside `own()` (Prefect's own heartbeat is on there) or with
    heartbeats off. A failed emit never fails the run (the events worker logs it).
    """
    from prefect.context import FlowRunContext
    from prefect.events import emit_event

    seconds = _SECONDS.get()
    context = FlowRunContext.get()
    if not seconds or context is None or context.flow_run is None:
        yield
        return
    resource, related = event_about(context.flow_run, context.flow.name)
    stop = threading.Event()

    def loop() -> None:
        while True:
            with contextlib.suppress(Exception):
                emit_event(event=EVENT, resource=resource, related=related)
            if stop.wait(seconds):
                return

    # The flow's context (settings, API URL) goes with the thread, as Prefect's does.
    thread = threading.Thread(target=contextvars.copy_context().run, args=(loop,),
                              name="newstables-heartbeat", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(1.0)  # it wakes on the event at once: no 1 s sleep to sit out
