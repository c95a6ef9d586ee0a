"""A synthetic national-scale dataset that meets the data contract, made by DuckDB straight to
Parquet (and CSV, which the contract also asks for) without building pandas frames.

Everything is labelled synthetic: "Synthetic council 001", "Synthetic national indicator BV12".
The same size and seed always give the same rows. The SQL is in queries/synthetic/, one file
per table, apart from the dashboard's own queries.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

import duckdb

from perfdash import paths
from perfdash.plans.contract import (
    ACTION_STATUSES,
    FINDING_CATEGORIES,
    POLARITIES,
    PROFILES,
    SEVERITIES,
    TABLES,
)
from perfdash.plans.curated import load_taxonomy

SQL_DIR = paths.ROOT / "queries" / "synthetic"
PRIORITIES_PER_COUNCIL = 12
ACTIONS_PER_COUNCIL = 40
FINANCE_LINES = 8
# Units whose figures are numbers (yes_no figures have no value, so they are left out).
NUMERIC_UNITS = ("percent", "days", "count", "rate_per_1000", "gbp", "score", "tonnes", "ratio")
# Tables kept inside the generator because later tables are made from them.
_BUILT_FIRST = ("councils", "indicators")


@dataclass(frozen=True)
class Size:
    """How big a dataset to make. The defaults are about a national set of English councils."""
    councils: int = 350
    indicators: int = 300  # per council
    years: int = 20
    first_year: int = 2005
    seed: int = 2026

    def __post_init__(self):
        for name in ("councils", "indicators", "years"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1")


NATIONAL = Size()


def expected_rows(size: Size) -> dict[str, int]:
    """How many rows generate() writes to each table, worked out from the size alone."""
    c, i, y = size.councils, size.indicators, size.years
    profiled = i // 4  # every fourth indicator has a quarterly profile
    findings = (i - 7) // 20 + 1 if i >= 7 else 0  # indicators 7, 27, 47, ...
    return {
        "councils": c,
        "plans": c,
        "indicators": c * i,
        "indicator_values": c * (i * (1 + 2 * y) + profiled * 8 * y),
        "priorities": c * PRIORITIES_PER_COUNCIL,
        "actions": c * ACTIONS_PER_COUNCIL,
        "finance": c * FINANCE_LINES * y * 2,
        "quartile_summary": c * 3 * y,
        "quality_findings": c * findings,
    }


def _sql(table: str) -> str:
    return (SQL_DIR / f"synthetic_{table}.sql").read_text(encoding="utf-8")


def _connection(size: Size) -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect(":memory:")
    variables = {
        **{k: v for k, v in asdict(size).items()},
        "priorities": PRIORITIES_PER_COUNCIL, "actions": ACTIONS_PER_COUNCIL, "finance_lines": FINANCE_LINES,
        "themes": list(load_taxonomy()["common_themes"]), "units": list(NUMERIC_UNITS),
        "polarities": list(POLARITIES), "profiles": list(PROFILES), "statuses": list(ACTION_STATUSES),
        "categories": sorted(FINDING_CATEGORIES), "severities": list(SEVERITIES),
    }
    for name, value in variables.items():
        # Names come from this module only; values are bound.
        connection.execute(f"set variable {name} = $value", {"value": value})
    connection.execute(_sql("setup"))
    return connection


def _contract_columns(table: str) -> str:
    return ", ".join(f'"{column}"' for column in TABLES[table].columns)  # quoted: priorities has "order"


def generate(folder: Path | str, size: Size = NATIONAL, write_csv: bool = True) -> dict[str, int]:
    """Write every contract table to `folder` as Parquet (and CSV) and return the row counts."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    connection = _connection(size)
    try:
        for table in _BUILT_FIRST:
            connection.execute(f"create table {table} as {_sql(table)}")
        counts = {}
        for table in TABLES:
            source = table if table in _BUILT_FIRST else f"({_sql(table)})"
            parquet = folder / f"{table}.parquet"
            relation = connection.sql(f"select {_contract_columns(table)} from {source} as t")
            relation.write_parquet(str(parquet), compression="zstd")
            written = connection.read_parquet(str(parquet))
            counts[table] = int(written.count("*").fetchall()[0][0])
            if write_csv:
                written.write_csv(str(folder / f"{table}.csv"), header=True)
    finally:
        connection.close()
    expected = expected_rows(size)
    if counts != expected:
        raise RuntimeError(f"the synthetic generator wrote {counts}, expected {expected}")
    return counts
