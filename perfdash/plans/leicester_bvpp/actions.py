"""Leicester BVPP 2003/04: the improvement tables of Appendices II and III (actions) and the
strategic aims and improvement priorities of Section 2 (priorities).

Appendix II rows ('measures') print: name of service | description of service | improvement
measures | progress | outcomes. Appendix III rows ('plans') print: name of service | proposed
improvement. A row with an empty first cell carries on the row above across a page break.
"""
from __future__ import annotations

import re

from perfdash.plans.curated import CuratedDataError
from perfdash.plans.document import SourceDocument
from perfdash.plans.leicester_bvpp.common import cells, clean_text, finding
from perfdash.plans.ordering import number_in_plan_order

_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
          r"|Spring|Summer|Autumn|Winter)")
_TIMESCALE = re.compile(
    rf"\b(?:(?:by|from|in|until) )?{_MONTH} (?:(?:19|20)\d{{2}}|\d{{2}})\b"
    r"|\b(?:(?:by|in|from) )?(?:19|20)\d{2}/\d{2,4}\b"
    r"|\bby (?:(?:19|20)\d{2}|\d{2})\b(?![%\d])"
    r"|\((?:19|20)\d{2}\)")
# Header words that mark a (possibly garbled) table header line rather than a row.
_FIRST_CELL_HEADERS = ("name of service", "name of plan", "improveme", "trains of solvios")
_OTHER_CELL_HEADERS = ("description of", "progress in implement", "outcomes of improvement", "ent measures")
# Appendix II cell positions -> action fields.
_MEASURE_FIELDS = {2: "title", 3: "progress", 4: "outcome"}


def timescales(text: str | None) -> str | None:
    """Dates and periods as printed in an improvement ('by October 03', '(2003/04)')."""
    found = []
    for match in _TIMESCALE.finditer(text or ""):
        if match.group(0) not in found:
            found.append(match.group(0))
    return "; ".join(found) or None


def is_header(row: list[str]) -> bool:
    first = row[0].lower()
    if first.startswith(_FIRST_CELL_HEADERS) and not first.startswith("name of plan "):
        return True
    return any(cell.lower().startswith(_OTHER_CELL_HEADERS) or cell == "measures" for cell in row[1:])


def _merged_header_row(row: list[str]) -> list[str]:
    """'Name of plan Principal Roads' | 'Description of improvement plans Targeting ...': a header
    printed on the same line as the first row; drop the header words."""
    if row[0].startswith("Name of plan ") and len(row) > 1:
        return [row[0][len("Name of plan "):], re.sub(r"^Description of improvement plans\s*", "", row[1]), *row[2:]]
    return row


def _common_theme(curated: dict, department: str, service: str | None) -> str:
    for rule in curated.get("service_themes", []):
        if service and rule["contains"].lower() in service.lower():
            return rule["common_theme"]
    try:
        return curated["theme_map"][department]
    except KeyError:
        raise CuratedDataError(f"theme_map: department {department!r} has no common theme") from None


def _action(document: SourceDocument, curated: dict, section: dict, line: int, service: str | None) -> dict:
    return {"council_id": document.council_id, "plan_id": document.plan_id, "theme": section["department"],
            "key_priority": service, "common_theme": _common_theme(curated, section["department"], service),
            "source": document.source(line), "status": None}


def _append(action: dict, field: str, text: str | None) -> None:
    if text:
        action[field] = f"{action[field]} {text}" if action.get(field) else text


def section_actions(document: SourceDocument, curated: dict, section: dict) -> list[dict]:
    fragments = {entry["line"]: entry["continues_row"] for entry in curated.get("heading_fragments", [])}
    actions: list[dict] = []
    for number, text in document.numbered(section["first_line"], section["last_line"]):
        if not text.strip():
            continue
        if section["layout"] == "list":
            action = _action(document, curated, section, number, section.get("key_priority"))
            action["title"] = clean_text(text)
            actions.append(action)
            continue
        row = _merged_header_row(cells(text))
        if number in fragments:
            if fragments[number] and actions:
                row = ["", *row[1:]]
            else:
                continue
        if is_header(row):
            continue
        if row[0]:
            actions.append(_action(document, curated, section, number, clean_text(row[0])))
            if section["layout"] == "measures":
                actions[-1]["_service_description"] = clean_text(row[1]) if len(row) > 1 else None
        elif not actions:
            continue
        if section["layout"] == "measures":
            for position, field in _MEASURE_FIELDS.items():
                _append(actions[-1], field, clean_text(row[position]) if position < len(row) else None)
        else:
            _append(actions[-1], "title", clean_text(row[1]) if len(row) > 1 else None)
    for action in actions:
        description = action.pop("_service_description", None)
        # A row whose improvement-measures cell is blank: its description of service says what was done.
        action["title"] = action.get("title") or description or action["key_priority"]
        if section["layout"] != "measures":
            action["milestones"] = timescales(action["title"])
    return actions


def extract_actions(document: SourceDocument, curated: dict) -> tuple[list[dict], list[dict]]:
    actions: list[dict] = []
    for section in sorted(curated["action_sections"], key=lambda s: s["first_line"]):
        actions += section_actions(document, curated, section)
    for index, action in enumerate(actions, start=1):
        action["action_id"] = f"{document.plan_id}:A{index:03d}"
    findings = [finding(document, region["first_line"], "garbled_region", "warning",
                        f"Appendix III (lines {region['first_line']}-{region['last_line']}): {region['reason']}")
                for region in curated.get("garbled_action_regions", [])]
    return actions, findings


def extract_priorities(document: SourceDocument, curated: dict) -> list[dict]:
    """The strategic aims and the three improvement priorities, in the plan's order, unranked."""
    priorities = []
    for index, entry in enumerate(curated["priorities"], start=1):
        text = clean_text(re.sub(r"^[\s\-·]+", "", document.line(entry["line"]))).rstrip(".")
        theme = entry["quote"]
        rest = text[len(theme):].strip() if text.startswith(theme) else ""
        priorities.append({
            "priority_id": f"{document.plan_id}:{index}", "council_id": document.council_id,
            "plan_id": document.plan_id, "rank": None, "title": f"{theme} – {rest}" if rest else theme,
            "timeframe": None, "theme": theme, "common_theme": curated["theme_map"][theme],
            "source": document.source(entry["line"])})
    return number_in_plan_order(priorities)
