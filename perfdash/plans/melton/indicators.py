"""Melton Improvement Plan, Appendix A: the national (NI) and local (LI) indicators and the county
LAA2 targets printed in the Outcome column of the CAA actions table.

Which phrase is an indicator, and which figure is its target or baseline for which year, is
judgement, so it is curated (data/curated/melton-improvement-2009.yaml, `indicators`). Here each
curated figure is checked to stand in the Outcome cell of its line (or the cell the entry names),
and each indicator's printed code is checked to stand on its line.
"""
from __future__ import annotations

from collections.abc import Callable

from perfdash.plans.curated import CuratedDataError
from perfdash.plans.document import SourceDocument
from perfdash.plans.values import (
    is_missing,
    normalise_code,
    parse_number,
    period_label,
    slug,
)

OUTCOME = "outcome"
TABLE_THEME = "Improving Services"  # the section the CAA actions table (lines 45-163) is printed in


def _finding(document: SourceDocument, indicator_id: str | None, category: str, severity: str, message: str,
             line: int) -> dict:
    return {"council_id": document.council_id, "plan_id": document.plan_id, "indicator_id": indicator_id,
            "category": category, "severity": severity, "message": message, "source": document.source(line)}


def extract_indicators(document: SourceDocument, curated: dict,
                       cells_by_column: Callable[[int], dict[str, str]]) -> tuple[list[dict], list[dict], list[dict]]:
    """(indicators, indicator_values, quality_findings) for the curated Outcome-column indicators.
    `cells_by_column(line)` is a line's cells by column name, as the actions table reads them."""
    indicators, values, findings = [], [], []
    for entry in curated.get("indicators", []):
        ref = entry.get("ref")
        if ref and ref["quote"] not in document.line(ref["line"]):
            raise CuratedDataError(f"indicators: ref {ref['quote']!r} is not printed on line {ref['line']}")
        printed_ref = ref["quote"] if ref else None
        code = normalise_code(printed_ref, bare_numbers_are_bv=False)
        indicator_id = f"{document.plan_id}:{code or slug(entry['title'])}"
        if any(row["indicator_id"] == indicator_id for row in indicators):
            raise CuratedDataError(f"indicators: {indicator_id} is curated twice")
        indicators.append({
            "indicator_id": indicator_id, "council_id": document.council_id, "plan_id": document.plan_id,
            "ref": printed_ref, "code": code, "title": entry["title"], "theme": entry.get("theme", TABLE_THEME),
            "common_theme": entry["common_theme"], "unit": entry["unit"], "polarity": entry["polarity"],
            "profile": None,  # the appendix prints no quarterly profile
            "source": document.source(ref["line"] if ref else entry["line"]), "priority_id": None})
        for figure in entry["values"]:
            column = figure.get("column", OUTCOME)
            cell = cells_by_column(figure["line"]).get(column, "")
            if figure["value_text"] not in cell:
                raise CuratedDataError(f"indicators: {entry['title']!r}: {figure['value_text']!r} is not in the "
                                       f"{column} cell of line {figure['line']} of {document.file_name}")
            values.append({
                "indicator_id": indicator_id, "council_id": document.council_id,
                "period": period_label(figure["year"]), "year_start": figure["year"], "quarter": None,
                "kind": figure["kind"], "value": parse_number(figure["value_text"]),
                "value_text": figure["value_text"], "source": document.source(figure["line"])})
            if values[-1]["value"] is None and not is_missing(figure["value_text"]):
                raise CuratedDataError(f"indicators: {entry['title']!r}: {figure['value_text']!r} is not a number")
            if figure["kind"] == "baseline" or figure.get("column", OUTCOME) != OUTCOME:
                findings.append(_finding(
                    document, indicator_id, "ambiguous_value", "info",
                    f"{printed_ref or entry['title']}: the {figure['kind']} {figure['value_text']!r} prints no year; "
                    f"it is read as {period_label(figure['year'])}, the first year of the LAA 2008-11 period.",
                    figure["line"]))
        if not any(figure["kind"] == "target" for figure in entry["values"]):
            findings.append(_finding(
                document, indicator_id, "missing_target", "info",
                f"{printed_ref or entry['title']} ({entry['title']}) is named as an outcome but the plan prints "
                f"no target for it.", ref["line"] if ref else entry["line"]))
    return indicators, values, findings
