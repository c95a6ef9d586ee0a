"""Leicestershire County Council, Annual Plan 2007-08: a prose plan read by hand.

Nothing here is parsed from tables: the priorities, headline figures and money are
curated in data/curated/leicestershire-annual-2007.yaml (each quoting its line), and this
module turns those entries into contract rows, checking every figure against its line. The
actions are the "What we will do" bullets, read in leicestershire/actions.py.
"""
from __future__ import annotations

import re

from perfdash.plans.curated import CuratedDataError, load_curated
from perfdash.plans.document import SourceDocument
from perfdash.plans.leicestershire.actions import action_rows
from perfdash.plans.ordering import number_in_plan_order, outline_key
from perfdash.plans.values import (
    in_thousands,
    is_missing,
    is_yes_no,
    parse_number,
    period_label,
    slug,
)


def money_to_thousands(text: str) -> float | None:
    """A printed sum of money in £'000: "£14.2m" -> 14200.0, "£1.5million" -> 1500.0,
    "£500k" -> 500.0, "£300" -> 0.3. None when the text is not a sum in pounds."""
    text = text.strip()
    return in_thousands(text) if text.startswith("£") else None


def _require_on_line(document: SourceDocument, value_text: str, line: int, where: str) -> str:
    """The citation of `line`, after checking the figure is printed there verbatim."""
    if value_text not in document.line(line):
        raise CuratedDataError(f"{where}: {value_text!r} is not printed on line {line} of {document.file_name}")
    return document.source(line)


def indicator_id(plan_id: str, title: str) -> str:
    return f"{plan_id}:{slug(title)}"


def priority_rows(document: SourceDocument, curated: dict) -> list[dict]:
    """The corporate priorities (refs 1-3), each followed by its sub-priorities (n.m) in plan order;
    `order` numbers them so ("1", "1.1", ..., "1.14", "2", "2.1", ...)."""
    sections = {section["heading"]: section for section in curated["sections"]}
    theme_map = curated["theme_map"]
    rows = []
    for entry in curated["priorities"]:
        section = sections.get(entry.get("section"))
        theme = section["heading"] if section else entry["title"]
        rows.append({
            "priority_id": f"{document.plan_id}:{entry['ref']}",
            "council_id": document.council_id,
            "plan_id": document.plan_id,
            "rank": None,  # the plan lists its priorities without ranking them
            "title": entry["title"],
            "timeframe": section["timeframe"] if section else None,
            "theme": theme,
            "common_theme": entry.get("common_theme") or theme_map[theme],
            "source": document.source(entry["line"]),
        })
    rows.sort(key=lambda row: outline_key(row["priority_id"].split(":", 1)[1]))
    return number_in_plan_order(rows)


def _value_finding(document: SourceDocument, ident: str, value_text: str, source: str) -> dict:
    return {"council_id": document.council_id, "plan_id": document.plan_id, "indicator_id": ident,
            "category": "unparseable_value", "severity": "info",
            "message": f"The figure {value_text!r} cannot be read as a number (it is written in words), "
                       f"so its value is left empty; the words are kept as printed.",
            "source": source}


def indicator_rows(document: SourceDocument, curated: dict) -> tuple[list[dict], list[dict], list[dict]]:
    """Indicators, their values, and unparseable_value findings for figures printed in words."""
    sections = {section["heading"]: section for section in curated["sections"]}
    theme_map = curated["theme_map"]
    indicators, values, findings = [], [], []
    seen: set[str] = set()
    for entry in curated["indicators"]:
        ident = indicator_id(document.plan_id, entry["title"])
        if ident in seen:
            raise CuratedDataError(f"indicator {entry['title']!r} is curated twice")
        seen.add(ident)
        section = sections[entry["section"]]
        priority_ref = entry.get("priority") or section["priority"]
        indicators.append({
            "indicator_id": ident,
            "council_id": document.council_id,
            "plan_id": document.plan_id,
            "ref": None,
            "code": None,
            "title": entry["title"],
            "theme": entry["section"],
            "common_theme": entry.get("common_theme") or theme_map[entry["section"]],
            "unit": entry["unit"],
            "polarity": entry["polarity"],
            "profile": None,  # prose figures carry no quarterly profile
            "source": document.source(entry["line"]),
            "priority_id": f"{document.plan_id}:{priority_ref}" if priority_ref else None,
        })
        for figure in entry["values"]:
            source = _require_on_line(document, figure["value_text"], figure["line"], entry["title"])
            value = parse_number(figure["value_text"])
            values.append({
                "indicator_id": ident,
                "council_id": document.council_id,
                "period": period_label(figure["year"]),
                "year_start": figure["year"],
                "quarter": None,
                "kind": figure["kind"],
                "value": value,
                "value_text": figure["value_text"],
                "source": source,
            })
            if value is None and not (is_missing(figure["value_text"]) or is_yes_no(figure["value_text"])):
                findings.append(_value_finding(document, ident, figure["value_text"], source))
    return indicators, values, findings


def finance_rows(document: SourceDocument, curated: dict) -> list[dict]:
    rows = []
    for entry in curated.get("finance", []):
        where = f"finance {entry['line_item']!r}"
        amount = money_to_thousands(entry["value_text"])
        if amount is None:
            raise CuratedDataError(f"{where}: {entry['value_text']!r} is not a sum in pounds")
        rows.append({
            "council_id": document.council_id,
            "plan_id": document.plan_id,
            "table_name": entry["table_name"],
            "line_item": entry["line_item"],
            "year_start": entry["year"],
            "kind": entry["kind"],
            "amount_gbp_000": amount,
            "value_text": entry["value_text"],
            "source": _require_on_line(document, entry["value_text"], entry["line"], where),
        })
    return rows


def curated_findings(document: SourceDocument, curated: dict) -> list[dict]:
    rows = []
    for entry in curated.get("findings", []):
        title = entry.get("indicator")
        rows.append({
            "council_id": document.council_id,
            "plan_id": document.plan_id,
            "indicator_id": indicator_id(document.plan_id, title) if title else None,
            "category": entry["category"],
            "severity": entry["severity"],
            "message": " ".join(entry["message"].split()),
            "source": document.source(entry["line"]),
        })
    return rows


def extract(document: SourceDocument) -> dict[str, list[dict]]:
    curated = load_curated(document.plan_id)
    indicators, values, value_findings = indicator_rows(document, curated)
    priorities = priority_rows(document, curated)
    plan_start = int(re.search(r"(?:19|20)\d{2}", document.line(3)).group(0))  # "Annual Plan 2007- 08"
    return {
        "priorities": priorities,
        "actions": action_rows(document, curated, priorities, plan_start),
        "indicators": indicators,
        "indicator_values": values,
        "finance": finance_rows(document, curated),
        "quality_findings": value_findings + curated_findings(document, curated),
    }
