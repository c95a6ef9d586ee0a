"""Reading and checking the RAG tolerances file (data/config/rag.yaml; see docs/RAG_RULE.md).

A bad file raises RulesError naming the file and every bad key.
"""
from __future__ import annotations

from pathlib import Path

import yaml

from perfdash import paths
from perfdash.plans.document import CatalogueError, council_ids
from perfdash.rag.rule import (
    DEFAULT_RULE,
    STYLES,
    RagRules,
    Rule,
    RulesError,
    _is_number,
)


def load_rules(path: Path | None = None, councils: set[str] | None = None) -> RagRules:
    """Read and validate the RAG rules YAML (default: paths.rag_rules_file()). Council keys must
    name a council in `councils` (default: known_council_ids())."""
    path = Path(path) if path is not None else paths.rag_rules_file()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise RulesError(f"{path}: cannot read the RAG rules: {error}") from error
    problems: list[str] = []
    rules = _parse_rules(data, problems, known_council_ids() if councils is None else set(councils))
    if problems:
        listed = "\n".join(f"- {problem}" for problem in problems)
        raise RulesError(f"{path}: {len(problems)} problem(s) in the RAG rules:\n{listed}")
    return rules


def known_council_ids() -> set[str]:
    """The councils a rule may name: those of the sources catalogue and of the extracts in use
    (a national dataset's councils are in its extracts only). Councils are data, never a list in code."""
    known: set[str] = set()
    try:
        known.update(council_ids())
    except CatalogueError:
        pass  # the build reports a broken catalogue; the extracts still say which councils exist
    table = paths.extracts_dir() / "councils.parquet"
    if table.is_file():
        import pyarrow.parquet as pq

        try:
            known.update(pq.read_table(table, columns=["council_id"]).column("council_id").to_pylist())
        except (OSError, ValueError, KeyError):
            pass  # an unreadable extract is reported by `manage.py check`, not here
    return known


def _listed(ids: set[str], shown: int = 10) -> str:
    names = sorted(ids)
    more = f" and {len(names) - shown} more" if len(names) > shown else ""
    return (", ".join(names[:shown]) or "none") + more


def _parse_rules(data, problems: list[str], known_councils: set[str]) -> RagRules | None:
    if not isinstance(data, dict):
        problems.append("(top level): must be a mapping with default, councils and indicators")
        return None
    problems += [f"{key}: unknown key (expected default, councils, indicators)"
                 for key in data if key not in ("default", "councils", "indicators")]
    default = _parse_rule(data["default"], "default", problems) if "default" in data else DEFAULT_RULE
    councils = _parse_section(data.get("councils"), "councils", problems)
    indicators = _parse_section(data.get("indicators"), "indicators", problems)
    problems += [f"councils.{key}: not a council id in the sources catalogue or the extracts "
                 f"(known: {_listed(known_councils)})" for key in councils if key not in known_councils]
    problems += [f"indicators.{key}: not an indicator id like 'nwl-delivery-2007:BV9'"
                 for key in indicators if ":" not in key]
    return RagRules(default or DEFAULT_RULE, {k: r for k, r in councils.items() if r},
                    {k: r for k, r in indicators.items() if r})


def _parse_section(section, name: str, problems: list[str]) -> dict:
    if section is None:  # an empty section, e.g. only a commented-out example
        return {}
    if not isinstance(section, dict):
        problems.append(f"{name}: must be a mapping of id -> rule")
        return {}
    return {str(key): _parse_rule(value, f"{name}.{key}", problems) for key, value in section.items()}


def _parse_rule(entry, where: str, problems: list[str]) -> Rule | None:
    if not isinstance(entry, dict):
        problems.append(f"{where}: must be a mapping with style and amber_tolerance")
        return None
    found = len(problems)
    problems += [f"{where}.{key}: unknown key (expected style, amber_tolerance)"
                 for key in entry if key not in ("style", "amber_tolerance")]
    style, tolerance = entry.get("style"), entry.get("amber_tolerance")
    if style not in STYLES:
        problems.append(f"{where}.style: must be one of {', '.join(STYLES)}"
                        + ("" if "style" in entry else " (missing)"))
    if not _is_number(tolerance) or tolerance < 0:
        problems.append(f"{where}.amber_tolerance: must be a number >= 0"
                        + ("" if "amber_tolerance" in entry else " (missing)"))
    return Rule(style, float(tolerance)) if len(problems) == found else None
