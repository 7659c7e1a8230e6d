"""Per-article progress across worker processes: a tick file the workers append to.

Why a file: batches run in separate processes (`flows/orchestration/workers.py`), and
only a batch's result comes back to the flow, so a count kept in the flow moves per
batch (32 articles, tens of seconds). Each worker appends one byte per article it has
handled to a per-run file (`O_APPEND`: concurrent appends never overwrite each other);
the flow process reads the file's size a few times a second (`Poller`). No Prefect, no
multiprocessing manager (a file outlives any pool and needs no server process), one
`open`/`write`/`close` per article (~20 µs against a spaCy article's tens of ms).

Dask workers may run on other machines, which cannot see the file: there the flow
counts per batch (`flows.orchestration.flow`).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import threading
from collections.abc import Callable

#: Seconds between two reads of the tick file.
POLL_SECONDS = 0.25


class TickFile:
    """A per-run file; calling an instance (in any process) adds `n` articles done.

    Picklable (only the path travels to a worker).
    """

    def __init__(self, path: str) -> None:
        self.path = path

    @classmethod
    def create(cls) -> TickFile:
        fd, path = tempfile.mkstemp(prefix="newstables-progress-")
        os.close(fd)
        return cls(path)

    def __call__(self, n: int = 1) -> None:
        if n <= 0:
            return
        with contextlib.suppress(OSError):  # progress must never fail a batch
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND)
            try:
                os.write(fd, b"." * n)
            finally:
                os.close(fd)

    def count(self) -> int:
        try:
            return os.stat(self.path).st_size
        except OSError:
            return 0

    def remove(self) -> None:
        with contextlib.suppress(OSError):
            os.unlink(self.path)


class Poller:
    """A daemon thread calling `on_count(ticks)` whenever the tick file grows."""

    def __init__(self, ticks: TickFile, on_count: Callable[[int], None],
                 every: float | None = None) -> None:
        self.ticks, self.on_count = ticks, on_count
        self.every = POLL_SECONDS if every is None else every
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="newstables-progress",
                                        daemon=True)

    def _loop(self) -> None:
        last = 0
        while not self._stop.wait(self.every):
            n = self.ticks.count()
            if n != last:
                last = n
                with contextlib.suppress(Exception):  # a display error stops nothing
                    self.on_count(n)

    def start(self) -> Poller:
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop polling and remove the tick file."""
        self._stop.set()
        self._thread.join()
        self.ticks.remove()


class Reporter:
    """What the hook is shown: articles published, or ticked by workers if more, never
    going back (ticks run ahead of publishing; the thread and the flow both report)."""

    def __init__(self, hook: Callable[[int, int], None] | None, total: int) -> None:
        self.hook, self.total, self.shown = hook, total, -1
        self._lock = threading.Lock()

    def published(self, done: int) -> None:
        self._show(done)

    def ticked(self, n: int) -> None:
        self._show(min(n, self.total))

    def _show(self, done: int) -> None:
        with self._lock:
            if self.hook is None or done <= self.shown:
                return
            self.shown = done
            self.hook(done, max(self.total, done))
