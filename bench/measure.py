"""Page timings, run in a process of its own so its peak memory is the app's, not the generator's.

    python -m bench.measure '{"phase": "cold", "pages": ["app_pages/overview.py"], ...}'

The parent (bench.runner) sets PERFDASH_EXTRACTS_DIR and the store paths, and reads
"BENCH {json}" lines from stdout: one per run, one per page, and progress while a run goes on,
so it can stop a run that takes too long and still say what it was doing.

- cold: caches cleared (st.cache_data and st.cache_resource), a new session, one script run;
- warm: every page visited once with the caches kept, then the same session run again;
- profile: one cold and one warm run with bench.profiler's hook, untimed: where the time goes.
The empty page and the app shell (navigation and sidebar filters only) are measured the same way.
"""
from __future__ import annotations

import ast
import importlib
import json
import os
import pkgutil
import resource
import sys
import threading
import time
from pathlib import Path

from bench.profiler import ThreadProfiler
from bench.recorder import Recorder, summarise_queries
from perfdash import paths

APP = paths.ROOT / "app.py"
EMPTY = "empty page"
SHELL = "app shell"
BASELINES = {
    # The baseline: the least a Streamlit page can be.
    EMPTY: 'import streamlit as st\nst.write("")\n',
    # What every page of ours pays before drawing anything: the navigation and the sidebar filters,
    # in a process tuned as app.py tunes the server's.
    SHELL: ("import streamlit as st\n"
            "from components.process_tuning import tune_garbage_collector\n"
            "from components.ui import sidebar_filters\n"
            "st.set_page_config(page_title='App shell', layout='wide')\n"
            "def shell():\n"
            "    sidebar_filters()\n"
            "    st.title('App shell')\n"
            "st.navigation([st.Page(shell, title='App shell', url_path='shell', default=True)]).run()\n"
            "tune_garbage_collector()\n"),
}
PROFILE_CAP_S = 30  # a profiled run is cut short here; what it did so far is enough to say why


def app_pages(app_file: Path = APP) -> list[dict]:
    """Every st.Page(...) registered in app.py: {"name": "overview", "path": "app_pages/overview.py", "title": ...,
    "url_path": "overview"}.
    Read from the source, so a page added tomorrow is measured without changing the bench."""
    pages = []
    for node in ast.walk(ast.parse(app_file.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", None)) == "Page" \
                and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
            path = node.args[0].value
            keywords = {k.arg: k.value.value for k in node.keywords if isinstance(k.value, ast.Constant)}
            pages.append({"name": Path(path).stem, "path": path, "title": keywords.get("title", Path(path).stem),
                          "url_path": keywords.get("url_path", Path(path).stem)})
    return pages


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile with linear interpolation between the nearest ranks (numpy's default)."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    position = (len(ordered) - 1) * q / 100
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def _messages(app) -> list[str]:
    found = [f"exception: {e.message}" for e in app.exception]
    found += [f"error shown: {e.value}" for e in app.error]
    return [text[:300] for text in found]


def _memory_mb() -> float:
    """Peak resident memory of this process. VmHWM belongs to this program alone: ru_maxrss would
    also count the peak of the parent it was forked from (the generator) before exec."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)  # KB on Linux


_EMIT_LOCK = threading.Lock()


def _emit(event: dict) -> None:
    with _EMIT_LOCK:
        print("BENCH " + json.dumps(event), flush=True)


def import_app_modules() -> None:
    """Import every module of components/ and perfdash/, so the first measured run of a page
    does not pay for imports that a running server has long done."""
    import components
    import perfdash

    for package in (components, perfdash):
        for module in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            try:
                importlib.import_module(module.name)
            except Exception:  # noqa: BLE001 - a module that cannot be imported here is not ours to judge
                pass


class Measurer:
    """Runs pages under AppTest and reports each result as a BENCH line."""

    PROGRESS_EVERY_S = 10

    def __init__(self, settings: dict):
        import streamlit as st
        from streamlit.testing.v1 import AppTest

        self.st, self.AppTest = st, AppTest
        self.settings = settings
        self.recorder = Recorder()
        self.profiler = ThreadProfiler()
        self._components = None
        self._current: tuple[str, str, float] | None = None  # (page, phase, started)
        threading.Thread(target=self._watch, name="bench-progress", daemon=True).start()

    def _watch(self) -> None:
        """Progress every few seconds while a run goes on; a profiled run past its cap is reported
        with what it did so far, and this process ends so the parent goes on with the next page."""
        last = time.monotonic()
        while True:
            time.sleep(1)
            current = self._current
            if current is None:
                continue
            page, phase, started = current
            running_s = time.monotonic() - started
            try:
                if phase.startswith("profile") and running_s > PROFILE_CAP_S:
                    kind = phase.split("-", 1)[1]
                    _emit({"event": "page", "page": page, "phase": "profile", "memory_mb": _memory_mb(),
                           "stopped_after_s": PROFILE_CAP_S,
                           "hot_spots": {kind: self.profiler.hot_spots(running_s * 1000)}})
                    _emit({"event": "restart"})
                    os._exit(0)
                if time.monotonic() - last >= self.PROGRESS_EVERY_S:
                    last = time.monotonic()
                    _emit({"event": "progress", "page": page, "phase": phase, "running_s": round(running_s, 1),
                           "queries": summarise_queries([list(self.recorder.calls)], "cold"),
                           "memory_mb": _memory_mb()})
            except Exception as error:  # noqa: BLE001 - progress is a courtesy; the run goes on
                print(f"bench: progress not reported: {error!r}", file=sys.stderr)

    def _new(self, page: str):
        timeout = self.settings.get("timeout_s", 3600)
        if page in BASELINES:
            app = self.AppTest.from_string(BASELINES[page], default_timeout=timeout)
        else:
            app = self.AppTest.from_file(str(APP), default_timeout=timeout)
            for key, value in self.settings.get("query_params", {}).items():
                app.query_params[key] = value  # as in a link: the growth runs filter by council
            app.switch_page(page)
        # A new AppTest scans every installed package for components (~100 ms) on its first run; that
        # is the test harness, not the app (a server scans once), so the scan from the warm-up is reused.
        if self._components is not None and hasattr(app, "_bidi_component_manager"):
            app._bidi_component_manager = self._components
        return app

    def _timed_run(self, app, page: str, phase: str) -> tuple[float, list]:
        self.recorder.wrap_data_layer()
        self.recorder.take()
        self._current = (page, phase, time.monotonic())
        started = time.perf_counter()
        app.run()
        elapsed = (time.perf_counter() - started) * 1000
        self._current = None
        _emit({"event": "run", "page": page, "phase": phase, "ms": round(elapsed, 1)})
        return elapsed, self.recorder.take()

    def clear_caches(self) -> None:
        self.st.cache_data.clear()
        self.st.cache_resource.clear()

    def warm_up(self) -> None:
        import_app_modules()
        app = self._new(EMPTY)
        app.run()
        self._components = getattr(app, "_bidi_component_manager", None)
        self.clear_caches()

    def _runs(self, count: int, run) -> tuple[list[float], list[list]]:
        """Up to `count` runs, fewer once the page's budget is spent (always at least one)."""
        times, calls, started = [], [], time.monotonic()
        for index in range(count):
            if index and time.monotonic() - started > self.settings["page_budget_s"]:
                break
            elapsed, run_calls = run()
            times.append(round(elapsed, 1))
            calls.append(run_calls)
        return times, calls

    def cold(self, page: str) -> dict:
        """Runs with every cache cleared first, each in a new session."""
        apps = []

        def run():
            self.clear_caches()
            apps.append(self._new(page))
            return self._timed_run(apps[-1], page, "cold")

        times, calls = self._runs(self.settings["runs"], run)
        return {"cold_ms": times, "cold_queries": summarise_queries(calls, "cold"), "errors": _messages(apps[0]),
                "cut_by_budget": len(times) < self.settings["runs"]}

    def warm(self, page: str) -> dict:
        """One filling run (caches kept from the pages before), then reruns of the same session."""
        count = self.settings["runs"] * self.settings.get("warm_per_cold", 2)
        app = self._new(page)
        fill_ms, _ = self._timed_run(app, page, "fill")
        times, calls = self._runs(count, lambda: self._timed_run(app, page, "warm"))
        return {"fill_ms": round(fill_ms, 1), "warm_ms": times, "warm_queries": summarise_queries(calls, "warm"),
                "warm_errors": _messages(app), "warm_cut_by_budget": len(times) < count}

    def profile(self, page: str) -> dict:
        """One cold and one warm run with the profiler's hook, to say where the time goes."""
        spots = {}
        self.clear_caches()
        app = self._new(page)
        for kind in ("cold", "warm"):
            self.profiler.arm()
            self._current = (page, f"profile-{kind}", time.monotonic())
            started = time.perf_counter()
            try:
                app.run()
            finally:
                self._current = None
                self.profiler.disarm()
            spots[kind] = self.profiler.hot_spots((time.perf_counter() - started) * 1000)
        return {"hot_spots": spots}


def main(argv: list[str]) -> int:
    settings = json.loads(argv[0])
    phase = settings["phase"]
    measurer = Measurer(settings)
    measurer.warm_up()
    # Warm: no cache is cleared between pages, so at the end every page's caches are held together,
    # as in a server that has served them all, and the peak memory includes them.
    for page in settings["pages"]:
        result = getattr(measurer, phase)(page)
        _emit({"event": "page", "page": page, "phase": phase, **result, "memory_mb": _memory_mb()})
    _emit({"event": "done", "memory_mb": _memory_mb()})
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
