"""The data layer, timed: each DuckDB query (perfdash.db.database.execute) with its rows, and each
call a page makes to components.query_cache.run_query / run_table_query, cache hits included. A query
is named by matching its SQL text to queries/*.sql."""
from __future__ import annotations

import hashlib
import sys
import time
from collections import defaultdict
from statistics import median

from perfdash import paths
from perfdash.plans.contract import TABLES


def query_names() -> dict[str, str]:
    """SQL text -> query name, for every queries/*.sql (table queries once per contract table)."""
    names = {}
    for file in sorted((paths.ROOT / "queries").glob("*.sql")):
        text = file.read_text(encoding="utf-8")
        names[text] = file.stem
        if "__table__" in text:
            names.update({text.replace("__table__", table): f"{file.stem}[{table}]" for table in TABLES})
    return names


class Recorder:
    """Wraps the data layer once and records each call during a run."""

    def __init__(self):
        self.calls: list[tuple[str, str, float, int]] = []  # (layer, name, ms, rows)
        self._names = query_names()
        self._wrapped: dict[str, tuple] = {}
        from perfdash.db import database as queries

        original = queries.execute

        def timed_execute(connection, sql, params=None):
            started = time.perf_counter()
            frame = original(connection, sql, params)
            self.calls.append(("duckdb", self._name(sql), (time.perf_counter() - started) * 1000, len(frame)))
            return frame

        queries.execute = timed_execute

    def _name(self, sql: str) -> str:
        return self._names.get(sql) or "unnamed-" + hashlib.sha1(sql.encode()).hexdigest()[:8]

    def wrap_data_layer(self) -> None:
        """Time components.query_cache.run_query/run_table_query wherever a module holds them. Pages run
        afresh each time and import them from components.query_cache, which is patched too."""
        import components.query_cache as data

        if not self._wrapped:
            for function_name in ("run_query", "run_table_query"):
                original = getattr(data, function_name)
                self._wrapped[function_name] = (original, self._timed(function_name, original))
        for function_name, (original, timed) in self._wrapped.items():
            for name, module in list(sys.modules.items()):
                if name.startswith(("components", "perfdash")) and getattr(module, function_name, None) is original:
                    setattr(module, function_name, timed)

    def _timed(self, function_name: str, original):
        def timed(name, *args, **params):
            started = time.perf_counter()
            frame = original(name, *args, **params)
            label = f"{name}[{args[0]}]" if function_name == "run_table_query" and args else name
            self.calls.append(("data", label, (time.perf_counter() - started) * 1000, len(frame)))
            return frame

        return timed

    def take(self) -> list[tuple[str, str, float, int]]:
        calls, self.calls = self.calls, []
        return calls


def summarise_queries(runs: list[list[tuple]], phase: str) -> dict[str, dict]:
    """Per query: DuckDB ms and rows (cold), or data-layer ms and cache misses (warm), over runs."""
    per_query: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for calls in runs:
        totals: dict[tuple[str, str], list] = defaultdict(lambda: [0.0, 0, 0])
        for layer, name, ms, rows in calls:
            total = totals[(layer, name)]
            total[0] += ms
            total[1] += 1
            total[2] = max(total[2], rows)
        names = {name for _, name, _, _ in calls}
        for name in names:
            duckdb_ms, duckdb_calls, duckdb_rows = totals.get(("duckdb", name), [0.0, 0, 0])
            data_ms, data_calls, data_rows = totals.get(("data", name), [0.0, 0, 0])
            entry = per_query[name]
            entry["duckdb_ms"].append(duckdb_ms)
            entry["duckdb_calls"].append(duckdb_calls)
            entry["data_ms"].append(data_ms)
            entry["calls"].append(max(data_calls, duckdb_calls))
            entry["rows"].append(max(duckdb_rows, data_rows))
    summary = {}
    for name, entry in per_query.items():
        runs_seen = len(entry["calls"])
        if phase == "cold":
            summary[name] = {"calls_per_run": max(entry["calls"]), "duckdb_ms": round(median(entry["duckdb_ms"]), 1),
                             "rows": max(entry["rows"]), "data_layer_ms": round(median(entry["data_ms"]), 1)}
        else:
            summary[name] = {"warm_ms": round(median(entry["data_ms"]), 1),
                             "warm_cache_misses_per_run": round(sum(entry["duckdb_calls"]) / runs_seen, 2),
                             "rows": max(entry["rows"])}
    return summary
