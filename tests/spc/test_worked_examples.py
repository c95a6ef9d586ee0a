"""Worked examples published with NHSRplotthedots, the NHS-R community's R package for Making
Data Count (github.com/nhs-r-community/NHSRplotthedots, version 0.2). The expected numbers are the
package's own published output (its vignette captions and its test snapshots), and are checked
by hand in the comments; none comes from running this code.
"""
from __future__ import annotations

import numpy as np
import pytest

from perfdash.spc import xmr

# vignettes/deviations.Rmd, "Treatment of outlying points": 18 daily values with one outlier.
DEVIATIONS = [1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1]

# tests/testthat/test-ptd_spc_standard.R: set.seed(123); rnorm(20).
RNORM_123 = [-0.56047565, -0.23017749, 1.55870831, 0.07050839, 0.12928774, 1.71506499, 0.46091621,
             -1.26506123, -0.68685285, -0.44566197, 1.22408180, 0.35981383, 0.40077145, 0.11068272,
             -0.55584113, 1.78691314, 0.49785048, -1.96661716, 0.70135590, -0.47279141]


def test_unscreened_limits_match_the_making_data_count_excel_tool():
    # Published caption: UPL 6.95, mean 1.94, LPL -3.06 ("the same output as Excel").
    # By hand: mean 35/18 = 1.944; moving ranges 1,1,1,8,9 and twelve 1s, mean 32/17 = 1.882.
    result = xmr.xmr(DEVIATIONS, polarity="higher", screen_outliers=False)
    assert round(result.upper_limit, 2) == 6.95
    assert round(result.mean, 2) == 1.94
    assert round(result.lower_limit, 2) == -3.06


def test_screened_limits_match_the_r_package_default():
    # Published caption: UPL 4.6, mean 1.94, LPL -0.72. The ranges 8 and 9 exceed 3.267 × 1.882 = 6.15,
    # leaving fifteen ranges of 1.
    result = xmr.xmr(DEVIATIONS, polarity="higher", screen_outliers=True)
    assert round(result.upper_limit, 2) == 4.6
    assert round(result.mean, 2) == 1.94
    assert round(result.lower_limit, 2) == -0.72


@pytest.mark.parametrize("screen", [False, True])
def test_the_outlier_is_the_only_special_cause_point_and_an_improvement(screen):
    # Published alt text: "four grey common cause points followed by a single blue special cause
    # improvement point followed by a further 12 grey common cause points" (in both charts).
    result = xmr.xmr(DEVIATIONS, polarity="higher", screen_outliers=screen)
    assert [(p.period, p.rules) for p in result.signals] == [("5", (xmr.OUTSIDE_LIMITS,))]
    assert result.points[4].point_type == xmr.IMPROVEMENT
    assert result.variation == xmr.COMMON_CAUSE


@pytest.mark.parametrize(("series", "screen", "mean", "lower", "upper"), [
    # Snapshot r1: screened, rnorm(20).
    (RNORM_123, True, 0.1416238, -3.01138, 3.294627),
    # Snapshot r2: y[15] <- 10, screened.
    (RNORM_123[:14] + [10] + RNORM_123[15:], True, 0.6694159, -2.383666, 3.722497),
    # Snapshot r3: y[15] <- 10, not screened.
    (RNORM_123[:14] + [10] + RNORM_123[15:], False, 0.6694159, -4.596625, 5.935457),
])
def test_limits_match_the_r_package_snapshots(series, screen, mean, lower, upper):
    result = xmr.xmr(series, polarity="higher", screen_outliers=screen)
    assert result.mean == pytest.approx(mean, abs=5e-7)
    assert result.lower_limit == pytest.approx(lower, abs=5e-6)
    assert result.upper_limit == pytest.approx(upper, abs=5e-6)


@pytest.mark.parametrize("screen", [False, True])
def test_two_close_points_on_opposite_sides_of_the_mean_are_common_cause(screen):
    # test-ptd_spc_standard.R: 1, -1 repeated eight times, then the 15th and 16th set to 5.5 and -5.5;
    # "it only reports special cause for 2of3 points close to limits when they are on the same side".
    data = [1, -1] * 8
    data[14], data[15] = 5.5, -5.5
    result = xmr.xmr(data, polarity="higher", screen_outliers=screen)
    assert [p.point_type for p in result.points[-2:]] == [xmr.COMMON_CAUSE, xmr.COMMON_CAUSE]


# The R package's own rule tests (test-ptd_calculate_point_type.R), run on our rule function with
# the mean at 4 and limits too wide to reach, so only the rule under test can fire.

def _trend(values):
    flags, _ = xmr.segment_rules(np.array(values, dtype=float), 4.0, -100.0, 100.0)
    return [bool(f) for f in flags[xmr.RULES.index(xmr.TREND)]]


@pytest.mark.parametrize(("values", "expected"), [
    ([1, 2, 3, 4, 5, 6], [False] * 6),
    ([1, 2, 3, 3, 4, 5, 6], [False] * 7),
    ([1, 2, 3, 4, 5, 6, 7], [True] * 7),
    ([2, 1, 2, 3, 4, 5, 6, 7, 3], [False] + [True] * 7 + [False]),
    ([7, 6, 5, 4, 3, 2, 1], [True] * 7),
    ([2, 7, 6, 5, 4, 3, 2, 1, 3], [False] + [True] * 7 + [False]),
])
def test_seven_point_trend_as_the_r_package(values, expected):
    assert _trend(values) == expected


def _shift(sides):
    values = [4 + side for side in sides]
    flags, _ = xmr.segment_rules(np.array(values, dtype=float), 4.0, -100.0, 100.0)
    return [bool(f) for f in flags[xmr.RULES.index(xmr.SHIFT)]]


@pytest.mark.parametrize(("sides", "expected"), [
    ([1] * 6, [False] * 6),
    ([1] * 6 + [-1], [False] * 7),
    ([1] * 8 + [-1], [True] * 8 + [False]),
    ([-1] * 8 + [1], [True] * 8 + [False]),
])
def test_seven_points_on_one_side_as_the_r_package(sides, expected):
    assert _shift(sides) == expected


def _two_in_three(close, sides):
    # mean 11, limits 5.68 and 16.32: 15 / 7 are close above / below, 12 / 10 are not
    values = [(15 if c else 12) if s > 0 else (7 if c else 10) for c, s in zip(close, sides)]
    flags, _ = xmr.segment_rules(np.array(values, dtype=float), 11.0, 5.68, 16.32)
    return [int(f) for f in flags[xmr.RULES.index(xmr.TWO_IN_THREE)]]


@pytest.mark.parametrize(("close", "sides", "expected"), [
    ([1, 0, 1], [1, 1, 1], [1, 0, 1]),
    ([0, 1, 1], [1, 1, 1], [0, 1, 1]),
    ([1, 1, 0], [1, 1, 1], [1, 1, 0]),
    ([0, 0, 1, 0, 1, 0, 0], [1] * 7, [0, 0, 1, 0, 1, 0, 0]),
    ([0, 0, 1, 1, 0, 0, 0], [1] * 7, [0, 0, 1, 1, 0, 0, 0]),
    ([1, 0, 0, 1], [1] * 4, [0, 0, 0, 0]),
    ([1, 0, 0, 1, 1], [1] * 5, [0, 0, 0, 1, 1]),
    ([1, 0, 1], [1, -1, 1], [0, 0, 0]),
    ([0, 0, 1, 0, 1, 0, 0], [1, -1, 1, -1, 1, -1, 1], [0] * 7),
    ([0, 0, 1, 1, 0, 0, 0], [-1, 1, -1, 1, -1, 1, -1], [0] * 7),
])
def test_two_in_three_as_the_r_package(close, sides, expected):
    assert _two_in_three(close, sides) == expected
