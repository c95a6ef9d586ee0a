"""The register's optional priorities and actions, checked like its indicators (file line and column).

A priority is named by plan and title; its id is "<plan_id>:<rank>" as in the bundled plans, or
"<plan_id>:<title slug>" when it has no rank, and a priority already known by title keeps its id.
An indicator's `priority` column names a priority of its plan: one in the priorities sheet, one
already known, or else a new priority made from that title. An action's id is "<plan_id>:<ref>".
"""
from __future__ import annotations

import re
from collections import Counter

from perfdash.plans.contract import ACTION_STATUSES
from perfdash.plans.register.columns import (
    ACTION_COLUMNS,
    IDENTIFIER,
    PRIORITY_COLUMNS,
    common_themes,
    names,
)
from perfdash.plans.register.known import Known, fold, mapped_theme
from perfdash.plans.register.model import (
    CheckedAction,
    CheckedIndicator,
    CheckedPriority,
    RegisterProblem,
    RegisterRow,
    not_told_by_header,
    problem_at,
)
from perfdash.plans.values import slug


def _given_theme(row: RegisterRow) -> str | None:
    given = row.get("common_theme")
    return next((t for t in common_themes() if fold(t) == fold(given)), None) if given else None


def explicit_priority_themes(rows: list[RegisterRow]) -> dict[tuple[str, str], str]:
    """(plan_id, folded title) -> common theme, for priorities whose sheet row settles it."""
    themes = {}
    for row in rows:
        plan_id = row.get("plan_id")
        chosen = _given_theme(row) or mapped_theme(plan_id, row.get("theme")) or mapped_theme(plan_id, row.get("title"))
        if plan_id and row.get("title") and chosen:
            themes[(plan_id, fold(row.get("title")))] = chosen
    return themes


def _place(row: RegisterRow, checked: list[CheckedIndicator], known: Known, found: list) -> tuple:
    """(council_id, plan_id) of a priority or action row, each a council and plan the register knows."""
    council_id, plan_id = row.get("council_id"), row.get("plan_id")
    for column, value in (("council_id", council_id), ("plan_id", plan_id)):
        if not value:
            found.append(problem_at(row, column, f"{column} is missing"))
        elif not IDENTIFIER.match(value):
            found.append(problem_at(row, column, f"{value!r} is not a usable {column}"))
    councils = {c.council_id for c in checked} | set(known.councils)
    plans = {c.plan_id: c.council_id for c in checked} | {p: r.get("council_id") for p, r in known.plans.items()}
    if council_id and council_id not in councils:
        found.append(problem_at(row, "council_id", f"{council_id!r} is not a known council, nor one the "
                                "register's indicators describe"))
    if plan_id and plan_id not in plans:
        found.append(problem_at(row, "plan_id", f"{plan_id!r} is not a known plan, nor one the register's "
                                "indicators name"))
    elif plan_id and council_id and plans[plan_id] != council_id:
        found.append(problem_at(row, "plan_id", f"{plan_id} is {plans[plan_id]}'s plan, not {council_id}'s"))
    return council_id, plan_id


def _most_common(themes: list[str]) -> str | None:
    counts = Counter(theme for theme in themes if theme)
    return min(counts.items(), key=lambda item: (-item[1], item[0]))[0] if counts else None


def check_priorities(rows: list[RegisterRow], checked: list[CheckedIndicator], known: Known,
                     problems: list[RegisterProblem]) -> list[CheckedPriority]:
    """The priorities sheet, plus a priority for each title an indicator names that no sheet row or
    known priority has. Sets each indicator's priority_id."""
    priorities: dict[tuple[str, str], CheckedPriority] = {}
    ids: dict[str, CheckedPriority] = {}
    for row in rows:
        found: list[RegisterProblem] = []
        council_id, plan_id = _place(row, checked, known, found)
        title = row.get("title")
        if not title:
            found.append(problem_at(row, "title", "title is missing"))
        rank_text, rank = row.get("rank"), None
        if rank_text:
            rank = int(rank_text) if re.fullmatch(r"\d+", rank_text) and int(rank_text) > 0 else None
            if rank is None:
                found.append(problem_at(row, "rank", f"{rank_text!r} is not a rank; write a whole number from 1"))
        if row.get("common_theme") and _given_theme(row) is None:
            found.append(problem_at(row, "common_theme", f"{row.get('common_theme')!r} is not a common theme; "
                                    f"write one of: {'; '.join(common_themes())}"))
        if found or not title:
            problems += not_told_by_header(row, found, names(c for c in PRIORITY_COLUMNS if c.required))
            continue
        linked = [c.common_theme for c in checked if c.plan_id == plan_id and c.priority and fold(c.priority) == fold(title)]
        common = (_given_theme(row) or mapped_theme(plan_id, row.get("theme")) or mapped_theme(plan_id, title)
                  or _most_common(linked))
        if common is None:
            problems.append(problem_at(row, "common_theme", f"no common theme can be given to the priority "
                                       f"{title!r}; add a common_theme column with one of: {'; '.join(common_themes())}"))
            continue
        existing = known.priority_for(plan_id, title)
        priority_id = existing["priority_id"] if existing else f"{plan_id}:{rank if rank else slug(title)}"
        key = (plan_id, fold(title))
        if key in priorities:
            problems.append(problem_at(row, "title", f"the priority {title!r} is already on line "
                                       f"{priorities[key].row.line}"))
        elif priority_id in ids:
            problems.append(problem_at(row, "rank", f"a priority ranked {rank} in {plan_id} is already on line "
                                       f"{ids[priority_id].row.line}"))
        else:
            priority = CheckedPriority(row, priority_id, council_id, plan_id, rank, title,
                                       row.get("timeframe") or None, row.get("theme") or None, common)
            priorities[key], ids[priority_id] = priority, priority
    for c in checked:
        if not c.priority:
            continue
        key = (c.plan_id, fold(c.priority))
        existing = known.priority_for(c.plan_id, c.priority)
        if key in priorities:
            c.priority_id = priorities[key].priority_id
        elif existing is not None:
            c.priority_id = existing["priority_id"]
        else:
            made = CheckedPriority(c.row, f"{c.plan_id}:{slug(c.priority)}", c.council_id, c.plan_id, None,
                                   c.priority, None, None, mapped_theme(c.plan_id, c.priority) or c.common_theme)
            priorities[key] = made
            c.priority_id = made.priority_id
    return list(priorities.values())


def _status(row: RegisterRow, found: list) -> str | None:
    text = row.get("status")
    if not text:
        return None
    match = next((status for status in ACTION_STATUSES if fold(status) == fold(text)), None)
    if match is None:
        found.append(problem_at(row, "status", f"{text!r} is not a status; write one of {', '.join(ACTION_STATUSES)}"))
    return match


def check_actions(rows: list[RegisterRow], checked: list[CheckedIndicator], priorities: list[CheckedPriority],
                  known: Known, problems: list[RegisterProblem]) -> list[CheckedAction]:
    by_title = {(p.plan_id, fold(p.title)): p for p in priorities}
    actions: dict[str, CheckedAction] = {}
    for row in rows:
        found: list[RegisterProblem] = []
        council_id, plan_id = _place(row, checked, known, found)
        title, ref = row.get("title"), row.get("ref") or None
        if not title:
            found.append(problem_at(row, "title", "title is missing"))
        status = _status(row, found)
        if row.get("common_theme") and _given_theme(row) is None:
            found.append(problem_at(row, "common_theme", f"{row.get('common_theme')!r} is not a common theme; "
                                    f"write one of: {'; '.join(common_themes())}"))
        if found or not title:
            problems += not_told_by_header(row, found, names(c for c in ACTION_COLUMNS if c.required))
            continue
        action_id = f"{plan_id}:{''.join(ref.split())}" if ref else f"{plan_id}:{slug(title)}"
        if action_id in actions:
            found.append(problem_at(row, "ref" if ref else "title", f"the action {action_id} is already on line "
                                    f"{actions[action_id].row.line}"))
        priority_title = row.get("priority") or None
        priority = (by_title.get((plan_id, fold(priority_title))) if priority_title else None)
        known_priority = known.priority_for(plan_id, priority_title) if priority_title else None
        if priority_title and priority is None and known_priority is None:
            found.append(problem_at(row, "priority", f"{priority_title!r} is not a priority of {plan_id} in "
                                    "this register or already known"))
        common = (_given_theme(row) or mapped_theme(plan_id, row.get("theme"))
                  or (priority.common_theme if priority else None) or (known_priority or {}).get("common_theme"))
        if common is None and not (priority_title and priority is None and known_priority is None):
            found.append(problem_at(row, "common_theme", f"no common theme can be given to the action {title!r}: "
                                    "add a theme from the plan's theme map, a priority, or a common_theme column "
                                    f"with one of: {'; '.join(common_themes())}"))
        if found:
            problems += not_told_by_header(row, found, names(c for c in ACTION_COLUMNS if c.required))
            continue
        actions[action_id] = CheckedAction(
            row, action_id, council_id, plan_id, ref, title, row.get("due") or None, row.get("owner") or None,
            status, row.get("theme") or None, common, priority_title,
            priority.priority_id if priority else (known_priority or {}).get("priority_id"))
    return list(actions.values())
