"""Leicester City Council, Interim Corporate Plan (for consultation), March 2003.

Part 2 of the plan prints one table per strategic aim with the columns
Our priorities | How we will achieve it | Headline Milestones and Targets | Baseline 2001/02 |
Interim 2004 | Benefits to Citizens. The work is split by what is read:
- tables: the theme heading above each table, its header, the priority rows and the
  continuation lines a wrapped cell spills onto (the priorities table);
- indicators: the curated headline targets, their printed figures and the findings about them;
- phrases: the figure, unit and financial years a cell's words print;
- actions: each row's "How we will achieve it", with its milestones and targets as printed.
What it reads, and what it could not, is described in docs/sources/leicester-corporate-2003.md.
"""
from __future__ import annotations

from perfdash.plans.curated import CuratedDataError, load_curated
from perfdash.plans.document import SourceDocument
from perfdash.plans.leicester_corporate.actions import action_rows
from perfdash.plans.leicester_corporate.indicators import Extraction


def extract(document: SourceDocument) -> dict[str, list[dict]]:
    run = Extraction(document, load_curated(document.plan_id))
    indicators, values = [], []
    for entry in run.curated["indicators"]:
        indicator = run.indicator(entry)
        if any(existing["indicator_id"] == indicator["indicator_id"] for existing in indicators):
            raise CuratedDataError(f"{document.plan_id}.yaml: {indicator['indicator_id']} is curated twice")
        indicators.append(indicator)
        values += run.values(entry, indicator)
    run.curated_findings({indicator["indicator_id"] for indicator in indicators})
    return {"priorities": run.priorities(), "actions": action_rows(document, run.rows, run.curated),
            "indicators": indicators, "indicator_values": values, "quality_findings": run.findings}
