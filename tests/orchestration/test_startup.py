"""`quiet_gc`: raised collector thresholds for start-up, then the old ones back and the
start-up state frozen out of later collections (`flows/orchestration/startup.py`)."""

from __future__ import annotations

import gc

from flows.orchestration.startup import START_THRESHOLDS, quiet_gc


def test_thresholds_are_raised_inside_and_restored_after():
    before = gc.get_threshold()
    frozen_before = gc.get_freeze_count()
    try:
        with quiet_gc():
            assert gc.get_threshold() == START_THRESHOLDS
            built = [{"n": i} for i in range(1000)]  # start-up state: lives on
        assert gc.get_threshold() == before
        assert gc.get_freeze_count() >= frozen_before + len(built)
    finally:
        gc.unfreeze()


def test_without_freeze_nothing_is_frozen_and_an_error_still_restores():
    before = gc.get_threshold()
    frozen_before = gc.get_freeze_count()
    try:
        with quiet_gc(freeze=False):
            raise ValueError("a failed import")
    except ValueError:
        pass
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == frozen_before
