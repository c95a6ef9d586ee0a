"""A council's quarter in one table: target, actual, RAG status and direction for every
indicator, the exceptions the Performance Monitoring Board reviews, and each one's history.

Input is the long frame of queries/status_council_quarters.sql; the RAG rule is perfdash.rag.rule's.
"""
from __future__ import annotations

import pandas as pd

from perfdash.plans.values import period_label
from perfdash.polarity import direction_of_travel
from perfdash.rag import rule as rag

OFF_TARGET = ("red", "amber")
STATUS_COLUMNS = ["indicator_id", "code", "title", "unit", "polarity", "profile", "target", "actual", "rag",
                  "direction", "direction_last_year", "gap", "shortfall", "tolerance", "basis", "rag_reason",
                  "rule", "comment", "submitted_by", "submitted_at", "origin", "target_source"]


def quarter_label(year_start: int, quarter: int) -> str:
    return f"Q{int(quarter)} {period_label(int(year_start))}"


def assess_quarters(long: pd.DataFrame, rules: rag.RagRules) -> pd.DataFrame:
    """Every indicator-quarter assessed by the RAG rule, with that year's in-quarter actuals
    alongside so cumulative profiles are judged year to date."""
    if long.empty:
        return long.assign(**{column: pd.Series(dtype=object) for column in
                              ("q1", "q2", "q3", "q4", "rag", "gap", "shortfall", "tolerance", "basis",
                               "rag_reason", "rule")})
    per_year = long.pivot_table(index=["indicator_id", "year_start"], columns="quarter", values="actual",
                                aggfunc="first")
    per_year = per_year.reindex(columns=[1, 2, 3, 4])
    per_year.columns = ["q1", "q2", "q3", "q4"]
    frame = long.rename(columns={"actual": "recorded_actual"}).merge(
        per_year.reset_index(), on=["indicator_id", "year_start"], how="left")
    assessed = rag.assess_frame(frame, rules)
    return assessed.sort_values(["indicator_id", "year_start", "quarter"], kind="stable").reset_index(drop=True)


def _previous(assessed: pd.DataFrame, year_start: int, quarter: int, step_back_years: int) -> pd.DataFrame:
    if step_back_years:
        year, q = year_start - step_back_years, quarter
    else:
        year, q = (year_start, quarter - 1) if quarter > 1 else (year_start - 1, 4)
    return assessed[(assessed["year_start"] == year) & (assessed["quarter"] == q)].set_index("indicator_id")


def _directions(chosen: pd.DataFrame, before: pd.DataFrame, against_profile: pd.Series) -> list[str]:
    """Direction of travel for each chosen row against the same indicator's row in `before`.
    Where `against_profile` holds, compare the gaps to target: a year-to-date figure always grows
    within a year, and a per-quarter profile follows the seasons."""
    earlier = chosen[["indicator_id"]].merge(before[["gap", "actual"]], left_on="indicator_id",
                                             right_index=True, how="left")
    return [direction_of_travel(old_gap if profile_based else old_actual, gap if profile_based else actual, polarity)
            for old_gap, old_actual, gap, actual, polarity, profile_based in zip(
                earlier["gap"], earlier["actual"], chosen["gap"], chosen["actual"], chosen["polarity"],
                against_profile)]


def status_table(assessed: pd.DataFrame, year_start: int, quarter: int) -> pd.DataFrame:
    """One row per indicator for the chosen quarter, with direction against the previous quarter
    and against the same quarter a year earlier."""
    chosen = assessed[(assessed["year_start"] == year_start) & (assessed["quarter"] == quarter)].copy()
    if chosen.empty:
        return pd.DataFrame(columns=STATUS_COLUMNS)
    profile_based = chosen["profile"].isin(["cumulative", "per_quarter"])
    chosen["direction"] = _directions(chosen, _previous(assessed, year_start, quarter, 0), profile_based)
    chosen["direction_last_year"] = _directions(
        chosen, _previous(assessed, year_start, quarter, 1), pd.Series(False, index=chosen.index))
    return chosen[[c for c in STATUS_COLUMNS if c in chosen.columns]].reset_index(drop=True)


def _recorded_figure(rows: pd.DataFrame) -> pd.Series:
    """The figure the rule would judge, also where a quarter has no target to judge it against."""
    quarters = rows[["q1", "q2", "q3", "q4"]].to_numpy(dtype=float)
    figure = rag.judged_figures(quarters, rows["quarter"].to_numpy(dtype=int),
                                rows["profile"].to_numpy() == "cumulative")
    return pd.Series(figure, index=rows.index)


def _history_frame(rows: pd.DataFrame) -> pd.DataFrame:
    """Status quarter by quarter; `actual` is the judged figure, or for a quarter without a
    target the figure recorded for it, so a chart still draws the outturns."""
    actual = rows["actual"].where(rows["actual"].notna() | rows["target"].notna(), _recorded_figure(rows))
    return pd.DataFrame({
        "period": [quarter_label(y, q) for y, q in zip(rows["year_start"], rows["quarter"])],
        "rag": rows["rag"].to_list(), "actual": actual.to_list(), "target": rows["target"].to_list(),
    })


def _up_to(rows: pd.DataFrame, up_to: tuple[int, int] | None) -> pd.DataFrame:
    if up_to is None:
        return rows
    return rows[(rows["year_start"] * 10 + rows["quarter"]) <= up_to[0] * 10 + up_to[1]]


def rag_history(assessed: pd.DataFrame, indicator_id: str, up_to: tuple[int, int] | None = None) -> pd.DataFrame:
    """The indicator's status quarter by quarter, oldest first: period, rag, actual, target."""
    return _history_frame(_up_to(assessed[assessed["indicator_id"] == indicator_id], up_to))


def _histories(assessed: pd.DataFrame, indicator_ids: list[str], up_to: tuple[int, int]) -> dict[str, pd.DataFrame]:
    """rag_history for many indicators in one pass over the assessed quarters."""
    rows = _up_to(assessed[assessed["indicator_id"].isin(indicator_ids)], up_to)
    return {indicator_id: _history_frame(group) for indicator_id, group in rows.groupby("indicator_id", sort=False)}


def off_target_since(history: pd.DataFrame) -> str | None:
    """The first quarter of the latest unbroken run of red or amber, or None if on target now.
    A quarter on target, or with no data, breaks the run."""
    since = None
    for row in history.itertuples():
        since = (since or row.period) if row.rag in OFF_TARGET else None
    return since if len(history) and history["rag"].iloc[-1] in OFF_TARGET else None


def history_strip(history: pd.DataFrame) -> str:
    """History as words a printout keeps: "Q1 2007/08 ✔ · Q2 2007/08 ✖"."""
    return " · ".join(f"{row.period} {rag.STATUS_ICONS[row.rag]}" for row in history.itertuples())


def exceptions(assessed: pd.DataFrame, year_start: int, quarter: int) -> pd.DataFrame:
    """Red then amber indicators for the quarter, worst shortfall first, each with since-when and
    its RAG history."""
    table = status_table(assessed, year_start, quarter)
    table = table[table["rag"].isin(OFF_TARGET)].copy()
    if table.empty:
        return table.assign(off_target_since=pd.Series(dtype=object), history=pd.Series(dtype=object))
    histories = _histories(assessed, list(table["indicator_id"]), (year_start, quarter))
    table["off_target_since"] = [off_target_since(histories[i]) for i in table["indicator_id"]]
    table["history"] = [history_strip(histories[i]) for i in table["indicator_id"]]
    table["severity"] = table["rag"].map({"red": 0, "amber": 1})
    relative = table["shortfall"] / table["target"].abs().where(table["target"] != 0)
    table["relative_shortfall"] = relative
    table = table.sort_values(["severity", "relative_shortfall", "shortfall"], ascending=[True, False, False])
    return table.drop(columns=["severity", "relative_shortfall"]).reset_index(drop=True)


def counts(table: pd.DataFrame) -> dict[str, int]:
    """How many indicators have each status, in the rule's order."""
    return {status: int((table["rag"] == status).sum()) for status in rag.STATUSES}
