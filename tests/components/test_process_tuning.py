"""The server's garbage collector is tuned once: what it holds after its first run is frozen and
young objects are collected less often."""
from __future__ import annotations

import gc

from components import process_tuning


def test_the_collector_is_tuned_once_and_keeps_collecting(monkeypatch):
    monkeypatch.setattr(process_tuning, "_tuned", False)
    before = gc.get_threshold()
    try:
        process_tuning.tune_garbage_collector()
        frozen = gc.get_freeze_count()
        assert frozen > 0
        assert gc.get_threshold() == (process_tuning.YOUNG_THRESHOLD, *before[1:])
        process_tuning.tune_garbage_collector()  # a second run changes nothing
        assert gc.get_freeze_count() == frozen
        assert gc.isenabled()
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)
