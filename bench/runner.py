"""The bench from start to end: make the dataset, time every page in processes of their own, time
the pandas baseline and the app start, and put the figures together for bench.report."""
from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from bench import synthetic
from bench.measure import EMPTY, SHELL, app_pages, percentile
from perfdash import paths


@dataclass
class Options:
    scales: tuple[str, ...] = ("bundled", "national")
    size: synthetic.Size = synthetic.NATIONAL
    runs: int = 5  # cold runs per page; each is followed by warm_per_cold warm reruns
    warm_per_cold: int = 2
    pages: tuple[str, ...] = ()  # names or paths; empty means every page in app.py
    page_budget_s: float = 40  # after this long on one page and phase, no further runs start
    page_timeout_s: float = 90  # a single run that goes on this long is stopped (the target is 2 s)
    browser: bool = True
    browser_runs: int = 3
    pandas_runs: int = 3
    clicks: int = 12  # timed clicks per page in Chromium (after bench.clicks.WARM_UP_CLICKS)
    commands: bool = True  # import-plan, board-pack and SPC on the synthetic dataset
    command_runs: int = 3
    register_rows: int = 10_000  # rows of the register import-plan reads
    growth: tuple[int, ...] = ()  # councils at which the council-filtered pages are measured again
    concurrent: tuple[int, ...] = ()  # numbers of browser sessions clicking at once (bench.concurrency)


def _chosen_pages(wanted: tuple[str, ...]) -> list[dict]:
    pages = app_pages()
    if not wanted:
        return pages
    chosen = [p for p in pages if p["name"] in wanted or p["path"] in wanted]
    unknown = set(wanted) - {p["name"] for p in chosen} - {p["path"] for p in chosen}
    if unknown:
        raise ValueError(f"not a page in app.py: {', '.join(sorted(unknown))} "
                         f"(pages: {', '.join(p['name'] for p in pages)})")
    return chosen


def _reader(stream, lines: queue.Queue) -> None:
    for line in stream:
        lines.put(line)
    lines.put(None)


def _run_phase(phase: str, pages: list[str], env: dict, options: Options, log: Path,
               query_params: dict | None = None) -> tuple[dict, float]:
    """Results per page from measuring processes. A run that goes on for page_timeout_s is
    stopped, its page reported with the last progress seen, and the rest measured in a new process."""
    remaining, results, memory = list(pages), {}, 0.0
    while remaining:
        settings = {"phase": phase, "pages": remaining, "runs": options.runs, "warm_per_cold": options.warm_per_cold,
                    "page_budget_s": options.page_budget_s, "query_params": query_params or {}}
        with log.open("a", encoding="utf-8") as errors:
            process = subprocess.Popen([sys.executable, "-m", "bench.measure", json.dumps(settings)],
                                       cwd=paths.ROOT, env=env, stdout=subprocess.PIPE, stderr=errors, text=True)
        lines: queue.Queue = queue.Queue()
        threading.Thread(target=_reader, args=(process.stdout, lines), daemon=True).start()
        # The first run also waits for the process to start and import the app.
        deadline, progress = time.monotonic() + options.page_timeout_s + 60, {}
        while True:
            try:
                line = lines.get(timeout=max(0.1, deadline - time.monotonic()))
            except queue.Empty:
                process.kill()
                process.wait()
                stuck = remaining.pop(0)
                results[stuck] = {"timed_out": f"a {phase} run went on for more than {options.page_timeout_s:.0f} s "
                                               "and was stopped", "at_least_ms": options.page_timeout_s * 1000,
                                  "partial": progress.get(stuck, {}), "log": _tail(log)}
                break
            if line is None:
                process.wait()
                if remaining:
                    stuck = remaining.pop(0)
                    results[stuck] = {"failed": f"the measuring process ended with code {process.returncode} "
                                                "during this page", "log": _tail(log)}
                break
            if not line.startswith("BENCH "):
                continue
            event = json.loads(line[len("BENCH "):])
            memory = max(memory, event.get("memory_mb", 0.0))
            if event["event"] == "progress":
                progress[event["page"]] = event
                continue
            deadline = time.monotonic() + options.page_timeout_s
            if event["event"] == "page":
                results[event["page"]] = event
                remaining.remove(event["page"])
            elif event["event"] in ("done", "restart"):  # restart: it stopped a profiled run on purpose
                process.wait()
                break
        process.stdout.close()
    return results, memory


def _tail(log: Path, lines: int = 15) -> list[str]:
    """The measuring processes' last messages, without Streamlit's bare-mode warnings."""
    try:
        text = log.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []
    noise = ("missing ScriptRunContext", "No runtime found", "nanobind", "leaked", "skipped remainder")
    return [line for line in text if line.strip() and not any(n in line for n in noise)][-lines:]


def _stats(times: list[float]) -> dict:
    if not times:
        return {"p50": None, "p95": None, "max": None}
    return {"p50": round(percentile(times, 50), 1), "p95": round(percentile(times, 95), 1), "max": round(max(times), 1)}


def _merge_queries(cold: dict, warm: dict) -> dict:
    merged = {}
    for name in sorted(set(cold) | set(warm)):
        merged[name] = {**cold.get(name, {}), **{k: v for k, v in warm.get(name, {}).items() if k != "rows"}}
        merged[name]["rows"] = max(cold.get(name, {}).get("rows", 0), warm.get(name, {}).get("rows", 0))
    return dict(sorted(merged.items(), key=lambda item: -item[1].get("duckdb_ms", 0)))


def _page_result(page: dict, cold: dict, warm: dict, profile: dict | None = None) -> dict:
    cold_ms, warm_ms = cold.get("cold_ms", []), warm.get("warm_ms", [])
    c, w = _stats(cold_ms), _stats(warm_ms)
    result = {"title": page["title"], "path": page["path"],
              "cold_p50_ms": c["p50"], "warm_p50_ms": w["p50"], "p95_ms": w["p95"],
              "cold_p95_ms": c["p95"], "cold_max_ms": c["max"], "warm_p95_ms": w["p95"],
              "fill_ms": warm.get("fill_ms"), "runs": {"cold": len(cold_ms), "warm": len(warm_ms)},
              "cold_ms": cold_ms, "warm_ms": warm_ms,
              "queries": _merge_queries(cold.get("cold_queries", {}), warm.get("warm_queries", {})),
              "errors": list(dict.fromkeys(cold.get("errors", []) + warm.get("warm_errors", []))),
              "hot_spots": {"cold": [], "warm": [], **(profile or {}).get("hot_spots", {})}}
    if (profile or {}).get("stopped_after_s"):
        result["hot_spots"]["profiled_run_stopped_after_s"] = profile["stopped_after_s"]
    for phase, figures in (("cold", cold), ("warm", warm)):
        if figures.get("timed_out") or figures.get("failed") or figures.get("skipped"):
            result.setdefault("not_measured", {})[phase] = (figures.get("timed_out") or figures.get("failed")
                                                           or figures.get("skipped"))
        if figures.get("at_least_ms"):
            result[f"{phase}_at_least_ms"] = figures["at_least_ms"]
        if figures.get("log"):
            result.setdefault("log", figures["log"])
        partial = figures.get("partial") or {}
        if partial and not result["queries"]:
            result["queries"] = partial.get("queries", {})  # what the stopped run had asked DuckDB so far
    if cold.get("cut_by_budget") or warm.get("warm_cut_by_budget"):
        result["cut_by_budget"] = True
    return result


def app_env(extracts: Path, work: Path) -> dict:
    """The environment the app is measured in: the dataset, and no real actuals store (both stores
    point at files that do not exist)."""
    return {**os.environ, paths.EXTRACTS_ENV_VAR: str(extracts),
            paths.STORE_ENV_VAR: str(work / "no-store" / "actuals.duckdb"),
            paths.DEMO_STORE_ENV_VAR: str(work / "no-store" / "demo-actuals.duckdb")}


def measure_filtered(extracts: Path, work: Path, options: Options, pages: list[dict], query_params: dict) -> dict:
    """Cold and warm timings of `pages` opened with `query_params` (no baselines, no profile)."""
    env = app_env(extracts, work)
    log = work / "measure.log"
    cold, cold_memory = _run_phase("cold", [p["path"] for p in pages], env, options, log, query_params)
    warm, warm_memory = _run_phase("warm", [p["path"] for p in pages if not cold.get(p["path"], {}).get("timed_out")],
                                   env, options, log, query_params)
    return {"memory_mb": max(cold_memory, warm_memory),
            "pages": {p["name"]: _page_result(p, cold.get(p["path"], {}), warm.get(p["path"], {})) for p in pages}}


def measure_pages(extracts: Path, work: Path, options: Options) -> dict:
    """Every page's timings, the baselines' and the peak memory, on one folder of extracts."""
    pages = _chosen_pages(options.pages)
    env = app_env(extracts, work)
    log = work / "measure.log"
    measured = [EMPTY, SHELL, *(p["path"] for p in pages)]
    cold, cold_memory = _run_phase("cold", measured, env, options, log)
    # A page whose cold run was stopped would be stopped again when warm: its first warm run fills
    # the caches, which is a cold run.
    stopped = [p for p in measured if cold.get(p, {}).get("timed_out")]
    warm, warm_memory = _run_phase("warm", [p for p in measured if p not in stopped], env, options, log)
    warm.update({p: {"skipped": "not run warm, as its cold run was stopped"} for p in stopped})
    # Profiled runs are slower and not timed; their memory is not the app's either.
    profile, _ = _run_phase("profile", [p["path"] for p in pages], env, options, log)
    baselines = {name: _page_result({"title": name, "path": name}, cold.get(name, {}), warm.get(name, {}))
                 for name in (EMPTY, SHELL)}
    return {"env": env, "baseline": baselines[EMPTY], "shell": baselines[SHELL],
            "memory_mb": max(cold_memory, warm_memory),
            "memory_by_phase_mb": {"cold": cold_memory, "warm": warm_memory},
            "pages": {p["name"]: _page_result(p, cold.get(p["path"], {}), warm.get(p["path"], {}),
                                              profile.get(p["path"], {})) for p in pages}}


def measure_scale(scale: str, work: Path, options: Options, say) -> dict:
    if scale == "bundled":
        extracts, size, generated = paths.DEFAULT_EXTRACTS_DIR, None, None
    else:
        extracts = work / "national"
        size = options.size
        say(f"generating the synthetic dataset ({size.councils} councils × {size.indicators} indicators × "
            f"{size.years} years) in {extracts} ...")
        started = time.perf_counter()
        # The app reads only the Parquet files; `--generate-only` also writes the CSV files the contract asks for.
        counts = synthetic.generate(extracts, size, write_csv=False)
        generated = {"seconds": round(time.perf_counter() - started, 1), "table_rows": counts,
                     "parquet_mb": round(sum(f.stat().st_size for f in Path(extracts).glob("*.parquet")) / 2**20, 1)}
    table_rows = generated["table_rows"] if generated else _row_counts(extracts)
    # Other work on the machine slows every figure; the load average says how busy it was.
    load_before = [round(x, 2) for x in os.getloadavg()]
    say(f"{scale}: timing {len(_chosen_pages(options.pages))} pages and the empty page ...")
    measured = measure_pages(Path(extracts), work, options)
    say(f"{scale}: the pandas baseline ...")
    from bench.baselines import pandas_vs_duckdb

    comparison = pandas_vs_duckdb(extracts, runs=options.pandas_runs)
    start = {"measured": False, "reason": "not asked for (--quick or --no-browser)"}
    if options.browser:
        say(f"{scale}: app start in Chromium ...")
        from bench.browser import app_start

        start = app_start({k: v for k, v in measured["env"].items() if k.startswith("PERFDASH_")},
                          runs=options.browser_runs)
    clicks = {"measured": False, "reason": "not asked for (--quick or --no-browser)"}
    if options.browser:
        say(f"{scale}: click to idle in Chromium, {options.clicks} clicks a page ...")
        from bench.clicks import browser_clicks

        clicks = browser_clicks({k: v for k, v in measured["env"].items() if k.startswith("PERFDASH_")},
                                pages=[p["name"] for p in _chosen_pages(options.pages)], clicks=options.clicks)
    commands = {"measured": False, "reason": "the commands are timed on the synthetic dataset only"
                if scale == "bundled" else "not asked for (--no-commands)"}
    if options.commands and scale != "bundled":
        say(f"{scale}: import-plan, board-pack and SPC ...")
        from bench.commands import time_commands

        commands = {"measured": True, **time_commands(Path(extracts), work, measured["env"], options.command_runs,
                                                      options.register_rows, say)}
    concurrency = {"measured": False, "reason": "not asked for (--concurrent 1,5,10,20)"}
    if options.browser and options.concurrent:
        say(f"{scale}: {', '.join(map(str, options.concurrent))} browser sessions clicking at once ...")
        from bench.concurrency import concurrent_users

        concurrency = concurrent_users({k: v for k, v in measured["env"].items() if k.startswith("PERFDASH_")},
                                       options.concurrent)
    load = {"before": load_before, "after": [round(x, 2) for x in os.getloadavg()], "cpus": os.cpu_count()}
    return {"scale": scale, "extracts": str(extracts), "load_average": load, "rows": table_rows["indicator_values"],
            "table_rows": table_rows, "size": size.__dict__ if size else None, "generated": generated,
            "baseline_ms": measured["baseline"]["warm_p50_ms"], "baseline_cold_ms": measured["baseline"]["cold_p50_ms"],
            "baseline": measured["baseline"], "shell_ms": measured["shell"]["warm_p50_ms"],
            "shell": measured["shell"], "pages": measured["pages"], "pandas_vs_duckdb": comparison,
            "memory_mb": measured["memory_mb"], "memory_by_phase_mb": measured["memory_by_phase_mb"],
            "app_start": start, "browser_clicks": clicks, "commands": commands,
            "concurrency": concurrency}


def _row_counts(folder: Path) -> dict[str, int]:
    import pyarrow.parquet as pq

    from perfdash.plans.contract import TABLES

    return {name: pq.ParquetFile(Path(folder) / f"{name}.parquet").metadata.num_rows for name in TABLES}


def code_state() -> dict:
    """The commit measured, and how many files differed from it, so figures can be traced."""
    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=paths.ROOT, capture_output=True, text=True, timeout=30)
        return done.stdout.strip() if done.returncode == 0 else ""
    try:
        return {"commit": git("rev-parse", "--short", "HEAD") or None,
                "uncommitted_files": len([line for line in git("status", "--porcelain").splitlines() if line])}
    except (OSError, subprocess.SubprocessError):
        return {"commit": None, "uncommitted_files": None}


def run(options: Options, say=print) -> dict:
    """Measure each scale asked for; the temporary folder is removed afterwards."""
    work = Path(tempfile.mkdtemp(prefix="perfdash-bench-"))
    try:
        scales = {scale: measure_scale(scale, work, options, say) for scale in options.scales}
        if options.growth and "national" in scales:
            from bench.growth import measure_growth

            scales["national"]["growth"] = measure_growth(work, options, _chosen_pages(options.pages),
                                                          measure_filtered, say)
        return scales
    finally:
        shutil.rmtree(work, ignore_errors=True)
