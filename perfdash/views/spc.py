"""SPC verdicts for many indicators at once: one row per indicator, for the Scorecard, Exceptions
and Trends pages and the board pack.

Input is a long frame, one row per indicator and period: indicator_id, period_order (anything that
sorts in time order, e.g. year_start * 10 + quarter), value, polarity, and optionally target and
period (a label). Rows without a value are skipped. The target is each indicator's latest
non-empty one. The rules are perfdash.spc.xmr's, run on numpy arrays without building a chart.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from perfdash.rag.status import quarter_label
from perfdash.spc import verdicts, xmr

VERDICT_COLUMNS = ["indicator_id", "n_points", "latest_period", "latest_value", "mean", "lower_limit",
                   "upper_limit", "target", "polarity", "variation", "variation_direction", "latest_rules",
                   "special_cause_points", "assurance", "variation_words", "assurance_words", "spc_available"]


def _verdict(y: np.ndarray, polarity: str, target: float | None, screen_outliers: bool,
             baseline: int | None) -> dict:
    n = y.size
    fixed = y[:baseline] if baseline else y
    if polarity not in xmr.POLARITY_SIGN:
        polarity = "neutral"
    if fixed.size < xmr.MIN_POINTS:
        return {"mean": float(y.mean()) if n else np.nan, "lower_limit": np.nan, "upper_limit": np.nan,
                "variation": xmr.TOO_FEW_POINTS, "variation_direction": 0, "latest_rules": "",
                "special_cause_points": 0, "assurance": xmr.NO_ASSURANCE, "polarity": polarity}
    mean, lower, upper = xmr.limits(fixed, screen_outliers)
    flags, direction = xmr.segment_rules(y, mean, lower, upper)
    latest = int(direction[-1])
    return {"mean": mean, "lower_limit": lower, "upper_limit": upper,
            "variation": xmr.point_type(latest, polarity), "variation_direction": latest,
            "latest_rules": ",".join(rule for r, rule in enumerate(xmr.RULES) if flags[r, -1]),
            "special_cause_points": int(flags.any(axis=0).sum()),
            "assurance": xmr.assurance(lower, upper, target, polarity), "polarity": polarity}


def spc_verdicts(long: pd.DataFrame, *, screen_outliers: bool = False, baseline: int | None = None
                 ) -> pd.DataFrame:
    """One row of SPC verdicts per indicator (VERDICT_COLUMNS), in indicator_id order."""
    if long.empty:
        return pd.DataFrame(columns=VERDICT_COLUMNS)
    frame = long[long["value"].notna()].sort_values(["indicator_id", "period_order"], kind="stable")
    ids = frame["indicator_id"].to_numpy()
    values = frame["value"].to_numpy(dtype=float)
    polarities = frame["polarity"].to_numpy()
    targets = frame["target"].to_numpy(dtype=float) if "target" in frame else np.full(len(frame), np.nan)
    periods = frame["period"].to_numpy() if "period" in frame else frame["period_order"].to_numpy()
    starts = np.flatnonzero(np.r_[True, ids[1:] != ids[:-1]]) if len(ids) else np.array([], dtype=int)
    stops = np.r_[starts[1:], len(ids)].astype(int)
    rows = []
    for start, stop in zip(starts, stops):
        group_targets = targets[start:stop][~np.isnan(targets[start:stop])]
        target = float(group_targets[-1]) if group_targets.size else None
        row = _verdict(values[start:stop], polarities[start], target, screen_outliers, baseline)
        row.update(indicator_id=ids[start], n_points=int(stop - start), latest_period=periods[stop - 1],
                   latest_value=float(values[stop - 1]), target=np.nan if target is None else target)
        row["variation_words"] = verdicts.variation_words(row["variation"], row["variation_direction"])
        row["assurance_words"] = verdicts.assurance_words(row["assurance"], variation=row["variation"],
                                                          target=target, polarity=row["polarity"])
        row["spc_available"] = row["variation"] != xmr.TOO_FEW_POINTS
        rows.append(row)
    # Indicators with rows but no values at all still get a row saying so.
    first_polarity = long.drop_duplicates("indicator_id").set_index("indicator_id")["polarity"]
    for indicator_id in sorted(set(first_polarity.index) - set(ids)):
        row = _verdict(np.array([]), first_polarity[indicator_id], None, screen_outliers, baseline)
        row.update(indicator_id=indicator_id, n_points=0, latest_period=None, latest_value=np.nan, target=np.nan,
                   variation_words=verdicts.VARIATION_WORDS[xmr.TOO_FEW_POINTS],
                   assurance_words=verdicts.assurance_words(xmr.NO_ASSURANCE, variation=xmr.TOO_FEW_POINTS),
                   spc_available=False)
        rows.append(row)
    result = pd.DataFrame(rows, columns=VERDICT_COLUMNS)
    return result.sort_values("indicator_id", kind="stable").reset_index(drop=True)


QUARTER_VERDICT_COLUMNS = ["indicator_id", "n_points", "variation", "variation_direction", "assurance",
                           "variation_words", "assurance_words", "spc_available"]


def quarterly_series(assessed: pd.DataFrame, year_start: int, quarter: int) -> pd.DataFrame:
    """Each indicator's quarterly outturns up to the chosen quarter, as spc_verdicts wants them.
    `assessed` is perfdash.rag.status.assess_quarters' frame. Values are the quarter's own outturn;
    a cumulative profile's targets are year to date, so, as in perfdash.spc.stored, they are not
    compared with a quarter's figure."""
    order = assessed["year_start"] * 10 + assessed["quarter"]
    rows = assessed[order <= year_start * 10 + quarter]
    target = rows["target"].where(rows["profile"] != "cumulative")
    return pd.DataFrame({
        "indicator_id": rows["indicator_id"], "period_order": order[rows.index], "value": rows["recorded_actual"],
        "polarity": rows["polarity"].fillna("neutral"), "target": target,
        "period": [quarter_label(y, q) for y, q in zip(rows["year_start"], rows["quarter"])],
    })


def with_quarter_verdicts(table: pd.DataFrame, assessed: pd.DataFrame, year_start: int, quarter: int) -> pd.DataFrame:
    """`table` (one row per indicator_id) with its SPC verdicts as at the chosen quarter; an indicator
    with fewer than 10 quarters (or none) gets too_few_points and no assurance, in words too."""
    found = spc_verdicts(quarterly_series(assessed, year_start, quarter))[QUARTER_VERDICT_COLUMNS]
    table = table.merge(found, on="indicator_id", how="left")
    missing = table["variation"].isna()
    table.loc[missing, ["variation", "assurance"]] = [xmr.TOO_FEW_POINTS, xmr.NO_ASSURANCE]
    table.loc[missing, "variation_words"] = verdicts.VARIATION_WORDS[xmr.TOO_FEW_POINTS]
    table.loc[missing, "assurance_words"] = verdicts.assurance_words(xmr.NO_ASSURANCE, variation=xmr.TOO_FEW_POINTS)
    table["n_points"] = table["n_points"].fillna(0).astype(int)
    table["variation_direction"] = table["variation_direction"].fillna(0).astype(int)
    table["spc_available"] = table["spc_available"].astype("boolean").fillna(False).astype(bool)
    return table


def xmr_table(result: xmr.XmrResult) -> pd.DataFrame:
    """An XmR chart's points as the table beside it: value, mean, limits and the rules each breaks."""
    return pd.DataFrame([{"Period": p.period, "Value": p.value, "Mean": p.mean, "Lower limit": p.lower_limit,
                          "Upper limit": p.upper_limit, "Special cause": verdicts.rules_words(p.rules) or "—"}
                         for p in result.points])
