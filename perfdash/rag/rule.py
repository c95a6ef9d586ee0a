"""The RAG rule: one status for an indicator-quarter, from its actual, its profiled target and
its polarity. docs/RAG_RULE.md explains the rule; every page and command calls this module.

Tolerances live in data/config/rag.yaml, read by perfdash/rag/settings.py. No Streamlit and no DuckDB here.
"""
from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from perfdash.polarity import format_value

STATUSES = ("green", "amber", "red", "no_target", "no_data")
# Same icons and words as components/palette.py RAG_STYLES (a test keeps them in step).
STATUS_ICONS = {"green": "✔", "amber": "▲", "red": "✖", "no_target": "○", "no_data": "–"}
STATUS_WORDS = {"green": "On target", "amber": "Slightly off target", "red": "Off target",
                "no_target": "No target", "no_data": "No data"}
STYLES = ("percent_of_target", "absolute")
# Units whose amounts read with their label ("2 days", "£2k"); others read as plain numbers.
MEASURED_UNITS = ("days", "weeks", "tonnes", "kg", "gbp", "gbp_000", "rate_per_1000", "rate_per_10000",
                  "rate_per_100000")
NEUTRAL_OFF = "off profile; neither higher nor lower is better"


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA


def status_label(status: str) -> str:
    """Icon and words for a status, e.g. "✖ Off target"."""
    if status not in STATUSES:
        raise ValueError(f"unknown RAG status {status!r}; expected one of {', '.join(STATUSES)}")
    return f"{STATUS_ICONS[status]} {STATUS_WORDS[status]}"


@dataclass(frozen=True)
class Rule:
    style: str              # "percent_of_target" | "absolute"
    amber_tolerance: float  # percent of the target, or the indicator's own units

    def __post_init__(self):
        if self.style not in STYLES:
            raise ValueError(f"style must be one of {', '.join(STYLES)}, not {self.style!r}")
        if not _is_number(self.amber_tolerance) or self.amber_tolerance < 0:
            raise ValueError(f"amber_tolerance must be a number >= 0, not {self.amber_tolerance!r}")

    def tolerance_for(self, target: float) -> float:
        """The amber band in the indicator's units. A target of 0 under percent_of_target gives 0."""
        if self.style == "percent_of_target":
            return self.amber_tolerance * abs(target) / 100
        return float(self.amber_tolerance)

    def describe(self, unit: str | None = None) -> str:
        if unit == "yes_no" or self.amber_tolerance == 0:
            return "no amber band"
        if self.style == "percent_of_target":
            return f"amber within {_number(self.amber_tolerance)}% of target"
        amount = _amount(self.amber_tolerance, unit)
        if unit != "percent" and unit not in MEASURED_UNITS:
            amount += " units"
        return f"amber within {amount} of target"


DEFAULT_RULE = Rule("percent_of_target", 5)


@dataclass(frozen=True)
class RagRules:
    default: Rule
    councils: dict[str, Rule]
    indicators: dict[str, Rule]  # keyed by indicator_id, e.g. "nwl-delivery-2007:BV9"

    def rule_for(self, council_id: str, indicator_id: str) -> Rule:
        """Indicator setting, else council setting, else the default."""
        for chosen in (self.indicators.get(indicator_id), self.councils.get(council_id)):
            if chosen is not None:
                return chosen
        return self.default

    def with_default(self, rule: Rule) -> RagRules:
        """One rule for all: every council and indicator override dropped."""
        return RagRules(default=rule, councils={}, indicators={})


# --- the comparison -------------------------------------------------------------------------

@dataclass(frozen=True)
class Assessment:
    status: str                     # one of STATUSES
    compared_actual: float | None
    target: float | None
    gap: float | None               # compared_actual - target
    shortfall: float | None         # how far worse than target (>= 0); None if not comparable or neutral
    tolerance: float | None         # in the indicator's units
    basis: str                      # "year to date, Q1–Q2" / "Q2 alone"
    reason: str


def ytd_actual(profile: str | None, quarter: int, actuals: Mapping[int, float | None]) -> tuple[float | None, str]:
    """The value compared with quarter `quarter`'s target, and the basis in words.

    Outturns are recorded for each quarter alone, so a cumulative profile adds Q1..Qn. When a
    needed quarter is missing the value is None and the words say which quarter(s)."""
    if quarter not in (1, 2, 3, 4):
        raise ValueError(f"quarter must be 1 to 4, not {quarter!r}")
    if profile != "cumulative":
        value = actuals.get(quarter)
        return (None, f"no Q{quarter} outturn") if _missing(value) else (float(value), f"Q{quarter} alone")
    gaps = [q for q in range(1, quarter + 1) if _missing(actuals.get(q))]
    if gaps:
        return None, f"no {_quarter_list(gaps)} outturn for the year to date"
    return float(sum(actuals[q] for q in range(1, quarter + 1))), _basis(profile, quarter)


def assess_quarter(*, profile: str | None, polarity: str | None, unit: str | None, quarter: int,
                   actuals: Mapping[int, float | None], target: float | None, rule: Rule) -> Assessment:
    """The status for one quarter, comparing the year to date for cumulative profiles."""
    basis = _basis(profile, quarter)
    if _missing(target):
        return Assessment("no_target", None, None, None, None, None, basis, f"no target for Q{quarter}")
    value, words = ytd_actual(profile, quarter, actuals)
    if value is None:
        return Assessment("no_data", None, float(target), None, None, None, basis, words)
    return assess(actual=value, target=target, polarity=polarity, unit=unit, rule=rule, basis=basis)


def assess(*, actual: float | None, target: float | None, polarity: str | None, unit: str | None, rule: Rule,
           basis: str = "") -> Assessment:
    """Compare one actual with one target, read with the polarity. No profile logic here."""
    if _missing(target):
        return Assessment("no_target", None, None, None, None, None, basis, "no target to compare with")
    target = float(target)
    if _missing(actual):
        return Assessment("no_data", None, target, None, None, None, basis, "no actual to compare")
    actual = float(actual)
    eps = 1e-9 * max(1.0, abs(actual), abs(target))  # float noise, e.g. sums of quarters
    gap = 0.0 if abs(actual - target) <= eps else actual - target
    tolerance = 0.0 if unit == "yes_no" else rule.tolerance_for(target)
    if polarity not in ("higher", "lower"):  # neutral (or unset): nothing is worse, never red
        shortfall = None
        status = "green" if gap == 0 or abs(gap) <= tolerance + eps else "amber"
    else:
        shortfall = max(0.0, -gap if polarity == "higher" else gap)
        if shortfall == 0:
            status = "green"
        elif unit == "yes_no" or tolerance == 0:
            status = "red"
        else:
            status = "amber" if shortfall <= tolerance + eps else "red"  # inclusive: at the tolerance is amber
    reason = _reason(status, actual, target, gap, shortfall or 0.0, tolerance, unit, polarity, rule, _show, _amount)
    return Assessment(status, actual, target, gap, shortfall, tolerance, basis, reason)


# --- whole tables and the Board's what-if -----------------------------------------------------

FRAME_COLUMNS = ("actual", "rag", "gap", "shortfall", "tolerance", "basis", "rag_reason", "rule")


def assess_frame(frame: pd.DataFrame, rules: RagRules) -> pd.DataFrame:
    """Add the RAG columns to one-row-per-indicator-quarter data with in-quarter actuals q1..q4: the results
    of assess_quarter row by row (tests/rag/test_assess_frame.py), worked out on whole columns with numpy."""
    found = _assess_columns(frame, rules)
    added = pd.DataFrame({name: pd.Series(found[name], index=frame.index, dtype="float64" if name in
                                          ("actual", "gap", "shortfall", "tolerance") else "object")
                          for name in FRAME_COLUMNS})
    if not set(FRAME_COLUMNS) & set(frame.columns):
        return pd.concat([frame, added], axis=1)  # one copy, not a column inserted eight times
    result = frame.copy()
    result[list(FRAME_COLUMNS)] = added
    return result


def _floats(series: pd.Series) -> np.ndarray:
    if pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series):
        return series.to_numpy(dtype="float64", na_value=np.nan)
    return np.array([np.nan if _missing(v) else float(v) for v in series.tolist()], dtype="float64")


def judged_figures(actuals: np.ndarray, quarters, cumulative: np.ndarray) -> np.ndarray:
    """The figure the rule judges for each row, from its year's Q1-Q4 actuals (one row each, NaN
    where missing): the year to date up to the row's quarter where the profile is cumulative
    (missing if any quarter of it is), else the quarter's own figure."""
    index, rows = np.clip(np.asarray(quarters, dtype=int) - 1, 0, 3), np.arange(len(actuals))
    # Year to date: 0 + Q1, then + Q2, ... added in order, as sum() does (0 + -0.0 is 0.0).
    running = 0.0 + actuals
    for q in (1, 2, 3):
        running[:, q] = running[:, q - 1] + actuals[:, q]
    return np.where(cumulative, running[rows, index], actuals[rows, index])


def _assess_columns(frame: pd.DataFrame, rules: RagRules) -> dict[str, list]:
    if (n := len(frame)) == 0:
        return {name: [] for name in FRAME_COLUMNS}
    units, polarities, profiles = (frame[c].astype(object).where(frame[c].notna(), None).tolist()
                                   for c in ("unit", "polarity", "profile"))
    quarters = [int(q) for q in frame["quarter"].tolist()]
    targets = _floats(frame["target"])
    actuals = np.column_stack([_floats(frame[f"q{q}"]) for q in (1, 2, 3, 4)])
    rule_for, describe = lru_cache(maxsize=None)(rules.rule_for), lru_cache(maxsize=None)(Rule.describe)
    row_rules = [rule_for(c, i) for c, i in zip(frame["council_id"].tolist(), frame["indicator_id"].tolist())]
    rule_words = [describe(r, u) for r, u in zip(row_rules, units)]
    cumulative = np.array([p == "cumulative" for p in profiles])
    basis = [_basis(p, q) for p, q in zip(profiles, quarters)]
    no_target = np.isnan(targets)
    bad = [q for q, missing in zip(quarters, no_target) if not missing and q not in (1, 2, 3, 4)]
    if bad:
        raise ValueError(f"quarter must be 1 to 4, not {bad[0]!r}")
    value = judged_figures(actuals, quarters, cumulative)
    no_data = ~no_target & np.isnan(value)
    ok = ~no_target & ~no_data
    a, t = np.where(ok, value, 0.0), np.where(ok, targets, 0.0)
    eps = 1e-9 * np.maximum(1.0, np.maximum(np.abs(a), np.abs(t)))
    gap = np.where(np.abs(a - t) <= eps, 0.0, a - t)
    yes_no = np.array([u == "yes_no" for u in units])
    percent = np.array([r.style == "percent_of_target" for r in row_rules])
    amber = np.array([float(r.amber_tolerance) for r in row_rules])
    tolerance = np.where(yes_no, 0.0, np.where(percent, amber * np.abs(t) / 100, amber))
    higher, directional = (np.array([p in ways for p in polarities]) for ways in (("higher",), ("higher", "lower")))
    signed = np.where(higher, -gap, gap)
    shortfall = np.where(signed > 0, signed, 0.0)
    within = shortfall <= tolerance + eps
    status = np.select(
        [no_target, no_data,
         ~directional & ((gap == 0) | (np.abs(gap) <= tolerance + eps)), ~directional,
         shortfall == 0, yes_no | (tolerance == 0), within],
        ["no_target", "no_data", "green", "amber", "green", "red", "amber"], "red")
    show, amount = _by_figure(_show), _by_figure(_amount)
    reasons = []
    for i in range(n):
        unit, q = units[i], quarters[i]
        if no_target[i]:
            reasons.append(f"no target for Q{q}")
        elif no_data[i]:
            if cumulative[i]:
                gaps = [k for k in range(1, q + 1) if np.isnan(actuals[i, k - 1])]
                reasons.append(f"no {_quarter_list(gaps)} outturn for the year to date")
            else:
                reasons.append(f"no Q{q} outturn")
        else:
            reasons.append(_reason(status[i], float(a[i]), float(t[i]), float(gap[i]), float(shortfall[i]),
                                   float(tolerance[i]), unit, polarities[i], row_rules[i], show, amount))
    return {"actual": np.where(ok, a, np.nan), "rag": status.tolist(), "gap": np.where(ok, gap, np.nan),
            "shortfall": np.where(ok & directional, shortfall, np.nan), "tolerance": np.where(ok, tolerance, np.nan),
            "basis": basis, "rag_reason": reasons, "rule": rule_words}


def _by_figure(words):
    """words(x, unit) worked out once per distinct figure (-0.0 apart from 0.0: they print differently)."""
    cached = lru_cache(maxsize=None)(lambda x, sign, unit: words(x, unit))
    return lambda x, unit: cached(x, math.copysign(1.0, x), unit)


def _reason(status: str, actual: float, target: float, gap: float, shortfall: float, tolerance: float, unit,
            polarity, rule: Rule, show, amount) -> str:
    """The words for a compared actual and target, for assess() and the whole-table rule alike."""
    said = f"{show(actual, unit)} against a target of {show(target, unit)}"
    if polarity not in ("higher", "lower"):
        if gap == 0:
            return f"{said}: on target"
        away = f"{said}: {amount(abs(gap), unit)} away"
        if status == "green":
            return f"{away}, within the tolerance of {amount(tolerance, unit)}"
        off = NEUTRAL_OFF if polarity == "neutral" else "off profile; polarity not set"
        return f"{away}, beyond the tolerance of {amount(tolerance, unit)}; {off}"
    if shortfall == 0:
        return f"{said}: {'on target' if gap == 0 else f'{amount(abs(gap), unit)} better'}"
    worse = f"{said}: {amount(shortfall, unit)} worse"
    if unit == "yes_no":
        return f"{said}: a Yes/No indicator has no amber band"
    if tolerance == 0:
        why = "a target of 0 leaves no amber band" if rule.style == "percent_of_target" and rule.amber_tolerance \
            else "no amber band"
        return f"{worse}; {why}"
    return f"{worse}, {'within' if status == 'amber' else 'beyond'} the tolerance of {amount(tolerance, unit)}"


def what_if(frame: pd.DataFrame, scenarios: dict[str, RagRules]) -> pd.DataFrame:
    """indicator_id and one status column per scenario, row for row with `frame` (same index)."""
    result = frame[["indicator_id"]].copy()
    for name, rules in scenarios.items():
        result[name] = assess_frame(frame, rules)["rag"]
    return result


def tolerance_scenarios(rules: RagRules, tolerances=(0, 5, 10)) -> dict[str, RagRules]:
    """"As configured", then one percent-of-target tolerance for every indicator."""
    scenarios = {"As configured": rules}
    for tolerance in tolerances:
        name = "No amber band for all" if tolerance == 0 else f"{_number(tolerance)}% of target for all"
        scenarios[name] = rules.with_default(Rule("percent_of_target", float(tolerance)))
    return scenarios


def council_style_scenarios(rules: RagRules) -> dict[str, RagRules]:
    """Each configured council's rule applied to every indicator."""
    return {f"{council_id}'s rule for all": rules.with_default(rule) for council_id, rule in rules.councils.items()}


# --- small helpers ------------------------------------------------------------------------------

def _basis(profile: str | None, quarter: int) -> str:
    if profile == "cumulative":
        return "year to date, Q1" if quarter == 1 else f"year to date, Q1–Q{quarter}"
    return f"Q{quarter} alone"


def _quarter_list(quarters: list[int]) -> str:
    names = [f"Q{q}" for q in quarters]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


def _number(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".")  # as performance.format_value


def _show(value: float, unit: str | None) -> str:
    if unit == "yes_no":
        return "Yes" if value >= 0.5 else "No"
    return format_value(value, unit)


def _amount(value: float, unit: str | None) -> str:
    """A difference or tolerance in words: percentages differ by points."""
    if unit == "percent":
        return f"{_number(value)} {'point' if value == 1 else 'points'}"
    return format_value(value, unit) if unit in MEASURED_UNITS else _number(value)


class RulesError(ValueError):
    """The RAG settings file cannot be used; the message lists every problem with its path."""

