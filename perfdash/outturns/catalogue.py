"""The catalogue an outturns file is checked against: each council's indicators and the years
their plans profile by quarter, and how people name an indicator (its id, code or ref)."""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from perfdash.plans.values import normalise_code


@dataclass(frozen=True, eq=False)
class Catalogue:
    indicators: pd.DataFrame     # queries/import_catalogue.sql
    profile_years: pd.DataFrame  # queries/import_profile_years.sql: (plan_id, year_start)

    @classmethod
    def from_connection(cls, connection) -> "Catalogue":
        from perfdash.db.database import run_named

        return cls(run_named(connection, "import_catalogue"), run_named(connection, "import_profile_years"))

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

    @cached_property
    def years_by_plan(self) -> dict[str, list[int]]:
        years: dict[str, list[int]] = {}
        for row in self.profile_years.to_dict("records"):
            years.setdefault(row["plan_id"], []).append(int(row["year_start"]))
        return {plan: sorted(set(found)) for plan, found in years.items()}

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
