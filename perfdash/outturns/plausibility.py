"""Unusual but possible outturns, which the editor confirms before they are recorded.

A value is unusual when it is more than 3 times, or less than a third of, the previous quarter's
outturn or the quarter's own target (for a cumulative profile, the quarter's share: this quarter's
year-to-date target less last quarter's). Such a figure is often a slip (a year-to-date total in a
quarter-alone cell, a misplaced decimal point), but can be real, so it is a warning, not a refusal.
Zero and negative figures are not compared: a ratio to them says nothing.
"""
from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from perfdash.plans.values import period_label

FACTOR = 3.0


def unusual_values(outturns: list, context: pd.DataFrame, label: Callable[[str], str]) -> list[tuple[int, str]]:
    """(row number, message) for each outturn that is unusual. `outturns` carry row_number,
    indicator_id, year_start, quarter and value; `context` is queries/import_row_context.sql."""
    if context.empty:
        return []
    rows = {(row.indicator_id, int(row.year_start), int(row.quarter)): row for row in context.itertuples()}
    found = []
    for outturn in outturns:
        here = rows.get((outturn.indicator_id, outturn.year_start, outturn.quarter))
        year, quarter = (outturn.year_start, outturn.quarter - 1) if outturn.quarter > 1 else (outturn.year_start - 1, 4)
        before = rows.get((outturn.indicator_id, year, quarter))
        comparisons = []
        if before is not None and _usable(before.actual):
            comparisons.append((before.actual, f"the previous quarter's {before.actual:g} "
                                               f"(Q{quarter} {period_label(year)})"))
        if here is not None and _usable(here.quarter_target):
            comparisons.append((here.quarter_target, f"this quarter's own target of {here.quarter_target:g}"))
        for benchmark, words in comparisons:
            message = _compared(outturn.value, benchmark, words)
            if message:
                found.append((outturn.row_number, f"{label(outturn.indicator_id)}: {outturn.value_text} {message}; "
                                                  "check it is the figure for this quarter alone, then confirm"))
                break
    return found


def _usable(value) -> bool:
    return value is not None and not pd.isna(value) and value > 0


def _compared(value: float, benchmark: float, words: str) -> str | None:
    if value is None or pd.isna(value) or value <= 0:
        return None
    if value > FACTOR * benchmark:
        return f"is more than {FACTOR:g} times {words}"
    if value < benchmark / FACTOR:
        return f"is less than a third of {words}"
    return None
