"""Shaping quarterly target profiles for display: the per-indicator table and findings."""
from __future__ import annotations

import pandas as pd

from perfdash.plans.values import period_label

PAGE_SIZE = 9


def profile_table(profiles: pd.DataFrame) -> pd.DataFrame:
    """One row per indicator: annual target and Q1-Q4 targets as printed, with the source line."""
    if profiles.empty:
        return pd.DataFrame(columns=["Code", "Indicator", "Unit", "Profile", "Polarity", "Annual target",
                                     "Q1 target", "Q2 target", "Q3 target", "Q4 target", "Source line",
                                     "indicator_id"])
    first = profiles.drop_duplicates("indicator_id").set_index("indicator_id")
    targets = profiles[profiles["kind"] == "target"]
    quarterly = targets[targets["quarter"].notna()]
    annual = targets[targets["quarter"].isna()].drop_duplicates("indicator_id").set_index("indicator_id")
    by_quarter = quarterly.pivot_table(index="indicator_id", columns="quarter", values="value_text", aggfunc="first")
    table = pd.DataFrame({
        "Code": first["code"], "Indicator": first["title"], "Unit": first["unit"], "Profile": first["profile"],
        "Polarity": first["polarity"], "Annual target": annual["value_text"].reindex(first.index).fillna("–"),
    })
    for quarter in (1, 2, 3, 4):
        column = by_quarter[quarter] if quarter in by_quarter.columns else pd.Series(dtype=object)
        table[f"Q{quarter} target"] = column.reindex(first.index).fillna("–")
    quarterly_source = quarterly.drop_duplicates("indicator_id").set_index("indicator_id")["source"]
    table["Source line"] = quarterly_source.reindex(first.index).fillna(first["source"])
    return table.rename_axis("indicator_id").reset_index()[[
        "Code", "Indicator", "Unit", "Profile", "Polarity", "Annual target", "Q1 target", "Q2 target",
        "Q3 target", "Q4 target", "Source line", "indicator_id"]]


def page_of(indicator_ids: list[str], page: int, size: int = PAGE_SIZE) -> list[str]:
    start = (max(page, 1) - 1) * size
    return indicator_ids[start:start + size]


def page_count(total: int, size: int = PAGE_SIZE) -> int:
    return max(1, -(-total // size))


def year_options(years: pd.DataFrame, council: str) -> dict[int, str]:
    chosen = years[years["council_id"] == council]
    return {int(y): period_label(int(y)) for y in chosen["year_start"]}


def by_indicator(frame: pd.DataFrame, indicator_ids: list[str]) -> dict[str, pd.DataFrame]:
    """The rows of each of `indicator_ids`, split in one pass; an indicator without rows gets an
    empty frame with the same columns."""
    split = dict(tuple(frame[frame["indicator_id"].isin(indicator_ids)].groupby("indicator_id", sort=False)))
    return {indicator_id: split.get(indicator_id, frame.iloc[0:0]) for indicator_id in indicator_ids}


def findings_by_indicator(findings: pd.DataFrame) -> dict[str, list[str]]:
    """For each indicator with findings, plain lines, each with an icon and the source."""
    icons = {"error": "⛔", "warning": "⚠️", "info": "ℹ️"}
    lines: dict[str, list[str]] = {}
    for indicator_id, severity, message, source in zip(findings["indicator_id"], findings["severity"],
                                                        findings["message"], findings["source"]):
        lines.setdefault(indicator_id, []).append(f"{icons.get(severity, '•')} {message} ({source})")
    return lines
