"""The catalogue an outturns file is checked against: each council's indicators, the years each
has a target for, how people name an indicator (its id, code or ref), and, for the indicators a
file names, each quarter's target and latest outturn (fetched on demand: kept small at any scale)."""
from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from perfdash.plans.values import normalise_code


@dataclass(frozen=True, eq=False)
class Catalogue:
    indicators: pd.DataFrame  # queries/import_catalogue.sql
    # run_query-like: fetch("import_row_context", indicator_ids=[...]) -> frame; None: no context
    fetch: Callable[..., pd.DataFrame] | None = None

    @classmethod
    def from_connection(cls, connection) -> "Catalogue":
        from perfdash.db.database import run_named

        return cls(run_named(connection, "import_catalogue"),
                   lambda name, **params: run_named(connection, name, **params))

    def quarter_context(self, indicator_ids: list[str]) -> pd.DataFrame:
        """Each quarter's own target, year-to-date target and latest outturn for these indicators
        (queries/import_row_context.sql); empty without a fetch."""
        if self.fetch is None or not indicator_ids:
            return pd.DataFrame(columns=["indicator_id", "year_start", "quarter", "profile", "quarter_target",
                                         "ytd_target", "actual"])
        return self.fetch("import_row_context", indicator_ids=sorted(set(indicator_ids)))

    def target_years(self, indicator_id: str) -> list[int]:
        """The financial years (their first calendar year) the indicator has a target for."""
        years = self.by_id.get(indicator_id, {}).get("target_years")
        return sorted(int(year) for year in years) if years is not None and len(years) else []

    @cached_property
    def councils(self) -> tuple[str, ...]:
        return tuple(sorted(set(self.indicators["council_id"].dropna())))

    @cached_property
    def by_id(self) -> dict[str, dict]:
        known = self.indicators[self.indicators["indicator_id"].notna()]
        return {row["indicator_id"]: _plain(row) for row in known.to_dict("records")}

    @cached_property
    def _by_code(self) -> dict[tuple[str, str], list[str]]:
        index: dict[tuple[str, str], list[str]] = {}
        for row in self.by_id.values():
            for key in {_code_key(row.get("code")), _code_key(row.get("ref"))} - {None}:
                index.setdefault((row["council_id"], key), []).append(row["indicator_id"])
        return {key: sorted(ids) for key, ids in index.items()}

    def matches(self, council_id: str, text: str) -> list[str]:
        """The indicator_ids of the council that `text` names: an exact id, else code/ref matches."""
        row = self.by_id.get(text)
        if row is not None and row["council_id"] == council_id:
            return [text]
        key = _code_key(text)
        return list(self._by_code.get((council_id, key), [])) if key else []

    def label(self, indicator_id: str) -> str:
        """How people name an indicator: council:code, or the indicator_id when it has no code."""
        row = self.by_id[indicator_id]
        return f"{row['council_id']}:{row['code']}" if row.get("code") else indicator_id

    def name_in_file(self, indicator_id: str) -> str:
        """What the template writes in the indicator column: the code when it names this one alone."""
        row = self.by_id[indicator_id]
        code = row.get("code")
        return code if code and self.matches(row["council_id"], code) == [indicator_id] else indicator_id


def _plain(row: dict) -> dict:
    return {key: (None if isinstance(value, float) and math.isnan(value) else value) for key, value in row.items()}


def _code_key(text) -> str | None:
    if not isinstance(text, str) or not text.strip():
        return None
    code = normalise_code(text)
    return code.upper() if code else None
