"""The nine ranked council priorities ("Ranking the priorities", section 3.1), and the eighteen
priority outcomes of the Corporate Action Teams (section 2)."""
from __future__ import annotations

import re

from perfdash.plans.document import SourceDocument
from perfdash.plans.nwl.common import cells, clean_text, name_key
from perfdash.plans.ordering import number_in_plan_order
from perfdash.plans.values import slug

_LIST_HEADINGS = ("External Community priorities:", "Internal Priorities:")


def priority_headings(document: SourceDocument) -> dict[str, str]:
    """Each priority's wording (folded) -> the plan's heading it is listed under."""
    start = document.find("These Council's Priorities are:")
    headings: dict[str, str] = {}
    for heading in _LIST_HEADINGS:
        number = document.find(heading, start)
        label = heading.rstrip(":")
        for _, text in document.numbered(number + 1, number + 20):
            if text.startswith("- "):
                headings[name_key(text[2:])] = label
            elif text.strip():
                break
    return headings


def parse_priorities(document: SourceDocument, theme_map: dict[str, str]) -> list[dict]:
    """One row per ranked priority. The timeframe is printed once per group of ranks, so it
    carries down to the following ranks until the next one is printed."""
    header = document.find("Priorities for delivery", document.find("Ranking the priorities:"))
    headings = priority_headings(document)
    common = {name_key(local): theme for local, theme in theme_map.items()}
    rows, timeframe = [], None
    for number, text in document.numbered(header + 1):
        if not text.strip():
            break
        rank, title, printed_timeframe = cells(text, 3)
        if not re.fullmatch(r"\d+", rank):
            raise ValueError(f"{document.source(number)}: expected a ranked priority row, found {text!r}")
        timeframe = clean_text(printed_timeframe) or timeframe
        title = clean_text(title)
        if name_key(title) not in common:
            raise ValueError(f"{document.source(number)}: priority {title!r} has no theme_map entry")
        rows.append({
            "priority_id": f"{document.plan_id}:{rank}", "council_id": document.council_id,
            "plan_id": document.plan_id, "rank": int(rank), "title": title, "timeframe": timeframe,
            "theme": headings.get(name_key(title)), "common_theme": common[name_key(title)],
            "source": document.source(number),
        })
    return number_in_plan_order(rows)


def parse_cat_outcomes(document: SourceDocument, theme_map: dict[str, str], first_rank: int) -> list[dict]:
    """The three priority outcomes each Corporate Action Team (CAT) sets ("CATS Priority Outcomes",
    section 2): one row each, `theme` the CAT's name as printed, unranked, in plan order after the
    ranked priorities. The timeframe is the year the section names ("... three priority action
    areas for 2007-2008")."""
    start = document.find("CATS Priority Outcomes")
    end = document.find("NWL Local Strategic Partnership", start)
    timeframe = re.search(r"priority action areas for ((?:19|20)\d{2}\s*-\s*(?:19|20)\d{2})",
                          document.line(document.find("priority action areas for", start))).group(1)
    common = {name_key(local): theme for local, theme in theme_map.items()}
    rows, cat, count = [], None, 0
    for number, text in document.numbered(start + 1, end - 1):
        if text.startswith("Project Manager:"):
            if cat is None:
                raise ValueError(f"{document.source(number)}: a project manager with no CAT above it")
            continue
        if text.startswith("- "):
            if cat is None:
                raise ValueError(f"{document.source(number)}: a priority outcome with no CAT above it")
            count += 1
            rows.append({
                "priority_id": f"{document.plan_id}:CAT-{slug(cat)}-{count}", "council_id": document.council_id,
                "plan_id": document.plan_id, "rank": None, "title": clean_text(text[2:]).rstrip("."),
                "timeframe": timeframe, "theme": cat, "common_theme": common[name_key(cat)],
                "source": document.source(number)})
        elif text.strip() and _is_cat_heading(document, number):
            cat, count = text.strip(), 0
            if name_key(cat) not in common:
                raise ValueError(f"{document.source(number)}: CAT {cat!r} has no theme_map entry")
    return [{**row, "order": first_rank + index} for index, row in enumerate(rows)]


def _is_cat_heading(document: SourceDocument, number: int) -> bool:
    """A CAT's name is the line printed two lines above its "Project Manager:" line."""
    return number + 2 <= len(document.lines) and document.line(number + 2).startswith("Project Manager:")


def priority_for(text: str | None, priorities: list[dict]) -> str | None:
    """The priority_id a printed 'COUNCIL PRIORITY' line names, when it names exactly one."""
    if not text:
        return None
    named = [p["priority_id"] for p in priorities if name_key(p["title"]) in name_key(text)]
    return named[0] if len(named) == 1 else None
