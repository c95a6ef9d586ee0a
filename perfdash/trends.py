"""Direction of travel and tables for the trends page."""
from __future__ import annotations

import pandas as pd

from perfdash.performance import DIRECTION_ICONS, direction_of_travel, format_value, polarity_words

SERIES_COLUMNS = {
    "council_name": "Council", "code": "Code", "title": "Indicator", "period": "Year", "kind": "Figure",
    "value": "Value", "value_text": "As printed", "unit": "Unit", "polarity": "Polarity",
    "plan_title": "Source document", "source": "Source line",
}


def direction_summary(series: pd.DataFrame) -> pd.DataFrame:
    """One row per indicator: polarity in words, the last two actuals, and the direction of
    travel between them read with the polarity."""
    rows = []
    for indicator_id, group in series.groupby("indicator_id", sort=False):
        first = group.iloc[0]
        actuals = group[(group["kind"] == "actual") & group["value"].notna()].sort_values("year_start")
        latest = actuals.iloc[-1] if len(actuals) else None
        previous = actuals.iloc[-2] if len(actuals) > 1 else None
        direction = direction_of_travel(
            None if previous is None else previous["value"], None if latest is None else latest["value"],
            first["polarity"])
        rows.append({
            "Council": first["council_name"],
            "Code": first["code"],
            "Indicator": first["title"],
            "Polarity": polarity_words(first["polarity"]),
            "Previous actual": "–" if previous is None else
            f"{format_value(previous['value'], first['unit'], previous['value_text'])} ({previous['period']})",
            "Latest actual": "–" if latest is None else
            f"{format_value(latest['value'], first['unit'], latest['value_text'])} ({latest['period']})",
            "Direction of travel": f"{DIRECTION_ICONS[direction]} {direction}",
            "Source of latest": "–" if latest is None else latest["source"],
            "indicator_id": indicator_id,
        })
    return pd.DataFrame(rows)


def series_table(series: pd.DataFrame) -> pd.DataFrame:
    """Every figure on the chart, with its citation, for the table alternative and CSV."""
    return series[list(SERIES_COLUMNS)].rename(columns=SERIES_COLUMNS)
