"""Leicestershire Annual Plan 2007-08: the actions, one per bullet ("·") under each section's
"What we will do in 2007-08", up to its "Our achievements in 2006-07".

A bullet serves the sub-priority whose heading it is printed under (the curated `priorities`),
or the section's own sub-priority where the section has no sub-headings. Headings that name a
scale of place (curated `place_labels`: International, Regional, ...) are not priorities: their
bullets serve the section's sub-priority and keep the label as key_priority. Milestones are the
dates a bullet prints, as printed ("in November 2007", "from 2007 to 2009").
"""
from __future__ import annotations

import re

from perfdash.plans.contract import TABLES
from perfdash.plans.curated import CuratedDataError
from perfdash.plans.document import SourceDocument

_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
          r"|Spring|Summer|Autumn|Winter)")
_YEAR = r"(?:19|20)\d{2}(?:\s*[-/–]\s*\d{1,4})?"
_DATE = re.compile(
    rf"(?:\b(?:by|from|in|during|until|before|throughout)\s+(?:the\s+(?:end|start|course)\s+of\s+)?)?"
    rf"(?:{_MONTH}\s+)?{_YEAR}(?:\s+(?:to|and)\s+{_YEAR})?\b", re.I)
_FIRST_YEAR = re.compile(r"(?:19|20)\d{2}")
_BULLET = "·"
# Every column of the contract's actions table: an annual plan prints no owner, resources or progress.
EMPTY_ACTION = dict.fromkeys(TABLES["actions"].columns)


def milestones(text: str, plan_start: int) -> str | None:
    """The dates a bullet prints, as printed and joined by "; ". A phrase naming only years before
    the plan's first year ("Following our good results in 2006-07") describes the past: not a milestone."""
    found = []
    for match in _DATE.finditer(text):
        phrase = match.group(0).strip()
        if max(int(year) for year in _FIRST_YEAR.findall(phrase)) >= plan_start and phrase not in found:
            found.append(phrase)
    return "; ".join(found) or None


def _what_we_will_do(document: SourceDocument, heading_line: int, next_heading: int) -> tuple[int, int]:
    """The lines from "What we will do ..." to the line before "Our achievements ..." in a section."""
    start = document.find("What we will do", heading_line)
    end = document.find("Our achievements", start)
    if not heading_line < start < end <= next_heading:
        raise CuratedDataError(f"{document.file_name}:{heading_line}: no 'What we will do' part in the section")
    return start + 1, end - 1


def action_rows(document: SourceDocument, curated: dict, priorities: list[dict], plan_start: int) -> list[dict]:
    """One action per "What we will do" bullet, in plan order."""
    by_line = {int(row["source"].rsplit(":", 1)[1]): row for row in priorities}
    sub_priorities = {line: row for line, row in by_line.items() if "." in row["priority_id"].split(":", 1)[1]}
    labels = {entry["line"]: entry for entry in curated.get("place_labels", [])}
    sections = [section for section in curated["sections"] if section["timeframe"]]
    ends = [section["line"] for section in curated["sections"][1:]] + [len(document.lines) + 1]
    next_heading = dict(zip((section["line"] for section in curated["sections"]), ends))
    rows = []
    for section in sections:
        first, last = _what_we_will_do(document, section["line"], next_heading[section["line"]])
        # A section without sub-headings has its heading as its one sub-priority.
        priority = sub_priorities.get(section["line"])
        label = entry_theme = None
        for number, text in document.numbered(first, last):
            if number in sub_priorities:
                priority, label, entry_theme = sub_priorities[number], sub_priorities[number]["title"], None
            elif number in labels:
                label, entry_theme = labels[number]["label"], labels[number].get("common_theme")
            elif text.lstrip().startswith(_BULLET):
                if priority is None:
                    raise CuratedDataError(f"{document.source(number)}: a bullet before any sub-priority heading")
                title = re.sub(r"\s+", " ", text.lstrip()[1:]).strip()
                rows.append({
                    **EMPTY_ACTION,
                    "council_id": document.council_id, "plan_id": document.plan_id, "theme": section["heading"],
                    "title": title, "key_priority": label or priority["title"],
                    "priority_id": priority["priority_id"], "milestones": milestones(title, plan_start),
                    "status": None, "common_theme": entry_theme or priority["common_theme"],
                    "source": document.source(number)})
    return [{**row, "action_id": f"{document.plan_id}:A{index:03d}"} for index, row in enumerate(rows, start=1)]
