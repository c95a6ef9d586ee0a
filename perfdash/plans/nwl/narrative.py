"""Figures printed in the narrative rather than in tables: the planning application speeds
(section 3.2, "62% (61%)") and the share of indicators in the top quartile (section 3.3)."""
from __future__ import annotations

import re

from perfdash.plans.document import SourceDocument
from perfdash.plans.nwl.common import finding
from perfdash.plans.values import parse_number, period_label, year_start

# "Major applications dealt with within 13 weeks - 62% (61%)": current year, then prior year in brackets.
_PLANNING = re.compile(r"^(?P<label>.+?) - (?P<current>\d+(?:\.\d+)?%) \((?P<prior>\d+(?:\.\d+)?%)\)$")
_TOP_QUARTILE = re.compile(r"Analysis of (?P<period>\d{4}/\d{2}) data revealed that the Council had "
                           r"(?P<share>\d+(?:\.\d+)?%) of its performance indicators in the top quartile")


def parse_planning_figures(document: SourceDocument, curated: dict, indicator_values: list[dict]
                           ) -> tuple[list[dict], list[dict]]:
    """BV109 actuals from the narrative. The bracketed prior-year figure is only compared with
    the indicator table's figure for that year (the table row is kept); the current-year figure
    becomes the 2006/07 actual, which the indicator table leaves blank."""
    spec = curated["planning_figures"]
    intro = spec["intro"]["line"]
    prior_year = year_start(re.search(r"with (\S+) in brackets", document.line(intro)).group(1))
    current_year = prior_year + 1
    codes = {entry["line"]: entry for entry in spec["rows"]}
    printed = {(row["indicator_id"], row["year_start"], row["quarter"], row["kind"]): row
               for row in indicator_values}
    values, findings = [], [finding(
        document, intro, "ambiguous_value", "info",
        f"The planning figures are given 'for the current year' ({period_label(current_year)}) in a plan "
        f"written before that year closed; they are taken as {period_label(current_year)} actuals.")]
    for number, text in document.numbered(intro + 1, intro + 8):
        match = _PLANNING.match(text.strip())
        if not match:
            continue
        if number not in codes:
            raise ValueError(f"{document.source(number)}: planning figure {text!r} has no curated code")
        indicator_id = f"{document.plan_id}:{codes.pop(number)['code']}"
        if (indicator_id, current_year, None, "actual") in printed:
            raise ValueError(f"{document.source(number)}: {indicator_id} already has a {current_year} actual")
        values.append({"indicator_id": indicator_id, "council_id": document.council_id,
                       "period": period_label(current_year), "year_start": current_year, "quarter": None,
                       "kind": "actual", "value": parse_number(match["current"]),
                       "value_text": match["current"], "source": document.source(number)})
        table = printed.get((indicator_id, prior_year, None, "actual"))
        if table is None or table["value"] != parse_number(match["prior"]):
            found = f"{table['value_text']} in the indicator table ({table['source']})" if table else \
                "no figure in the indicator table"
            findings.append(finding(
                document, number, "ambiguous_value", "warning",
                f"{match['label']}: the {period_label(prior_year)} figure is printed as {match['prior']} here but "
                f"{found}; the table figure is kept.", indicator_id))
    if codes:
        raise ValueError(f"curated planning_figures lines {sorted(codes)} matched no printed figure")
    return values, findings


def parse_quartile_summary(document: SourceDocument) -> list[dict]:
    number = document.find("of its performance indicators in the top quartile")
    match = _TOP_QUARTILE.search(document.line(number))
    return [{"council_id": document.council_id, "plan_id": document.plan_id, "band": "Top quartile",
             "period": match["period"], "year_start": year_start(match["period"]),
             "share_percent": parse_number(match["share"]), "value_text": match["share"],
             "source": document.source(number)}]
