"""The ranking workshop: score a council's priorities on weighted criteria, order them, and
the tables the page edits and shows. Saving and restoring a meeting's work as a YAML scenario
file is perfdash/views/workshop_files.py. Pure functions; no Streamlit here.

Order: the weighted score is sum(weight x score) / sum(weights), on the 0-5 scale of the
scores. Higher comes first. Ties (scores equal to 6 decimal places) keep the plan's own order:
its printed rank where the plan ranks its priorities, otherwise the order it prints them in;
priority_id breaks any tie that is left. See docs/WORKSHOP.md.
"""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

import pandas as pd

DEFAULT_CRITERIA = {"Community impact": 1.0, "Performance gap": 1.0, "Statutory duty": 1.0,
                    "Capacity to deliver": 1.0}
SCORE_MIN, SCORE_MAX = 0.0, 5.0
MAX_CRITERIA = 12
MAX_NAME_LENGTH = 60
TIE_DECIMALS = 6
# The score table's own columns: a criterion cannot take one of these names.
RESERVED_NAMES = ("priority_id", "ref", "title", "plan_rank")


@dataclass
class Scenario:
    council: str
    criteria: dict[str, float]  # criterion name -> weight, in the order shown
    scores: dict[str, dict[str, float]] = field(default_factory=dict)  # priority_id -> criterion -> score
    note: str = ""
    created: dt.date | None = None

    def score(self, priority_id: str, criterion: str) -> float:
        return float(self.scores.get(priority_id, {}).get(criterion, 0.0))


def default_scenario(council: str, criteria: dict[str, float] | None = None) -> Scenario:
    """Every score starts at 0, so the workshop order starts as the plan's own order."""
    return Scenario(council=council, criteria=dict(criteria or DEFAULT_CRITERIA))


# --- the editable tables ------------------------------------------------------------------------

def weights_table(scenario: Scenario) -> pd.DataFrame:
    return pd.DataFrame({"Criterion": list(scenario.criteria), "Weight": list(scenario.criteria.values())})


def scores_table(scenario: Scenario, priorities: pd.DataFrame) -> pd.DataFrame:
    """One row per priority (in the plan's order) and one 0-5 column per criterion.
    `priorities` has priority_id, ref, title and plan_rank."""
    frame = priorities[["priority_id", "ref", "title", "plan_rank"]].copy()
    for criterion in scenario.criteria:
        frame[criterion] = [scenario.score(p, criterion) for p in frame["priority_id"]]
    return frame.reset_index(drop=True)


def as_number(value) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def scenario_from_tables(council: str, weights: pd.DataFrame, scores: pd.DataFrame, note: str = "",
                         created: dt.date | None = None) -> Scenario:
    """The scenario the editors show now. A blank cell counts as 0."""
    criteria = {str(name): (as_number(weight) or 0.0) for name, weight in zip(weights["Criterion"], weights["Weight"])}
    table = {}
    for row in scores.to_dict("records"):
        table[row["priority_id"]] = {c: (as_number(row.get(c)) or 0.0) for c in criteria}
    return Scenario(council=council, criteria=criteria, scores=table, note=note or "", created=created)


def weight_problems(criteria: dict[str, float]) -> list[str]:
    """What stops the weights from ordering anything, in plain words."""
    problems = [f"The weight of “{name}” is negative ({weight:g}); weights must be 0 or more."
                for name, weight in criteria.items() if weight < 0]
    if not criteria:
        problems.append("There are no criteria to score on.")
    elif all(weight == 0 for weight in criteria.values()):
        problems.append("Every weight is 0: give at least one criterion a weight above 0.")
    return problems


def with_criteria(scenario: Scenario, names: list[str]) -> Scenario:
    """The scenario with a new list of criteria: kept names keep their weights and scores,
    new names start with weight 1 and score 0."""
    criteria = {name: scenario.criteria.get(name, 1.0) for name in names}
    scores = {pid: {c: v for c, v in row.items() if c in criteria} for pid, row in scenario.scores.items()}
    return Scenario(scenario.council, criteria, scores, scenario.note, scenario.created)


def criteria_problems(names: list[str]) -> list[str]:
    problems = []
    if not names:
        problems.append("Give at least one criterion.")
    if len(names) > MAX_CRITERIA:
        problems.append(f"There are {len(names)} criteria; the limit is {MAX_CRITERIA}.")
    for name in names:
        if len(name) > MAX_NAME_LENGTH:
            problems.append(f"The criterion “{name[:20]}…” is longer than {MAX_NAME_LENGTH} characters.")
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        problems.append(f"These criteria appear more than once: {', '.join(duplicates)}.")
    if any(name in RESERVED_NAMES for name in names):
        problems.append("A criterion cannot be called priority_id, ref, title or plan_rank.")
    return problems


# --- scoring and order --------------------------------------------------------------------------

def movement_words(plan_rank: int, workshop_rank: int) -> str:
    change = plan_rank - workshop_rank
    if change > 0:
        return f"▲ up {change}"
    if change < 0:
        return f"▼ down {-change}"
    return "= no change"


def rank_priorities(scenario: Scenario, priorities: pd.DataFrame) -> pd.DataFrame:
    """The workshop order. `priorities` has priority_id, ref, title and plan_rank (the plan's
    rank, or its printed order where it does not rank). Returns the priorities in workshop order
    with weighted_score, workshop_rank, tied (words) and movement (words)."""
    problems = weight_problems(scenario.criteria)
    if problems:
        raise ValueError(" ".join(problems))
    total_weight = sum(scenario.criteria.values())
    frame = priorities[["priority_id", "ref", "title", "plan_rank"]].copy()
    frame["weighted_score"] = [
        round(sum(w * scenario.score(p, c) for c, w in scenario.criteria.items()) / total_weight, TIE_DECIMALS)
        for p in frame["priority_id"]]
    frame["_neg"] = -frame["weighted_score"]
    frame = frame.sort_values(["_neg", "plan_rank", "priority_id"], kind="mergesort").drop(columns="_neg")
    frame["workshop_rank"] = range(1, len(frame) + 1)
    shared = frame["weighted_score"].duplicated(keep=False)
    frame["tied"] = shared.map({True: "= tied: plan order kept", False: ""})
    frame["movement"] = [movement_words(int(p), int(w)) for p, w in zip(frame["plan_rank"], frame["workshop_rank"])]
    return frame.reset_index(drop=True)


# --- the page's tables --------------------------------------------------------------------------

def councils_with_priorities(priorities: pd.DataFrame, councils: list[str]) -> list[str]:
    """The councils, in the order given, that have a priority to rank. `priorities` has council_id."""
    present = set(priorities["council_id"].unique())
    return [council for council in councils if council in present]


def known_by_council(priorities: pd.DataFrame) -> dict[str, set[str]]:
    """council_id -> its priority ids, for checking an uploaded workshop scenario."""
    return {council: set(ids) for council, ids in priorities.groupby("council_id", sort=False)["priority_id"]}


def workshop_rows(table: pd.DataFrame, council_id: str) -> pd.DataFrame:
    """One council's priorities for the workshop, in the plan's order. `table` has the columns of
    queries/priorities_table.sql."""
    rows = table[table["council_id"] == council_id].sort_values("position")
    return rows[["priority_id", "ref", "title", "plan_rank", "ranked_by_plan"]].reset_index(drop=True)


def criteria_from_text(text: str) -> list[str]:
    """Criteria typed one per line; blank lines and spaces around a name are dropped."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def plan_order_words(rows: pd.DataFrame) -> tuple[str, str]:
    """(score table column, chart and ranking label) for the plan's own order: its rank where the
    plan ranks its priorities, otherwise the order it prints them in."""
    if rows["ranked_by_plan"].any():
        return "Plan rank", "Plan's ranking"
    return "Plan order", "Plan's order"


def ranking_table(ranking: pd.DataFrame, plan_label: str) -> pd.DataFrame:
    """The workshop order as users read it, with labelled columns, for the page and its CSV.
    `ranking` has the columns of rank_priorities."""
    columns = {"workshop_rank": "Workshop rank", "ref": "Ref", "title": "Priority",
               "weighted_score": "Weighted score (0-5)", "plan_rank": plan_label,
               "movement": "Change from the plan", "tied": "Tie"}
    return ranking.rename(columns=columns)[list(columns.values())]
