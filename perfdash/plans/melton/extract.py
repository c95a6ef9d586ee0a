"""Melton Borough Council, Improvement Plan Appendix A (2009-10): actions with progress, and the
national and local indicators printed in the Outcome column (melton/indicators.py).

The appendix is three tab-separated tables, one per section ("<theme> Lead: <officer>").
Each row is Key Priority/Issue | Key Action | Outcome | Resources | Responsibility |
Milestones | Progress. The PDF conversion wraps rows over several lines, drops cells and
scrambles one region; the curated file says how to read the lines the rules cannot.
"""
from __future__ import annotations

import html
import re

from perfdash.plans.curated import load_curated
from perfdash.plans.document import SourceDocument
from perfdash.plans.melton.indicators import extract_indicators

FULL_LAYOUT = ("key_priority", "title", "outcome", "resources", "responsible", "milestones", "progress")
ACTION_FIELDS = FULL_LAYOUT[1:]

_HEADING = re.compile(r"^(?:#+\s*)?(?P<theme>.+?)\s+Lead:\s*(?P<lead>.+)$")
_TAG = re.compile(r"<[^>]+>")
_PAGE_NUMBER = re.compile(r"^[\d\s]+$")
# A cell of digits is a page number ("1", "1 1"), unless it is a year: a milestone such as "2011".
_YEAR = re.compile(r"^(?:19|20)\d{2}$")
_SEPARATOR = re.compile(r"^[-\s]*$")


def clean_text(text: str | None) -> str:
    """Cell text without HTML tags, entities, markdown bold, bullets or repeated spaces."""
    text = html.unescape(_TAG.sub(" ", text or ""))
    text = text.replace("**", " ").replace("•", " ")
    return re.sub(r"\s+", " ", text).strip()


def _starts_lowercase(text: str) -> bool:
    """True when text starts mid-sentence; leading quotes and brackets are skipped."""
    letters = text.lstrip("\"'“‘([ ")
    return bool(letters) and letters[0].islower()


# ---- the progress status rule -------------------------------------------------------

# Checked in this order; the first rule whose pattern matches the progress text wins.
# Why this order: slippage is the news a reader must not miss, so Delayed beats everything.
# Completed needs a sentence that says only "Completed" / "Complete" / "Achieved" (or
# "has achieved"): that closes the action even when the next cycle has "commenced", while
# "Completed consultation. Draft approved" completes a step only and stays In progress.
# Not started is checked before the broad In progress words, which include "agreed".
STATUS_RULES: tuple[tuple[str, re.Pattern], ...] = (
    ("Delayed", re.compile(r"\bdelay|\bslipp|\btimetable extended|\bbehind\b|\boutstanding\b|"
                           r"\bprogress slow\b|\bdeferred\b", re.I)),
    ("Completed", re.compile(r"(?:^|\.\s*)(?:completed|complete|achieved)\s*(?:\.|$)|\bhas achieved\b", re.I)),
    ("Not started", re.compile(r"\bnot started\b|\bto commence\b|\bto be (?:agreed|established)\b|\banalysis stage\b|"
                               r"\bnot now taking place\b", re.I)),
    ("In progress", re.compile(r"\bcommenced\b|\bin progress\b|\bon-? ?going\b|\bunder ?way\b|\bdraft|"
                               r"\bstarted\b|\bin hand\b|\bin place\b|\bimplemented\b|\bestablished\b|"
                               r"\bapproved\b|\bagreed\b|\bdelivered\b|\bawaiting\b|\bmonitor|\bto date\b|"
                               r"\bmilestones (?:completed|met)\b|\bprogress being made\b|\bfinal stages\b|"
                               r"\bcontinu|\bparticipat|\bidentified\b|\bselected\b|\breceived\b", re.I)),
)


def derive_status(progress: str | None) -> str:
    """The status a progress text reports, by the first matching rule in STATUS_RULES;
    "Unknown" when the text is empty or says nothing about the state of the action."""
    text = clean_text(progress)
    if not text:
        return "Unknown"
    for status, pattern in STATUS_RULES:
        if pattern.search(text):
            return status
    return "Unknown"


# ---- reading the tables -------------------------------------------------------------

def _layouts(curated: dict) -> list[dict]:
    """Curated column layouts for line ranges whose rows print fewer than seven cells."""
    return [{"from": entry["from_line"], "to": entry["to_line"], "cells": entry["cells"],
             "columns": tuple(entry["columns"])} for entry in curated.get("layouts", [])]


def layout_for(line_number: int, cell_count: int, layouts: list[dict]) -> tuple | None:
    """The column names for a line's cells: a curated layout covering the line (the
    narrowest range wins), else the full seven-column layout; None when nothing fits."""
    fitting = [entry for entry in layouts
               if entry["from"] <= line_number <= entry["to"] and entry["cells"] == cell_count]
    if fitting:
        return min(fitting, key=lambda entry: entry["to"] - entry["from"])["columns"]
    return FULL_LAYOUT if cell_count == len(FULL_LAYOUT) else None


def is_page_number(cell: str) -> bool:
    """True for a cell of digits only ("1", "1 1"), except a four-digit year such as "2011"."""
    return bool(cell) and bool(_PAGE_NUMBER.match(cell)) and not _YEAR.match(cell)


def split_cells(line: str) -> list[str]:
    """A table line's cells, cleaned. Lone bullet cells ("•") are conversion artefacts that
    push the Milestones cell one place right, and cells holding only digits are page numbers
    (is_page_number), which are emptied; a cell holding only a year is a milestone and is kept."""
    cells = [clean_text(cell) for cell in line.split("\t") if cell.strip() != "•"]
    return ["" if is_page_number(cell) else cell for cell in cells]


def _reading_order(document: SourceDocument, curated: dict) -> list[int]:
    """Line numbers in the order to read them: document order, except where a curated
    reading order puts a scrambled region's lines back into their rows."""
    order = list(range(1, len(document.lines) + 1))
    for region in curated.get("reading_orders", []):
        first, last = min(region["lines"]), max(region["lines"])
        printed = [n for n in range(first, last + 1) if document.line(n).strip()]
        if sorted(region["lines"]) != printed:
            raise ValueError(f"reading order at line {region['line']} must list every non-blank line "
                             f"from {first} to {last} once")
        start = order.index(first)
        order[start:start + last - first + 1] = region["lines"]
    return order


def is_new_action(fields: dict) -> bool:
    """A line starts a new action when it prints a Key Action that starts a sentence and no
    cell continues a sentence from the line above; otherwise it continues the open action."""
    title = fields.get("title", "")
    if not title or _starts_lowercase(title):
        return False
    return not any(_starts_lowercase(text) for text in fields.values() if text)


def read_actions(document: SourceDocument, curated: dict) -> tuple[list[dict], list[dict]]:
    """Actions as {field: text, theme, line, priority_line} in reading order, and lines that could not
    be placed in any layout (for garbled_region findings)."""
    layouts = _layouts(curated)
    continuation = {entry["line"] for entry in curated.get("continuation_lines", [])}
    new_rows = {entry["line"] for entry in curated.get("new_row_lines", [])}
    skipped = {entry["line"] for entry in curated.get("skip_lines", [])}
    actions: list[dict] = []
    unplaced: list[dict] = []
    theme = None
    key_priority, priority_line = "", 0
    for number in _reading_order(document, curated):
        raw = document.line(number)
        if number in skipped or not raw.strip():
            continue
        if "\t" not in raw:
            heading = _HEADING.match(clean_text(raw))
            if heading:
                theme, key_priority, priority_line = heading.group("theme"), "", number
            continue
        cells = split_cells(raw)
        if cells[0] == "Key Priority /Issue" or all(_SEPARATOR.match(cell) for cell in cells):
            continue
        columns = layout_for(number, len(cells), layouts)
        if columns is None:
            unplaced.append({"line": number, "cells": len(cells)})
            continue
        fields = {name: text for name, text in zip(columns, cells) if name and text}
        if not fields:
            continue
        starts = number in new_rows or (number not in continuation and is_new_action(fields))
        if starts or not actions:
            if fields.get("key_priority"):
                key_priority, priority_line = fields["key_priority"], number
            actions.append({**{name: "" for name in ACTION_FIELDS}, **fields, "key_priority": key_priority,
                            "priority_line": priority_line, "theme": theme, "line": number})
        else:
            current = actions[-1]
            for name, text in fields.items():
                current[name] = f"{current[name]} {text}".strip()
            if "key_priority" in fields:
                key_priority = current["key_priority"]
    return actions, unplaced


def _finding(document: SourceDocument, category: str, severity: str, message: str, line: int) -> dict:
    return {"council_id": document.council_id, "plan_id": document.plan_id, "indicator_id": None,
            "category": category, "severity": severity, "message": message,
            "source": document.source(line)}


def extract(document: SourceDocument) -> dict[str, list[dict]]:
    curated = load_curated(document.plan_id)
    theme_map = curated["theme_map"]
    action_themes = {entry["line"]: entry["common_theme"] for entry in curated.get("action_themes", [])}
    actions, unplaced = read_actions(document, curated)
    rows = []
    for n, action in enumerate(actions, start=1):
        progress = action["progress"] or None
        rows.append({
            "action_id": f"{document.plan_id}:A{n:03d}",
            "council_id": document.council_id,
            "plan_id": document.plan_id,
            "theme": action["theme"],
            "title": action["title"],
            "key_priority": action["key_priority"] or None,
            "responsible": action["responsible"] or None,
            "outcome": action["outcome"] or None,
            "resources": action["resources"] or None,
            "milestones": action["milestones"] or None,
            "progress": progress,
            "status": derive_status(progress) if progress else None,
            "common_theme": action_themes.get(action["priority_line"], theme_map[action["theme"]]),
            "source": document.source(action["line"]),
        })
    findings = [_finding(document, "garbled_region", "warning",
                         f"Line {entry['line']} has {entry['cells']} cells, which fit no column layout of the "
                         f"table; its text is not attached to any action.", entry["line"])
                for entry in unplaced]
    findings += [_finding(document, entry["category"], entry.get("severity", "warning"),
                          entry["message"], entry["line"])
                 for entry in curated.get("findings", [])]
    layouts = _layouts(curated)

    def cells_by_column(line: int) -> dict[str, str]:
        cells = split_cells(document.line(line))
        return {name: text for name, text in zip(layout_for(line, len(cells), layouts) or (), cells) if name}

    indicators, values, indicator_findings = extract_indicators(document, curated, cells_by_column)
    return {"actions": rows, "indicators": indicators, "indicator_values": values,
            "quality_findings": findings + indicator_findings}
