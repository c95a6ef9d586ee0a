"""Checks of the plans' own consistency, run over the assembled extracts.

They flag; they never change a figure. Parsers add findings of their own (unparseable
values, garbled regions) for what only the parser can see.
"""
from __future__ import annotations

from collections import defaultdict

# A profile's Q4 or sum may differ from the annual target by rounding in the plan.
_TOLERANCE = 0.005


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= _TOLERANCE * max(abs(a), abs(b), 1.0)


def _finding(indicator: dict, category: str, severity: str, message: str, source: str) -> dict:
    return {"council_id": indicator["council_id"], "plan_id": indicator["plan_id"],
            "indicator_id": indicator["indicator_id"], "category": category,
            "severity": severity, "message": message, "source": source}


def _values_by_indicator(values: list[dict]) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = defaultdict(list)
    for row in values:
        grouped[row["indicator_id"]].append(row)
    return grouped


def profile_findings(indicator: dict, rows: list[dict]) -> list[dict]:
    """Quarterly target profiles that disagree with their annual target."""
    findings = []
    annual = {r["year_start"]: r for r in rows if r["kind"] == "target" and r["quarter"] is None}
    quarters: dict[int, dict[int, dict]] = defaultdict(dict)
    for r in rows:
        if r["kind"] == "target" and r["quarter"] is not None and r["value"] is not None:
            quarters[r["year_start"]][r["quarter"]] = r
    label = f"{indicator.get('ref') or indicator['title']}"
    for year, profile in sorted(quarters.items()):
        target = annual.get(year)
        if target is None or target["value"] is None:
            continue
        annual_value = target["value"]
        if indicator.get("profile") == "cumulative" and 4 in profile and not _close(profile[4]["value"], annual_value):
            findings.append(_finding(
                indicator, "profile_q4_mismatch", "warning",
                f"{label}: cumulative profile Q4 is {profile[4]['value_text']} but the annual target is "
                f"{target['value_text']}.", profile[4]["source"]))
        if indicator.get("profile") == "per_quarter" and len(profile) == 4:
            total = sum(r["value"] for r in profile.values())
            if not _close(total, annual_value):
                findings.append(_finding(
                    indicator, "per_quarter_sum_mismatch", "warning",
                    f"{label}: the quarterly targets add up to {total:g} but the annual target is "
                    f"{target['value_text']}.", profile[1]["source"]))
        if indicator.get("unit") == "percent" and indicator.get("polarity") != "lower":
            above = [q for q, r in sorted(profile.items()) if r["value"] > annual_value + 1e-9]
            if above:
                quarters_text = ", ".join(f"Q{q} {profile[q]['value_text']}" for q in above)
                findings.append(_finding(
                    indicator, "quarter_above_annual_percent", "warning",
                    f"{label}: {quarters_text} above the annual target of {target['value_text']}.",
                    profile[above[0]]["source"]))
    return findings


def direction_findings(indicator: dict, rows: list[dict]) -> list[dict]:
    """Annual targets that are worse than the latest earlier actual, given the polarity."""
    polarity = indicator.get("polarity")
    if polarity not in ("higher", "lower"):
        return []
    findings = []
    actuals = sorted((r for r in rows if r["kind"] == "actual" and r["quarter"] is None and r["value"] is not None),
                     key=lambda r: r["year_start"])
    targets = [r for r in rows if r["kind"] == "target" and r["quarter"] is None and r["value"] is not None]
    for target in sorted(targets, key=lambda r: r["year_start"]):
        earlier = [a for a in actuals if a["year_start"] < target["year_start"]]
        if not earlier:
            continue
        latest = earlier[-1]
        worse = target["value"] < latest["value"] if polarity == "higher" else target["value"] > latest["value"]
        if worse and not _close(target["value"], latest["value"]):
            findings.append(_finding(
                indicator, "target_wrong_direction", "warning",
                f"{indicator.get('ref') or indicator['title']}: the {target['period']} target "
                f"{target['value_text']} is worse than the {latest['period']} actual {latest['value_text']} "
                f"({polarity} is better).", target["source"]))
    return findings


def generic_findings(indicators: list[dict], values: list[dict]) -> list[dict]:
    grouped = _values_by_indicator(values)
    findings = []
    for indicator in indicators:
        rows = grouped.get(indicator["indicator_id"], [])
        findings += profile_findings(indicator, rows)
        findings += direction_findings(indicator, rows)
    return findings
