"""Known failures of a command, each as one line and its own exit code.

Why a table: a person (or a scheduler) must tell "the disk is full" from "the dataset is
damaged" without reading a traceback. The CLI wraps `run`, `compact` and `repair` in
`one_line()`; anything not listed here is a bug: one line, exit 7 (flows/cli.py).

| code | meaning |
|---|---|
| 1 | inputs were quarantined (the run itself succeeded) |
| 2 | usage error, or a store that cannot do what was asked |
| 3 | the dataset lock is held by another run (timed out) |
| 4 | dataset damaged or missing (`newstables repair DIR`); table file unreadable or bad checksum |
| 5 | the output cannot be written: not a folder, read-only file system, permission |
| 6 | no space left on the device |
| 7 | any other failure (the CLI prints one line; NEWSTABLES_DEBUG=1 the traceback) |
| 130 / 143 | interrupted by SIGINT / SIGTERM |
"""

from __future__ import annotations

import errno
from collections.abc import Iterator
from contextlib import contextmanager

EXIT_LOCKED, EXIT_DAMAGED, EXIT_UNWRITABLE, EXIT_DISK_FULL = 3, 4, 5, 6


class Failure(Exception):
    """A known failure: `code` to exit with and `message`, one line."""

    def __init__(self, code: int, message: str) -> None:
        super().__init__(message)
        self.code = code


@contextmanager
def one_line(where: str) -> Iterator[None]:
    """Turn the known failures of a command on `where` into `Failure`."""
    try:
        yield
    except Exception as exc:
        failure = _known(exc, where)
        if failure is None:
            raise
        raise failure from exc


def _known(exc: Exception, where: str) -> Failure | None:
    """The `Failure` that `exc` is, if it is a known one. The storage layer is imported
    only here, when something failed: a run into a new folder need not wait for it."""
    import pyarrow as pa

    from flows.storage import DatasetLocked
    from flows.storage.integrity import Damaged

    if isinstance(exc, DatasetLocked):
        return Failure(EXIT_LOCKED, str(exc))
    if isinstance(exc, Damaged):
        return Failure(EXIT_DAMAGED, str(exc))
    if isinstance(exc, pa.ArrowInvalid):  # e.g. a truncated Parquet file
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return Failure(EXIT_DAMAGED, f"{where}: a table file cannot be read ({first}); "
                       f"`newstables validate {where}` names it")
    if isinstance(exc, OSError):
        if exc.errno == errno.ENOSPC:
            return Failure(EXIT_DISK_FULL, f"{where}: no space left on the device "
                           f"({exc.filename or where}); nothing was published past the last "
                           "complete batch")
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM, errno.ENOTDIR,
                         errno.EEXIST):
            return Failure(EXIT_UNWRITABLE, f"{where}: cannot write the dataset: "
                           f"{exc.strerror} ({exc.filename or where})")
    return None


def preflight(out: str) -> None:
    """Known failures of a local `--out`, found before Prefect starts (and logs tracebacks).

    A path that cannot be created (a file there is a usage error, found earlier by the
    CLI's option checks; here `mkdir` fails with EEXIST), cannot be written, or is a
    damaged dataset stops the run here,
    before any input is read; so does a file of the tables the run reads (`articles`,
    `people`) that fails its checksum (flows/storage/checksums.py). Object-store URLs are
    left to their store.
    """
    import os
    from pathlib import Path

    if "://" in out and not out.startswith("file://"):
        return
    root = Path(out.removeprefix("file://"))
    with one_line(out):
        new = not root.exists()
        root.mkdir(parents=True, exist_ok=True)
        if not os.access(root, os.W_OK):
            raise OSError(errno.EACCES, "permission denied", out)
        if new:  # nothing to check, and the storage layer's import (~0.3 s) can wait
            return
        from flows.storage import checksums, integrity

        integrity.refuse_if_damaged(root)
        checksums.check_current(root, ("articles", "people"))
