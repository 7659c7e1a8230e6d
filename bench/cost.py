"""Counted cost: Python lines executed in `flows/`, a deterministic stand-in for CPU time.

Why counted and not timed: on a shared machine a timing moves with the neighbours'
load, and a test must never assert a timing. The number of lines of `flows/` code an
interpreter executes for the same input is the same on every machine and every run, and
it grows with the work our own code does: a loop over every cluster for every mention
shows as quadratic growth however fast the machine is. Code in spaCy, the standard
library and C extensions is not counted (it is not ours to make linear; spaCy's cost
per word is the ceiling the bench measures).

`bench.cost.lines(fn, *args)` runs `fn` under `sys.settrace` and returns (result,
lines executed in files under `flows/`). Tracing slows the traced code 10-30×: use it
on one article, not a corpus.
"""

from __future__ import annotations

import sys
import threading
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any, TypeVar

T = TypeVar("T")
FLOWS = str(Path(__file__).resolve().parent.parent / "flows")


def lines(fn: Callable[..., T], *args: Any, by_function: Counter[str] | None = None,
          **kwargs: Any) -> tuple[T, int]:
    """`fn(*args, **kwargs)` and the number of `flows/` lines it executed.

    With `by_function`, the count is also split by `file:function` into that Counter
    (where the lines went, for finding what grows).
    """
    import flows

    roots = tuple({FLOWS, str(Path(flows.__file__).resolve().parent)})
    count = 0
    ours: dict[Any, str | None] = {}

    def local(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal count
        if event == "line":
            count += 1
            if by_function is not None:
                by_function[ours[frame.f_code]] += 1  # type: ignore[index]
        return local

    def global_(frame: FrameType, event: str, arg: Any) -> Any:
        code = frame.f_code
        name = ours.get(code, "")
        if name == "":
            path = str(Path(code.co_filename).resolve()) if code.co_filename[:1] != "<" else ""
            name = (f"{Path(path).name}:{code.co_name}"
                    if path.startswith(roots) else None)
            ours[code] = name
        return local if name is not None else None

    previous = sys.gettrace()
    sys.settrace(global_)
    threading.settrace(global_)
    try:
        result = fn(*args, **kwargs)
    finally:
        sys.settrace(previous)
        threading.settrace(previous)  # type: ignore[arg-type]
    return result, count
