"""Every table on the shared corpora equals, row for row, what was saved before.

The saved tables (`tests/regression/golden/`) are the output of the code before the
claims engine and the package were restructured (issue 9); a refactor must not change
a single row. A deliberate change of output re-saves them with
`python tests/regression/snapshot.py save` and says why in its commit.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "regression"))

import snapshot

pytestmark = pytest.mark.slow


def test_every_table_on_the_shared_corpora_is_unchanged() -> None:
    tables = snapshot.produce()
    assert {n: df.height for n, df in tables.items()} == snapshot.counts()
    assert snapshot.compare(tables) == []
