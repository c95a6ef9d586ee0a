"""Streamlit's caches around the data layer: one connection per extracts folder, bounded
query-result caches keyed on the SQL text so an edited query file is never served stale."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from perfdash import paths, queries


@st.cache_resource(max_entries=4)
def _database(extracts_dir: str):
    return queries.open_database(extracts_dir)


@st.cache_data(max_entries=512, ttl=3600, show_spinner=False)
def _cached_query(extracts_dir: str, sql: str, params: tuple) -> pd.DataFrame:
    bound = {key: list(value) if isinstance(value, tuple) else value for key, value in params}
    return queries.execute(_database(extracts_dir), sql, bound)


def _freeze(value):
    return tuple(value) if isinstance(value, list) else value


def run_query(name: str, **params) -> pd.DataFrame:
    """Rows of queries/<name>.sql for the given bound parameters. Lists bind as DuckDB lists."""
    frozen = tuple(sorted((key, _freeze(value)) for key, value in params.items()))
    return _cached_query(str(paths.extracts_dir()), queries.load_sql(name), frozen).copy()


def run_table_query(name: str, table: str, **params) -> pd.DataFrame:
    """Like run_query, for a query over an extract table chosen from the contract's allow-list."""
    frozen = tuple(sorted((key, _freeze(value)) for key, value in params.items()))
    return _cached_query(str(paths.extracts_dir()), queries.load_table_sql(name, table), frozen).copy()


@st.cache_resource(max_entries=2)
def sql_console(extracts_dir: str | None = None):
    """The read-only console: its own locked-down in-memory database, loaded once."""
    from perfdash.sql_console import SqlConsole

    return SqlConsole(extracts_dir or str(paths.extracts_dir()))
