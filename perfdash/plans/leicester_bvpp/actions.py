"""Leicester BVPP 2003/04: the CPA Improvement Plan of Section 4 and the improvement tables of
Appendices II and III (actions), and the strategic aims and improvement priorities of Section 2
(priorities).

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


_ITEM_MARK = re.compile(r"\s*[✓√•]\s*")
ELLIPSIS = "… "


def mend_opening(raw: str | None) -> tuple[str | None, str | None]:
    """(text, fragment) for a cell that opens mid-sentence because the conversion lost the start of
    its first sentence ("planning aspects of the framework. ✓ New performance reporting ..."): the
    orphaned fragment is dropped when ticked items follow it, else the text is kept marked "… "
    as incomplete. A cell that opens a sentence comes back unchanged, with no fragment."""
    text = clean_text(raw)
    if not text or not text[0].islower():
        return text, None
    items = [item for item in _ITEM_MARK.split(raw or "") if clean_text(item)]
    if len(items) > 1:
        return clean_text(" ".join(items[1:])), clean_text(items[0])
    return ELLIPSIS + text, text


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
        title_position = 2 if section["layout"] == "measures" else 1
        title_cell = clean_text(row[title_position]) if title_position < len(row) else None
        if row[0]:
            actions.append(_action(document, curated, section, number, clean_text(row[0])))
            title_cell, fragment = mend_opening(row[title_position] if title_position < len(row) else None)
            if fragment:
                actions[-1]["_fragment"] = fragment
            if section["layout"] == "measures":
                description, _ = mend_opening(row[1] if len(row) > 1 else None)
                actions[-1]["_service_description"] = description
        elif not actions:
            continue
        if section["layout"] == "measures":
            for position, field in _MEASURE_FIELDS.items():
                text = title_cell if field == "title" else clean_text(row[position]) if position < len(row) else None
                _append(actions[-1], field, text)
        else:
            _append(actions[-1], "title", title_cell)
    for action in actions:
        description = action.pop("_service_description", None)
        # A row whose improvement-measures cell is blank, or only an orphaned fragment: its description
        # of service says what was done, when that opens a sentence.
        incomplete = action.get("title", "").startswith(ELLIPSIS)
        if incomplete and description and not description.startswith(ELLIPSIS):
            action["title"] = description
        if action.get("_fragment"):
            action["_fragment"] = (action["_fragment"], "is marked '…' as incomplete"
                                   if action["title"].startswith(ELLIPSIS) else
                                   "is the row's description of service" if incomplete else "starts at the next item")
        action["title"] = action.get("title") or description or action["key_priority"]
        if section["layout"] != "measures":
            action["milestones"] = timescales(action["title"])
    return actions


def cpa_actions(document: SourceDocument, curated: dict, priorities: list[dict]) -> list[dict]:
    """Section 4's CPA Improvement Plan: each area listed ("- GCSE results") under a heading is an
    action; `theme` is the heading, `key_priority` the part ("Improving Core Services"). A heading that
    is one of the Section 2 improvement priorities ("Revitalising Neighbourhoods") links its actions to it."""
    plan = curated.get("cpa_improvement_plan")
    if not plan:
        return []
    parts = {entry["line"]: entry["quote"].split(". ", 1)[1] for entry in plan["parts"]}
    headings = {entry["line"]: entry["quote"] for entry in plan["headings"]}
    # Only the three improvement priorities: the CPA plan is the plan for them, while a heading that
    # repeats a strategic aim's name ("Housing") is a department, not that aim.
    improvement = {entry["quote"] for entry in curated["priorities"] if entry["group"] == "Improvement Priorities"}
    named = {priority["theme"]: priority["priority_id"] for priority in priorities if priority["theme"] in improvement}
    actions, part, heading = [], None, None
    for number, text in document.numbered(plan["line"] + 1, plan["last_line"]):
        item = re.sub(r"^[\s\-·]+", "", text).strip()
        if number in parts:
            part, heading = parts[number], None
        elif number in headings:
            heading = headings[number]
        elif text.lstrip().startswith("-") and item:
            if part is None or heading is None:
                raise CuratedDataError(f"cpa_improvement_plan: {document.source(number)} is listed under no heading")
            theme = next((rule["common_theme"] for rule in plan.get("item_themes", [])
                          if rule["contains"].lower() in item.lower()), None)
            actions.append({"council_id": document.council_id, "plan_id": document.plan_id, "theme": heading,
                            "title": item, "key_priority": part, "priority_id": named.get(heading),
                            "common_theme": theme or _common_theme(curated, heading, None),
                            "source": document.source(number), "status": None, "milestones": None})
        elif item:
            raise CuratedDataError(f"cpa_improvement_plan: {document.source(number)} is neither a part, a "
                                   f"curated heading nor a listed area: {item!r}")
    return actions


def extract_actions(document: SourceDocument, curated: dict,
                    priorities: list[dict] | None = None) -> tuple[list[dict], list[dict]]:
    actions: list[dict] = cpa_actions(document, curated, priorities or [])
    for section in sorted(curated["action_sections"], key=lambda s: s["first_line"]):
        actions += section_actions(document, curated, section)
    for index, action in enumerate(actions, start=1):
        action["action_id"] = f"{document.plan_id}:A{index:03d}"
    findings = [finding(document, region["first_line"], "garbled_region", "warning",
                        f"Appendix III (lines {region['first_line']}-{region['last_line']}): {region['reason']}")
                for region in curated.get("garbled_action_regions", [])]
    for action in actions:
        if "_fragment" in action:
            fragment, how = action.pop("_fragment")
            line = int(action["source"].rsplit(":", 1)[1])
            findings.append(finding(
                document, line, "garbled_region", "info",
                f"{action['key_priority']} (line {line}): the improvement text opens mid-sentence with "
                f"'{fragment}', the end of a sentence whose start the conversion lost; the action's title {how}."))
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
