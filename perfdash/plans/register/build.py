"""Checked register rows as frames of the contract tables, and the warnings a register raises.

Every frame has exactly the contract's columns for its table (perfdash.plans.contract.TABLES), in
the contract's order, then extra columns: `origin` (file:line, or file:sheet!row) on every row,
`source_note` (the register's own source text) on indicators, values and findings, `definition` on
indicators and `due` on actions. The contract's `source` holds the origin too, since that is where
the figure was read. Councils, plans and indicators already known are not repeated: a register for
a new year of a known indicator brings only its values.

Warnings (imported, each recorded as a quality finding): a cumulative profile whose Q4 differs from
the annual target, a per-quarter profile that does not add up to it, a quarter above the annual
target of a percentage that can only grow (the bundled plans' profile checks,
perfdash.plans.quality), and an annual target worse than the row's baseline for the polarity.
"""
from __future__ import annotations

import pandas as pd

from perfdash.plans import quality
from perfdash.plans.contract import TABLES
from perfdash.plans.register.known import Known
from perfdash.plans.register.model import (
    CheckedAction,
    CheckedIndicator,
    CheckedPriority,
    RegisterProblem,
    problem_at,
)
from perfdash.plans.values import period_label

PLAN_TYPE = "register"
EXTRA_COLUMNS = {"councils": ("origin",), "plans": ("origin",),
                 "indicators": ("origin", "source_note", "definition"),
                 "indicator_values": ("origin", "source_note"), "priorities": ("origin",),
                 "actions": ("origin", "due"), "quality_findings": ("origin", "source_note")}
# As in perfdash.plans.quality: a figure within half a percent of another is rounding, not a change.
_TOLERANCE = 0.005
_FINDING_COLUMNS = {"profile_q4_mismatch": "q4_target", "per_quarter_sum_mismatch": "annual_target",
                    "quarter_above_annual_percent": "annual_target", "target_wrong_direction": "annual_target"}


def frame(table: str, rows: list[dict]) -> pd.DataFrame:
    """Rows as a frame with the contract's columns and types, then the table's extra columns."""
    spec = TABLES[table]
    columns = [*spec.columns, *EXTRA_COLUMNS[table]]
    result = pd.DataFrame([{column: row.get(column) for column in columns} for row in rows], columns=columns)
    for column, kind in spec.columns.items():
        if kind == "int":
            result[column] = pd.array(result[column].tolist(), dtype="Int64")
        elif kind == "float":
            result[column] = pd.to_numeric(result[column], errors="coerce").astype("float64")
    for column in columns:
        if spec.columns.get(column, "string") == "string":
            result[column] = result[column].astype("object").where(result[column].notna(), None)
    return result


def _metadata(c: CheckedIndicator) -> dict:
    """The indicator as the contract holds it: the known row, else the register's."""
    if c.known is not None:
        return c.known
    return {"indicator_id": c.indicator_id, "council_id": c.council_id, "plan_id": c.plan_id, "ref": c.ref,
            "code": c.code, "title": c.title, "theme": c.theme, "common_theme": c.common_theme, "unit": c.unit,
            "polarity": c.polarity, "profile": c.profile, "source": c.row.origin, "priority_id": c.priority_id,
            "origin": c.row.origin, "source_note": c.source_note, "definition": c.definition}


def value_rows(c: CheckedIndicator) -> list[dict]:
    """The row's targets (annual: quarter None; then Q1-Q4) and its baseline."""
    common = {"indicator_id": c.indicator_id, "council_id": c.council_id, "source": c.row.origin,
              "origin": c.row.origin, "source_note": c.source_note}
    rows = [{**common, "period": period_label(c.year_start), "year_start": c.year_start, "quarter": quarter,
             "kind": "target", "value": value, "value_text": text}
            for quarter, (value, text) in sorted(c.targets.items(), key=lambda item: item[0] or 0)]
    if c.baseline is not None:
        year, value, text = c.baseline
        rows.append({**common, "period": period_label(year), "year_start": year, "quarter": None,
                     "kind": "baseline", "value": value, "value_text": text})
    return rows


def _baseline_finding(indicator: dict, c: CheckedIndicator) -> dict | None:
    annual, polarity = c.targets.get(None), indicator.get("polarity")
    if c.baseline is None or annual is None or annual[0] is None or c.baseline[1] is None:
        return None
    if polarity not in ("higher", "lower"):
        return None
    target, baseline = annual[0], c.baseline[1]
    worse = target < baseline if polarity == "higher" else target > baseline
    if not worse or abs(target - baseline) <= _TOLERANCE * max(abs(target), abs(baseline), 1.0):
        return None
    return {"council_id": c.council_id, "plan_id": indicator["plan_id"], "indicator_id": c.indicator_id,
            "category": "target_wrong_direction", "severity": "warning",
            "message": f"{c.ref}: the {period_label(c.year_start)} target {annual[1]} is worse than the "
                       f"{period_label(c.baseline[0])} baseline {c.baseline[2]} ({polarity} is better).",
            "source": c.row.origin}


def warnings(checked: list[CheckedIndicator], known: Known) -> tuple[list[RegisterProblem], list[dict]]:
    """(warnings to show, quality-finding rows to import) for the checked indicator rows."""
    shown, findings = [], []
    for c in checked:
        indicator = _metadata(c)
        rows = [row for row in value_rows(c) if row["kind"] == "target"]
        raised = quality.profile_findings(indicator, rows)
        baseline = _baseline_finding(indicator, c)
        for finding in raised + ([baseline] if baseline else []):
            finding = {**finding, "source": c.row.origin, "origin": c.row.origin, "source_note": c.source_note,
                       "finding_id": f"{c.indicator_id}:{period_label(c.year_start)}:{finding['category']}"}
            findings.append(finding)
            shown.append(problem_at(c.row, _FINDING_COLUMNS.get(finding["category"]), finding["message"]))
    return shown, findings


def _period(years: list[int]) -> str:
    first, last = min(years), max(years)
    return period_label(first) if first == last else f"{period_label(first)}-{period_label(last)}"


def frames(checked: list[CheckedIndicator], priorities: list[CheckedPriority], actions: list[CheckedAction],
           findings: list[dict], known: Known) -> dict[str, pd.DataFrame]:
    councils, plans, indicators, values = {}, {}, {}, {}
    for c in checked:
        if c.council_id not in known.councils and c.council_id not in councils:
            councils[c.council_id] = {"council_id": c.council_id, "name": c.council_name, "tier": c.tier,
                                      "parent_council_id": c.parent_council_id, "origin": c.row.origin}
        if c.plan_id not in known.plans:
            plan = plans.setdefault(c.plan_id, {
                "plan_id": c.plan_id, "council_id": c.council_id, "title": c.plan_title, "plan_type": PLAN_TYPE,
                "source_file": c.row.file, "original_file": c.row.file, "origin": c.row.origin, "years": []})
            plan["years"].append(c.year_start)
        if c.known is None and c.indicator_id not in indicators:
            indicators[c.indicator_id] = _metadata(c)
        for row in value_rows(c):
            values.setdefault((row["indicator_id"], row["year_start"], row["quarter"], row["kind"]), row)
    for plan in plans.values():
        years = plan.pop("years")
        plan.update(period_label=_period(years), start_year=min(years), end_year=max(years) + 1)
    priority_rows = [{"priority_id": p.priority_id, "council_id": p.council_id, "plan_id": p.plan_id,
                      "rank": p.rank, "title": p.title, "timeframe": p.timeframe, "theme": p.theme,
                      "common_theme": p.common_theme, "source": p.row.origin, "origin": p.row.origin}
                     for p in priorities]
    action_rows = [{"action_id": a.action_id, "council_id": a.council_id, "plan_id": a.plan_id, "theme": a.theme,
                    "title": a.title, "responsible": a.owner, "milestones": f"Due {a.due}" if a.due else None,
                    "status": a.status, "common_theme": a.common_theme, "source": a.row.origin, "ref": a.ref,
                    "key_priority": a.priority, "priority_id": a.priority_id, "origin": a.row.origin, "due": a.due}
                   for a in actions]
    return {"councils": frame("councils", list(councils.values())), "plans": frame("plans", list(plans.values())),
            "indicators": frame("indicators", list(indicators.values())),
            "indicator_values": frame("indicator_values", list(values.values())),
            "priorities": frame("priorities", priority_rows), "actions": frame("actions", action_rows),
            "quality_findings": frame("quality_findings", findings)}
