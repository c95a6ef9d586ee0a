"""A stored indicator's series for SPC, from the rows of queries/spc_series.sql.

Annual plan actuals and quarterly outturns are different series (a year's figure is not a
quarter's), so one is chosen: quarterly when the indicator has any quarterly actual, else annual,
unless the caller asks. Periods run in year and quarter order. The target is the one printed for
the latest point's period, else the next one after it; a cumulative profile's quarterly targets
are year to date while outturns are for the quarter alone, so they are never compared.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from perfdash.plans.values import period_label

ANNUAL, QUARTERLY = "annual", "quarterly"
FREQUENCIES = (ANNUAL, QUARTERLY)


@dataclass(frozen=True)
class StoredSeries:
    indicator_id: str
    title: str
    unit: str | None
    polarity: str
    profile: str | None
    frequency: str
    periods: list[str]
    values: list[float]
    sources: list[str]
    target: float | None
    target_period: str | None
    target_source: str | None
    notes: list[str] = field(default_factory=list)


def label(year_start: int, quarter) -> str:
    return period_label(int(year_start)) if pd.isna(quarter) else f"Q{int(quarter)} {period_label(int(year_start))}"


def default_frequency(rows: pd.DataFrame) -> str:
    quarterly = rows[(rows["kind"] == "actual") & (rows["frequency"] == QUARTERLY)]
    return QUARTERLY if not quarterly.empty else ANNUAL


def _order(rows: pd.DataFrame) -> pd.DataFrame:
    keyed = rows.assign(_q=rows["quarter"].fillna(0).astype(int), _y=rows["year_start"].astype(int))
    return keyed.sort_values(["_y", "_q"], kind="stable")


def stored_series(rows: pd.DataFrame, frequency: str | None = None) -> StoredSeries:
    """The series of one indicator's rows (all with the same indicator_id)."""
    first = rows.iloc[0]
    frequency = frequency or default_frequency(rows)
    if frequency not in FREQUENCIES:
        raise ValueError(f"frequency must be annual or quarterly, not {frequency!r}")
    chosen = rows[rows["frequency"] == frequency]
    actuals = _order(chosen[chosen["kind"] == "actual"])
    notes = []
    unreadable = actuals[actuals["value"].isna()]
    if not unreadable.empty:
        notes.append("skipped, not a number: " + ", ".join(
            f"{label(y, q)} ({text!r})" for y, q, text in
            zip(unreadable["year_start"], unreadable["quarter"], unreadable["value_text"])))
    actuals = actuals[actuals["value"].notna()]
    periods = [label(y, q) for y, q in zip(actuals["year_start"], actuals["quarter"])]
    target, target_period, target_source = _target(chosen, actuals, frequency, first["profile"], notes)
    return StoredSeries(
        indicator_id=str(first["indicator_id"]), title=str(first["title"]),
        unit=None if pd.isna(first["unit"]) else str(first["unit"]),
        polarity=str(first["polarity"]) if not pd.isna(first["polarity"]) else "neutral",
        profile=None if pd.isna(first["profile"]) else str(first["profile"]), frequency=frequency,
        periods=periods, values=[float(v) for v in actuals["value"]],
        sources=[str(s) for s in actuals["source"]], target=target, target_period=target_period,
        target_source=target_source, notes=notes)


def _target(chosen: pd.DataFrame, actuals: pd.DataFrame, frequency: str, profile, notes: list[str]):
    targets = _order(chosen[(chosen["kind"] == "target") & chosen["value"].notna()])
    if targets.empty or actuals.empty:
        if targets.empty:
            notes.append(f"no {frequency} target is printed")
        return None, None, None
    if frequency == QUARTERLY and profile == "cumulative":
        notes.append("no target used: the quarterly targets are year to date (a cumulative profile) and the "
                     "outturns are for each quarter alone")
        return None, None, None
    last = actuals.iloc[-1]
    latest_key = int(last["_y"]) * 10 + int(last["_q"])
    keys = targets["_y"].astype(int) * 10 + targets["_q"].astype(int)
    later = targets[keys >= latest_key]
    if later.empty:
        notes.append(f"no {frequency} target for {label(last['year_start'], last['quarter'])} or later")
        return None, None, None
    row = later.iloc[0]
    return float(row["value"]), label(row["year_start"], row["quarter"]), str(row["source"])
