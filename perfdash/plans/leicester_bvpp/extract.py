"""Parser for Leicester City Council's Best Value Performance Plan 2003/04.

What it reads, and what it could not, is described in docs/sources/leicester-bvpp-2003.md.
The work is split by part of the plan:
- finance: Section 7 finance tables and the Section 5 quartile chart;
- indicators: PSA targets (Section 2) and the garbled Appendix IV BVPI table;
- actions: Appendix II/III improvement tables and the Section 2 priorities.
"""
from __future__ import annotations

from perfdash.plans.curated import load_curated
from perfdash.plans.document import SourceDocument
from perfdash.plans.leicester_bvpp.actions import extract_actions, extract_priorities
from perfdash.plans.leicester_bvpp.finance import extract_finance, quartile_summary
from perfdash.plans.leicester_bvpp.indicators import extract_indicators


def extract(document: SourceDocument) -> dict[str, list[dict]]:
    curated = load_curated(document.plan_id)
    indicators, values, indicator_findings = extract_indicators(document, curated)
    finance, finance_findings = extract_finance(document)
    actions, action_findings = extract_actions(document, curated)
    return {
        "indicators": indicators,
        "indicator_values": values,
        "priorities": extract_priorities(document, curated),
        "actions": actions,
        "finance": finance,
        "quartile_summary": quartile_summary(document),
        "quality_findings": indicator_findings + finance_findings + action_findings,
    }
