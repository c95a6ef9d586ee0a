"""Direction of travel and tables for the trends page."""
from __future__ import annotations

import pandas as pd

from perfdash.polarity import (
    DIRECTION_ICONS,
    direction_of_travel,
    format_value,
    polarity_words,
)
from perfdash.rag import rule as rag
from perfdash.rag import status as quarter_status

# The most indicators the trend picker lists. Past this the filters must be narrowed: at national
# scale they match 100,000 indicators, which no picker can show and no user can scan.
PICKER_CAP = 2_000
OVERLAY_CAP = 12  # councils drawn on one national-code overlay; more are unreadable as lines

SERIES_COLUMNS = {
    "council_name": "Council", "code": "Code", "title": "Indicator", "period": "Year", "kind": "Figure",
    "value": "Value", "value_text": "As printed", "status": "Status against that year's target", "unit": "Unit", "polarity": "Polarity",
    "plan_title": "Source document", "source": "Source line",
}


def with_annual_status(series: pd.DataFrame, rules: rag.RagRules) -> pd.DataFrame:
    """The series with a `rag` column: each annual actual judged by the RAG rule against the
    annual target for the same year (other rows get no status)."""
    targets = series[series["kind"] == "target"].set_index(["indicator_id", "year_start"])["value"]
    statuses = []
    for row in series.itertuples():
        if row.kind != "actual":
            statuses.append(None)
            continue
        target = targets.get((row.indicator_id, row.year_start))
        verdict = rag.assess(actual=row.value, target=target, polarity=row.polarity, unit=row.unit,
                             rule=rules.rule_for(row.council_id, row.indicator_id), basis="the year")
        statuses.append(verdict.status)
    return series.assign(rag=statuses)


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
    shown = series.assign(status=[rag.status_label(s) if isinstance(s, str) else "" for s in
                                  series.get("rag", pd.Series([None] * len(series), index=series.index))])
    return shown[list(SERIES_COLUMNS)].rename(columns=SERIES_COLUMNS)


QUARTER_COLUMNS = {
    "period": "Quarter", "title": "Indicator", "quarter_value": "Outturn (the quarter alone)",
    "compared": "Compared with the target", "target": "Target", "status": "Status", "basis": "Compared as",
    "origin": "Where the outturn is from", "comment": "Officer's comment", "actual_source": "Outturn source",
    "target_source": "Target source",
}
ORIGIN_WORDS = {"recorded": "Recorded outturn", "plan": "Printed in the plan", "demo": "Demonstration data"}


def quarterly_rows(assessed: pd.DataFrame, indicator_id: str) -> pd.DataFrame:
    """One indicator's quarters over every year, in time order: the quarter's own outturn (recorded,
    else printed), what the RAG rule compared with the target (the year to date for a cumulative
    profile) and its status. `assessed` is perfdash.rag.status.assess_quarters' frame for its council."""
    if assessed.empty or "recorded_actual" not in assessed.columns:
        return pd.DataFrame(columns=["period", "quarter_value", "compared", *assessed.columns])
    rows = assessed[(assessed["indicator_id"] == indicator_id) & assessed["recorded_actual"].notna()]
    rows = rows.sort_values(["year_start", "quarter"]).copy()
    rows["period"] = [quarter_status.quarter_label(y, q) for y, q in zip(rows["year_start"], rows["quarter"])]
    return rows.rename(columns={"recorded_actual": "quarter_value", "actual": "compared"}).reset_index(drop=True)


def quarterly_table(rows: pd.DataFrame) -> pd.DataFrame:
    """quarterly_rows as the table beside the chart reads it: figures with their units, words for status."""
    table = rows.assign(
        quarter_value=[format_value(v, u) for v, u in zip(rows["quarter_value"], rows["unit"])],
        compared=[format_value(v, u) for v, u in zip(rows["compared"], rows["unit"])],
        target=[format_value(v, u, "no target") for v, u in zip(rows["target"], rows["unit"])],
        status=rows["rag"].map(rag.status_label),
        origin=rows["origin"].map(lambda origin: ORIGIN_WORDS.get(origin, origin)),
        comment=rows["comment"].where(rows["comment"].notna(), "—"),
    )
    return table[list(QUARTER_COLUMNS)].rename(columns=QUARTER_COLUMNS)
