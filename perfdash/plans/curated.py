"""Curated facts and metadata in YAML, validated on load.

Every mapping in a curated file that carries a `quote` must carry the `line` it is quoted
from, and the quote must appear on that line of the plan's source document. Controlled
fields (common_theme, unit, polarity, profile) must hold allowed values wherever they appear.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from perfdash import paths
from perfdash.plans.document import SourceDocument, load_document

POLARITIES = ("higher", "lower", "neutral")
PROFILES = ("cumulative", "per_quarter", "snapshot")


class CuratedDataError(ValueError):
    """A curated YAML file is malformed; the message names the file, key and reason."""


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u2019", "'").replace("\u2018", "'")).strip().lower()


def quote_on_line(document: SourceDocument, quote: str, line: int) -> bool:
    """True when `quote` stands on `line` (whitespace and curly quotes folded, any case)."""
    try:
        text = document.line(line)
    except IndexError:
        return False
    return _squash(quote) in _squash(text)


@lru_cache(maxsize=1)
def load_taxonomy(path: Path = paths.TAXONOMY_FILE) -> dict:
    try:
        taxonomy = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise CuratedDataError(f"{path}: cannot be read as YAML ({error})") from error
    themes, units = taxonomy.get("common_themes"), taxonomy.get("units")
    if not isinstance(themes, list) or not themes:
        raise CuratedDataError(f"{path}: common_themes must be a non-empty list")
    if not isinstance(units, dict) or not units:
        raise CuratedDataError(f"{path}: units must be a mapping of unit to meaning")
    return {"common_themes": tuple(themes), "units": tuple(units)}


def _allowed(field: str) -> tuple[str, ...] | None:
    taxonomy = load_taxonomy()
    return {
        "common_theme": taxonomy["common_themes"],
        "unit": taxonomy["units"],
        "polarity": POLARITIES,
        "profile": PROFILES,
    }.get(field)


def _validate(node, key_path: str, document: SourceDocument, file: Path) -> None:
    if isinstance(node, dict):
        if "quote" in node:
            line = node.get("line")
            if not isinstance(line, int):
                raise CuratedDataError(f"{file}: {key_path}: a quote needs the integer 'line' it stands on")
            if not quote_on_line(document, str(node["quote"]), line):
                raise CuratedDataError(
                    f"{file}: {key_path}: quote {node['quote']!r} is not on line {line} of {document.file_name}")
        for key, value in node.items():
            allowed = _allowed(str(key))
            if allowed is not None and value is not None and value not in allowed:
                raise CuratedDataError(f"{file}: {key_path}.{key}: {value!r} is not one of {', '.join(allowed)}")
            _validate(value, f"{key_path}.{key}" if key_path else str(key), document, file)
    elif isinstance(node, list):
        for index, item in enumerate(node):
            _validate(item, f"{key_path}[{index}]", document, file)


def validate_theme_map(theme_map: dict, file: Path) -> None:
    allowed = load_taxonomy()["common_themes"]
    for local, common in (theme_map or {}).items():
        if common not in allowed:
            raise CuratedDataError(f"{file}: theme_map.{local}: {common!r} is not a common theme")


def load_curated(plan_id: str, curated_dir: Path = paths.CURATED_DIR) -> dict:
    """The curated file `<plan_id>.yaml` for a plan, validated against its source document."""
    file = curated_dir / f"{plan_id}.yaml"
    try:
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise CuratedDataError(f"{file}: cannot be read as YAML ({error})") from error
    if not isinstance(data, dict):
        raise CuratedDataError(f"{file}: expected a mapping at the top level")
    if data.get("plan_id") != plan_id:
        raise CuratedDataError(f"{file}: plan_id must be {plan_id!r}, found {data.get('plan_id')!r}")
    document = load_document(plan_id)
    validate_theme_map(data.get("theme_map"), file)
    _validate(data, "", document, file)
    return data
