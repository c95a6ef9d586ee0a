"""Checking a register: every problem at once, each named by its file line and column.

A row is refused for an unknown tier, unit, polarity or profile; a missing council_id, plan_id, ref,
title, unit, polarity or year; a malformed year; a target that is not a number; a percentage outside
0-100; a repeated (council, plan, ref, year); an unknown parent council; an indicator it cannot give
a common theme. Doubtful targets are warnings (perfdash/plans/register/build.py) and are imported
with a quality finding. With any problem, the report carries no frames: nothing is imported.
"""
from __future__ import annotations

from collections.abc import Mapping

from perfdash.plans.contract import POLARITIES, PROFILES, TIERS
from perfdash.plans.register.build import frames as build_frames
from perfdash.plans.register.build import warnings as build_warnings
from perfdash.plans.register.columns import (
    IDENTIFIER,
    INDICATOR_COLUMNS,
    QUARTER_COLUMNS,
    common_themes,
    header_name,
    indicator_key,
    names,
    national_code,
    parse_target,
    parse_year,
    units,
)
from perfdash.plans.register.known import Known, fold, mapped_theme
from perfdash.plans.register.model import (
    CheckedIndicator,
    RegisterProblem,
    RegisterReport,
    RegisterRow,
    RegisterTables,
    not_told_by_header,
    problem_at,
)
from perfdash.plans.register.sheets import (
    check_actions,
    check_priorities,
    explicit_priority_themes,
)
from perfdash.plans.values import period_label

INDICATOR_NAMES = names(c for c in INDICATOR_COLUMNS if c.required)  # the header must name these
# What a new indicator's rows must agree on, year after year.
_SAME_EVERY_YEAR = ("code", "title", "unit", "polarity", "theme", "profile", "common_theme", "priority",
                    "definition")


def validate_register(tables: RegisterTables, known: Mapping[str, object] | None = None) -> RegisterReport:
    """Check every row of a register against the contract and what is already known (`known`: frames
    keyed councils, plans, indicators, priorities, indicator_values; any may be left out)."""
    context = Known.from_frames(known)
    problems = list(tables.problems)
    priority_themes = explicit_priority_themes(tables.priorities)
    checked = []
    for row in tables.indicators:
        found: list[RegisterProblem] = []
        indicator = check_indicator(row, context, priority_themes, found)
        problems += not_told_by_header(row, found, INDICATOR_NAMES)
        if indicator is not None and not found:
            checked.append(indicator)
    problems += cross_row_problems(checked, context)
    priorities = check_priorities(tables.priorities, checked, context, problems)
    actions = check_actions(tables.actions, checked, priorities, context, problems)
    warnings, findings = build_warnings(checked, context)
    years = tuple(sorted({period_label(c.year_start) for c in checked}))
    if problems:
        return RegisterReport(tables.files, _in_file_order(problems), warnings, {}, years=years)
    frames = build_frames(checked, priorities, actions, findings, context)
    counts = {
        "rows": len(checked),
        "new_indicators": len(frames["indicators"]),
        "known_indicators": len({c.indicator_id for c in checked if c.known}),
        "targets": int((frames["indicator_values"]["kind"] == "target").sum()),
        "baselines": int((frames["indicator_values"]["kind"] == "baseline").sum()),
        "new_councils": len(frames["councils"]), "new_plans": len(frames["plans"]),
        "priorities": len(frames["priorities"]), "actions": len(frames["actions"]),
    }
    return RegisterReport(tables.files, [], warnings, frames, counts, years)


def _in_file_order(problems: list[RegisterProblem]) -> list[RegisterProblem]:
    tables: dict[str, int] = {}
    for problem in problems:
        tables.setdefault(problem.origin.rsplit(str(problem.line), 1)[0], len(tables))
    return sorted(problems, key=lambda p: (tables[p.origin.rsplit(str(p.line), 1)[0]], p.line))


def _choice(row: RegisterRow, column: str, allowed: tuple[str, ...], found: list, required: bool = False):
    """A vocabulary cell, read ignoring case and spaces ("Per quarter" -> per_quarter)."""
    text = row.get(column)
    if not text:
        if required:
            found.append(problem_at(row, column, f"{column} is missing; write one of {', '.join(allowed)}"))
        return None
    value = header_name(text)
    if value not in allowed:
        found.append(problem_at(row, column, f"{text!r} is not a {column}; write one of {', '.join(allowed)}"))
        return None
    return value


def _identifier(row: RegisterRow, column: str, found: list) -> str | None:
    text = row.get(column)
    if not text:
        found.append(problem_at(row, column, f"{column} is missing"))
        return None
    if not IDENTIFIER.match(text):
        found.append(problem_at(row, column, f"{text!r} is not a usable {column}: use letters, digits and "
                                "hyphens, with no spaces (e.g. nw-leicestershire)"))
        return None
    return text


def _required(row: RegisterRow, column: str, found: list) -> str | None:
    text = row.get(column)
    if not text:
        found.append(problem_at(row, column, f"{column} is missing"))
    return text or None


def _council(row: RegisterRow, council_id: str | None, known: Known, found: list) -> tuple:
    name, tier = row.get("council_name") or None, _choice(row, "tier", TIERS, found)
    council = known.councils.get(council_id) if council_id else None
    if council_id and council is None:
        if not name:
            found.append(problem_at(row, "council_name", f"{council_id} is not a known council, so its name "
                                    "is needed"))
        if not row.get("tier"):
            found.append(problem_at(row, "tier", f"{council_id} is not a known council, so its tier is needed: "
                                    f"one of {', '.join(TIERS)}"))
    elif council and tier and tier != council.get("tier"):
        found.append(problem_at(row, "tier", f"{council_id} is already known as a {council.get('tier')} "
                                f"council, not {tier}"))
    parent = row.get("parent_council_id") or None
    if parent and parent == council_id:
        found.append(problem_at(row, "parent_council_id", "a council cannot be its own parent"))
    return name, tier, parent


def _plan(row: RegisterRow, council_id: str | None, plan_id: str | None, known: Known, found: list):
    title = row.get("plan_title") or None
    plan = known.plans.get(plan_id) if plan_id else None
    if plan_id and plan is None and not title:
        found.append(problem_at(row, "plan_title", f"{plan_id} is not a known plan, so its title is needed"))
    if plan and council_id and plan.get("council_id") != council_id:
        found.append(problem_at(row, "plan_id", f"{plan_id} is {plan.get('council_id')}'s plan, "
                                f"not {council_id}'s"))
    return title


def _figures(row: RegisterRow, unit: str | None, found: list) -> tuple[dict, tuple | None]:
    targets = {}
    if unit is None:
        return targets, None  # an unknown unit is already a problem; its figures cannot be judged
    for quarter, column in [(None, "annual_target"), *QUARTER_COLUMNS.items()]:
        value, text, message = parse_target(row.get(column), unit)
        if message:
            found.append(problem_at(row, column, message))
        elif text is not None:
            targets[quarter] = (value, text)
    year_text, value_text = row.get("baseline_year"), row.get("baseline_value")
    value, text, message = parse_target(value_text, unit)
    if message:
        found.append(problem_at(row, "baseline_value", message))
    if text is not None and not year_text:
        found.append(problem_at(row, "baseline_year", "a baseline value needs its baseline_year, e.g. 2019/20"))
    if year_text and parse_year(year_text) is None:
        found.append(problem_at(row, "baseline_year", f"{year_text!r} is not a financial year; write it like "
                                "2019/20"))
    elif year_text and text is None and not message:
        found.append(problem_at(row, "baseline_value", f"a baseline_year ({year_text}) needs its baseline_value"))
    baseline = (parse_year(year_text), value, text) if year_text and text is not None else None
    return targets, baseline


def _common_theme(row: RegisterRow, plan_id: str, theme, priority, code, existing, priority_themes: dict,
                  known: Known, found: list) -> str | None:
    given = row.get("common_theme")
    if given:
        match = next((t for t in common_themes() if fold(t) == fold(given)), None)
        if match is None:
            found.append(problem_at(row, "common_theme", f"{given!r} is not a common theme; write one of: "
                                    f"{'; '.join(common_themes())}"))
        return match
    if existing is not None:
        return existing.get("common_theme")
    known_priority = known.priority_for(plan_id, priority) if priority else None
    chosen = (mapped_theme(plan_id, theme) or mapped_theme(plan_id, priority)
              or priority_themes.get((plan_id, fold(priority)))
              or (known_priority or {}).get("common_theme") or known.code_theme(code))
    if chosen is None:
        tried = f"its theme {theme!r}" + (f" and priority {priority!r}" if priority else "")
        found.append(problem_at(row, "common_theme", f"no common theme can be given to {row.get('ref')!r}: "
                                f"{tried} are in no bundled theme map, and no known indicator has its code; "
                                f"add a common_theme column with one of: {'; '.join(common_themes())}"))
    return chosen


def check_indicator(row: RegisterRow, known: Known, priority_themes: dict, found: list) -> CheckedIndicator | None:
    """The row read into values, with every problem it has appended to `found`."""
    council_id, plan_id = _identifier(row, "council_id", found), _identifier(row, "plan_id", found)
    council_name, tier, parent = _council(row, council_id, known, found)
    plan_title = _plan(row, council_id, plan_id, known, found)
    ref, title = _required(row, "ref", found), _required(row, "title", found)
    unit = row.get("unit").lower() or None
    if unit is None:
        found.append(problem_at(row, "unit", f"unit is missing; write one of {', '.join(units())}"))
    elif unit not in units():
        found.append(problem_at(row, "unit", f"{row.get('unit')!r} is not a unit; write one of {', '.join(units())}"))
        unit = None
    polarity = _choice(row, "polarity", POLARITIES, found, required=True)
    profile = _choice(row, "profile", PROFILES, found)
    code = national_code(row.get("code"))
    year_text = _required(row, "year", found)
    year = parse_year(year_text) if year_text else None
    if year_text and year is None:
        found.append(problem_at(row, "year", f"{year_text!r} is not a financial year; write it like 2020/21"))
    targets, baseline = _figures(row, unit, found)
    if not (council_id and plan_id and ref and title and unit and polarity and year):
        return None
    existing = known.indicator_for(council_id, plan_id, ref)
    for column, value in (("unit", unit), ("polarity", polarity)):
        if existing is not None and existing.get(column) and existing[column] != value:
            found.append(problem_at(row, column, f"{ref} is already known with {column} {existing[column]} "
                                    f"({existing.get('source')}), not {value}; a register cannot change it, so "
                                    "give a changed indicator a new ref"))
    theme, priority = row.get("theme") or None, row.get("priority") or None
    common = _common_theme(row, plan_id, theme, priority, code, existing, priority_themes, known, found)
    indicator_id = existing["indicator_id"] if existing else f"{plan_id}:{indicator_key(ref)}"
    return CheckedIndicator(
        row, council_id, council_name, tier, parent, plan_id, plan_title, ref, code, title, unit, polarity,
        theme, profile, year, targets, baseline, row.get("source") or None, common, priority,
        row.get("definition") or None, indicator_id, existing)


def cross_row_problems(checked: list[CheckedIndicator], known: Known) -> list[RegisterProblem]:
    """Repeated rows, and councils, plans and new indicators the rows describe in different ways."""
    problems = []
    first_year: dict[tuple, CheckedIndicator] = {}
    firsts: dict[tuple, CheckedIndicator] = {}
    for c in checked:
        key = (c.indicator_id, c.year_start)
        if key in first_year:
            problems.append(problem_at(c.row, "ref", f"{c.ref} for {period_label(c.year_start)} is already on "
                                       f"line {first_year[key].row.line} ({c.council_id}, {c.plan_id})"))
            continue
        first_year[key] = c
        checks = []
        if c.council_id not in known.councils:
            checks += [(("council", c.council_id), column, attribute) for column, attribute in
                       (("council_name", "council_name"), ("tier", "tier"), ("parent_council_id", "parent_council_id"))]
        if c.plan_id not in known.plans:
            checks += [(("plan", c.plan_id), "plan_title", "plan_title"), (("plan", c.plan_id), "council_id", "council_id")]
        if c.known is None:
            checks += [(("indicator", c.indicator_id), column, column) for column in _SAME_EVERY_YEAR]
        for thing, column, attribute in checks:
            first = firsts.setdefault(thing, c)
            if getattr(first, attribute) != getattr(c, attribute):
                problems.append(problem_at(c.row, column, f"{thing[0]} {thing[1]} has {column} "
                                           f"{getattr(c, attribute)!r} here but {getattr(first, attribute)!r} on "
                                           f"line {first.row.line}"))
    baselines: dict[tuple, CheckedIndicator] = {}
    for c in checked:
        if c.baseline is None:
            continue
        first = baselines.setdefault((c.indicator_id, c.baseline[0]), c)
        if first.baseline[2] != c.baseline[2]:
            problems.append(problem_at(c.row, "baseline_value", f"the {period_label(c.baseline[0])} baseline of "
                                       f"{c.ref} is {c.baseline[2]} here but {first.baseline[2]} on line "
                                       f"{first.row.line}"))
    in_file = {c.council_id for c in checked}
    for c in checked:
        if c.parent_council_id and c.parent_council_id not in in_file and c.parent_council_id not in known.councils:
            problems.append(problem_at(c.row, "parent_council_id", f"{c.parent_council_id!r} is not a known "
                                       "council, nor one this register describes"))
    return problems
