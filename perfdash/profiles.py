"""Shaping quarterly target profiles for display: the per-indicator table and findings."""
from __future__ import annotations

import pandas as pd

from perfdash.extract.values import period_label

PAGE_SIZE = 9


def profile_table(profiles: pd.DataFrame) -> pd.DataFrame:
    """One row per indicator: annual target and Q1-Q4 targets as printed, with the source line."""
    rows = []
    for indicator_id, group in profiles.groupby("indicator_id", sort=False):
        first = group.iloc[0]
        targets = group[group["kind"] == "target"]
        annual = targets[targets["quarter"].isna()]
        row = {"Code": first["code"], "Indicator": first["title"], "Unit": first["unit"],
               "Profile": first["profile"], "Polarity": first["polarity"],
               "Annual target": annual["value_text"].iloc[0] if len(annual) else "–"}
        for quarter in (1, 2, 3, 4):
            cell = targets[targets["quarter"] == quarter]
            row[f"Q{quarter} target"] = cell["value_text"].iloc[0] if len(cell) else "–"
        quarterly = targets[targets["quarter"].notna()]
        row["Source line"] = quarterly["source"].iloc[0] if len(quarterly) else first["source"]
        row["indicator_id"] = indicator_id
        rows.append(row)
    return pd.DataFrame(rows)


def page_of(indicator_ids: list[str], page: int, size: int = PAGE_SIZE) -> list[str]:
    start = (max(page, 1) - 1) * size
    return indicator_ids[start:start + size]


def page_count(total: int, size: int = PAGE_SIZE) -> int:
    return max(1, -(-total // size))


def year_options(years: pd.DataFrame, council: str) -> dict[int, str]:
    chosen = years[years["council_id"] == council]
    return {int(y): period_label(int(y)) for y in chosen["year_start"]}


def findings_for(findings: pd.DataFrame, indicator_id: str) -> list[str]:
    """Plain lines, each with an icon and the source, for one indicator's findings."""
    icons = {"error": "⛔", "warning": "⚠️", "info": "ℹ️"}
    own = findings[findings["indicator_id"] == indicator_id]
    return [f"{icons.get(r.severity, '•')} {r.message} ({r.source})" for r in own.itertuples()]
