"""Properties that hold for every series, checked on generated ones."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from perfdash.spc import xmr

polarities = st.sampled_from(["higher", "lower", "neutral"])
lengths = st.integers(min_value=xmr.MIN_POINTS, max_value=60)


@settings(max_examples=100, deadline=None)
@given(value=st.floats(min_value=-1e6, max_value=1e6, allow_nan=False), n=lengths, polarity=polarities)
def test_a_constant_series_flags_nothing(value, n, polarity):
    result = xmr.xmr([value] * n, polarity=polarity)
    assert result.signals == ()
    assert result.variation == xmr.COMMON_CAUSE


@settings(max_examples=100, deadline=None)
@given(low=st.integers(-1000, 1000), gap=st.integers(1, 500), n=lengths, polarity=polarities,
       start_high=st.booleans())
def test_a_series_without_signals_flags_nothing(low, gap, n, polarity, start_high):
    # Two values in turn: each point sits half a moving range from the mean, far inside the limits
    # (2.66 moving ranges away) and short of two-thirds of the way; no run or trend can form.
    pair = [low + gap, low] if start_high else [low, low + gap]
    series = (pair * n)[:n]
    result = xmr.xmr(series, polarity=polarity)
    assert result.signals == ()
    assert result.variation == xmr.COMMON_CAUSE


series_strategy = st.lists(st.integers(0, 40), min_size=xmr.MIN_POINTS, max_size=40)


@settings(max_examples=100, deadline=None)
@given(series=series_strategy, scale=st.sampled_from([2, 5, 10]), shift=st.integers(-100, 100),
       polarity=polarities)
def test_signals_do_not_depend_on_units_or_origin(series, scale, shift, polarity):
    # Changing the unit (× scale) or the origin (+ shift) moves the mean and limits with the data.
    before = xmr.xmr(series, polarity=polarity)
    after = xmr.xmr([v * scale + shift for v in series], polarity=polarity)
    assert [p.rules for p in after.points] == [p.rules for p in before.points]
    assert after.variation == before.variation


@settings(max_examples=100, deadline=None)
@given(series=series_strategy)
def test_turning_the_series_upside_down_with_the_polarity_keeps_every_verdict(series):
    # "Higher is better" on x reads the same as "lower is better" on -x.
    upright = xmr.xmr(series, polarity="higher", target=20)
    flipped = xmr.xmr([-v for v in series], polarity="lower", target=-20)
    assert [p.point_type for p in flipped.points] == [p.point_type for p in upright.points]
    assert (flipped.variation, flipped.assurance) == (upright.variation, upright.assurance)


@settings(max_examples=100, deadline=None)
@given(series=series_strategy)
def test_every_flagged_point_is_explained_by_its_rule(series):
    result = xmr.xmr(series, polarity="higher")
    values = [p.value for p in result.points]
    for i, point in enumerate(result.points):
        if xmr.OUTSIDE_LIMITS in point.rules:
            assert not result.lower_limit <= point.value <= result.upper_limit
        if xmr.SHIFT in point.rules:
            side = point.value > result.mean
            assert point.value != result.mean
            # some window of 7 holding this point lies wholly on its side of the mean
            assert any(all((v > result.mean) == side and v != result.mean for v in values[s:s + 7])
                       for s in range(max(0, i - 6), i + 1) if s + 7 <= len(values))
        if xmr.TREND in point.rules:
            assert any(all(a < b for a, b in zip(values[s:s + 6], values[s + 1:s + 7])) or
                       all(a > b for a, b in zip(values[s:s + 6], values[s + 1:s + 7]))
                       for s in range(max(0, i - 6), i + 1) if s + 7 <= len(values))
