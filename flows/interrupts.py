"""SIGINT and SIGTERM end a run promptly, whatever the process pool is doing.

Why: Ctrl-C reaches the whole process group. Workers died of it, Prefect's futures were
then never resolved, and the CLI waited forever in `as_completed` with the lock held.
Now the CLI process alone decides: workers ignore SIGINT (`init_worker`; they die with
the CLI through `PR_SET_PDEATHSIG`), and the CLI, on the first SIGINT or SIGTERM, prints
one line and leaves at once with exit code 130 or 143 (`os._exit`: no handler of
Prefect's or of the pool can keep it waiting). That is the death the crash-safety
guarantees already cover (the kill test): nothing half-published is visible, the file
lock dies with the process, and the next run removes what this one left and resumes.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

#: True while the CLI's `stop_promptly` block runs (a deployment's flow leaves it False).
_armed = False
#: Seconds Prefect's own SIGTERM path gets before the backstop ends the process.
GRACE_SECONDS = 3.0


def _stop(signum: int, _frame: FrameType | None) -> None:
    name = signal.Signals(signum).name
    try:
        sys.stderr.write(f"\ninterrupted by {name}: stopped; published batches are kept, "
                         "the next run resumes\n")
        sys.stderr.flush()
    finally:
        os._exit(128 + signum)


@contextmanager
def stop_promptly() -> Iterator[None]:
    """While the block runs, SIGINT and SIGTERM end the process at once (see module)."""
    global _armed
    old = {s: signal.signal(s, _stop) for s in (signal.SIGINT, signal.SIGTERM)}
    _armed = True
    try:
        yield
    finally:
        _armed = False
        for s, handler in old.items():
            signal.signal(s, handler)


@contextmanager
def backstop_prefect_sigterm() -> Iterator[None]:
    """Inside the flow, make SIGTERM end a CLI run even when Prefect's handler is lost.

    Why: while a flow runs, Prefect replaces our SIGTERM handler with one that raises
    `TerminationSignal`, marks the run Crashed, and re-sends the signal to the handler it
    replaced (ours, which exits 143). But an exception raised in a signal handler is
    swallowed when the main thread happens to be inside a `__del__` or a weakref callback:
    Python prints "Exception ignored ... Traceback" and the run went on to exit 0 (seen in
    CI). So we wrap Prefect's handler: it still runs first, so the run is marked Crashed
    when its exception arrives. If that exception is lost, `sys.unraisablehook` (the
    public hook Python calls for it) sees it and we stop at once, with our one line. And
    a non-daemon timer stops the process after `GRACE_SECONDS` whatever else happened to
    it. Only CLI runs are wrapped; a deployment's cancellation is left to Prefect.
    """
    if not _armed or threading.current_thread() is not threading.main_thread():
        yield
        return
    prefect_handler = signal.getsignal(signal.SIGTERM)
    previous_hook = sys.unraisablehook
    raised: list[BaseException] = []

    def handler(signum: int, frame: FrameType | None) -> Any:
        threading.Timer(GRACE_SECONDS, _stop, (signum, None)).start()  # non-daemon
        if not callable(prefect_handler):
            return _stop(signum, frame)
        try:
            return prefect_handler(signum, frame)
        except BaseException as exc:
            raised.append(exc)
            raise

    def lost(unraisable: Any) -> None:
        if raised and unraisable.exc_value is raised[-1]:
            _stop(signal.SIGTERM, None)  # Prefect's exception was swallowed: stop here
        previous_hook(unraisable)

    signal.signal(signal.SIGTERM, handler)
    sys.unraisablehook = lost
    try:
        yield
    finally:
        sys.unraisablehook = previous_hook
        if signal.getsignal(signal.SIGTERM) is handler:
            signal.signal(signal.SIGTERM, prefect_handler)


def ignore_in_worker() -> None:  # pragma: no cover - runs in process workers
    """Workers leave interrupts to the CLI: they end when it ends."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
