"""perfdash.views.spc: one row of verdicts per indicator, from a long frame of many series."""
from __future__ import annotations

import time

import numpy as np
import pandas as pd
import pytest

from perfdash.spc import xmr
from perfdash.views.spc import VERDICT_COLUMNS, spc_verdicts
from tests.spc.series import BASE


def long_frame(series: dict[str, tuple[list[float], str, float | None]]) -> pd.DataFrame:
    rows = []
    for indicator_id, (values, polarity, target) in series.items():
        for order, value in enumerate(values):
            rows.append({"indicator_id": indicator_id, "period_order": 20000 + order, "period": f"P{order + 1}",
                         "value": value, "polarity": polarity, "target": target})
    return pd.DataFrame(rows)


def by_id(frame: pd.DataFrame) -> dict[str, dict]:
    return {row["indicator_id"]: row for row in frame.to_dict("records")}


def test_one_row_per_indicator_with_each_verdict():
    frame = long_frame({
        # By hand with the 20: mean 130/11 = 11.82, mean moving range 2.6, limits 4.90 and 18.73.
        "up": (BASE + [20], "higher", 4.0),          # above the limit: improvement; limits above 4: pass
        "down": (BASE + [20], "lower", 4.0),         # the same point is a concern where lower is better
        "flat": (BASE, "neutral", None),
        "short": (BASE[:9], "higher", 5.0),          # 9 points
    })
    rows = by_id(spc_verdicts(frame))
    assert list(spc_verdicts(frame).columns) == VERDICT_COLUMNS
    assert (rows["up"]["variation"], rows["up"]["assurance"]) == (xmr.IMPROVEMENT, xmr.PASS)
    assert rows["up"]["latest_rules"] == xmr.OUTSIDE_LIMITS and rows["up"]["latest_period"] == "P11"
    assert (rows["down"]["variation"], rows["down"]["assurance"]) == (xmr.CONCERN, xmr.FAIL)
    assert (rows["flat"]["variation"], rows["flat"]["assurance"]) == (xmr.COMMON_CAUSE, xmr.NO_ASSURANCE)
    assert "neither higher nor lower" in rows["flat"]["assurance_words"]
    assert rows["short"]["variation"] == xmr.TOO_FEW_POINTS and not rows["short"]["spc_available"]
    assert np.isnan(rows["short"]["upper_limit"]) and "fewer than 10" in rows["short"]["assurance_words"]


def test_periods_are_taken_in_order_not_in_row_order():
    ordered = long_frame({"a": (BASE + [10.5] * 7, "lower", None)})     # a shift below: improvement
    shuffled = ordered.sample(frac=1, random_state=3)
    assert by_id(spc_verdicts(shuffled))["a"]["variation"] == xmr.IMPROVEMENT
    assert by_id(spc_verdicts(shuffled))["a"]["latest_period"] == "P17"


def test_missing_values_are_skipped_and_the_latest_target_is_used():
    frame = long_frame({"a": (BASE + [np.nan, 12.0], "higher", None)})
    frame["target"] = [np.nan] * 10 + [99.0, 4.0]    # the last stated target, 4, is below the limits
    row = by_id(spc_verdicts(frame))["a"]
    assert row["n_points"] == 11 and row["target"] == 4.0 and row["assurance"] == xmr.PASS


def test_an_indicator_without_any_value_still_gets_a_row():
    frame = long_frame({"a": ([np.nan, np.nan], "higher", 1.0), "b": (BASE, "higher", 1.0)})
    rows = by_id(spc_verdicts(frame))
    assert rows["a"]["n_points"] == 0 and rows["a"]["variation"] == xmr.TOO_FEW_POINTS
    assert rows["b"]["variation"] == xmr.COMMON_CAUSE


def test_the_frame_agrees_with_the_chart_for_random_series():
    rng = np.random.default_rng(7)
    series = {f"i{n:02d}": (list(np.round(rng.normal(50, 8, 24) + np.r_[np.zeros(16), np.full(8, 9 * (n % 2))], 1)),
                            ["higher", "lower", "neutral"][n % 3], 50.0) for n in range(30)}
    rows = by_id(spc_verdicts(long_frame(series)))
    for indicator_id, (values, polarity, target) in series.items():
        chart = xmr.xmr(values, polarity=polarity, target=target)
        row = rows[indicator_id]
        assert (row["variation"], row["assurance"]) == (chart.variation, chart.assurance), indicator_id
        assert row["upper_limit"] == pytest.approx(chart.upper_limit)
        assert row["special_cause_points"] == len(chart.signals)


def test_three_hundred_indicators_take_well_under_a_second():
    rng = np.random.default_rng(1)
    frame = pd.DataFrame({
        "indicator_id": np.repeat([f"i{n:03d}" for n in range(300)], 40),
        "period_order": np.tile(np.arange(40), 300),
        "value": rng.normal(50, 5, 300 * 40),
        "polarity": np.repeat(["higher", "lower", "neutral"] * 100, 40),
        "target": 52.0,
    })
    started = time.perf_counter()
    verdicts = spc_verdicts(frame)
    assert time.perf_counter() - started < 1.0
    assert len(verdicts) == 300


def test_an_empty_frame_gives_an_empty_table():
    empty = pd.DataFrame(columns=["indicator_id", "period_order", "value", "polarity", "target"])
    assert list(spc_verdicts(empty).columns) == VERDICT_COLUMNS and spc_verdicts(empty).empty
