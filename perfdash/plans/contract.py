"""The data contract: the extract tables, their columns, types, keys, allowed values and references.

The dashboard, the SQL console and outside users depend on this. Extra columns are allowed
in the data but every column listed here must be present with its type.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pyarrow as pa

# council_id is not a fixed list: the councils are data (data/sources/catalogue.yaml for the bundled
# plans, the councils table of any extracts), and every council_id must name a row of that table.
TIERS = ("unitary", "county", "district")
VALUE_KINDS = ("actual", "target", "baseline", "interim", "estimate")
FINANCE_KINDS = ("actual", "budget", "estimated_outturn")
POLARITIES = ("higher", "lower", "neutral")
PROFILES = ("cumulative", "per_quarter", "snapshot")
ACTION_STATUSES = ("Completed", "In progress", "Not started", "Delayed", "Unknown")
SEVERITIES = ("error", "warning", "info")

_TYPES = {"string": pa.string(), "int": pa.int64(), "float": pa.float64()}


@dataclass(frozen=True)
class TableSpec:
    name: str
    columns: dict[str, str]  # column -> "string" | "int" | "float"
    key: tuple[str, ...]
    not_null: tuple[str, ...] = ()
    allowed: dict[str, tuple] = field(default_factory=dict)
    # column -> the table whose key it names (referential integrity); every value must be a row there.
    references: dict[str, str] = field(default_factory=dict)
    description: str = ""

    def schema(self) -> pa.Schema:
        return pa.schema([(name, _TYPES[kind]) for name, kind in self.columns.items()])


TABLES: dict[str, TableSpec] = {spec.name: spec for spec in (
    TableSpec(
        "councils",
        {"council_id": "string", "name": "string", "tier": "string", "parent_council_id": "string"},
        key=("council_id",), not_null=("council_id", "name", "tier"),
        allowed={"tier": TIERS}, references={"parent_council_id": "councils"},
        description="The councils and how the two tiers nest.",
    ),
    TableSpec(
        "plans",
        {"plan_id": "string", "council_id": "string", "title": "string", "plan_type": "string",
         "period_label": "string", "start_year": "int", "end_year": "int", "source_file": "string",
         "original_file": "string"},
        key=("plan_id",), not_null=("plan_id", "council_id", "title", "source_file"),
        references={"council_id": "councils"},
        description="One row per source document.",
    ),
    TableSpec(
        "indicators",
        {"indicator_id": "string", "council_id": "string", "plan_id": "string", "ref": "string",
         "code": "string", "title": "string", "theme": "string", "common_theme": "string",
         "unit": "string", "polarity": "string", "profile": "string", "source": "string",
         "priority_id": "string"},
        key=("indicator_id",),
        not_null=("indicator_id", "council_id", "plan_id", "title", "common_theme", "unit", "polarity", "source"),
        allowed={"polarity": POLARITIES, "profile": PROFILES},
        references={"council_id": "councils", "plan_id": "plans", "priority_id": "priorities"},
        description="Performance indicators as the plans define them, with curated unit, polarity and profile.",
    ),
    TableSpec(
        "indicator_values",
        {"indicator_id": "string", "council_id": "string", "period": "string", "year_start": "int",
         "quarter": "int", "kind": "string", "value": "float", "value_text": "string", "source": "string"},
        key=("indicator_id", "year_start", "quarter", "kind"),
        not_null=("indicator_id", "council_id", "period", "year_start", "kind", "value_text", "source"),
        allowed={"kind": VALUE_KINDS, "quarter": (1, 2, 3, 4)},
        references={"council_id": "councils", "indicator_id": "indicators"},
        description="Every printed figure for an indicator: actuals, targets, baselines, interims, estimates.",
    ),
    TableSpec(
        "priorities",
        {"priority_id": "string", "council_id": "string", "plan_id": "string", "rank": "int",
         "order": "int", "title": "string", "timeframe": "string", "theme": "string", "common_theme": "string",
         "source": "string"},
        key=("priority_id",), not_null=("priority_id", "council_id", "plan_id", "title", "common_theme", "source"),
        references={"council_id": "councils", "plan_id": "plans"},
        description="Council priorities; order is their place, 1 to n, in the plan's own order, and rank "
                    "the plan's ranking where it ranks them.",
    ),
    TableSpec(
        "actions",
        {"action_id": "string", "council_id": "string", "plan_id": "string", "theme": "string",
         "title": "string", "responsible": "string", "outcome": "string", "resources": "string",
         "q1": "string", "q2": "string", "q3": "string", "q4": "string", "milestones": "string",
         "progress": "string", "status": "string", "common_theme": "string", "source": "string",
         "ref": "string", "key_priority": "string", "priority_id": "string"},
        key=("action_id",), not_null=("action_id", "council_id", "plan_id", "title", "common_theme", "source"),
        allowed={"status": ACTION_STATUSES},
        references={"council_id": "councils", "plan_id": "plans", "priority_id": "priorities"},
        description="Actions with milestones (quarterly for NW Leicestershire) and progress (Melton).",
    ),
    TableSpec(
        "finance",
        {"council_id": "string", "plan_id": "string", "table_name": "string", "line_item": "string",
         "year_start": "int", "kind": "string", "amount_gbp_000": "float", "value_text": "string",
         "source": "string"},
        key=("plan_id", "table_name", "line_item", "year_start", "kind"),
        not_null=("council_id", "plan_id", "table_name", "line_item", "kind", "source"),
        allowed={"kind": FINANCE_KINDS}, references={"council_id": "councils", "plan_id": "plans"},
        description="Budget, outturn and capital lines in thousands of pounds.",
    ),
    TableSpec(
        "quartile_summary",
        {"council_id": "string", "plan_id": "string", "band": "string", "period": "string",
         "year_start": "int", "share_percent": "float", "value_text": "string", "source": "string"},
        key=("plan_id", "band", "year_start"), not_null=("council_id", "plan_id", "band", "source"),
        references={"council_id": "councils", "plan_id": "plans"},
        description="Share of comparable indicators in each quartile band, as a plan reports it.",
    ),
    TableSpec(
        "quality_findings",
        {"finding_id": "string", "council_id": "string", "plan_id": "string", "indicator_id": "string",
         "category": "string", "severity": "string", "message": "string", "source": "string"},
        key=("finding_id",), not_null=("finding_id", "council_id", "plan_id", "category", "severity",
                                      "message", "source"),
        allowed={"severity": SEVERITIES},
        references={"council_id": "councils", "plan_id": "plans", "indicator_id": "indicators"},
        description="What is inconsistent or unreadable in the plans themselves, flagged and never fixed.",
    ),
)}

FINDING_CATEGORIES = {
    "profile_q4_mismatch": "A cumulative profile's Q4 target differs from the annual target.",
    "per_quarter_sum_mismatch": "A per-quarter profile does not add up to the annual target.",
    "quarter_above_annual_percent": "A quarterly target is above the annual target of a percentage that can only grow.",
    "target_wrong_direction": "The target is worse than the latest actual for the indicator's polarity.",
    "unparseable_value": "A printed value cannot be read as a number or a recognised non-value.",
    "garbled_region": "A table region the conversion has garbled; what could be recovered is noted.",
    "duplicate_row": "The same indicator or item is printed more than once.",
    "unit_mismatch": "The unit printed in a figure differs from the indicator's unit.",
    "missing_target": "An indicator row prints no annual target.",
    "ambiguous_value": "A value could be read more than one way; the reading taken is noted.",
    "national_definition_differs": "A national indicator's unit or polarity in the plan differs from the national "
                                   "definition; the plan's is kept.",
    "national_definition_applied": "The plan does not state a national indicator's unit or polarity; the national "
                                   "definition's replaces an earlier reading.",
    "restated_differently": "The same figure is stated twice in one plan with a different value or date.",
    "differs_across_plans": "Two plans of one council state the same target or figure differently.",
    "stated_count_mismatch": "The plan says how many items it lists, and lists a different number.",
}
