"""The one module that talks to DuckDB for the dashboard.

SQL lives in queries/<name>.sql with bound, named parameters ($name). The database is an
in-memory DuckDB with one view per extract file, so the same app runs on any folder of
extracts that meets the data contract.
"""
from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pandas as pd

from perfdash import paths
from perfdash.plans.contract import TABLES

QUERIES_DIR = paths.ROOT / "queries"
_QUERY_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


class QueryNotFound(LookupError):
    """No queries/<name>.sql file."""


class ExtractsMissing(FileNotFoundError):
    """The extracts folder lacks a table the dashboard needs."""


def load_sql(name: str) -> str:
    """The text of queries/<name>.sql. Names are checked so a name can never leave the folder."""
    if not _QUERY_NAME.match(name):
        raise QueryNotFound(f"{name!r} is not a valid query name")
    path = QUERIES_DIR / f"{name}.sql"
    if not path.is_file():
        raise QueryNotFound(f"There is no query file queries/{name}.sql")
    return path.read_text(encoding="utf-8")


def load_table_sql(name: str, table: str) -> str:
    """A query over one extract table: the table name must be one of the contract's tables
    (an allow-list), so no user text ever becomes SQL."""
    if table not in TABLES:
        raise QueryNotFound(f"{table!r} is not one of the extract tables")
    return load_sql(name).replace("__table__", table)


def open_database(extracts_dir: Path | str, recorded_actuals: pd.DataFrame | None = None
                  ) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with a view over each extract's Parquet file, and a recorded_actuals
    table holding a copy of the actuals store's latest outturns (empty without a store)."""
    folder = Path(extracts_dir)
    missing = [name for name in TABLES if not (folder / f"{name}.parquet").is_file()]
    if missing:
        raise ExtractsMissing(
            f"The extracts folder {folder} is missing {', '.join(missing)}. "
            "Run `python manage.py build` or point PERFDASH_EXTRACTS_DIR at a complete folder.")
    connection = duckdb.connect(":memory:")
    for name in TABLES:
        # The relation API names the file without building SQL text from it.
        connection.read_parquet(str(folder / f"{name}.parquet")).create_view(name)
    if recorded_actuals is None or recorded_actuals.empty:
        connection.execute(load_sql("setup_recorded_actuals_empty"))
    else:
        connection.register("store_latest_rows", recorded_actuals)
        connection.execute(load_sql("setup_recorded_actuals"))
        connection.unregister("store_latest_rows")
    return connection


def execute(connection: duckdb.DuckDBPyConnection, sql: str, params: dict | None = None) -> pd.DataFrame:
    """Run SQL with bound parameters on a fresh cursor (connections are not thread-safe)."""
    cursor = connection.cursor()
    try:
        return cursor.execute(sql, params or {}).df()
    finally:
        cursor.close()


def run_named(connection: duckdb.DuckDBPyConnection, name: str, **params) -> pd.DataFrame:
    return execute(connection, load_sql(name), params)
