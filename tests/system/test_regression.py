"""Every table on the shared corpora equals, row for row, what was saved before.

The saved tables (`tests/regression/golden/`) were first the output of the code before the
claims engine and the package were restructured (issue 9), and that refactor changed no
row. They were re-saved once for issue 10's deliberate changes (beliefs, entity labels,
`entity_key`, `speaker_key`, `people`, 47 claims-gold articles). A refactor must not
change a single row; a deliberate change of output re-saves them with
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
