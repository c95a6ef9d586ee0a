"""The register upload on the Record page: what a register is checked against, and its rows as a
preview, each with ✔ Ready, ⚠ a warning that becomes a quality finding, or ✖ every problem.
No Streamlit here."""
from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from perfdash.plans.register import RegisterReport, RegisterTables

KNOWN_TABLES = ("councils", "plans", "indicators", "priorities", "indicator_values")
# What checking a register reads: not indicator_values (only the template's last targets need
# them), which at national scale is millions of rows.
CHECK_TABLES = ("councils", "plans", "indicators", "priorities")
READY, REFUSED, WARNED = "✔ Ready", "✖ ", "⚠ "
PREVIEW_COLUMNS = ["Where", "Council", "Ref", "Title", "Year", "Annual target", "Check"]


def known_tables(table_rows: Callable[[str], pd.DataFrame],
                 tables: tuple[str, ...] = KNOWN_TABLES) -> dict[str, pd.DataFrame]:
    """The plan tables a register is checked against (bundled and imported): table_rows(table)
    returns queries/plans_table.sql's rows for one of them."""
    return {table: table_rows(table) for table in tables}


def register_preview(tables: RegisterTables, report: RegisterReport) -> pd.DataFrame:
    """One row per register row (indicators, then priorities and actions), with what the check found."""
    problems, warnings = _by_origin(report.problems), _by_origin(report.warnings)
    rows = []
    for row in [*tables.indicators, *tables.priorities, *tables.actions]:
        origin = row.origin
        found = problems.get(origin)
        check = (REFUSED + "; ".join(found) if found else
                 WARNED + "; ".join(warnings[origin]) if origin in warnings else READY)
        rows.append({"Where": origin, "Council": row.get("council_id"), "Ref": row.get("ref") or row.get("rank"),
                     "Title": row.get("title"), "Year": row.get("year"), "Annual target": row.get("annual_target"),
                     "Check": check})
    file_level = [p for p in report.problems if p.origin not in {r["Where"] for r in rows}]
    rows += [{"Where": p.origin, "Council": "", "Ref": "", "Title": "", "Year": "", "Annual target": "",
              "Check": REFUSED + (f"{p.column}: " if p.column else "") + p.message} for p in file_level]
    return pd.DataFrame(rows, columns=PREVIEW_COLUMNS)


def _by_origin(problems) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for problem in problems:
        found.setdefault(problem.origin, []).append(f"{problem.column}: {problem.message}" if problem.column
                                                    else problem.message)
    return found
