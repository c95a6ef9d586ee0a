"""What is already known when a register is checked: councils, plans, indicators and priorities
(the bundled extracts plus earlier imports, as the caller supplies them), and the bundled plans'
rules for common themes.

A register row names an indicator by council, plan and ref. It is the known indicator when its
indicator_id is "<plan_id>:<key>" with the key the bundled parsers use (the normalised reference,
e.g. "nwl-delivery-2007:BV9"), or when its ref is exactly a known indicator's printed reference.
"""
from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd
import yaml

from perfdash import paths
from perfdash.plans.curated import validate_theme_map
from perfdash.plans.register.columns import common_themes, indicator_key


def fold(text: str | None) -> str:
    """Wording folded for matching: case, spaces and punctuation ignored."""
    return re.sub(r"[^a-z0-9]", "", (text or "").lower())


def _records(frame) -> list[dict]:
    if frame is None:
        return []
    if isinstance(frame, pd.DataFrame):
        # Column by column (5x faster than to_dict("records") on Arrow strings): missing is None.
        columns = {name: frame[name].astype(object).where(frame[name].notna(), None).tolist() for name in frame.columns}
        return [dict(zip(columns, values)) for values in zip(*columns.values())] if columns else [{} for _ in frame.index]
    return [{key: (None if _missing(value) else value) for key, value in row.items()} for row in frame]


def _missing(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


@dataclass
class Known:
    councils: dict[str, dict] = field(default_factory=dict)
    plans: dict[str, dict] = field(default_factory=dict)
    indicators: dict[str, dict] = field(default_factory=dict)
    priorities: dict[str, dict] = field(default_factory=dict)
    values: list[dict] = field(default_factory=list)

    def __post_init__(self):
        # Indexes, so that a register is checked in time proportional to its rows, not to the nation's.
        self._by_ref: dict[tuple, list[dict]] = defaultdict(list)
        self._code_themes: dict[str, Counter] = defaultdict(Counter)
        for row in self.indicators.values():
            self._by_ref[(row.get("council_id"), row.get("plan_id"), (row.get("ref") or "").strip())].append(row)
            if row.get("code") and row.get("common_theme"):
                self._code_themes[row["code"]][row["common_theme"]] += 1
        self._priorities: dict[tuple, list[dict]] = defaultdict(list)
        for row in self.priorities.values():
            self._priorities[(row.get("plan_id"), fold(row.get("title")))].append(row)
        self.values_by_indicator: dict[str, list[dict]] = defaultdict(list)
        for row in self.values:
            self.values_by_indicator[row.get("indicator_id")].append(row)

    @classmethod
    def from_frames(cls, known: Mapping[str, object] | None) -> Known:
        """From frames (or lists of rows) keyed by table name; any table may be left out."""
        known = known or {}
        keyed = {table: {row[key]: row for row in _records(known.get(table)) if row.get(key)}
                 for table, key in (("councils", "council_id"), ("plans", "plan_id"),
                                    ("indicators", "indicator_id"), ("priorities", "priority_id"))}
        return cls(keyed["councils"], keyed["plans"], keyed["indicators"], keyed["priorities"],
                   _records(known.get("indicator_values")))

    def indicator_for(self, council_id: str, plan_id: str, ref: str) -> dict | None:
        """The known indicator a (council, plan, ref) names, or None."""
        for candidate in (f"{plan_id}:{ref.strip()}", f"{plan_id}:{indicator_key(ref)}"):
            found = self.indicators.get(candidate)
            if found is not None and found.get("council_id") == council_id:
                return found
        same_ref = self._by_ref.get((council_id, plan_id, ref.strip()), [])
        return same_ref[0] if len(same_ref) == 1 else None

    def priority_for(self, plan_id: str, title: str) -> dict | None:
        matches = self._priorities.get((plan_id, fold(title)), [])
        return matches[0] if len(matches) == 1 else None

    def code_theme(self, code: str | None) -> str | None:
        """The common theme known indicators with this national code are most often given."""
        counts = self._code_themes.get(code or "")
        if not counts:
            return None
        return min(counts.items(), key=lambda item: (-item[1], item[0]))[0]


@lru_cache(maxsize=4)
def theme_maps(curated_dir: Path = paths.CURATED_DIR) -> dict[str, dict[str, str]]:
    """plan_id -> {folded local theme: common theme}, from every curated plan file's theme_map."""
    maps = {}
    for file in sorted(curated_dir.glob("*.yaml")):
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        if isinstance(data, dict) and data.get("plan_id") and data.get("theme_map"):
            validate_theme_map(data["theme_map"], file)
            maps[data["plan_id"]] = {fold(local): common for local, common in data["theme_map"].items()}
    return maps


def mapped_theme(plan_id: str, wording: str | None) -> str | None:
    """The common theme for a local theme or priority wording: a common theme's own name, else the
    plan's own curated theme_map, else any bundled plan's (they never disagree)."""
    if not wording:
        return None
    key = fold(wording)
    for theme in common_themes():
        if fold(theme) == key:
            return theme
    maps = theme_maps()
    if key in maps.get(plan_id, {}):
        return maps[plan_id][key]
    for theme_map in maps.values():
        if key in theme_map:
            return theme_map[key]
    return None
