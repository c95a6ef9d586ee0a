"""Parser for Leicester City Council's Best Value Performance Plan 2003/04.

What it reads, and what it could not, is described in docs/sources/leicester-bvpp-2003.md.
The work is split by part of the plan:
- finance: Section 7 finance tables and the Section 5 quartile chart;
- indicators: PSA targets (Section 2), the garbled Appendix IV BVPI table, and (figures) the
  figures printed in prose and in the improvement tables;
- actions: the Section 4 CPA Improvement Plan, the Appendix II/III improvement tables, and the
  Section 2 priorities.
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
    priorities = extract_priorities(document, curated)
    actions, action_findings = extract_actions(document, curated, priorities)
    return {
        "indicators": indicators,
        "indicator_values": values,
        "priorities": priorities,
        "actions": actions,
        "finance": finance,
        "quartile_summary": quartile_summary(document),
        "quality_findings": indicator_findings + finance_findings + action_findings,
    }
