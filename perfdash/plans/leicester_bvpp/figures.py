"""Leicester BVPP 2003/04: indicators whose figures are printed in prose or in the improvement
tables rather than in Appendix IV: the Neighbourhood Renewal floor targets (lines 90-106), the
measures of Appendices II and III, and the loose rent-collection figures under Appendix IV.

Which words are an indicator and which figure is which year's target or actual is judgement, so
it is curated (`figures` in data/curated/leicester-bvpp-2003.yaml); here every figure is checked
to stand verbatim on its line, and every year the plan does not print is flagged.
"""
from __future__ import annotations

from perfdash.plans.curated import CuratedDataError
from perfdash.plans.document import SourceDocument
from perfdash.plans.leicester_bvpp.common import finding
from perfdash.plans.values import is_missing, parse_number, period_label, slug


def extract_figures(document: SourceDocument, curated: dict) -> tuple[list[dict], list[dict], list[dict]]:
    indicators, values, findings = [], [], []
    for entry in curated.get("figures", []):
        code = entry.get("code")
        indicator_id = f"{document.plan_id}:{code or slug(entry['title'])}"
        if any(row["indicator_id"] == indicator_id for row in indicators):
            raise CuratedDataError(f"figures: {indicator_id} is curated twice")
        indicators.append({
            "indicator_id": indicator_id, "council_id": document.council_id, "plan_id": document.plan_id,
            "ref": None,  # no reference is printed with these figures
            "code": code, "title": entry["title"], "theme": entry["theme"], "common_theme": entry["common_theme"],
            "unit": entry["unit"], "polarity": entry["polarity"], "profile": None,
            "source": document.source(entry["line"])})
        if code:
            findings.append(finding(
                document, entry["line"], "ambiguous_value", "info",
                f"No reference is printed for '{entry['title']}'; it is read as {code} from "
                f"{' '.join(entry['code_note'].split())}.", indicator_id))
        for figure in entry["values"]:
            text, line = figure["value_text"], figure["line"]
            if text not in document.line(line):
                raise CuratedDataError(f"figures: {entry['title']!r}: {text!r} is not printed on line {line}")
            value = parse_number(text)
            values.append({"indicator_id": indicator_id, "council_id": document.council_id,
                           "period": period_label(figure["year"]), "year_start": figure["year"], "quarter": None,
                           "kind": figure["kind"], "value": value, "value_text": text,
                           "source": document.source(line)})
            if value is None and not is_missing(text):
                findings.append(finding(
                    document, line, "unparseable_value", "info",
                    f"'{entry['title']}': the {figure['kind']} is printed in words ('{text}'); its value is left "
                    f"empty and the words are kept.", indicator_id))
            if figure.get("note"):
                findings.append(finding(
                    document, line, "ambiguous_value", "info",
                    f"'{entry['title']}': {figure['kind']} '{text}': {' '.join(figure['note'].split())}.",
                    indicator_id))
    return indicators, values, findings
