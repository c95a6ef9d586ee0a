"""The one module that talks to DuckDB for the dashboard.

SQL lives in queries/<name>.sql with bound, named parameters ($name). The database is an
in-memory DuckDB with one view per extract file, so the same app runs on any folder of
extracts that meets the data contract, and the macros of queries/setup_macros.sql. Every query
runs under a time limit and the database under a memory limit; hitting either, or an extract file
that cannot be read, raises an error whose message says in plain English what happened and what
to do.
"""
from __future__ import annotations

import re
import threading
import weakref
from pathlib import Path

import duckdb
import pandas as pd

from perfdash.db.sql_files import QUERIES_DIR, QueryNotFound, load_sql, load_table_sql, reads_store
from perfdash.plans.contract import TABLES

__all__ = ["QUERIES_DIR", "QueryNotFound", "load_sql", "load_table_sql", "reads_store", "open_database",
           "execute", "run_named", "DataUnavailable", "ExtractsUnreadable", "ExtractsMissing", "QueryStopped",
           "QueryTimedOut", "QueryOutOfMemory", "QUERY_TIMEOUT_S", "MEMORY_LIMIT"]

# Settings: the longest any dashboard query may run, and the most memory DuckDB may hold. Nothing
# spills to disk, so a query that needs more fails with a plain message instead of filling a disk.
QUERY_TIMEOUT_S = 30.0
MEMORY_LIMIT = "1GB"
BUILD_HINT = "Run `python manage.py build` to write the extracts again, or point PERFDASH_EXTRACTS_DIR at a " \
             "complete folder."

_EXTRACT_FOLDERS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_QUOTED_PARQUET = re.compile(r"""['"]([^'"]+\.parquet)['"]""")


class DataUnavailable(RuntimeError):
    """The data a query needs cannot be read now; the message says what happened and what to do."""


class ExtractsUnreadable(DataUnavailable):
    """An extract file is missing, damaged or not Parquet at all."""

    def __init__(self, file: Path | str, reason: str):
        self.file = Path(file)
        super().__init__(f"The extract file {self.file} cannot be read ({reason}). {BUILD_HINT}")


class ExtractsMissing(ExtractsUnreadable, FileNotFoundError):
    """The extracts folder lacks a table the dashboard needs."""

    def __init__(self, folder: Path | str, missing: list[str]):
        self.file = Path(folder)
        self.missing = missing
        DataUnavailable.__init__(self, f"The extracts folder {folder} is missing {', '.join(missing)}. {BUILD_HINT}")


class QueryStopped(DataUnavailable):
    """A query was stopped at one of the database's limits."""


class QueryTimedOut(QueryStopped):
    """A query ran past the time limit and was interrupted."""


class QueryOutOfMemory(QueryStopped):
    """A query needed more memory than the database's limit."""


def open_database(extracts_dir: Path | str, recorded_actuals: pd.DataFrame | None = None, *,
                  plan_tables: dict[str, pd.DataFrame] | None = None, store_tables: bool = True,
                  memory_limit: str = MEMORY_LIMIT) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with a view over each extract's Parquet file and the shared macros.

    plan_tables (perfdash.store.plans.PlanStore.latest_tables()) are the imported registers: each
    contract table with imported rows becomes the extract's rows and the imported ones, under the
    same name, so every page, command and the console see them beside the bundled plans.

    With store_tables (the default) it also holds recorded_actuals, a copy of the actuals store's
    latest outturns (empty without a store), and the macros over it. Without, it has no store
    tables at all, so a query that reads the store fails here rather than silently reading nothing.
    """
    folder = Path(extracts_dir)
    missing = [name for name in TABLES if not (folder / f"{name}.parquet").is_file()]
    if missing:
        raise ExtractsMissing(folder, missing)
    connection = duckdb.connect(":memory:")
    try:
        connection.execute("set memory_limit = $limit", {"limit": memory_limit})
        connection.execute("set temp_directory = ''")
        for name in TABLES:
            file = folder / f"{name}.parquet"
            try:
                # The relation API names the file without building SQL text from it.
                imported = (plan_tables or {}).get(name)
                view = f"extract_{name}" if imported is not None and not imported.empty else name
                connection.read_parquet(str(file)).create_view(view)
            except duckdb.Error as error:
                raise ExtractsUnreadable(file, _first_line(error)) from error
            if view != name:
                _add_imported_rows(connection, name, imported)
        connection.execute(load_sql("setup_macros"))
        connection.execute(load_sql("setup_quarter_targets"))
        if store_tables:
            _load_store_tables(connection, recorded_actuals)
    except BaseException:
        connection.close()
        raise
    _EXTRACT_FOLDERS[connection] = folder
    return connection


def _add_imported_rows(connection: duckdb.DuckDBPyConnection, table: str, imported: pd.DataFrame) -> None:
    # Copied in as a table (the relation API names it without SQL text): the view reads it after
    # the frame is gone.
    connection.from_df(imported).create(f"imported_{table}")
    key_match = " and ".join(f"i.{column} is not distinct from e.{column}" for column in TABLES[table].key)
    connection.execute(load_table_sql("setup_imported_plan_table", table).replace("__key_match__", key_match))


def _load_store_tables(connection: duckdb.DuckDBPyConnection, recorded_actuals: pd.DataFrame | None) -> None:
    if recorded_actuals is None or recorded_actuals.empty:
        connection.execute(load_sql("setup_recorded_actuals_empty"))
    else:
        # Frames copied from the store are registered as store_*: sql_files.reads_store relies on it.
        connection.register("store_latest_rows", recorded_actuals)
        connection.execute(load_sql("setup_recorded_actuals"))
        connection.unregister("store_latest_rows")
    connection.execute(load_sql("setup_store_macros"))


def execute(connection: duckdb.DuckDBPyConnection, sql: str, params: dict | None = None, *,
            timeout_s: float | None = None) -> pd.DataFrame:
    """Run SQL with bound parameters on a fresh cursor (connections are not thread-safe), stopped
    after timeout_s seconds (QUERY_TIMEOUT_S unless given)."""
    timeout_s = QUERY_TIMEOUT_S if timeout_s is None else timeout_s
    cursor = connection.cursor()
    timed_out = threading.Event()

    def stop() -> None:
        timed_out.set()
        cursor.interrupt()

    timer = threading.Timer(timeout_s, stop)
    timer.daemon = True
    timer.start()
    try:
        return cursor.execute(sql, params or {}).df()
    except duckdb.Error as error:
        if timed_out.is_set():
            raise QueryTimedOut(f"The query took longer than the dashboard's limit of {timeout_s:g} s and was "
                                "stopped. Choose fewer councils or a narrower filter and try again.") from error
        if isinstance(error, duckdb.OutOfMemoryException):
            raise QueryOutOfMemory(f"The query needed more memory than the dashboard's limit of "
                                   f"{_memory_limit(connection)} and was stopped. Choose fewer councils or a "
                                   "narrower filter and try again.") from error
        damaged = _damaged_extract(connection, error)
        if damaged is not None:
            raise ExtractsUnreadable(damaged, _first_line(error)) from error
        raise
    finally:
        timer.cancel()
        cursor.close()


def run_named(connection: duckdb.DuckDBPyConnection, name: str, **params) -> pd.DataFrame:
    return execute(connection, load_sql(name), params)


def _first_line(error: BaseException) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__


def _memory_limit(connection: duckdb.DuckDBPyConnection) -> str:
    try:
        return connection.execute("select current_setting('memory_limit')").fetchone()[0]
    except duckdb.Error:
        return MEMORY_LIMIT


def _damaged_extract(connection: duckdb.DuckDBPyConnection, error: duckdb.Error) -> Path | None:
    """The extract file a failed query could not read, or None when the error is not about a file.
    DuckDB names the file in most such errors; when it does not (a damaged page inside a file), each
    extract is read in full until one fails."""
    text = str(error)
    if not (isinstance(error, duckdb.IOException) or "parquet" in text.lower() or "tprotocol" in text.lower()):
        return None
    named = _QUOTED_PARQUET.search(text)
    if named:
        return Path(named.group(1))
    folder = _EXTRACT_FOLDERS.get(connection)
    if folder is None:
        return None
    import pyarrow.parquet as pq

    for name in TABLES:
        file = folder / f"{name}.parquet"
        try:
            pq.read_table(file)
        except Exception:  # noqa: BLE001 - any failure to read the file in full names it
            return file
    return folder
