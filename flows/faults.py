"""Crash points for the crash-safety tests: the process kills itself at the N-th one.

`NEWSTABLES_CRASH_AT=N` makes the N-th checkpoint of the run send SIGKILL to its own
process, the same death as an OOM kill or `kill -9`: no cleanup, no `finally`.
`NEWSTABLES_CRASH_COUNT=FILE` instead appends each checkpoint's name to FILE, so a
test can learn how many points a run has and spread its kills over all of them.
Unset (always, in production) a checkpoint costs one dictionary lookup.
"""

from __future__ import annotations

import os
import signal

_count = 0


def checkpoint(name: str) -> None:
    global _count
    crash_at = os.environ.get("NEWSTABLES_CRASH_AT")
    record = os.environ.get("NEWSTABLES_CRASH_COUNT")
    if crash_at is None and record is None:
        return
    _count += 1
    if record:
        with open(record, "a", encoding="utf-8") as fh:
            fh.write(f"{_count}\t{name}\n")
    if crash_at is not None and _count == int(crash_at):
        os.kill(os.getpid(), signal.SIGKILL)
