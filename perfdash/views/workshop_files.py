"""Workshop scenario files: a meeting's criteria, weights, scores and note saved as YAML, and a
saved file read back, checked, and restored into the session. Pure functions; no Streamlit here.

A file is refused whole, with every problem listed in plain words, or restored whole: nothing
changes in the session when a file has a problem. See docs/WORKSHOP.md for the format.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import MutableMapping

import yaml

from perfdash.views import workshop as ws

MAX_SCENARIO_BYTES = 64 * 1024
MAX_NOTE_LENGTH = 4000
FORMAT = "perfdash-priority-workshop/1"
TOP_KEYS = ("format", "council", "created", "note", "criteria", "scores")


def scenario_to_yaml(scenario: ws.Scenario) -> str:
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
    if len(raw) > ws.MAX_CRITERIA:
        problems.append(f"“criteria” lists {len(raw)} criteria; the limit is {ws.MAX_CRITERIA}.")
    criteria: dict[str, float] = {}
    for index, item in enumerate(raw, start=1):
        if not isinstance(item, dict) or set(item) - {"name", "weight"}:
            problems.append(f"Criterion {index} must have exactly a “name” and a “weight”.")
            continue
        name, weight = item.get("name"), ws.as_number(item.get("weight"))
        if not isinstance(name, str) or not name.strip():
            problems.append(f"Criterion {index} has no name.")
            continue
        name = name.strip()
        if len(name) > ws.MAX_NAME_LENGTH or name in ws.RESERVED_NAMES:
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
            number = ws.as_number(value)
            if criteria and criterion not in criteria:
                problems.append(f"“{priority_id}” is scored on “{criterion}”, which is not a listed criterion.")
            elif number is None:
                problems.append(f"The score of “{priority_id}” on “{criterion}” is not a number ({value!r}).")
            elif not ws.SCORE_MIN <= number <= ws.SCORE_MAX:
                problems.append(f"The score of “{priority_id}” on “{criterion}” is {number:g}; "
                                f"scores run from {ws.SCORE_MIN:g} to {ws.SCORE_MAX:g}.")
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


def parse_scenario(data: bytes, known: dict[str, set[str]]) -> tuple[ws.Scenario | None, list[str]]:
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
    return ws.Scenario(council=council, criteria=criteria, scores=scores, note=note, created=created), []


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
