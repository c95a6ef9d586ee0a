"""The Making Data Count rules, one table per rule, with their boundary cases.

Each case appends points to BASE (tests/spc/series.py) and fixes the limits on BASE's ten points,
so by hand: mean 11, limits 5.68 and 16.32, "close" beyond 14.5467 or below 7.4533. Positions in
the expectations count the appended points from 0.
"""
from __future__ import annotations

import pytest

from perfdash.spc import xmr
from tests.spc.series import (
    BASE,
    BASE_LOWER,
    BASE_MEAN,
    BASE_UPPER,
    CLOSE_DOWN,
    CLOSE_UP,
)


def judged(tail, polarity="higher", target=None):
    return xmr.xmr(BASE + list(tail), polarity=polarity, target=target, baseline=len(BASE))


def flagged(tail, rule, polarity="higher"):
    """Positions among the appended points that break `rule`."""
    points = judged(tail, polarity).points[len(BASE):]
    return [i for i, point in enumerate(points) if rule in point.rules]


def test_base_has_the_hand_computed_limits_and_breaks_no_rule():
    result = xmr.xmr(BASE, polarity="higher")
    assert result.mean == pytest.approx(BASE_MEAN)
    assert result.lower_limit == pytest.approx(BASE_LOWER)
    assert result.upper_limit == pytest.approx(BASE_UPPER)
    assert result.signals == ()
    assert CLOSE_UP == pytest.approx(14.5467, abs=1e-4) and CLOSE_DOWN == pytest.approx(7.4533, abs=1e-4)


@pytest.mark.parametrize(("tail", "expected"), [
    ([16.4], [0]),                 # above the upper limit
    ([16.3], []),                  # just inside it
    ([5.6], [0]),                  # below the lower limit
    ([5.7], []),
    ([11 + 2.66 * 2], []),         # exactly on the limit is not outside
    ([20, 11, 0], [0, 2]),
])
def test_outside_the_limits(tail, expected):
    assert flagged(tail, xmr.OUTSIDE_LIMITS) == expected


@pytest.mark.parametrize(("tail", "expected"), [
    ([10.5] * 7, list(range(7))),                       # exactly 7 below the mean
    ([10.5] * 6, []),                                   # 6 are not enough
    ([10.5] * 8, list(range(8))),
    ([10.5] * 3 + [11] + [10.5] * 3, []),               # a point on the mean breaks the run
    ([10.5] * 3 + [11.5] + [10.5] * 3, []),             # so does one on the other side
    ([10] + [11.5] * 7, list(range(1, 8))),             # 7 above (BASE ends above: 10 separates)
    ([11.5] * 6, [0, 1, 2, 3, 4, 5]),                   # BASE's last point (12) makes it 7 with these
    ([11] * 7, []),                                     # 7 on the mean are on neither side
])
def test_shift(tail, expected):
    assert flagged(tail, xmr.SHIFT) == expected


@pytest.mark.parametrize(("tail", "expected"), [
    ([8, 9, 10, 11.5, 12, 13, 14], list(range(7))),     # exactly 7 rising, each above the one before
    ([9, 10, 11.5, 12, 13, 14], []),                    # 6 rising
    ([8, 9, 10, 10, 11.5, 12, 13, 14], []),             # an equal neighbour breaks the trend
    ([14, 13, 12, 10.5, 10, 9, 8], list(range(7))),     # 7 falling
    ([14, 13, 12, 12, 10.5, 10, 9, 8], []),
    ([7, 8, 9, 10, 11.5, 12, 13, 14], list(range(8))),
])
def test_trend(tail, expected):
    assert flagged(tail, xmr.TREND) == expected


@pytest.mark.parametrize(("tail", "expected"), [
    ([15, 12, 15], [0, 2]),          # 2 of 3 close, all above the mean: the close points only
    ([15, 15], [0, 1]),              # with BASE's last point (12, above) as the third
    ([15, 12, 14.5], []),            # 14.5 is not beyond two-thirds (14.5467)
    ([15, 10, 15], []),              # the middle point is below the mean: no window of 3 on one side
    ([15, 12, 12, 15], []),          # the close points are 4 apart
    ([10, 7, 10.5, 7], [1, 3]),      # below the mean
    ([15, 7], []),                   # close to opposite limits
    ([17, 12, 15], [0, 2]),          # a point beyond the limit counts as beyond two-thirds
])
def test_two_in_three(tail, expected):
    assert flagged(tail, xmr.TWO_IN_THREE) == expected


def test_a_turning_point_takes_the_later_trend():
    rise_then_fall = [8, 9, 10, 11.5, 12, 13, 14, 13, 12, 10.5, 10, 9, 8]
    peak = judged(rise_then_fall).points[len(BASE) + 6]
    assert xmr.TREND in peak.rules and peak.direction == -1


def test_outside_the_limits_beats_trend_and_trend_beats_two_in_three():
    points = judged([17, 15, 14, 13, 12, 10.5, 9]).points[len(BASE):]
    top, next_one = points[0], points[1]
    assert set(top.rules) == {xmr.OUTSIDE_LIMITS, xmr.TREND, xmr.TWO_IN_THREE}
    assert top.direction == 1 and top.point_type == xmr.IMPROVEMENT        # above the limit
    assert set(next_one.rules) == {xmr.TREND, xmr.TWO_IN_THREE}
    assert next_one.direction == -1 and next_one.point_type == xmr.CONCERN  # falling


def test_trend_beats_shift():
    falling_above_the_mean = [14.5, 14, 13.5, 13, 12.5, 12, 11.5]
    latest = judged(falling_above_the_mean).points[-1]
    assert set(latest.rules) == {xmr.TREND, xmr.SHIFT}
    assert latest.direction == -1
    assert judged(falling_above_the_mean).variation == xmr.CONCERN
    assert judged(falling_above_the_mean, "lower").variation == xmr.IMPROVEMENT


@pytest.mark.parametrize(("tail", "polarity", "variation"), [
    ([17], "higher", xmr.IMPROVEMENT),
    ([17], "lower", xmr.CONCERN),
    ([17], "neutral", xmr.NEITHER),
    ([5], "higher", xmr.CONCERN),
    ([5], "lower", xmr.IMPROVEMENT),
    ([5], "neutral", xmr.NEITHER),
    ([10.5] * 7, "lower", xmr.IMPROVEMENT),
    ([10.5] * 7, "higher", xmr.CONCERN),
    ([17, 10], "higher", xmr.COMMON_CAUSE),      # judged on the latest point only
])
def test_variation_is_the_latest_point_read_with_the_polarity(tail, polarity, variation):
    assert judged(tail, polarity).variation == variation


@pytest.mark.parametrize(("polarity", "target", "assurance"), [
    ("higher", 5, xmr.PASS),          # the limits (5.68 to 16.32) lie wholly above the target
    ("higher", 17, xmr.FAIL),
    ("higher", 11, xmr.HIT_OR_MISS),
    ("lower", 5, xmr.FAIL),
    ("lower", 17, xmr.PASS),
    ("lower", 11, xmr.HIT_OR_MISS),
    ("neutral", 5, xmr.NO_ASSURANCE),
    ("higher", None, xmr.NO_ASSURANCE),
    ("lower", None, xmr.NO_ASSURANCE),
])
def test_assurance_against_the_target(polarity, target, assurance):
    assert xmr.xmr(BASE, polarity=polarity, target=target).assurance == assurance


def test_a_target_on_a_limit_is_hit_or_miss():
    limits = xmr.xmr(BASE, polarity="higher")
    assert xmr.xmr(BASE, polarity="higher", target=limits.lower_limit).assurance == xmr.HIT_OR_MISS
    assert xmr.xmr(BASE, polarity="lower", target=limits.upper_limit).assurance == xmr.HIT_OR_MISS


@pytest.mark.parametrize("polarity", ["higher", "lower"])
def test_under_ten_points_there_are_no_limits_no_signals_and_no_assurance(polarity):
    result = xmr.xmr(list(range(1, 10)), polarity=polarity, target=0)   # 9 rising points
    assert result.variation == xmr.TOO_FEW_POINTS and result.assurance == xmr.NO_ASSURANCE
    assert result.lower_limit is None and result.upper_limit is None
    assert result.signals == ()


def test_ten_points_are_enough():
    result = xmr.xmr(list(range(1, 11)), polarity="higher", target=0)   # 10 rising points: a trend
    assert result.lower_limit is not None
    assert result.variation == xmr.IMPROVEMENT
    assert xmr.xmr(list(range(1, 11)), polarity="lower").variation == xmr.CONCERN


def test_a_baseline_fixes_the_limits_on_its_points():
    # With the 30 in the limits, by hand: mean 140/11 = 12.727, mean moving range (9 × 2 + 18) / 10 = 3.6.
    free = xmr.xmr(BASE + [30], polarity="higher")
    assert free.upper_limit == pytest.approx(140 / 11 + 2.66 * 3.6)
    fixed = xmr.xmr(BASE + [30], polarity="higher", baseline=10)
    assert fixed.upper_limit == pytest.approx(BASE_UPPER) and fixed.mean == pytest.approx(BASE_MEAN)


def test_limits_are_recalculated_from_a_change_point():
    series = BASE + [20.0, 22.0] * 5
    periods = [f"M{i + 1}" for i in range(len(series))]
    # One set of limits, by hand: mean 16, mean moving range (18 × 2 + 8) / 19; the second half is a shift.
    whole = xmr.xmr(series, periods, polarity="higher")
    assert whole.mean == pytest.approx(16) and whole.upper_limit == pytest.approx(16 + 2.66 * 44 / 19)
    assert whole.variation == xmr.IMPROVEMENT
    rebased = xmr.xmr(series, periods, polarity="higher", change_points=["M11"])
    assert rebased.mean == pytest.approx(21) and rebased.upper_limit == pytest.approx(21 + 5.32)
    assert rebased.points[0].mean == pytest.approx(11) and rebased.points[0].upper_limit == pytest.approx(16.32)
    assert rebased.signals == () and rebased.variation == xmr.COMMON_CAUSE
    assert {p.segment for p in rebased.points} == {0, 1}


def test_a_change_point_leaving_under_ten_points_gives_too_few_points():
    series = BASE + [20.0, 22.0] * 4
    periods = [f"M{i + 1}" for i in range(len(series))]
    result = xmr.xmr(series, periods, polarity="higher", target=0, change_points=["M11"])
    assert result.variation == xmr.TOO_FEW_POINTS and result.assurance == xmr.NO_ASSURANCE
    assert result.points[0].upper_limit == pytest.approx(16.32)   # the first segment keeps its limits


def test_screening_leaves_out_moving_ranges_above_3267_times_their_mean():
    # Moving ranges: 9 of 2 and one of 18; their mean is 3.6 and 18 > 3.267 × 3.6 = 11.76.
    screened = xmr.xmr(BASE + [30], polarity="higher", screen_outliers=True)
    assert screened.upper_limit == pytest.approx(140 / 11 + 2.66 * 2)
    assert xmr.xmr(BASE, polarity="higher", screen_outliers=True).upper_limit == pytest.approx(BASE_UPPER)


@pytest.mark.parametrize(("kwargs", "words"), [
    ({"values": []}, "no points"),
    ({"values": BASE[:-1] + [float("nan")]}, "finite"),
    ({"values": BASE, "periods": ["a"] * 10}, "only once"),
    ({"values": BASE, "polarity": "up"}, "polarity"),
    ({"values": BASE, "baseline": 9}, "at least 10"),
    ({"values": BASE, "change_points": ["99"]}, "not one of the periods"),
    ({"values": BASE, "change_points": ["1"]}, "first period"),
])
def test_bad_input_is_refused_in_words(kwargs, words):
    arguments = {"polarity": "higher", **kwargs}
    values = arguments.pop("values")
    with pytest.raises(xmr.SpcInputError, match=words):
        xmr.xmr(values, **arguments)
