"""North West Leicestershire District Council, Council Delivery Plan 2007-2010.

Reads the ranked priorities and the CATs' priority outcomes, the finance tables of the Financial Strategy, the planning and
quartile figures in the narrative, and the action plan of section 3.4 (action tables and
indicator tables per strategic aim). Unit, polarity, profile and themes are curated in
data/curated/nwl-delivery-2007.yaml. See docs/sources/nwl-delivery-2007.md.
"""
from __future__ import annotations

from perfdash.plans.curated import load_curated
from perfdash.plans.document import SourceDocument
from perfdash.plans.nwl.actions import parse_actions
from perfdash.plans.nwl.common import action_plan_blocks
from perfdash.plans.nwl.finance import parse_finance
from perfdash.plans.nwl.indicators import parse_indicator_tables
from perfdash.plans.nwl.narrative import parse_planning_figures, parse_quartile_summary
from perfdash.plans.nwl.priorities import parse_cat_outcomes, parse_priorities


def extract(document: SourceDocument) -> dict[str, list[dict]]:
    curated = load_curated(document.plan_id)
    theme_map = curated["theme_map"]
    ranked = parse_priorities(document, theme_map)
    priorities = ranked + parse_cat_outcomes(document, theme_map, first_rank=len(ranked) + 1)
    finance, finance_findings = parse_finance(document, curated)
    blocks = action_plan_blocks(document)
    unmapped = sorted({block.theme for block in blocks} - set(theme_map))
    if unmapped:
        raise ValueError(f"strategic aims {unmapped} have no theme_map entry in data/curated/{document.plan_id}.yaml")
    actions, action_findings = parse_actions(document, blocks, curated, theme_map, ranked)
    tables = parse_indicator_tables(document, blocks, curated, theme_map, ranked)
    unused = set(curated.get("indicators") or {}) - {row["code"] or row["indicator_id"].split(":", 1)[1]
                                                     for row in tables["indicators"]}
    if unused:
        raise ValueError(f"curated indicators {sorted(unused)} match no indicator row in {document.file_name}")
    planning_values, planning_findings = parse_planning_figures(document, curated, tables["indicator_values"])
    return {
        "priorities": priorities,
        "actions": actions,
        "indicators": tables["indicators"],
        "indicator_values": tables["indicator_values"] + planning_values,
        "finance": finance,
        "quartile_summary": parse_quartile_summary(document),
        "quality_findings": finance_findings + action_findings + tables["quality_findings"] + planning_findings,
    }
