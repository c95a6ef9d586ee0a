"""The strategic action tables of the action plan (section 3.4): "Ref no | LAA Ref no |
Actions / Improvements | Responsible Officer | Expected results (outcomes) | Quarter 1..4 |
Resources Allocated". The header repeats at every page break and a row may run on past it."""
from __future__ import annotations

import re

from perfdash.plans.document import SourceDocument
from perfdash.plans.nwl.common import Block, cells, clean_text, finding, joined
from perfdash.plans.nwl.priorities import priority_for

FIELDS = ("ref", "laa_ref", "title", "responsible", "outcome", "q1", "q2", "q3", "q4", "resources")
FIELD_NAMES = {"title": "Actions / Improvements", "responsible": "Responsible Officer",
               "outcome": "Expected results (outcomes)", "q1": "Quarter 1", "q2": "Quarter 2",
               "q3": "Quarter 3", "q4": "Quarter 4", "resources": "Resources Allocated"}
_HEADER = re.compile(r"^Ref no\tLAA Ref no\tActions / Improvements")


def is_continuation(row: dict[str, str], after_header: bool) -> bool:
    """A row directly after a repeated header with no Ref and no Responsible Officer carries on
    the previous action (its Action cell, when present, finishes the previous action's words)."""
    return after_header and not row["ref"] and not row["laa_ref"] and not row["responsible"]


def _moves_by_line(curated: dict) -> dict[int, dict]:
    return {move["line"]: move for move in curated.get("continuation_moves") or []}


def _apply_move(document: SourceDocument, number: int, row: dict, move: dict,
                previous: dict) -> tuple[dict, dict]:
    """A continuation cell the conversion printed in the wrong column, moved as curated."""
    source, target = move["from"], move["to"]
    if move["quote"] not in row[source]:
        raise ValueError(f"{document.source(number)}: curated move expects {move['quote']!r} in {source}")
    text = row[source]
    moved = {**row, source: "", target: " ".join(part for part in (text, row[target]) if part)}
    return moved, finding(
        document, number, "garbled_region", "warning",
        f"After the page break the text {text!r} is printed under '{FIELD_NAMES[source]}', but it continues "
        f"the '{FIELD_NAMES[target]}' cell of the action at line {previous['line']}; it is joined to that "
        f"cell. {move['why']}")


def parse_actions(document: SourceDocument, blocks: list[Block], curated: dict,
                  theme_map: dict[str, str], priorities: list[dict]) -> tuple[list[dict], list[dict]]:
    moves = _moves_by_line(curated)
    drafts, findings, moved_lines = [], [], set()
    for block in blocks:
        previous, in_table, after_header = None, False, False
        for number, text in document.numbered(block.first_line, block.last_line):
            if _HEADER.match(text):
                in_table = after_header = True
                continue
            if not in_table:
                continue
            if not text.strip():
                in_table = False
                continue
            row = dict(zip(FIELDS, cells(text, len(FIELDS))))
            if row["q1"] == "Quarter 1":
                continue
            if previous is not None and is_continuation(row, after_header):
                if number in moves:
                    row, note = _apply_move(document, number, row, moves[number], previous)
                    findings.append(note)
                    moved_lines.add(number)
                for field in FIELDS[2:]:
                    previous[field] = joined(previous[field], row[field])
            else:
                previous = {**{field: clean_text(row[field]) for field in FIELDS}, "line": number, "block": block}
                drafts.append(previous)
            after_header = False
    if set(moves) - moved_lines:
        raise ValueError(f"curated continuation_moves for lines {sorted(set(moves) - moved_lines)} "
                         f"matched no continuation row")
    return [_action_row(document, n, draft, theme_map, priorities) for n, draft in enumerate(drafts, 1)], findings


def _action_row(document: SourceDocument, n: int, draft: dict, theme_map: dict[str, str],
                priorities: list[dict]) -> dict:
    block = draft["block"]
    return {
        "action_id": f"{document.plan_id}:A{n:03d}", "council_id": document.council_id,
        "plan_id": document.plan_id, "theme": block.theme, "title": draft["title"],
        "responsible": draft["responsible"], "outcome": draft["outcome"], "resources": draft["resources"],
        "q1": draft["q1"], "q2": draft["q2"], "q3": draft["q3"], "q4": draft["q4"],
        "milestones": None, "progress": None, "status": None,
        "common_theme": theme_map[block.theme], "source": document.source(draft["line"]),
        "ref": draft["ref"], "key_priority": block.priority_text,
        "priority_id": priority_for(block.priority_text, priorities),
    }
