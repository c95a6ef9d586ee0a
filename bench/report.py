"""The bench's report: why a page is slow, a table per scale, the JSON document and the one-line
summary printed last. The targets themselves are bench/targets.py's."""
from __future__ import annotations

from bench.targets import biggest_query
from bench.targets import evaluate as evaluate_targets


def _n(value: float | None, unit: str = " ms") -> str:
    if value is None:
        return "–"
    return f"{value:,.0f}{unit}" if value >= 10 else f"{value:,.1f}{unit}"


def _measured(page: dict) -> bool:
    return page.get("warm_p50_ms") is not None


def evaluate(scales: dict) -> dict:
    """Each target of bench/targets.py, met or missed, with its figure and blockers."""
    return evaluate_targets(scales)


def worst_warm_page(result: dict) -> tuple[str | None, float | None, float | None]:
    """The page with the slowest warm p95, its p95 and its ratio to the app shell's warm p95."""
    pages = {p: page for p, page in result["pages"].items() if page.get("warm_p95_ms") is not None}
    if not pages:
        return None, None, None
    worst = max(pages, key=lambda p: pages[p]["warm_p95_ms"])
    shell = (result.get("shell") or {}).get("warm_p95_ms")
    return worst, pages[worst]["warm_p95_ms"], round(pages[worst]["warm_p95_ms"] / shell, 1) if shell else None


def summary_line(result: dict, targets: dict | None = None) -> str:
    """The last line the bench prints."""
    judged = [t for t in (targets or {}).values() if t.get("met") is not None]
    met = f"{sum(1 for t in judged if t['met'])} of {len(targets)} targets met" if targets else ""
    worst, ms, ratio = worst_warm_page(result)
    if worst is None:
        return f"bench: {met + '; ' if met else ''}no page was measured at {result['rows']} rows ({result['scale']} scale)"
    shown = f"{ratio:.1f}× app shell" if ratio is not None else "no app shell figure"
    return (f"bench: {met + '; ' if met else ''}worst warm page p95 {ms:.0f} ms = {shown} at {result['rows']} rows "
            f"({worst}, {result['scale']} scale)")


def document(scales: dict, targets: dict) -> dict:
    """The JSON: the national figures at the top level (bundled when only that ran), every scale
    under "scales", and the targets."""
    primary = scales.get("national") or scales.get("bundled")
    top = {key: primary.get(key) for key in ("scale", "rows", "baseline_ms", "shell_ms", "pages", "pandas_vs_duckdb",
                                             "memory_mb", "app_start", "table_rows", "commands", "growth",
                                             "concurrency")}
    clicks = primary.get("browser_clicks") or {}
    # The shape first: {empty_page_p95_ms, pages: {<page>: <p95 ms>}}; the raw clicks beside it.
    top["browser_clicks"] = {"empty_page_p95_ms": clicks.get("empty_page_p95_ms"), "pages": clicks.get("pages", {}),
                             **{k: v for k, v in clicks.items() if k not in ("empty_page_p95_ms", "pages")}}
    return {**top, "targets": targets, "scales": scales, "summary": summary_line(primary, targets)}


def _concurrency_lines(concurrency: dict) -> list[str]:
    if not concurrency.get("measured"):
        return [f"concurrent sessions: not measured: {concurrency.get('reason')}"] if concurrency else []
    lines = [f"concurrent sessions, click to idle p50 / p95 (flipping {concurrency['control']['label']!r}):"]
    for replicas, by_users in concurrency["by_replicas"].items():
        lines.append(f"  {replicas} server process(es): " + "; ".join(
            f"{users} at once {_n(f['p50_ms'])} / {_n(f['p95_ms'])}" for users, f in by_users.items()))
    return lines


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
        lines.append(f"{'page':<14}{'cold p50':>10}{'cold max':>10}{'warm p50':>10}{'warm p95':>10}{'× shell':>9}"
                     f"{'click p95':>11}  slowest query when cold")
        click_pages = (result.get("browser_clicks") or {}).get("pages") or {}
        for name, page in result["pages"].items():
            if page.get("not_measured") and not _measured(page):
                why = "; ".join(f"{phase}: {reason}" for phase, reason in page["not_measured"].items())
                lines.append(f"{name:<14}  {why}")
                continue
            biggest = biggest_query(page, "duckdb_ms")
            slow = f"{biggest[0]} {_n(biggest[1]['duckdb_ms'])}, {biggest[1]['rows']:,} rows" if biggest else "–"
            shell_p95 = shell.get("warm_p95_ms")
            ratio = round(page["warm_p95_ms"] / shell_p95, 1) if page.get("warm_p95_ms") and shell_p95 else None
            lines.append(f"{name:<14}{_n(page['cold_p50_ms']):>10}{_n(page['cold_max_ms']):>10}"
                         f"{_n(page['warm_p50_ms']):>10}{_n(page['warm_p95_ms']):>10}"
                         f"{(f'{ratio:,.0f}×' if ratio and ratio >= 10 else f'{ratio}×') if ratio else '–':>9}"
                         f"{_n(click_pages.get(name)):>11}  {slow}"
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
        clicks = result.get("browser_clicks") or {}
        lines.append("click to idle: " + (f"empty page p95 {_n(clicks['empty_page_p95_ms'])}, pages in the table above"
                                          + "".join(f"; {p} not measured: {r}" for p, r in clicks["not_measured"].items())
                                          if clicks.get("measured") else f"not measured: {clicks.get('reason')}"))
        commands = result.get("commands") or {}
        if commands.get("measured"):
            for name in ("import_plan", "board_pack", "spc"):
                c = commands.get(name) or {}
                lines.append(f"{name.replace('_', '-')}: p50 {_n(c.get('p50_ms'))}, runs {c.get('runs_ms')}"
                             + (f"; failed: {c['failed']}" if c.get("failed") else ""))
        lines.extend(_concurrency_lines(result.get("concurrency") or {}))
        growth = result.get("growth")
        if growth:
            lines.append("growth, council-filtered pages, cold p50 / warm p50 at " +
                         ", ".join(f"{n} councils" for n in growth["sizes"]) + ":")
            for page, exponents in growth["exponents"].items():
                cells = [f"{_n(growth['by_councils'][str(n)]['pages'][page]['cold_p50_ms'])} / "
                         f"{_n(growth['by_councils'][str(n)]['pages'][page]['warm_p50_ms'])}" for n in growth["sizes"]]
                lines.append(f"  {page:<12} " + "; ".join(cells) +
                             f"  (exponent cold {exponents['cold']}, warm {exponents['warm']})")
    lines.append("")
    lines.append("targets:")
    for entry in targets.values():
        if entry["met"] is None:
            lines.append(f"  not measured  {entry['scale']}: {entry['target']} ({entry.get('not_measured')})")
            continue
        unit = entry.get("unit", "")
        figure = (f"{entry['measured']:,}{'' if unit.startswith('×') else ' '}{unit}" if entry.get("measured") is not None
                  else "no page to judge")
        where = f" ({entry['worst_page']})" if entry.get("worst_page") else ""
        verdict = "met   " if entry["met"] else "MISSED"
        lines.append(f"  {verdict}  {entry['scale']}: {entry['target']}: {figure}{where}")
        for blocker in entry.get("blockers", []):
            lines.append(f"          blocked by {blocker}")
    return lines
