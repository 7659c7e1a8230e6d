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
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


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
    old = {s: signal.signal(s, _stop) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for s, handler in old.items():
            signal.signal(s, handler)


def ignore_in_worker() -> None:  # pragma: no cover - runs in process workers
    """Workers leave interrupts to the CLI: they end when it ends."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
