"""The ranking workshop: score a council's priorities on weighted criteria, order them, and
save or restore a meeting's work as a YAML scenario. Pure functions; no Streamlit here.

Order: the weighted score is sum(weight x score) / sum(weights), on the 0-5 scale of the
scores. Higher comes first. Ties (scores equal to 6 decimal places) keep the plan's own order:
its printed rank where the plan ranks its priorities, otherwise the order it prints them in;
priority_id breaks any tie that is left. See docs/WORKSHOP.md.
"""
from __future__ import annotations

import datetime as dt
import math
from collections.abc import MutableMapping
from dataclasses import dataclass, field

import pandas as pd
import yaml

DEFAULT_CRITERIA = {"Community impact": 1.0, "Performance gap": 1.0, "Statutory duty": 1.0,
                    "Capacity to deliver": 1.0}
SCORE_MIN, SCORE_MAX = 0.0, 5.0
MAX_SCENARIO_BYTES = 64 * 1024
MAX_CRITERIA = 12
MAX_NAME_LENGTH = 60
MAX_NOTE_LENGTH = 4000
FORMAT = "perfdash-priority-workshop/1"
TOP_KEYS = ("format", "council", "created", "note", "criteria", "scores")
TIE_DECIMALS = 6


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


def _number(value) -> float | None:
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
    criteria = {str(name): (_number(weight) or 0.0) for name, weight in zip(weights["Criterion"], weights["Weight"])}
    table = {}
    for row in scores.to_dict("records"):
        table[row["priority_id"]] = {c: (_number(row.get(c)) or 0.0) for c in criteria}
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
    if any(name in ("priority_id", "ref", "title", "plan_rank") for name in names):
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


# --- scenario files -----------------------------------------------------------------------------

def scenario_to_yaml(scenario: Scenario) -> str:
    document = {"format": FORMAT, "council": scenario.council}
    if scenario.created:
        document["created"] = scenario.created.isoformat()
    document["note"] = scenario.note or ""
    document["criteria"] = [{"name": name, "weight": weight} for name, weight in scenario.criteria.items()]
    document["scores"] = {pid: {c: row.get(c, 0.0) for c in scenario.criteria}
                          for pid, row in sorted(scenario.scores.items())}
    return yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100)


def _parse_criteria(raw, problems: list[str]) -> dict[str, float]:
    if not isinstance(raw, list) or not raw:
        problems.append("“criteria” must be a list of criteria, each with a name and a weight.")
        return {}
    if len(raw) > MAX_CRITERIA:
        problems.append(f"“criteria” lists {len(raw)} criteria; the limit is {MAX_CRITERIA}.")
    criteria: dict[str, float] = {}
    for index, item in enumerate(raw, start=1):
        if not isinstance(item, dict) or set(item) - {"name", "weight"}:
            problems.append(f"Criterion {index} must have exactly a “name” and a “weight”.")
            continue
        name, weight = item.get("name"), _number(item.get("weight"))
        if not isinstance(name, str) or not name.strip():
            problems.append(f"Criterion {index} has no name.")
            continue
        name = name.strip()
        if len(name) > MAX_NAME_LENGTH or name in ("priority_id", "ref", "title", "plan_rank"):
            problems.append(f"Criterion {index} has a name that cannot be used ({name[:30]!r}).")
        if name in criteria:
            problems.append(f"The criterion “{name}” is listed more than once.")
        if weight is None:
            problems.append(f"The weight of “{name}” is not a number.")
            weight = 0.0
        elif weight < 0:
            problems.append(f"The weight of “{name}” is negative ({weight:g}); weights must be 0 or more.")
        criteria[name] = weight
    if criteria and all(w == 0 for w in criteria.values()):
        problems.append("Every weight is 0: at least one criterion needs a weight above 0.")
    return criteria


def _parse_scores(raw, criteria: dict[str, float], known: set[str], council: str,
                  problems: list[str]) -> dict[str, dict[str, float]]:
    if not isinstance(raw, dict):
        problems.append("“scores” must map each priority id to its scores on each criterion.")
        return {}
    scores = {}
    for priority_id, row in raw.items():
        if str(priority_id) not in known:
            problems.append(f"“{priority_id}” is not a priority of {council}.")
            continue
        if not isinstance(row, dict):
            problems.append(f"The scores of “{priority_id}” must map each criterion to a score.")
            continue
        parsed = {}
        for criterion, value in row.items():
            number = _number(value)
            if criteria and criterion not in criteria:
                problems.append(f"“{priority_id}” is scored on “{criterion}”, which is not a listed criterion.")
            elif number is None:
                problems.append(f"The score of “{priority_id}” on “{criterion}” is not a number ({value!r}).")
            elif not SCORE_MIN <= number <= SCORE_MAX:
                problems.append(f"The score of “{priority_id}” on “{criterion}” is {number:g}; "
                                f"scores run from {SCORE_MIN:g} to {SCORE_MAX:g}.")
            else:
                parsed[criterion] = number
        scores[str(priority_id)] = parsed
    return scores


def _parse_created(raw, problems: list[str]) -> dt.date | None:
    if raw is None or raw == "":
        return None
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    try:
        return dt.date.fromisoformat(str(raw))
    except ValueError:
        problems.append(f"“created” must be a date written YYYY-MM-DD, not {str(raw)[:30]!r}.")
        return None


def _some(names: list[str], limit: int = 10) -> str:
    """At most `limit` names, so a national list of councils does not fill the message."""
    shown = ", ".join(names[:limit])
    return shown if len(names) <= limit else f"{shown} and {len(names) - limit} more"


def parse_scenario(data: bytes, known: dict[str, set[str]]) -> tuple[Scenario | None, list[str]]:
    """Read and validate a scenario file. `known` maps each council to its priority ids.
    Returns (scenario, []) when the file is good, or (None, problems) listing every problem."""
    if len(data) > MAX_SCENARIO_BYTES:
        return None, [f"The file is {len(data) / 1024:.0f} KB; a scenario file may be at most "
                      f"{MAX_SCENARIO_BYTES // 1024} KB."]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None, ["The file is not UTF-8 text: save the scenario as a plain-text YAML file."]
    try:
        document = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        reason = getattr(error, "problem", None) or "it cannot be read"
        return None, [f"The file is not valid YAML{where}: {reason}."]
    if not isinstance(document, dict):
        return None, ["The file does not hold a scenario: expected keys such as council, criteria and scores."]
    problems: list[str] = []
    unknown = [str(k) for k in document if k not in TOP_KEYS]
    if unknown:
        problems.append(f"Unknown keys: {', '.join(unknown)}. A scenario has {', '.join(TOP_KEYS)}.")
    if document.get("format", FORMAT) != FORMAT:
        problems.append(f"“format” is {document.get('format')!r}; this dashboard reads {FORMAT!r}.")
    council = document.get("council")
    if council not in known:
        problems.append(f"“council” is {council!r}; it must be a council with priorities: "
                        f"{_some(sorted(known))}.")
    for required in ("criteria", "scores"):
        if required not in document:
            problems.append(f"“{required}” is missing.")
    criteria = _parse_criteria(document.get("criteria"), problems) if "criteria" in document else {}
    scores = (_parse_scores(document.get("scores"), criteria, known.get(council, set()), str(council), problems)
              if "scores" in document and council in known else {})
    note = document.get("note") or ""
    if not isinstance(note, str):
        problems.append("“note” must be text.")
    elif len(note) > MAX_NOTE_LENGTH:
        problems.append(f"“note” is {len(note)} characters long; the limit is {MAX_NOTE_LENGTH}.")
    created = _parse_created(document.get("created"), problems)
    if problems:
        return None, problems
    return Scenario(council=council, criteria=criteria, scores=scores, note=note, created=created), []


def apply_upload(state: MutableMapping, data: bytes, known: dict[str, set[str]], council_key: str) -> list[str]:
    """Restore a scenario into the session state, or change nothing and return the problems.
    On success: the scenario becomes the workshop's base, the council picker follows it, and the
    editor version moves on so the editors redraw from the restored scenario."""
    scenario, problems = parse_scenario(data, known)
    if problems:
        return problems
    state["ws_base"] = scenario
    state[council_key] = scenario.council
    state["ws_version"] = state.get("ws_version", 0) + 1
    return []
