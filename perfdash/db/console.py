"""The read-only SQL console: one SELECT at a time over a private, read-only copy of the extracts.

Writes are impossible by construction: the extracts are copied into a private DuckDB file, which is then
reopened READ_ONLY (and unlinked, so nothing else can open it); external access is switched off and the
configuration locked, so a query can read those tables and nothing else: no files, no extensions, no other
databases, and no change that another visitor could see. Before that, each query must pass three checks:
DuckDB's parser reports one statement of type SELECT; its parse tree holds only SELECT query nodes (a
DELETE or INSERT wrapped in a CTE is refused); and, as a second line, its text holds no writing keyword
outside strings and comments (perfdash.db.sql_guard). It runs on its own cursor under a time limit and
returns at most `row_limit` rows.
"""
from __future__ import annotations

import os
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from perfdash import paths
from perfdash.db.sql_guard import ConsoleError, QueryFailed, QueryRefused, checked_select

__all__ = ["ConsoleError", "QueryFailed", "QueryRefused", "QueryTimedOut", "ExtractsUnavailable",
           "ConsoleResult", "SqlConsole", "list_examples", "DEFAULT_ROW_LIMIT", "DEFAULT_TIMEOUT_S"]

DEFAULT_ROW_LIMIT = 5_000
DEFAULT_TIMEOUT_S = 5.0
DEFAULT_MEMORY_LIMIT = "1GB"
EXAMPLES_DIR = paths.ROOT / "queries" / "examples"


class QueryTimedOut(QueryFailed):
    """The query ran past the time limit and was interrupted."""


class ExtractsUnavailable(ConsoleError):
    """The extracts folder is missing, empty or holds a file that cannot be read."""


@dataclass(frozen=True)
class ConsoleResult:
    dataframe: pd.DataFrame
    truncated: bool  # True when the query had more rows than row_limit; only the first row_limit are kept
    row_limit: int
    elapsed_ms: float

    @property
    def row_count(self) -> int:
        return len(self.dataframe)

    def summary(self) -> str:
        """'(12 rows)', or '(5000 rows shown; result truncated at the row limit)'."""
        if self.truncated:
            return f"({self.row_count} rows shown; result truncated at the row limit)"
        return f"({self.row_count} row{'' if self.row_count == 1 else 's'})"


def _quoted(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


class SqlConsole:
    """A private in-memory copy of the extracts that runs one read-only SELECT at a time.

    Safe to share between threads: each query runs on a cursor of its own.
    """

    def __init__(self, extracts: Path | str | None = None, *, row_limit: int = DEFAULT_ROW_LIMIT,
                 timeout_s: float = DEFAULT_TIMEOUT_S, memory_limit: str = DEFAULT_MEMORY_LIMIT,
                 database: duckdb.DuckDBPyConnection | None = None,
                 extra_tables: dict[str, pd.DataFrame] | None = None) -> None:
        """`database` (perfdash.db.database.open_database, with imported plans) is copied table by
        table when given, else the extract files themselves; `extra_tables` (outturns, rag_status)
        are copied in beside them."""
        if row_limit < 1:
            raise ValueError(f"row_limit must be at least 1, not {row_limit}")
        if not (0 < timeout_s < float("inf")):  # also refuses NaN
            raise ValueError(f"timeout_s must be a finite number of seconds more than 0, not {timeout_s}")
        self.extracts = Path(extracts) if extracts is not None else paths.extracts_dir()
        self.row_limit = row_limit
        self.timeout_s = timeout_s
        self._cursor_lock = threading.Lock()
        self._connection, self.tables = self._read_only_copy(self.extracts, database, extra_tables or {})
        try:
            self._lock_down(self._connection, memory_limit)
        except BaseException:
            self._connection.close()
            raise

    @classmethod
    def _read_only_copy(cls, folder: Path, database, extra_tables: dict[str, pd.DataFrame]
                        ) -> tuple[duckdb.DuckDBPyConnection, tuple[str, ...]]:
        """Copy the tables into a private DuckDB file, close it, and reopen it READ_ONLY."""
        with tempfile.TemporaryDirectory(prefix="perfdash-console-") as scratch:
            file = os.path.join(scratch, "console.duckdb")
            writer = duckdb.connect(file)
            try:
                tables = cls._load(writer, folder) if database is None else cls._copy(writer, database)
                for name, frame in extra_tables.items():
                    writer.from_df(frame).create(name)
                tables = (*tables, *extra_tables)
            finally:
                writer.close()
            # The open handle keeps the data readable after the folder is removed; no one else can open it.
            return duckdb.connect(file, read_only=True), tables

    @staticmethod
    def _load(connection: duckdb.DuckDBPyConnection, folder: Path) -> tuple[str, ...]:
        if not folder.is_dir():
            raise ExtractsUnavailable(f"The extracts folder {folder} does not exist; run `python manage.py build`.")
        files = sorted(folder.glob("*.parquet"))
        if not files:
            raise ExtractsUnavailable(f"The extracts folder {folder} holds no Parquet files; "
                                      "run `python manage.py build`.")
        for file in files:
            try:
                # Copied in (CREATE TABLE, not a view), so nothing reads files once external access is off.
                connection.execute(f"create table {_quoted(file.stem)} as select * from read_parquet($path)",
                                   {"path": str(file)})
            except duckdb.Error as error:
                raise ExtractsUnavailable(f"The extract {file} could not be read: {error}") from error
        return tuple(file.stem for file in files)

    @staticmethod
    def _copy(writer: duckdb.DuckDBPyConnection, database: duckdb.DuckDBPyConnection) -> tuple[str, ...]:
        """Every contract table as the dashboard sees it (bundled and imported rows), copied in."""
        from perfdash.plans.contract import TABLES

        for name in TABLES:
            cursor = database.cursor()
            try:
                rows = cursor.table(name).to_arrow_table()  # the relation API: no SQL text from a name
            finally:
                cursor.close()
            writer.from_arrow(rows).create(name)
        return tuple(TABLES)

    @staticmethod
    def _lock_down(connection: duckdb.DuckDBPyConnection, memory_limit: str) -> None:
        # Settings are bound values where DuckDB allows; the order matters: lock_configuration comes last.
        connection.execute("set memory_limit = $limit", {"limit": memory_limit})
        connection.execute("set temp_directory = ''")  # never spill to disk; a huge query fails instead
        connection.execute("set autoinstall_known_extensions = false")
        connection.execute("set autoload_known_extensions = false")
        connection.execute("set enable_external_access = false")
        connection.execute("set lock_configuration = true")

    def close(self) -> None:
        self._connection.close()

    def __enter__(self) -> SqlConsole:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _cursor(self) -> duckdb.DuckDBPyConnection:
        with self._cursor_lock:
            return self._connection.cursor()

    def table_columns(self) -> dict[str, list[tuple[str, str]]]:
        """Each loaded table's columns and DuckDB types, for a schema panel beside the console."""
        cursor = self._cursor()
        try:
            rows = cursor.execute(
                "select table_name, column_name, data_type from information_schema.columns "
                "where table_schema = 'main' order by table_name, ordinal_position").fetchall()
        finally:
            cursor.close()
        columns: dict[str, list[tuple[str, str]]] = {name: [] for name in self.tables}
        for table, column, data_type in rows:
            columns.setdefault(table, []).append((column, data_type))
        return columns

    def check(self, sql: str, cursor: duckdb.DuckDBPyConnection | None = None) -> duckdb.Statement:
        """The one SELECT statement in `sql`, as DuckDB parsed it; raises QueryRefused or QueryFailed."""
        if cursor is not None:
            return checked_select(sql, cursor)
        own = self._cursor()
        try:
            return checked_select(sql, own)
        finally:
            own.close()

    def run(self, sql: str) -> ConsoleResult:
        """Run one SELECT; at most row_limit rows come back, and it is stopped after timeout_s seconds."""
        cursor = self._cursor()
        timed_out = threading.Event()

        def stop() -> None:
            timed_out.set()
            cursor.interrupt()

        timer = threading.Timer(self.timeout_s, stop)
        timer.daemon = True
        try:
            statement = self.check(sql, cursor)
            started = time.perf_counter()
            timer.start()
            try:
                cursor.execute(statement)  # the parsed statement itself, so what runs is what was checked
                names = [column[0] for column in cursor.description]
                rows = cursor.fetchmany(self.row_limit + 1)  # streamed: one row past the limit says "truncated"
            except duckdb.Error as error:
                if timed_out.is_set():
                    raise QueryTimedOut(f"The query took longer than {self.timeout_s:g} s and was stopped.") \
                        from error
                raise QueryFailed(self._explain(error)) from error
            finally:
                timer.cancel()
            elapsed_ms = (time.perf_counter() - started) * 1000
        finally:
            cursor.close()
        truncated = len(rows) > self.row_limit
        frame = pd.DataFrame.from_records(rows[:self.row_limit], columns=names)
        return ConsoleResult(frame, truncated, self.row_limit, elapsed_ms)

    def _explain(self, error: duckdb.Error) -> str:
        tables = ", ".join(self.tables)
        if isinstance(error, duckdb.PermissionException):
            lead = f"The console cannot read files or anything outside its own tables ({tables})."
        elif isinstance(error, duckdb.CatalogException):
            lead = f"The query names a table or function that does not exist. The tables are: {tables}."
        elif isinstance(error, duckdb.BinderException):
            lead = "The query names a column that does not exist, or uses one in a way DuckDB cannot apply."
        elif isinstance(error, duckdb.OutOfMemoryException):
            lead = "The query needed more memory than the console allows and was stopped."
        elif isinstance(error, (duckdb.ConversionException, duckdb.InvalidInputException)):
            lead = "A value in the query could not be used as the type it needs."
        else:
            lead = "The query failed."
        return f"{lead} DuckDB said: {error}"


def list_examples(folder: Path | None = None) -> list[tuple[str, str]]:
    """The example queries as (title, sql), in file-name order; the title is the file's first comment line."""
    examples = []
    for file in sorted((folder or EXAMPLES_DIR).glob("*.sql")):
        sql = file.read_text(encoding="utf-8")
        first_line = sql.lstrip().splitlines()[0] if sql.strip() else ""
        if not first_line.startswith("--") or not first_line.lstrip("-").strip():
            raise ValueError(f"{file}: the first line must be a comment giving the example's title")
        examples.append((first_line.lstrip("-").strip(), sql))
    return examples
