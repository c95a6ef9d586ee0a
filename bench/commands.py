"""The commands users wait for, timed on the bench's dataset: `manage.py import-plan` of a
10,000-row KPI register, `manage.py board-pack` for one council, and the SPC verdicts of 300
indicators (perfdash.views.spc.spc_verdicts, the function the Scorecard and the board pack call).

The two commands run as a user runs them, `python manage.py ...` in a process of their own, so
their times include starting Python and importing what they need; each import-plan run gets a new,
empty store. SPC is timed in this process on a frame read beforehand: the verdicts, not the query.
"""
from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path
from statistics import median
from typing import TYPE_CHECKING

import duckdb

from bench.measure import percentile
from perfdash import paths

if TYPE_CHECKING:
    import pandas as pd

REGISTER_ROWS = 10_000
SPC_INDICATORS = 300
SQL_DIR = paths.ROOT / "queries" / "synthetic"


def write_register(extracts: Path, path: Path, rows: int = REGISTER_ROWS) -> int:
    """A register CSV of `rows` rows for the years after the dataset's last (queries/synthetic/synthetic_register.sql)."""
    connection = duckdb.connect(":memory:")
    try:
        next_year = connection.execute(
            "select max(year_start) + 1 from read_parquet($folder || '/indicator_values.parquet')",
            {"folder": str(extracts)}).fetchone()[0]
        sql = (SQL_DIR / "synthetic_register.sql").read_text(encoding="utf-8")
        frame = connection.execute(sql, {"extracts": str(extracts), "rows": rows, "next_year": int(next_year)}).df()
    finally:
        connection.close()
    frame.to_csv(path, index=False)
    return len(frame)


def _run_command(arguments: list[str], env: dict, timeout_s: float) -> dict:
    started = time.perf_counter()
    try:
        done = subprocess.run([sys.executable, "manage.py", *arguments], cwd=paths.ROOT, env=env,
                              capture_output=True, text=True, timeout=timeout_s, check=False)
    except subprocess.TimeoutExpired:
        return {"ms": None, "exit_code": None, "said": f"stopped after {timeout_s:.0f} s"}
    lines = [line for line in (done.stdout + done.stderr).splitlines() if line.strip()]
    return {"ms": round((time.perf_counter() - started) * 1000, 1), "exit_code": done.returncode,
            "said": lines[:3] if done.returncode else lines[-1:]}


def _summary(runs: list[dict], **extra) -> dict:
    times = [r["ms"] for r in runs if r["ms"] is not None and r["exit_code"] == 0]
    failed = [r for r in runs if r["ms"] is None or r["exit_code"] != 0]
    result = {"runs": len(runs), "runs_ms": [r["ms"] for r in runs], "p50_ms": round(median(times), 1) if times else None,
              "max_ms": max(times) if times else None, **extra}
    if failed:
        result["failed"] = {"exit_code": failed[0]["exit_code"], "said": failed[0]["said"]}
    return result


def time_import_plan(extracts: Path, work: Path, env: dict, runs: int, rows: int = REGISTER_ROWS,
                     timeout_s: float = 300) -> dict:
    register = work / "register.csv"
    written = write_register(extracts, register, rows)
    results = []
    for run in range(runs):
        store = work / f"import-store-{run}.duckdb"
        store.unlink(missing_ok=True)
        results.append(_run_command(["import-plan", str(register), "--store", str(store), "--extracts", str(extracts),
                                     "--user", "bench"], env, timeout_s))
        store.unlink(missing_ok=True)
    return _summary(results, register_rows=written, register_mb=round(register.stat().st_size / 2**20, 2),
                    output=results[-1]["said"])


def board_pack_quarter(extracts: Path) -> tuple[str, int, int]:
    """The first council with quarterly targets, its latest such year, and Q2."""
    connection = duckdb.connect(":memory:")
    try:
        council, year = connection.execute(
            "select council_id, max(year_start) from read_parquet($folder || '/indicator_values.parquet') "
            "where quarter is not null and kind = 'target' group by council_id order by council_id limit 1",
            {"folder": str(extracts)}).fetchone()
    finally:
        connection.close()
    return council, int(year), 2


def time_board_pack(extracts: Path, work: Path, env: dict, runs: int, timeout_s: float = 300) -> dict:
    council, year, quarter = board_pack_quarter(extracts)
    results = [_run_command(["board-pack", "--council", council, "--year", f"{year}/{(year + 1) % 100:02d}",
                             "--quarter", str(quarter), "--out", str(work / "board-pack"), "--extracts",
                             str(extracts)], env, timeout_s) for _ in range(runs)]
    return _summary(results, council=council, year_start=year, quarter=quarter, output=results[-1]["said"])


def spc_series(extracts: Path, indicators: int = SPC_INDICATORS) -> pd.DataFrame:
    """The quarterly actuals of the first `indicators` indicators with quarterly figures, as
    spc_verdicts takes them (period_order = year * 10 + quarter)."""
    connection = duckdb.connect(":memory:")
    try:
        return connection.execute(
            """
            with chosen as (
                select distinct indicator_id from read_parquet($folder || '/indicator_values.parquet')
                where quarter is not null and kind = 'actual' order by indicator_id limit $indicators
            )
            select v.indicator_id, v.year_start * 10 + v.quarter as period_order, v.value,
                   coalesce(i.polarity, 'neutral') as polarity, t.value as target, v.period || ' Q' || v.quarter as period
            from read_parquet($folder || '/indicator_values.parquet') as v
            join chosen using (indicator_id)
            join read_parquet($folder || '/indicators.parquet') as i using (indicator_id)
            left join read_parquet($folder || '/indicator_values.parquet') as t
                on t.indicator_id = v.indicator_id and t.year_start = v.year_start and t.quarter = v.quarter
               and t.kind = 'target'
            where v.quarter is not null and v.kind = 'actual'
            order by v.indicator_id, period_order
            """, {"folder": str(extracts), "indicators": indicators}).df()
    finally:
        connection.close()


def time_spc(extracts: Path, runs: int, indicators: int = SPC_INDICATORS) -> dict:
    from perfdash.views.spc import spc_verdicts

    long = spc_series(extracts, indicators)
    spc_verdicts(long.head(50))  # imports and first-call costs are not the verdicts'
    times = []
    for _ in range(max(runs, 3)):
        started = time.perf_counter()
        found = spc_verdicts(long)
        times.append(round((time.perf_counter() - started) * 1000, 1))
    return {"indicators": int(long["indicator_id"].nunique()), "points": len(long), "verdicts": len(found),
            "runs_ms": times, "p50_ms": round(percentile(times, 50), 1), "max_ms": max(times)}


def time_commands(extracts: Path, work: Path, env: dict, runs: int, register_rows: int = REGISTER_ROWS,
                  say=print) -> dict:
    """{"import_plan": ..., "board_pack": ..., "spc": ...}; a command that fails says so and how."""
    results = {}
    for name, timed in (("import_plan", lambda: time_import_plan(extracts, work, env, runs, register_rows)),
                        ("board_pack", lambda: time_board_pack(extracts, work, env, runs)),
                        ("spc", lambda: time_spc(extracts, runs))):
        say(f"  {name.replace('_', '-')} ...")
        try:
            results[name] = timed()
        except (duckdb.Error, OSError, ValueError, KeyError) as error:
            results[name] = {"p50_ms": None, "failed": {"said": [f"{type(error).__name__}: {str(error)[:300]}"]}}
    return results
