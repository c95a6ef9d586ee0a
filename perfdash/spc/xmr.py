"""XmR (individuals) charts by NHS England's "Making Data Count" rules, in plain Python and numpy.

The mean of a series and of its moving ranges give the limits, mean ± 2.66 × mean moving range.
A point is special cause when it lies outside the limits, is part of a run of 7 on one side of the
mean (a shift) or of 7 each strictly above or below the one before (a trend), or is a close point
in two-in-three. The latest point decides the variation verdict; the limits against the target
decide assurance. docs/SPC.md gives the rules, the references and the choices made here.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy as np

MIN_POINTS = 10          # fewer points than this: no limits and no verdict, the UI falls back to RAG
LIMIT_FACTOR = 2.66      # 3 / d2, d2 = 1.128 for moving ranges of two points
SCREEN_FACTOR = 3.267    # D4 for n = 2: a moving range above 3.267 × their mean is screened out
RUN_LENGTH = 7           # points in a shift or a trend
CLOSE_FRACTION = 2 / 3   # two-in-three: beyond two-thirds of the way from the mean to a limit

# Rules in order of precedence: when rules on one point disagree on direction, the first wins.
OUTSIDE_LIMITS, TREND, TWO_IN_THREE, SHIFT = "outside_limits", "trend", "two_in_three", "shift"
RULES = (OUTSIDE_LIMITS, TREND, TWO_IN_THREE, SHIFT)

COMMON_CAUSE = "common_cause"
IMPROVEMENT = "special_cause_improvement"
CONCERN = "special_cause_concern"
NEITHER = "special_cause_neither"
TOO_FEW_POINTS = "too_few_points"
VARIATIONS = (COMMON_CAUSE, IMPROVEMENT, CONCERN, NEITHER, TOO_FEW_POINTS)

PASS, FAIL, HIT_OR_MISS, NO_ASSURANCE = "pass", "fail", "hit_or_miss", "none"
ASSURANCES = (PASS, FAIL, HIT_OR_MISS, NO_ASSURANCE)

POLARITY_SIGN = {"higher": 1, "lower": -1, "neutral": 0}


class SpcInputError(ValueError):
    """The series or the options cannot be charted as asked; the message says why."""


@dataclass(frozen=True)
class Point:
    """One point of the chart, with the limits of its segment and the rules it breaks."""
    period: str
    value: float
    segment: int
    mean: float | None
    lower_limit: float | None
    upper_limit: float | None
    rules: tuple[str, ...]
    direction: int            # +1 a signal upwards, -1 downwards, 0 no signal
    point_type: str           # common_cause or one of the special_cause_* verdicts

    @property
    def special_cause(self) -> bool:
        return bool(self.rules)


@dataclass(frozen=True)
class XmrResult:
    points: tuple[Point, ...]
    polarity: str
    target: float | None
    mean: float | None         # of the latest segment
    lower_limit: float | None
    upper_limit: float | None
    variation: str
    assurance: str
    screen_outliers: bool
    baseline: int | None
    change_points: tuple[str, ...]

    @property
    def signals(self) -> tuple[Point, ...]:
        return tuple(point for point in self.points if point.rules)

    @property
    def variation_direction(self) -> int:
        """+1 or -1 when the latest point is special cause, else 0 (for neutral icons' arrows)."""
        return self.points[-1].direction if self.points and self.variation != TOO_FEW_POINTS else 0

    def to_dict(self) -> dict:
        """The command's JSON: every point, the latest limits, the verdicts and the signals."""
        return {
            "points": [{"period": p.period, "value": p.value, "mean": p.mean, "lower_limit": p.lower_limit,
                        "upper_limit": p.upper_limit, "rules": list(p.rules), "point_type": p.point_type}
                       for p in self.points],
            "mean": self.mean, "lower_limit": self.lower_limit, "upper_limit": self.upper_limit,
            "variation": self.variation, "assurance": self.assurance,
            "signals": [{"period": p.period, "value": p.value, "rules": list(p.rules)} for p in self.signals],
            "polarity": self.polarity, "target": self.target, "n_points": len(self.points),
            "screen_outliers": self.screen_outliers, "baseline": self.baseline,
            "change_points": list(self.change_points),
        }


# --- the arithmetic, on numpy arrays (perfdash.views.spc calls these for many series) ----------

def limits(values: np.ndarray, screen_outliers: bool = False) -> tuple[float, float, float]:
    """Mean, lower and upper limit of the values: mean ± 2.66 × the mean moving range.
    Screening drops moving ranges above 3.267 × their mean before taking the mean again."""
    mean = float(values.mean())
    moving_ranges = np.abs(np.diff(values))
    average = float(moving_ranges.mean())
    if screen_outliers:
        average = float(moving_ranges[moving_ranges <= SCREEN_FACTOR * average].mean())
    return mean, mean - LIMIT_FACTOR * average, mean + LIMIT_FACTOR * average


def _tolerance(mean: float, lower: float, upper: float) -> float:
    """Equality allowing for floating-point rounding: a point "on the mean" is within this."""
    return 1e-9 * max(1.0, abs(mean), upper - lower)


def _runs(codes: np.ndarray):
    """(start, stop, code) for each run of equal codes."""
    if codes.size == 0:
        return
    edges = np.flatnonzero(codes[1:] != codes[:-1]) + 1
    starts = np.concatenate(([0], edges))
    stops = np.concatenate((edges, [codes.size]))
    for start, stop in zip(starts, stops):
        yield int(start), int(stop), int(codes[start])


def segment_rules(y: np.ndarray, mean: float, lower: float, upper: float) -> tuple[np.ndarray, np.ndarray]:
    """Which rules each point breaks (a boolean column per rule, in RULES order) and the direction
    of its signal, decided by the first rule in RULES order that it breaks."""
    n = y.size
    tol = _tolerance(mean, lower, upper)
    side = np.where(y > mean + tol, 1, np.where(y < mean - tol, -1, 0))   # on the mean: 0, breaks runs
    flags = np.zeros((len(RULES), n), dtype=bool)
    directions = np.zeros((len(RULES), n), dtype=int)

    outside = (y > upper + tol) | (y < lower - tol)
    flags[0], directions[0] = outside, np.where(outside, side, 0)

    steps = np.diff(y)
    step_sign = np.where(steps > tol, 1, np.where(steps < -tol, -1, 0))  # an equal neighbour breaks a trend
    for start, stop, code in _runs(step_sign):
        if code != 0 and stop - start >= RUN_LENGTH - 1:   # 6 steps join 7 points
            flags[1, start:stop + 1] = True
            directions[1, start:stop + 1] = code   # a turning point takes the later trend, as R's package

    close_up = y > mean + CLOSE_FRACTION * (upper - mean) + tol
    close_down = y < mean - CLOSE_FRACTION * (mean - lower) - tol
    for direction, close in ((1, close_up), (-1, close_down)):
        if n < 3:
            break
        same = side == direction
        # window i holds points i, i+1, i+2: all on this side, at least two of them close
        window = (same[:-2] & same[1:-1] & same[2:]) & (close[:-2].astype(int) + close[1:-1] + close[2:] >= 2)
        in_window = np.zeros(n, dtype=bool)
        for offset in range(3):
            in_window[offset:n - 2 + offset] |= window
        hit = in_window & close
        flags[2] |= hit
        directions[2] = np.where(hit, direction, directions[2])

    for start, stop, code in _runs(side):
        if code != 0 and stop - start >= RUN_LENGTH:
            flags[3, start:stop], directions[3, start:stop] = True, code

    chosen = np.zeros(n, dtype=int)
    for rule in reversed(range(len(RULES))):     # the first rule in precedence order wins
        chosen = np.where(flags[rule], directions[rule], chosen)
    return flags, chosen


def point_type(direction: int, polarity: str) -> str:
    if direction == 0:
        return COMMON_CAUSE
    sign = POLARITY_SIGN[polarity]
    if sign == 0:
        return NEITHER
    return IMPROVEMENT if direction * sign > 0 else CONCERN


def assurance(lower: float | None, upper: float | None, target: float | None, polarity: str) -> str:
    """pass when the limits lie wholly on the good side of the target, fail when wholly on the bad
    side, hit_or_miss when the target lies within them (a target on a limit counts as within)."""
    if lower is None or upper is None or target is None or np.isnan(target) or POLARITY_SIGN[polarity] == 0:
        return NO_ASSURANCE
    if target < lower:
        return PASS if polarity == "higher" else FAIL
    if target > upper:
        return FAIL if polarity == "higher" else PASS
    return HIT_OR_MISS


def segment_bounds(n: int, starts: Sequence[int]) -> list[tuple[int, int]]:
    edges = [0, *sorted(starts), n]
    return list(pairwise(edges))


# --- the public entry point ------------------------------------------------------------------

def xmr(values: Sequence[float], periods: Sequence[str] | None = None, *, polarity: str,
        target: float | None = None, baseline: int | None = None, change_points: Sequence[str] = (),
        screen_outliers: bool = False) -> XmrResult:
    """The XmR chart of a series in time order.

    `baseline`: limits are computed from the first `baseline` points of each segment and fixed for
    the rest. `change_points`: periods from which the limits are recalculated (a new segment).
    Limits are never computed from fewer than MIN_POINTS points: such a segment has none and no
    signals, and when it is the latest the verdicts are too_few_points and none."""
    y = np.asarray(values, dtype=float)
    labels = [str(p) for p in periods] if periods is not None else [str(i + 1) for i in range(y.size)]
    _check(y, labels, polarity, target, baseline, change_points)
    starts = [labels.index(str(period)) for period in change_points]
    flags = np.zeros((len(RULES), y.size), dtype=bool)
    direction = np.zeros(y.size, dtype=int)
    segment_of = np.zeros(y.size, dtype=int)
    bounds: list[tuple[float | None, float | None, float | None]] = []
    for number, (start, stop) in enumerate(segment_bounds(y.size, starts)):
        segment_of[start:stop] = number
        fixed = y[start:stop][:baseline] if baseline else y[start:stop]
        if fixed.size < MIN_POINTS:
            bounds.append((float(y[start:stop].mean()), None, None))
            continue
        mean, lower, upper = limits(fixed, screen_outliers)
        flags[:, start:stop], direction[start:stop] = segment_rules(y[start:stop], mean, lower, upper)
        bounds.append((mean, lower, upper))
    points = tuple(
        Point(labels[i], float(y[i]), int(segment_of[i]), *bounds[segment_of[i]],
              tuple(rule for r, rule in enumerate(RULES) if flags[r, i]), int(direction[i]),
              point_type(int(direction[i]), polarity))
        for i in range(y.size))
    mean, lower, upper = bounds[-1]
    if lower is None:
        variation, verdict = TOO_FEW_POINTS, NO_ASSURANCE
    else:
        variation, verdict = points[-1].point_type, assurance(lower, upper, target, polarity)
    return XmrResult(points, polarity, None if target is None else float(target), mean, lower, upper,
                     variation, verdict, screen_outliers, baseline, tuple(str(p) for p in change_points))


def _check(y: np.ndarray, labels: list[str], polarity: str, target, baseline, change_points) -> None:
    if y.size == 0:
        raise SpcInputError("the series has no points")
    if not np.isfinite(y).all():
        raise SpcInputError("every value must be a finite number")
    if len(labels) != y.size:
        raise SpcInputError(f"{len(labels)} periods for {y.size} values")
    if len(set(labels)) != len(labels):
        raise SpcInputError("each period may appear only once")
    if polarity not in POLARITY_SIGN:
        raise SpcInputError(f"polarity must be higher, lower or neutral, not {polarity!r}")
    if target is not None and not np.isfinite(float(target)):
        raise SpcInputError("the target must be a finite number")
    if baseline is not None and baseline < MIN_POINTS:
        raise SpcInputError(f"a baseline needs at least {MIN_POINTS} points, not {baseline}")
    for period in change_points:
        if str(period) not in labels:
            raise SpcInputError(f"the change point {period} is not one of the periods")
        if labels.index(str(period)) == 0:
            raise SpcInputError(f"the change point {period} is the first period; limits already start there")
