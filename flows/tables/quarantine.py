"""One `_quarantine` row: why an input was refused, where and when.

A module of its own (standard library only) because both sides of a run build these
rows: the workers (`flows.batch`, for articles refused while processing) and the flow
process (`flows.orchestration.flow`, for inputs refused at discovery). The flow process
must not import `flows.batch`, which pulls in spaCy and the claims engine (~1-2 s of
imports a run that finds nothing new would pay for nothing; `make bench`, fixed cost).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any


def quarantine_row(path: str, stage: str, reason: str, detail: str, run_id: str,
                   article_id: str | None = None, locator: str | None = None
                   ) -> dict[str, Any]:
    return {
        "run_id": run_id,
        "path": path,
        "locator": locator,
        "stage": stage,
        "reason": reason,
        "detail": detail,
        "article_id": article_id,
        "quarantined_at": datetime.now(UTC),
    }
