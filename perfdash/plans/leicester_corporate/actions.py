"""The actions of the Leicester Corporate Plan: for each priority row of Part 2, what the council
will do ("How we will achieve it") with its "Headline Milestones and Targets" as printed and the
"Benefits to Citizens" it expects.

Broken text is mended where the conversion split it:
- a row whose "How" cell opens with a lower-case fragment ending a sentence ("enterprises.", line
  189) carries the end of the row above, whose text stops mid-sentence ("... the establishment of
  community"): the fragment is moved back;
- words the conversion split with other text inside them are read as the curated `text_repairs`
  say ("Leic(PSA7) ester" on line 195 is "Leicester (PSA7)"); each repair quotes its line.
Wrapped cells are joined across their lines by tables.Row.
"""
from __future__ import annotations

import re

from perfdash.plans.contract import TABLES
from perfdash.plans.curated import CuratedDataError
from perfdash.plans.document import SourceDocument
from perfdash.plans.leicester_corporate.tables import Row

# Every column of the contract's actions table: the plan prints no owner, resources or progress.
EMPTY_ACTION = dict.fromkeys(TABLES["actions"].columns)
_SENTENCE_END = (".", "?", "!", ":", ")")
_LEADING_FRAGMENT = re.compile(r"^(?P<fragment>[a-z][^.]*\.)\s+(?P<rest>[A-Z].*)$", re.S)


def _repair(text: str, repairs: list[dict], lines: set[int]) -> str:
    for repair in repairs:
        if repair["line"] in lines:
            text = text.replace(repair["quote"], repair["read_as"])
    return text


def _texts(rows: list[Row]) -> list[str]:
    """Each row's "How we will achieve it" text, with a sentence's end moved back to the row it ends."""
    texts = [row.text("how") for row in rows]
    for index in range(1, len(texts)):
        match = _LEADING_FRAGMENT.match(texts[index])
        if match and texts[index - 1] and not texts[index - 1].endswith(_SENTENCE_END):
            texts[index - 1] = f"{texts[index - 1]} {match.group('fragment')}"
            texts[index] = match.group("rest")
    return texts


def action_rows(document: SourceDocument, rows: list[Row], curated: dict) -> list[dict]:
    """One action per priority row that says how it will be achieved, in plan order."""
    repairs = curated.get("text_repairs", [])
    for repair in repairs:
        if repair["quote"] not in document.line(repair["line"]):
            raise CuratedDataError(f"text_repairs: {repair['quote']!r} is not printed on line {repair['line']}")
    actions = []
    for row, how in zip(rows, _texts(rows)):
        if not how:
            continue
        lines = row.lines()
        actions.append({
            **EMPTY_ACTION,
            "action_id": f"{document.plan_id}:A{len(actions) + 1:03d}", "council_id": document.council_id,
            "plan_id": document.plan_id, "theme": row.theme, "title": _repair(how, repairs, lines),
            "key_priority": row.text("priority"), "priority_id": f"{document.plan_id}:{row.key}",
            "milestones": _repair(row.text("targets"), repairs, lines) or None,
            "outcome": _repair(row.text("benefits"), repairs, lines) or None, "status": None,
            "common_theme": curated["theme_map"][row.theme], "source": document.source(row.first_line)})
    return actions
