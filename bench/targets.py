"""The targets of issue 17, each a ratio or a limit measured in one bench run at national scale, so
it holds on any machine: met or missed, the figure, the pages that miss and what blocks each miss.

Page times are compared like for like: a page's warm p95 with the app shell's warm p95, a page's
cold p50 with the shell's cold p50, a page's click p95 with the empty page's click p95. A page's
own DuckDB time is the time of its cold queries (the median run) less those the shell runs too.
"""
from __future__ import annotations

SCALE = "national"
TARGETS = {
    # name: (what, limit)
    "warm_vs_shell": ("every page's warm p95 at most 5× the app shell's", 5.0),
    "cold_vs_queries": ("every page's cold p50 at most the shell's plus 1.5× its own DuckDB time, or at most 1 s",
                        1.5),
    "page_overhead": (("page overhead (cold p50 less the shell and its own DuckDB time) at most half its DuckDB "
                       "time, for pages over 1 s cold"), 0.5),
    "clicks_vs_empty": ("browser click-to-idle p95 of every page at most 3× the empty page's", 3.0),
    "memory": ("peak memory of the app process under 1 GB", 1024.0),
    "app_start": ("app start to first page drawn in Chromium at most 3 s", 3000.0),
    "board_pack": ("manage.py board-pack for one council under 10 s", 10_000.0),
    "import_plan": ("manage.py import-plan of a 10,000-row register under 5 s", 5000.0),
    "spc": ("SPC verdicts for 300 indicators under 1 s", 1000.0),
    "growth": ("council-filtered pages grow far less than linearly with councils (exponent at most 0.5)", 0.5),
}
COLD_FLOOR_MS = 1000.0


def _n(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:,.0f} ms" if value >= 10 else f"{value:,.1f} ms"


def biggest_query(page: dict, key: str) -> tuple[str, dict] | None:
    queries = [(name, q) for name, q in page["queries"].items() if q.get(key) is not None]
    return max(queries, key=lambda item: item[1][key]) if queries else None


def page_cause(name: str, page: dict, phase: str) -> str:
    """Why a page is slow, in one sentence: time in the data layer against drawing, the query with
    the most time and rows, cache misses and the line of our code that held most samples."""
    stopped = (page.get("not_measured") or {}).get(phase)
    total = page["warm_p50_ms"] if phase == "warm" else page["cold_max_ms"]
    if stopped and not page.get(f"{phase}_at_least_ms"):
        return f"{name}: {stopped}"
    if stopped:
        total = page[f"{phase}_at_least_ms"]
    key = "warm_ms" if phase == "warm" else "duckdb_ms"
    data_ms = sum(q.get(key) or 0 for q in page["queries"].values())
    parts = [(f"{name}: {'more than ' if stopped else ''}{_n(total)} {phase}"
              f"{' (stopped)' if stopped else ''}; data layer {_n(data_ms)} over {len(page['queries'])} queries")]
    biggest = biggest_query(page, key)
    if biggest:
        query, figures = biggest
        parts.append(f"largest {query} {_n(figures[key])}, {figures['rows']:,} rows")
    misses = sum(q.get("warm_cache_misses_per_run") or 0 for q in page["queries"].values())
    if phase == "warm" and misses:
        parts.append(f"{misses:g} cache misses per warm run")
    spots = page["hot_spots"].get(phase) or []
    if spots:
        parts.append("profiled: " + "; ".join(f"{s['where']} {s['share_percent']:.0f}%" for s in spots[:3]))
    if page.get("errors"):
        parts.append("the page showed: " + page["errors"][0][:120])
    if page.get("log") and not page.get(f"{phase}_ms"):
        parts.append("last messages: " + " | ".join(page["log"][-3:]))
    return ", ".join(parts)


def own_duckdb_ms(page: dict, shell: dict) -> float:
    shared = set(shell.get("queries", {}))
    return round(sum(q.get("duckdb_ms") or 0 for name, q in page["queries"].items() if name not in shared), 1)


def _pages_target(entry: dict, figures: dict[str, float | None], limit_of, unit: str, cause) -> None:
    """Fill `entry` from per-page figures: None is not measured; limit_of(page) its limit (None: exempt)."""
    measured = {p: f for p, f in figures.items() if f is not None}
    misses = {p: f for p, f in measured.items() if limit_of(p) is not None and f > limit_of(p)}
    unmeasured = [p for p, f in figures.items() if f is None and limit_of(p) is not None]
    judged = [p for p in measured if limit_of(p) is not None]
    worst = max(judged, key=lambda p: measured[p] / limit_of(p) if limit_of(p) else measured[p], default=None)
    entry.update(measured=measured.get(worst), unit=unit, worst_page=worst, met=not misses and not unmeasured,
                 by_page=figures, misses={p: {"figure": f, "limit": limit_of(p)} for p, f in
                                          sorted(misses.items(), key=lambda item: -item[1])})
    entry["blockers"] = [cause(p) for p in entry["misses"]] + [f"{p}: not measured" for p in unmeasured]


def evaluate(scales: dict) -> dict:
    """Each target: met (True/False, or None when not measured), the figure, misses and blockers."""
    targets = {name: {"target": what, "scale": SCALE, "limit": limit, "met": None}
               for name, (what, limit) in TARGETS.items()}
    result = scales.get(SCALE)
    if result is None:
        for entry in targets.values():
            entry["not_measured"] = f"the {SCALE} scale was not run (--scale)"
        return targets
    pages, shell = result["pages"], result["shell"]

    shell_warm = shell.get("warm_p95_ms")
    t = targets["warm_vs_shell"]
    t["shell_warm_p95_ms"] = shell_warm
    _pages_target(t, {p: round(page["warm_p95_ms"] / shell_warm, 1) if page.get("warm_p95_ms") and shell_warm
                      else None for p, page in pages.items()},
                  lambda p: t["limit"], "× app shell", lambda p: page_cause(p, pages[p], "warm"))

    shell_cold = shell.get("cold_p50_ms") or 0.0
    own = {p: own_duckdb_ms(page, shell) for p, page in pages.items()}
    t = targets["cold_vs_queries"]
    t["shell_cold_p50_ms"], t["own_duckdb_ms"] = shell_cold, own
    _pages_target(t, {p: page.get("cold_p50_ms") for p, page in pages.items()},
                  lambda p: max(COLD_FLOOR_MS, shell_cold + 1.5 * own[p]), "ms",
                  lambda p: page_cause(p, pages[p], "cold") + f"; allowed {_n(max(COLD_FLOOR_MS, shell_cold + 1.5 * own[p]))}")

    t = targets["page_overhead"]
    overhead = {p: round(page["cold_p50_ms"] - shell_cold - own[p], 1) if page.get("cold_p50_ms") is not None else None
                for p, page in pages.items()}
    t["overhead_ms"] = overhead
    # With no DuckDB work of its own a page has no ratio; it is judged by the 1 s floor alone.
    _pages_target(t, {p: round(o / own[p], 2) if o is not None and own[p] else None for p, o in overhead.items()},
                  lambda p: t["limit"] if (pages[p].get("cold_p50_ms") or 0) > COLD_FLOOR_MS else None,
                  "× own DuckDB time", lambda p: f"{p}: {_n(overhead[p])} besides the shell and "
                                                 f"{_n(own[p])} of its own queries; " + page_cause(p, pages[p], "cold"))

    clicks = result.get("browser_clicks") or {}
    t = targets["clicks_vs_empty"]
    if not clicks.get("measured"):
        t["not_measured"] = clicks.get("reason", "not measured")
    else:
        empty = clicks.get("empty_page_p95_ms")
        t["empty_page_p95_ms"] = empty
        _pages_target(t, {p: round(ms / empty, 1) if ms is not None and empty else None
                          for p, ms in clicks["pages"].items()},
                      lambda p: t["limit"], "× empty page",
                      lambda p: f"{p}: {_n(clicks['pages'][p])} from click to idle against {_n(empty)} on the empty "
                                f"page; the server's warm run is {_n(pages.get(p, {}).get('warm_p50_ms'))} (p50), the "
                                "rest is the browser drawing what it is sent")
        for page, reason in clicks.get("not_measured", {}).items():
            t["blockers"] = [b for b in t["blockers"] if not b.startswith(f"{page}:")] + [f"{page}: {reason}"]

    t = targets["memory"]
    t.update(measured=result["memory_mb"], unit="MB", met=result["memory_mb"] < t["limit"])
    if not t["met"]:
        phases = result["memory_by_phase_mb"]
        t["blockers"] = [(f"peak {result['memory_mb']:,.0f} MB (cold phase {phases['cold']:,.0f} MB, every page "
                          f"cached {phases['warm']:,.0f} MB)")]

    start = result.get("app_start") or {}
    t = targets["app_start"]
    if not start.get("measured"):
        t["not_measured"] = start.get("reason", "not measured")
    else:
        t.update(measured=start["first_page_drawn_ms"], unit="ms", met=start["first_page_drawn_ms"] <= t["limit"])
        if not t["met"]:
            first_run = start["first_page_drawn_ms"] - start["server_ready_ms"] - start["second_load_ms"]
            t["blockers"] = [(f"server up after {_n(start['server_ready_ms'])}; a later load of the same page takes "
                              f"{_n(start['second_load_ms'])}, so the first load's script run costs about "
                              f"{_n(first_run)} more: imports on first use, opening DuckDB and cold queries")]

    commands = result.get("commands") or {}
    for name in ("board_pack", "import_plan", "spc"):
        t = targets[name]
        figures = commands.get(name)
        if not commands.get("measured") or figures is None:
            t["not_measured"] = commands.get("reason", "not measured")
            continue
        if figures.get("p50_ms") is None:
            t.update(met=False, blockers=[f"{name}: did not finish: {figures.get('failed')}"])
            continue
        t.update(measured=figures["p50_ms"], unit="ms", met=figures["p50_ms"] < t["limit"] and not figures.get("failed"))
        if figures.get("failed"):
            t["blockers"] = [f"a run failed: {figures['failed']}"]
        elif not t["met"]:
            t["blockers"] = [(f"{name}: p50 {_n(figures['p50_ms'])} over {figures.get('runs', 1)} runs "
                              "(see docs/PERFORMANCE.md for where its time goes)")]

    growth = result.get("growth")
    t = targets["growth"]
    if not growth:
        t["not_measured"] = "not asked for (--growth 10,100,350)"
    else:
        exponents = {f"{page} {phase}": k for page, figures in growth["exponents"].items()
                     for phase, k in figures.items()}
        _pages_target(t, exponents, lambda p: t["limit"], "exponent",
                      lambda p: f"{p}: time grows as councils^{exponents[p]} from {growth['sizes'][0]} to "
                                f"{growth['sizes'][-1]} councils")
    return targets
