"""The bench's verdict: each target met or missed with the figure measured, what blocks a miss,
a table per scale, the JSON document and the one-line summary printed last."""
from __future__ import annotations

TARGETS = {
    # name: (scale, what, limit)
    "national_warm_vs_empty": ("national", "every page's warm run (p50) at most 3× the empty page", 3.0),
    "national_cold_max": ("national", "every cold run at most 2 s", 2000.0),
    "national_memory": ("national", "peak memory of the app process under 1 GB", 1024.0),
    "bundled_warm_vs_empty": ("bundled", "every page's warm run (p50) at most 1.5× the empty page", 1.5),
    "bundled_app_start": ("bundled", "app start to first page drawn in Chromium at most 3 s", 3000.0),
    "national_app_start": ("national", "app start to first page drawn in Chromium at most 3 s", 3000.0),
}


def _n(value: float | None, unit: str = " ms") -> str:
    if value is None:
        return "–"
    return f"{value:,.0f}{unit}" if value >= 10 else f"{value:,.1f}{unit}"


def _measured(page: dict) -> bool:
    return page.get("warm_p50_ms") is not None


def _ratio(page: dict, baseline_ms: float) -> float | None:
    return round(page["warm_p50_ms"] / baseline_ms, 1) if _measured(page) and baseline_ms else None


def _biggest_query(page: dict, key: str) -> tuple[str, dict] | None:
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
    parts = [f"{name}: {'more than ' if stopped else ''}{_n(total)} {phase}"
             f"{' (stopped)' if stopped else ''}; data layer {_n(data_ms)} over {len(page['queries'])} queries"]
    biggest = _biggest_query(page, key)
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


def evaluate(scales: dict) -> dict:
    """Each target: met (True/False, or None when not measured), the figure, misses and blockers."""
    targets = {}
    for name, (scale, what, limit) in TARGETS.items():
        entry = {"target": what, "scale": scale, "limit": limit, "met": None}
        result = scales.get(scale)
        targets[name] = entry
        if result is None:
            entry["not_measured"] = f"the {scale} scale was not run (--scale)"
            continue
        pages, baseline = result["pages"], result["baseline_ms"]
        if name.endswith("warm_vs_empty"):
            ratios = {p: _ratio(page, baseline) for p, page in pages.items()}
            unmeasured = [p for p, page in pages.items() if not _measured(page)]
            misses = sorted((p for p, r in ratios.items() if r is not None and r > limit), key=lambda p: -ratios[p])
            worst = max((p for p in ratios if ratios[p] is not None), key=lambda p: ratios[p], default=None)
            entry.update(measured=ratios.get(worst), unit="× empty page", worst_page=worst,
                         met=not misses and not unmeasured,
                         misses={p: {"ratio": ratios[p], "warm_p50_ms": pages[p]["warm_p50_ms"]} for p in misses})
            entry["blockers"] = [page_cause(p, pages[p], "warm") for p in misses + unmeasured]
            if misses:
                shell = result.get("shell_ms")
                entry["blockers"].append(
                    f"the floor: the empty page takes {_n(baseline)} warm, while the app shell alone (navigation and "
                    f"sidebar filters, no content) takes {_n(shell)} = {shell / baseline:.1f}× the empty page"
                    if shell and baseline else f"the empty page takes {_n(baseline)} warm")
        elif name.endswith("cold_max"):
            worst_ms = {p: page.get("cold_at_least_ms") or page["cold_max_ms"] for p, page in pages.items()
                        if page.get("cold_max_ms") is not None or page.get("cold_at_least_ms")}
            misses = sorted((p for p, ms in worst_ms.items() if ms > limit), key=lambda p: -worst_ms[p])
            unmeasured = [p for p in pages if p not in worst_ms]
            worst = max(worst_ms, key=worst_ms.get, default=None)
            entry.update(measured=worst_ms.get(worst), unit="ms", worst_page=worst, met=not misses and not unmeasured,
                         misses={p: {"cold_max_ms": worst_ms[p]} for p in misses})
            entry["blockers"] = [page_cause(p, pages[p], "cold") for p in misses + unmeasured]
        elif name.endswith("memory"):
            entry.update(measured=result["memory_mb"], unit="MB", met=result["memory_mb"] < limit)
            if not entry["met"]:
                phases = result["memory_by_phase_mb"]
                entry["blockers"] = [f"peak {result['memory_mb']:,.0f} MB (cold phase {phases['cold']:,.0f} MB, "
                                     f"every page cached {phases['warm']:,.0f} MB)"]
        else:
            start = result["app_start"]
            if not start.get("measured"):
                entry["not_measured"] = start.get("reason")
                continue
            entry.update(measured=start["first_page_drawn_ms"], unit="ms", met=start["first_page_drawn_ms"] <= limit)
            if not entry["met"]:
                server_first_run = start["first_page_drawn_ms"] - start["server_ready_ms"] - start["second_load_ms"]
                entry["blockers"] = [
                    f"server up after {_n(start['server_ready_ms'])}; a later load of the same page in the running "
                    f"server takes {_n(start['second_load_ms'])} (the browser loading Streamlit's front end and a warm "
                    f"script run), so the first load's script run costs about {_n(server_first_run)} more: imports "
                    "the page pulls in on first use, opening DuckDB and cold queries"]
    return targets


def worst_warm_page(result: dict) -> tuple[str | None, float | None, float | None]:
    pages = {p: page for p, page in result["pages"].items() if _measured(page)}
    if not pages:
        return None, None, None
    worst = max(pages, key=lambda p: pages[p]["warm_p50_ms"])
    return worst, pages[worst]["warm_p50_ms"], _ratio(pages[worst], result["baseline_ms"])


def summary_line(result: dict) -> str:
    """The last line the bench prints."""
    worst, ms, ratio = worst_warm_page(result)
    if worst is None:
        return f"bench: no page was measured at {result['rows']} rows ({result['scale']} scale)"
    return (f"bench: worst warm page {ms:.0f} ms = {ratio:.1f}× empty page at {result['rows']} rows "
            f"({worst}, {result['scale']} scale)")


def document(scales: dict, targets: dict) -> dict:
    """The JSON: the national figures at the top level (bundled when only that ran), every scale
    under "scales", and the targets."""
    primary = scales.get("national") or scales.get("bundled")
    top = {key: primary[key] for key in ("scale", "rows", "baseline_ms", "shell_ms", "pages", "pandas_vs_duckdb",
                                         "memory_mb", "app_start", "table_rows")}
    return {**top, "targets": targets, "scales": scales, "summary": summary_line(primary)}


def text(scales: dict, targets: dict) -> list[str]:
    """The figures for a reader, scale by scale, then the targets."""
    lines = []
    for result in scales.values():
        made = result.get("generated")
        lines.append("")
        made_text = f", generated in {made['seconds']:.0f} s ({made['parquet_mb']:,.0f} MB of Parquet)" if made else ""
        lines.append(f"== {result['scale']} scale: {result['rows']:,} indicator_values rows{made_text}")
        load = result.get("load_average")
        if load and max(load["before"][0], load["after"][0]) > 0.8 * (load["cpus"] or 1):
            lines.append(f"note: the machine was busy (load average {load['before'][0]} before, {load['after'][0]} "
                         f"after, on {load['cpus']} cores), so these times are slower than on an idle machine")
        base, shell = result["baseline"], result["shell"]
        lines.append(f"empty page: cold {_n(base['cold_p50_ms'])}, warm {_n(base['warm_p50_ms'])}; app shell "
                     f"(navigation and filters): cold {_n(shell['cold_p50_ms'])}, warm {_n(shell['warm_p50_ms'])}; "
                     f"peak memory {result['memory_mb']:,.0f} MB")
        lines.append(f"{'page':<14}{'cold p50':>10}{'cold max':>10}{'warm p50':>10}{'warm p95':>10}{'× empty':>9}"
                     "  slowest query when cold")
        for name, page in result["pages"].items():
            if page.get("not_measured") and not _measured(page):
                why = "; ".join(f"{phase}: {reason}" for phase, reason in page["not_measured"].items())
                lines.append(f"{name:<14}  {why}")
                continue
            biggest = _biggest_query(page, "duckdb_ms")
            slow = f"{biggest[0]} {_n(biggest[1]['duckdb_ms'])}, {biggest[1]['rows']:,} rows" if biggest else "–"
            ratio = _ratio(page, result["baseline_ms"])
            lines.append(f"{name:<14}{_n(page['cold_p50_ms']):>10}{_n(page['cold_max_ms']):>10}"
                         f"{_n(page['warm_p50_ms']):>10}{_n(page['warm_p95_ms']):>10}"
                         f"{(f'{ratio:,.0f}×' if ratio and ratio >= 10 else f'{ratio}×') if ratio else '–':>9}  {slow}"
                         + ("  [error shown]" if page.get("errors") else ""))
        for name, c in result["pandas_vs_duckdb"].items():
            if "error" in c:
                lines.append(f"pandas vs DuckDB, {name}: not compared ({c['error']})")
                continue
            lines.append(f"pandas vs DuckDB, {name}: pandas {_n(c['pandas_ms'])} (read {_n(c['pandas_read_ms'])}), "
                         f"DuckDB {_n(c['duckdb_ms'])}: {c['duckdb_speedup']}× faster, {c['rows_duckdb']:,} rows")
        start = result["app_start"]
        lines.append("app start: " + (f"first page drawn after {_n(start['first_page_drawn_ms'])} (server up "
                                      f"{_n(start['server_ready_ms'])}, a later load {_n(start['second_load_ms'])})"
                                      if start.get("measured") else f"not measured: {start.get('reason')}"))
    lines.append("")
    lines.append("targets:")
    for entry in targets.values():
        if entry["met"] is None:
            lines.append(f"  not measured  {entry['scale']}: {entry['target']} ({entry.get('not_measured')})")
            continue
        unit = entry.get("unit", "")
        figure = f"{entry['measured']:,}{'' if unit.startswith('×') else ' '}{unit}"
        where = f" ({entry['worst_page']})" if entry.get("worst_page") else ""
        verdict = "met   " if entry["met"] else "MISSED"
        lines.append(f"  {verdict}  {entry['scale']}: {entry['target']}: {figure}{where}")
        for blocker in entry.get("blockers", []):
            lines.append(f"          blocked by {blocker}")
    return lines
