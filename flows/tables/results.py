"""What a batch hands back to the flow: its tables, and what it refused.

In a module of its own, with nothing heavier than polars, because a result crosses a
process boundary: the flow process unpickles it, and must not import spaCy and the
pipeline's steps for that (`flows/orchestration/workers.py`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import polars as pl


@dataclass
class BatchResult:
    """What a task hands back to the flow: tables to publish and inputs refused."""

    batch_id: str
    tables: dict[str, pl.DataFrame]
    quarantine: list[dict[str, Any]] = field(default_factory=list)
    violations: list[dict[str, Any]] = field(default_factory=list)
    refused_tables: dict[str, pl.DataFrame] = field(default_factory=dict)
    seconds: float = 0.0
    n_words: int = 0

    @property
    def n_articles(self) -> int:
        return self.tables["articles"].height


def batch_id(article_ids: Sequence[str]) -> str:
    """Content-derived, so a re-run of the same inputs names its files the same."""
    return hashlib.sha256("\n".join(sorted(article_ids)).encode()).hexdigest()[:20]
