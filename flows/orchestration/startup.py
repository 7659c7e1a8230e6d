"""Start-up without the garbage collector walking the imports again and again.

Importing Prefect, spaCy and the pipeline creates millions of long-lived objects. With
CPython's default thresholds (700, 10, 10) the collector runs hundreds of times meanwhile,
and each full pass walks everything imported so far: importing Prefect's server package
took 3.0-3.3 s of CPU, 2.1-2.5 s with the thresholds raised (and the same with the
collector off); a worker's imports and model load, and the CLI's import of Prefect and
the flow module, each lose ~0.2-0.3 s the same way (session 8, measured while tests ran).

`quiet_gc()` raises the thresholds for a block of start-up work. Collections still
happen (garbage is bounded), just ~70 times less often. On leaving, the previous
thresholds return and what the block built is moved out of later collections
(`gc.freeze()`, as CPython's documentation advises for long-lived start-up state), so a
later full pass does not walk it either. Standard library only: the API server's boot
(`prefect_server.TemporaryServer`) runs the same few lines before it imports Prefect.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

#: Thresholds during start-up: a young-generation pass every 50,000 allocations, not 700.
START_THRESHOLDS = (50_000, 50, 100)


@contextlib.contextmanager
def quiet_gc(freeze: bool = True) -> Iterator[None]:
    """Run the block with the collector's thresholds raised; then restore them and, with
    `freeze`, move every object alive now out of later collections."""
    previous = gc.get_threshold()
    gc.set_threshold(*START_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*previous)
        if freeze:
            gc.freeze()
