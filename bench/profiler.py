"""Where a slow page spends its time, from inside the thread AppTest runs the page in.

A profile hook (threading.setprofile) runs in the script thread itself at every call and return;
at most once a millisecond it looks at its own stack and books the time since its last look to
the innermost function of our code (app_pages/, components/, perfdash/) and the library running under
it: "perfdash/comparison.py shared_verdicts() → pandas". A long call into C (a DuckDB query) is
booked when it returns, to the function that made it. Reading another thread's stack from outside
(sys._current_frames()) is not used: on Python 3.11 it can crash the interpreter. The hook slows a
run, so profiled runs are extra runs and never among the timed ones.
"""
from __future__ import annotations

import sys
import threading
import time
from collections import Counter
from pathlib import Path

from perfdash import paths

_ROOT = str(paths.ROOT) + "/"
_OWN = (_ROOT + "app_pages/", _ROOT + "components/", _ROOT + "perfdash/", _ROOT + "app.py")
_BENCH = _ROOT + "bench/"
SCRIPT_THREAD = "ScriptRunner.scriptThread"  # the name Streamlit gives the thread a script runs in
OUTSIDE = "Streamlit and Python, outside our code"


_SAME_LIBRARY = {"_plotly_utils": "plotly", "pyarrow": "pyarrow", "numpy": "numpy"}
# A DuckDB query runs in C and its time is booked at the next Python event, which is pandas making
# the data frame: so time under the data layer's execute() is DuckDB's, conversion included.
_DUCKDB = "perfdash/db/database.py execute()"


def _library(filename: str) -> str:
    """"pandas", "streamlit", "plotly", ... for a frame's file; "python" for the standard library."""
    marker = "site-packages/"
    if marker in filename:
        package = filename.split(marker, 1)[1].split("/", 1)[0].removesuffix(".py")
        return _SAME_LIBRARY.get(package, package)
    return "project" if filename.startswith(_ROOT) else "python"


def attribute(frame) -> str:
    """"app_pages/compare.py:27 → pandas" or "perfdash/comparison.py shared_verdicts() → pandas": the
    innermost frame of our own code on a stack, and the library running under it."""
    innermost = _library(frame.f_code.co_filename)
    while frame is not None:
        filename = frame.f_code.co_filename
        if filename.startswith(_OWN) and not filename.startswith(_BENCH):
            name = frame.f_code.co_name
            where = str(Path(filename).relative_to(paths.ROOT))
            # A page's line says which element it was drawing; in a function the name says enough.
            where = f"{where}:{frame.f_lineno}" if name == "<module>" else f"{where} {name}()"
            if where == _DUCKDB:
                return f"{where} → duckdb (query and data frame)"
            return where if innermost == "project" else f"{where} → {innermost}"
        frame = frame.f_back
    return OUTSIDE


class ThreadProfiler:
    """Books the time of the next script runs to where they were, while armed."""

    def __init__(self, interval_s: float = 0.001):
        self.interval_s = interval_s
        self.spent: Counter = Counter()
        self._last: float | None = None
        self._lock = threading.Lock()

    def arm(self) -> None:
        with self._lock:
            self.spent = Counter()
        self._last = None
        threading.setprofile(self._on_event)

    def disarm(self) -> None:
        threading.setprofile(None)

    def _on_event(self, frame, event, arg) -> None:
        if threading.current_thread().name != SCRIPT_THREAD:
            sys.setprofile(None)  # not a page run: leave this thread alone
            return
        now = time.perf_counter()
        if self._last is None:
            self._last = now
            return
        if now - self._last < self.interval_s:
            return
        where = attribute(frame)  # this thread's own stack: safe to walk
        with self._lock:
            self.spent[where] += now - self._last
        self._last = now

    def hot_spots(self, total_ms: float, top: int = 6) -> list[dict]:
        """The places that took the most time, with ms and share of the run."""
        with self._lock:
            spent = self.spent.most_common(top)
        return [{"where": where, "ms": round(seconds * 1000, 1),
                 "share_percent": round(100 * seconds * 1000 / total_ms, 1) if total_ms else None}
                for where, seconds in spent]
