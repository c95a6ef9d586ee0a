"""Performance rules in the users' words: polarity, direction of travel, better or worse."""
from __future__ import annotations

import math

POLARITY_WORDS = {
    "higher": "Higher is better",
    "lower": "Lower is better",
    "neutral": "Neither higher nor lower is better",
}

UNIT_LABELS = {
    "percent": "%", "days": "days", "weeks": "weeks", "count": "count", "tonnes": "tonnes",
    "kg": "kg", "gbp": "£", "gbp_000": "£000", "rate_per_1000": "per 1,000", "rate_per_10000": "per 10,000",
    "rate_per_100000": "per 100,000", "score": "score", "level": "level", "yes_no": "Yes/No",
    "ratio": "ratio",
}

IMPROVING, WORSENING, NO_CHANGE, NOT_COMPARABLE = "Improving", "Worsening", "No change", "Not comparable"
DIRECTION_ICONS = {IMPROVING: "▲", WORSENING: "▼", NO_CHANGE: "►", NOT_COMPARABLE: "–"}


def polarity_words(polarity: str | None) -> str:
    return POLARITY_WORDS.get(polarity or "", "Polarity not set")


def unit_label(unit: str | None) -> str:
    return UNIT_LABELS.get(unit or "", unit or "")


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def direction_of_travel(previous, current, polarity: str | None) -> str:
    """Improving, Worsening or No change from `previous` to `current`, read with the polarity."""
    if _missing(previous) or _missing(current) or polarity not in ("higher", "lower"):
        return NOT_COMPARABLE
    if math.isclose(previous, current, rel_tol=1e-9, abs_tol=1e-9):
        return NO_CHANGE
    went_up = current > previous
    return IMPROVING if went_up == (polarity == "higher") else WORSENING


def better_or_worse(value, benchmark, polarity: str | None) -> str:
    """"Better", "Worse" or "Same" for `value` against `benchmark`, read with the polarity."""
    if _missing(value) or _missing(benchmark) or polarity not in ("higher", "lower"):
        return "Not comparable"
    if math.isclose(value, benchmark, rel_tol=1e-9, abs_tol=1e-9):
        return "Same"
    return "Better" if (value > benchmark) == (polarity == "higher") else "Worse"


def ambition_percent(start, target, polarity: str | None) -> float | None:
    """How far a target moves from its starting point, in percent, positive when it asks
    for improvement. None when there is no starting point to measure from."""
    if _missing(start) or _missing(target) or polarity not in ("higher", "lower") or start == 0:
        return None
    change = (target - start) / abs(start) * 100
    return change if polarity == "higher" else -change


def format_value(value, unit: str | None, value_text: str | None = None) -> str:
    """A value with its unit, for cards and labels; falls back to the printed text."""
    if _missing(value):
        return value_text or "–"
    number = f"{value:,.2f}".rstrip("0").rstrip(".")
    if unit == "percent":
        return f"{number}%"
    if unit == "gbp":
        return f"£{number}"
    if unit == "gbp_000":
        return f"£{number}k"
    label = unit_label(unit)
    return f"{number} {label}" if label and unit not in ("count", "yes_no") else number
