"""A register pre-filled with a council's indicators, for setting next year's targets in Excel.

One row per indicator of the council's plan (its latest, unless another is asked for), in the
plan's own order, with every column filled except the targets. The last annual target known for
each indicator is shown in `last_annual_target`, a guidance column the importer reads past. Filled
in and imported unchanged, the rows name the same indicators (same council, plan and ref). A council
whose plans hold no indicators gets the header alone, to start a register from.
"""
from __future__ import annotations

import re
from collections.abc import Mapping

import pandas as pd

from perfdash.exports import to_csv_bytes, to_template_workbook
from perfdash.plans.register.columns import INDICATOR_COLUMNS, names, parse_target
from perfdash.plans.register.known import Known
from perfdash.plans.values import period_label

TEMPLATE_COLUMNS = (*names(INDICATOR_COLUMNS), "last_annual_target")
FORMATS = ("csv", "xlsx")


def _line(source: str | None) -> int:
    match = re.search(r"(\d+)$", source or "")
    return int(match.group(1)) if match else 0


def _latest_year(indicator_ids: set[str], known: Known) -> int:
    years = [row["year_start"] for indicator_id in indicator_ids
             for row in known.values_by_indicator.get(indicator_id, []) if row.get("year_start") is not None]
    return int(max(years)) if years else -1


def latest_plan(known: Known, council_id: str) -> str | None:
    """The council's plan with the most recent figures (then the latest end year, then plan_id);
    None when none of its plans has indicators."""
    plans = [p for p in known.plans.values() if p.get("council_id") == council_id]
    with_indicators = [p for p in plans if any(i.get("plan_id") == p["plan_id"] for i in known.indicators.values())]
    if not with_indicators:
        return None

    def recency(plan: dict) -> tuple:
        ids = {i for i, row in known.indicators.items() if row.get("plan_id") == plan["plan_id"]}
        return (_latest_year(ids, known), plan.get("end_year") or 0, plan["plan_id"])

    return max(with_indicators, key=recency)["plan_id"]


def _last_annual_target(before: int, values: list[dict]) -> str:
    targets = [row for row in values if row.get("kind") == "target"
               and row.get("quarter") is None and row.get("year_start") is not None and row["year_start"] < before]
    if not targets:
        return ""
    last = max(targets, key=lambda row: row["year_start"])
    return f"{last.get('value_text')} ({period_label(int(last['year_start']))})"


def _baseline(indicator: dict, values: list[dict]) -> tuple[str, str]:
    """The latest known baseline, when it is a figure a register can hold (not "Level 2 in 2001",
    not "Baseline data still being collected.")."""
    baselines = [row for row in values if row.get("kind") == "baseline" and row.get("year_start") is not None]
    if not baselines:
        return "", ""
    last = max(baselines, key=lambda row: row["year_start"])
    text = str(last.get("value_text") or "")
    _, shown, problem = parse_target(text, indicator.get("unit"))
    if problem or shown is None:
        return "", ""
    return period_label(int(last["year_start"])), text


def _ref(known: Known, indicator: dict) -> str:
    """The printed ref if it names this indicator again, else the key of its id (never ambiguous)."""
    ref = (indicator.get("ref") or "").strip()
    found = known.indicator_for(indicator["council_id"], indicator["plan_id"], ref) if ref else None
    if found is not None and found["indicator_id"] == indicator["indicator_id"]:
        return ref
    return indicator["indicator_id"].split(":", 1)[1]


def register_template(known: Mapping[str, object], council_id: str, year_start: int,
                      plan_id: str | None = None) -> pd.DataFrame:
    """The template rows for `council_id` and the year starting `year_start`. `known` as for
    validate_register, with indicator_values for the last targets and baselines."""
    context = Known.from_frames(known)
    council = context.councils.get(council_id)
    if council is None:
        raise ValueError(f"{council_id!r} is not a known council")
    plan_id = plan_id or latest_plan(context, council_id)
    if plan_id is None:  # nothing to pre-fill: the header alone, to start a register from
        return pd.DataFrame(columns=list(TEMPLATE_COLUMNS), dtype=object)
    plan = context.plans.get(plan_id)
    if plan is None or plan.get("council_id") != council_id:
        raise ValueError(f"{plan_id!r} is not a plan of {council_id}")
    indicators = sorted((row for row in context.indicators.values()
                         if row.get("plan_id") == plan_id and row.get("council_id") == council_id),
                        key=lambda row: (_line(row.get("source")), row["indicator_id"]))
    rows = []
    for indicator in indicators:
        values = context.values_by_indicator.get(indicator["indicator_id"], [])
        baseline_year, baseline_value = _baseline(indicator, values)
        priority = context.priorities.get(indicator.get("priority_id") or "") or {}
        rows.append({
            "council_id": council_id, "council_name": council.get("name"), "tier": council.get("tier"),
            "parent_council_id": council.get("parent_council_id"), "plan_id": plan_id,
            "plan_title": plan.get("title"), "ref": _ref(context, indicator), "code": indicator.get("code"),
            "title": indicator.get("title"), "unit": indicator.get("unit"), "polarity": indicator.get("polarity"),
            "theme": indicator.get("theme"), "profile": indicator.get("profile"), "year": period_label(year_start),
            "baseline_year": baseline_year, "baseline_value": baseline_value,
            "source": indicator.get("source_note"), "common_theme": indicator.get("common_theme"),
            "priority": priority.get("title"), "definition": indicator.get("definition"),
            "last_annual_target": _last_annual_target(year_start, values)})
    frame = pd.DataFrame(rows, columns=list(TEMPLATE_COLUMNS))
    return frame.astype(object).where(frame.notna() & (frame != ""), None)


def template_bytes(frame: pd.DataFrame, fmt: str) -> bytes:
    """The template as CSV, or as a workbook whose "indicators" sheet has a bold, frozen header."""
    if fmt == "csv":
        return to_csv_bytes(frame)
    if fmt != "xlsx":
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    return to_template_workbook(frame, "indicators")
