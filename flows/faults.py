"""Crash points for the crash-safety tests: the process kills itself at the N-th one.

`NEWSTABLES_CRASH_AT=N` makes the N-th checkpoint of the run send SIGKILL to its own
process, the same death as an OOM kill or `kill -9`: no cleanup, no `finally`.
`NEWSTABLES_CRASH_COUNT=FILE` instead appends each checkpoint's name to FILE, so a
test can learn how many points a run has and spread its kills over all of them.
`NEWSTABLES_FAIL_AT=NAME:ERRNO` (e.g. `written articles:ENOSPC`) makes every checkpoint
called NAME raise `OSError(ERRNO)` instead, as a full disk or a file system remounted
read-only would at that point: the failure tests reach the one-line messages and exit
codes of flows/failures.py without filling a disk or needing root.
Unset (always, in production) a checkpoint costs three dictionary lookups.
"""

from __future__ import annotations

import errno
import os
import signal

_count = 0


def checkpoint(name: str) -> None:
    global _count
    crash_at = os.environ.get("NEWSTABLES_CRASH_AT")
    record = os.environ.get("NEWSTABLES_CRASH_COUNT")
    fail_at = os.environ.get("NEWSTABLES_FAIL_AT")
    if crash_at is None and record is None and fail_at is None:
        return
    if fail_at is not None:
        where, _, code = fail_at.rpartition(":")
        if where == name:
            number = getattr(errno, code)
            raise OSError(number, os.strerror(number), f"injected at {name}")
    _count += 1
    if record:
        with open(record, "a", encoding="utf-8") as fh:
            fh.write(f"{_count}\t{name}\n")
    if crash_at is not None and _count == int(crash_at):
        os.kill(os.getpid(), signal.SIGKILL)
