"""The nine ranked council priorities ("Ranking the priorities", section 3.1)."""
from __future__ import annotations

import re

from perfdash.plans.document import SourceDocument
from perfdash.plans.nwl.common import cells, clean_text, name_key
from perfdash.plans.ordering import number_in_plan_order

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


def priority_for(text: str | None, priorities: list[dict]) -> str | None:
    """The priority_id a printed 'COUNCIL PRIORITY' line names, when it names exactly one."""
    if not text:
        return None
    named = [p["priority_id"] for p in priorities if name_key(p["title"]) in name_key(text)]
    return named[0] if len(named) == 1 else None
