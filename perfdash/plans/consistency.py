"""Consistency checks across and within plans, run by the build after parsing. They flag and
never change a figure: both statements stay as printed, and each finding cites its own line.

- the same figure stated twice with different values or dates (data/curated/consistency.yaml
  quotes each statement): restated_differently within one plan, differs_across_plans between two
  plans of one council;
- a count a plan gives of what it lists ("twelve targets") against the rows listed:
  stated_count_mismatch;
- from the extracted rows: the same national code in two plans of one council, and the same
  indicator title twice in one plan, with a different annual figure for the same year and kind.
"""
from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

import yaml

from perfdash import paths
from perfdash.plans.curated import CuratedDataError, quote_on_line
from perfdash.plans.document import load_document
from perfdash.plans.values import period_label

CONSISTENCY_FILE = paths.CURATED_DIR / "consistency.yaml"
_STATEMENT_KEYS = ("plan_id", "quote", "line", "value", "unit", "by", "due_year")
_COUNT_KEYS = ("plan_id", "quote", "line", "states", "items", "code_pattern")
# Figures within a part in a million of each other are the same figure (rounding in print).
_REL_TOLERANCE = 1e-6


def _check_keys(entry, keys: tuple[str, ...], where: str, file: Path) -> None:
    if not isinstance(entry, dict):
        raise CuratedDataError(f"{file}: {where}: expected a mapping")
    missing = [key for key in keys if entry.get(key) is None]
    if missing:
        raise CuratedDataError(f"{file}: {where}: lacks {', '.join(missing)}")


def _check_quote(entry: dict, where: str, file: Path, catalogue_path: Path) -> None:
    if not isinstance(entry["line"], int):
        raise CuratedDataError(f"{file}: {where}.line: the line must be a whole number")
    document = load_document(entry["plan_id"], catalogue_path)
    if not quote_on_line(document, str(entry["quote"]), entry["line"]):
        raise CuratedDataError(f"{file}: {where}: quote {entry['quote']!r} is not on line {entry['line']} of "
                               f"{document.file_name}")


@lru_cache(maxsize=4)
def load_statements(file: Path = CONSISTENCY_FILE, catalogue_path: Path = paths.CATALOGUE_FILE,
                    plan_ids: frozenset[str] | None = None) -> dict:
    """The curated statements, validated: every key present and every quote on its line. With
    `plan_ids`, only the statements about those plans (a build of another catalogue skips the rest)."""
    try:
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise CuratedDataError(f"{file}: cannot be read as YAML ({error})") from error
    if not isinstance(data, dict):
        raise CuratedDataError(f"{file}: expected a mapping with 'figures' and 'counts'")
    figures, counts = data.get("figures") or [], data.get("counts") or []
    if plan_ids is not None:
        figures = [f for f in figures if isinstance(f, dict) and all(
            isinstance(st, dict) and st.get("plan_id") in plan_ids for st in f.get("statements") or [])]
        counts = [c for c in counts if isinstance(c, dict) and c.get("plan_id") in plan_ids]
    for index, figure in enumerate(figures):
        where = f"figures[{index}]"
        _check_keys(figure, ("figure", "statements"), where, file)
        if not isinstance(figure["statements"], list) or len(figure["statements"]) < 2:
            raise CuratedDataError(f"{file}: {where}.statements: a figure needs two statements or more")
        for number, statement in enumerate(figure["statements"]):
            _check_keys(statement, _STATEMENT_KEYS, f"{where}.statements[{number}]", file)
            _check_quote(statement, f"{where}.statements[{number}]", file, catalogue_path)
    for index, count in enumerate(counts):
        _check_keys(count, _COUNT_KEYS, f"counts[{index}]", file)
        _check_quote(count, f"counts[{index}]", file, catalogue_path)
        try:
            re.compile(count["code_pattern"])
        except re.error as error:
            raise CuratedDataError(f"{file}: counts[{index}].code_pattern: not a pattern ({error})") from error
    return {"figures": figures, "counts": counts}


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= _REL_TOLERANCE * max(abs(a), abs(b), 1.0)


def _finding(council_id: str, plan_id: str, indicator_id: str | None, category: str, message: str,
             source: str, severity: str = "warning") -> dict:
    return {"council_id": council_id, "plan_id": plan_id, "indicator_id": indicator_id, "category": category,
            "severity": severity, "message": message, "source": source}


def _said(statement: dict, plan_titles: dict[str, str]) -> str:
    return (f"{plan_titles.get(statement['plan_id'], statement['plan_id'])} (line {statement['line']}) says "
            f"\u201c{statement['quote']}\u201d")


def statement_findings(statements: dict, tables: dict[str, list[dict]],
                       catalogue_path: Path = paths.CATALOGUE_FILE) -> list[dict]:
    """Figures stated with different values or due dates, and stated counts that differ from the
    rows listed: a finding for each statement, citing its own line."""
    plans = {plan["plan_id"]: plan for plan in tables["plans"]}
    titles = {plan_id: plan["title"] for plan_id, plan in plans.items()}
    indicator_ids = {row["indicator_id"] for row in tables["indicators"]}
    findings = []
    for figure in statements["figures"]:
        rows = figure["statements"]
        values = {(float(s["value"]), s["unit"]) for s in rows}
        dates = {int(s["due_year"]) for s in rows}
        if len(values) == 1 and len(dates) == 1:
            continue
        differs = [part for part, varied in (("value", len(values) > 1), ("due date", len(dates) > 1)) if varied]
        one_plan = len({s["plan_id"] for s in rows}) == 1
        category = "restated_differently" if one_plan else "differs_across_plans"
        for statement in rows:
            others = "; ".join(_said(other, titles) for other in rows if other is not statement)
            message = (f"{figure['figure']}: {_said(statement, titles)}, but {others}. The {' and the '.join(differs)} "
                       f"{'differ' if len(differs) > 1 else 'differs'}; both are kept as printed.")
            plan = plans[statement["plan_id"]]
            indicator_id = statement.get("indicator_id") if statement.get("indicator_id") in indicator_ids else None
            findings.append(_finding(plan["council_id"], plan["plan_id"], indicator_id, category, message,
                                     load_document(plan["plan_id"], catalogue_path).source(statement["line"])))
    for count in statements["counts"]:
        pattern = re.compile(count["code_pattern"])
        listed = sorted((row for row in tables["indicators"]
                         if row["plan_id"] == count["plan_id"] and pattern.fullmatch(row.get("code") or "")),
                        key=lambda row: (len(row["code"]), row["code"]))
        if len(listed) == count["states"]:
            continue
        plan = plans[count["plan_id"]]
        codes = ", ".join(row["code"] for row in listed) or "none"
        findings.append(_finding(
            plan["council_id"], plan["plan_id"], None, "stated_count_mismatch",
            f"The plan says \u201c{count['quote']}\u201d ({count['states']}) but lists {len(listed)} "
            f"{count['items']} ({codes}).",
            load_document(plan["plan_id"], catalogue_path).source(count["line"])))
    return findings


def _annual(values: list[dict]) -> dict[str, dict[tuple[str, int], dict]]:
    by_indicator: dict[str, dict[tuple[str, int], dict]] = defaultdict(dict)
    for row in values:
        if row.get("quarter") is None and row.get("value") is not None:
            by_indicator[row["indicator_id"]].setdefault((row["kind"], row["year_start"]), row)
    return by_indicator


def _fold_title(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", (title or "").lower()).strip()


def _compare(group: list[dict], annual: dict, titles: dict[str, str], category: str, label) -> list[dict]:
    """A finding on each indicator of the group for every figure (same kind and year, same unit)
    another indicator of the group states differently."""
    findings = []
    for indicator in group:
        for other in group:
            if other is indicator or other.get("unit") != indicator.get("unit"):
                continue
            mine, theirs = annual.get(indicator["indicator_id"], {}), annual.get(other["indicator_id"], {})
            for key in sorted(set(mine) & set(theirs)):
                here, there = mine[key], theirs[key]
                if _close(here["value"], there["value"]):
                    continue
                kind, year = key
                where = "elsewhere in this plan" if other["plan_id"] == indicator["plan_id"] else \
                    f"in {titles.get(other['plan_id'], other['plan_id'])}"
                findings.append(_finding(
                    indicator["council_id"], indicator["plan_id"], indicator["indicator_id"], category,
                    f"{label(indicator)}: the {period_label(year)} {kind} is {here['value_text']} here but "
                    f"{there['value_text']} {where} ({there['source']}); "
                    "both are kept as printed.", here["source"]))
    return findings


def row_findings(tables: dict[str, list[dict]]) -> list[dict]:
    """From the extracted rows: a national code in two plans of one council, or an indicator
    title twice in one plan, with a different annual figure for the same year and kind."""
    titles = {plan["plan_id"]: plan["title"] for plan in tables["plans"]}
    annual = _annual(tables["indicator_values"])
    by_code: dict[tuple[str, str], list[dict]] = defaultdict(list)
    by_title: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for indicator in tables["indicators"]:
        if indicator.get("code"):
            by_code[(indicator["council_id"], indicator["code"])].append(indicator)
        by_title[(indicator["plan_id"], _fold_title(indicator["title"]))].append(indicator)
    findings = []
    for group in by_code.values():
        if len({row["plan_id"] for row in group}) > 1:
            findings += _compare(group, annual, titles, "differs_across_plans", lambda row: row["code"])
    for group in by_title.values():
        if len(group) > 1:
            findings += _compare(group, annual, titles, "restated_differently",
                                 lambda row: f"{row.get('ref') or row['title']}")
    return findings


def consistency_findings(tables: dict[str, list[dict]], catalogue_path: Path = paths.CATALOGUE_FILE,
                         statements_file: Path = CONSISTENCY_FILE) -> list[dict]:
    """Every consistency finding for the assembled extract tables."""
    plan_ids = frozenset(plan["plan_id"] for plan in tables["plans"])
    return (statement_findings(load_statements(statements_file, catalogue_path, plan_ids), tables, catalogue_path)
            + row_findings(tables))
