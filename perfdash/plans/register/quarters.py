"""Which target a quarter is judged against when a register gives only an annual target.

A register may leave q1_target..q4_target blank. No quarterly target is then invented and stored:
the values keep only what the council wrote. The RAG rule applies this reading instead, stated in
docs/REGISTER.md ("Quarters without quarterly targets"):

- cumulative profile: the year to date at the end of quarter n is judged against a straight-line
  share, n/4 of the annual target (Q2 of a 98% collection target: 49%);
- per_quarter, snapshot or no profile: a rate, percentage, level, score, ratio, duration or Yes/No
  is judged against the annual target itself; a count, amount of money or weight that adds up over
  the year is judged against a quarter share, 1/4 of the annual target.
"""
from __future__ import annotations

# Units whose quarterly figures add up to the year's.
ADDITIVE_UNITS = ("count", "gbp", "gbp_000", "tonnes", "kg")


def quarter_target(annual: float, quarter: int, profile: str | None, unit: str | None) -> tuple[float, str]:
    """(target, basis in words) for `quarter` of an indicator with only an annual target."""
    if quarter not in (1, 2, 3, 4):
        raise ValueError(f"quarter must be 1 to 4, not {quarter!r}")
    annual = float(annual)
    if unit == "yes_no":
        return annual, "the annual target itself (a Yes/No target has no share)"
    if profile == "cumulative":
        return annual * quarter / 4, f"year to date: {quarter}/4 of the annual target"
    if unit in ADDITIVE_UNITS:
        return annual / 4, "a quarter of the annual target"
    return annual, "the annual target itself"
