"""Process-wide settings, made once on the server's first script run."""
from __future__ import annotations

import atexit
import gc
import threading

YOUNG_THRESHOLD = 50_000  # allocations between collections of the youngest generation (Python's default: 700)
_lock = threading.Lock()
_tuned = False


def tune_garbage_collector() -> None:
    """Freeze what the server holds after its first run (modules, the DuckDB connection, the first
    caches), so no later collection walks it again, and collect young objects less often. Before
    this, collections paused some warm reruns by 30–50 ms: their p95 was nearly twice their median.
    gc.freeze is what Python's documentation suggests for long-lived server processes. The objects
    are unfrozen at exit, so shutdown frees them as before."""
    global _tuned
    with _lock:
        if _tuned:
            return
        _tuned = True
        gc.freeze()
        gc.set_threshold(YOUNG_THRESHOLD, *gc.get_threshold()[1:])
        atexit.register(gc.unfreeze)
