"""The read-only SQL console: one SELECT at a time over a private, read-only copy of the extracts.

Writes are impossible by construction: the extracts are copied into a private DuckDB file, which is then
reopened READ_ONLY (and unlinked, so nothing else can open it); external access is switched off and the
configuration locked, so a query can read those tables and nothing else: no files, no extensions, no other
databases, and no change that another visitor could see. Before that, each query must pass three checks:
DuckDB's parser reports one statement of type SELECT; its parse tree holds only SELECT query nodes (a
DELETE or INSERT wrapped in a CTE is refused); and, as a second line, its text holds no writing keyword
outside strings and comments. It runs on its own cursor under a time limit and returns at most
`row_limit` rows.
"""
from __future__ import annotations

import json
import os
import re
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from perfdash import paths

DEFAULT_ROW_LIMIT = 5_000
DEFAULT_TIMEOUT_S = 5.0
DEFAULT_MEMORY_LIMIT = "1GB"
EXAMPLES_DIR = paths.ROOT / "queries" / "examples"

# What each refused statement type is, in words a policy officer can act on.
_REFUSED_KINDS = {
    "INSERT": "an INSERT statement, which adds rows",
    "UPDATE": "an UPDATE statement, which changes rows",
    "DELETE": "a DELETE statement, which removes rows",
    "CREATE": "a CREATE statement, which makes tables, views or other objects",
    "CREATE_FUNC": "a CREATE FUNCTION statement, which makes a function",
    "DROP": "a DROP statement, which removes tables or other objects",
    "ALTER": "an ALTER statement, which changes a table",
    "COPY": "a COPY statement, which reads or writes files",
    "COPY_DATABASE": "a COPY FROM DATABASE statement, which copies a database",
    "EXPORT": "an EXPORT statement, which writes the database to files",
    "ATTACH": "an ATTACH statement, which opens another database",
    "DETACH": "a DETACH statement, which closes a database",
    "LOAD": "an INSTALL or LOAD statement, which adds extensions",
    "PRAGMA": "a PRAGMA statement, which reads or changes settings",
    "SET": "a SET, RESET or USE statement, which changes settings",
    "VARIABLE_SET": "a SET VARIABLE statement, which changes settings",
    "TRANSACTION": "a transaction statement (BEGIN, COMMIT or ROLLBACK)",
    "EXPLAIN": "an EXPLAIN statement",
    "CALL": "a CALL or CHECKPOINT statement; write SELECT * FROM the_function() instead",
    "PREPARE": "a PREPARE statement",
    "EXECUTE": "an EXECUTE statement",
    "VACUUM": "a VACUUM statement",
    "ANALYZE": "an ANALYZE statement",
    "MULTI": "a statement that runs several steps (such as a bare PIVOT); wrap it as SELECT * FROM (PIVOT ...)",
    "MERGE_INTO": "a MERGE statement, which changes rows",
}


# Query nodes of a plain SELECT in DuckDB's serialised parse tree; any other *_NODE (DELETE_QUERY_NODE,
# INSERT_QUERY_NODE, UPDATE_QUERY_NODE, ...) means the query would change data.
_READING_NODES = {"SELECT_NODE", "SET_OPERATION_NODE", "RECURSIVE_CTE_NODE", "CTE_NODE"}
# The second line: words that only a writing or settings statement uses, matched outside strings,
# quoted names and comments.
_WRITING_WORDS = re.compile(
    r"\b(insert|update|delete|merge|upsert|truncate|drop|create|alter|copy|attach|detach|install|load|"
    r"pragma|export|import|checkpoint|vacuum|call|returning)\b", re.IGNORECASE)
_QUOTED_OR_COMMENT = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|--[^\n]*|/\*.*?\*/", re.DOTALL)


class ConsoleError(Exception):
    """A problem the console reports to its user in plain English (the message is the report)."""


class QueryRefused(ConsoleError):
    """The input is not a single SELECT query, so it was not run."""


class QueryFailed(ConsoleError):
    """The query was run and DuckDB stopped it with an error."""


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
        own = cursor is None
        if cursor is None:
            cursor = self._cursor()
        try:
            statements = cursor.extract_statements(sql or "")
        except duckdb.Error as error:
            raise QueryFailed(f"DuckDB could not read the query; check its spelling and punctuation. {error}") \
                from error
        finally:
            if own:
                cursor.close()
        if not statements:
            raise QueryRefused("There is no query to run. Type one SELECT query, for example: "
                               "select * from councils")
        if len(statements) > 1:
            raise QueryRefused(f"Only one statement can run at a time, and this input holds {len(statements)}. "
                               "Run them one by one, without semicolons between them.")
        statement = statements[0]
        kind = statement.type.name
        if kind != "SELECT":
            what = _REFUSED_KINDS.get(kind, f"a {kind} statement")
            raise QueryRefused(f"Only SELECT queries can run here; this is {what}, so it was refused.")
        self._refuse_hidden_writes(sql, cursor)
        return statement

    def _refuse_hidden_writes(self, sql: str, cursor: duckdb.DuckDBPyConnection | None) -> None:
        """Refuse a SELECT whose parse tree or text holds a write, such as a DELETE inside a CTE."""
        own = cursor is None
        if cursor is None:
            cursor = self._cursor()
        try:
            serialised = cursor.execute("select json_serialize_sql($sql)", {"sql": sql}).fetchone()[0]
        except duckdb.Error as error:
            raise QueryRefused(f"DuckDB could not check that the query only reads, so it was refused. {error}") \
                from error
        finally:
            if own:
                cursor.close()
        tree = json.loads(serialised)
        if tree.get("error"):
            raise QueryRefused("DuckDB could not check that the query only reads, so it was refused. "
                               f"{tree.get('error_message', '')}".strip())
        writing = sorted(node for node in _query_node_types(tree) if node not in _READING_NODES)
        if writing:
            named = ", ".join(node.removesuffix("_QUERY_NODE").removesuffix("_NODE") for node in writing)
            raise QueryRefused(f"Only queries that read can run here; this one holds a {named} step "
                               "(for example inside a WITH clause), so it was refused.")
        word = _WRITING_WORDS.search(_QUOTED_OR_COMMENT.sub(" ", sql))
        if word:
            raise QueryRefused(f"Only queries that read can run here; the word {word.group(1).upper()} "
                               "belongs to a statement that changes data or settings, so it was refused. "
                               "Put it in quotes if it is a name or a value.")

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


def _query_node_types(tree: object) -> set[str]:
    """Every query node type ("SELECT_NODE", "DELETE_QUERY_NODE", ...) anywhere in a parse tree."""
    found: set[str] = set()
    stack = [tree]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            kind = item.get("type")
            if isinstance(kind, str) and kind.endswith("_NODE"):
                found.add(kind)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


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
