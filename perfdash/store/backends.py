"""The two places a store can live, behind one small interface.

- DuckDBBackend: a file on this machine. DuckDB allows one writing process per file, so one
  writer at a time holds an exclusive lock on `<file>.lock` for one short transaction, and readers
  a shared lock while they read; nobody keeps the file open between requests.
- PostgresBackend: a server shared by several app replicas. Connections come from a pool
  (psycopg_pool). Writers take a transaction-scoped advisory lock, so writes are serialised
  and each is all-or-nothing; readers use MVCC snapshots and are never blocked.

Both hand out a Session with the same few methods; SQL comes from perfdash.store.sql.
"""
from __future__ import annotations

import fcntl
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import duckdb
import pandas as pd

from perfdash.store.errors import StoreBusy, StoreError, StoreFull, StoreUnreadable, is_disk_full
from perfdash.store.sql import store_sql, templated_store_sql

WRITE_LOCK_KEY = 7_407_011  # the advisory lock all writers of one PostgreSQL store take


class Session:
    """One connection inside one transaction (for writers) or one snapshot (for readers)."""

    def __init__(self, connection, dialect: str):
        self.connection = connection
        self.dialect = dialect

    def execute(self, query: str, /, **params) -> None:
        self._run(store_sql(query, self.dialect), params)

    def df(self, query: str, /, **params) -> pd.DataFrame:
        return self._frame(store_sql(query, self.dialect), params)

    def scalar(self, query: str, /, **params):
        rows = self._rows(store_sql(query, self.dialect), params)
        return rows[0][0] if rows else None

    def df_over(self, query: str, table: str, /, **params) -> pd.DataFrame:
        """A store query over one of the store's own tables (see sql.templated_store_sql)."""
        return self._frame(templated_store_sql(query, self.dialect, table), params)

    def execute_over(self, query: str, table: str, columns: list[str]) -> None:
        self._run(templated_store_sql(query, self.dialect, table, columns), {})

    def load_frame(self, table: str, frame: pd.DataFrame) -> None:
        """A temporary table `table` holding `frame`, for an insert ... select to read."""
        if self.dialect == "duckdb":
            self.connection.register(f"{table}_frame", frame)
            self.connection.execute(f"create or replace temp table {table} as select * from {table}_frame")
            self.connection.unregister(f"{table}_frame")
            return
        columns = ", ".join(f"{name} {_pg_type(frame[name])}" for name in frame.columns)
        with self.connection.cursor() as cursor:
            cursor.execute(f"drop table if exists {table}")
            cursor.execute(f"create temp table {table} ({columns}) on commit drop")
            with cursor.copy(f"copy {table} ({', '.join(frame.columns)}) from stdin") as copy:
                for row in frame.itertuples(index=False):
                    copy.write_row([None if _missing(value) else value for value in row])

    # -- dialect details -------------------------------------------------------------------
    def _run(self, sql: str, params: dict) -> None:
        if self.dialect == "duckdb":
            self.connection.execute(sql, params)
        else:
            with self.connection.cursor() as cursor:
                cursor.execute(sql, params)

    def _rows(self, sql: str, params: dict) -> list[tuple]:
        if self.dialect == "duckdb":
            return self.connection.execute(sql, params).fetchall()
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def _frame(self, sql: str, params: dict) -> pd.DataFrame:
        if self.dialect == "duckdb":
            return self.connection.execute(sql, params).df()
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params)
            names = [column.name for column in cursor.description]
            return pd.DataFrame.from_records(cursor.fetchall(), columns=names)


class DuckDBBackend:
    dialect = "duckdb"

    def __init__(self, path: Path | str, lock_timeout_s: float = 30.0):
        self.path = Path(path)
        self.lock_timeout_s = lock_timeout_s

    def describe(self) -> str:
        return str(self.path)

    def exists(self) -> bool:
        return self.path.is_file()

    def change_stamp(self) -> tuple:
        """Changes whenever the file does: lets a reader skip opening a file that has not changed."""
        stamps = []
        for file in (self.path, Path(f"{self.path}.wal")):
            try:
                stat = file.stat()
                stamps.append((stat.st_mtime_ns, stat.st_size, stat.st_ino))
            except FileNotFoundError:
                stamps.append(None)
        return tuple(stamps)

    @contextmanager
    def _lock(self, mode: int):
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(f"{self.path}.lock", "a+") as handle:
            deadline = time.monotonic() + self.lock_timeout_s
            while True:
                try:
                    fcntl.flock(handle, mode | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise StoreBusy(f"the store {self.path} is busy with another writer; "
                                        "nothing was written, try again") from None
                    time.sleep(0.02)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    @contextmanager
    def writing(self):
        """An exclusive session in one transaction: committed if the block ends, rolled back if it raises."""
        try:
            with self._lock(fcntl.LOCK_EX):
                connection = self._connect(read_only=False)
                try:
                    connection.execute("begin transaction")
                    try:
                        yield Session(connection, self.dialect)
                        connection.execute("commit")
                    except BaseException:
                        _rollback(connection)
                        raise
                finally:
                    connection.close()
        except OSError as error:
            if is_disk_full(error):
                raise StoreFull(_full_message(self.path)) from error
            raise
        except duckdb.Error as error:
            if is_disk_full(error):
                raise StoreFull(_full_message(self.path)) from error
            raise StoreError(f"the store {self.path} refused the write, nothing was written: {error}") from error

    @contextmanager
    def reading(self):
        """A read-only session, or None when the store file does not exist yet."""
        if not self.exists():
            yield None
            return
        with self._lock(fcntl.LOCK_SH):
            connection = self._connect(read_only=True)
            try:
                yield Session(connection, self.dialect)
            finally:
                connection.close()

    def _connect(self, read_only: bool):
        try:
            return duckdb.connect(str(self.path), read_only=read_only)
        except duckdb.Error as error:
            if is_disk_full(error):
                raise StoreFull(_full_message(self.path)) from error
            raise StoreUnreadable(
                f"The store {self.path} cannot be opened: it is damaged or not a store file ({error}). "
                "Restore it from a backup, or move it aside to start an empty store.") from error


_POOLS: dict[str, object] = {}
_POOLS_LOCK = threading.Lock()


class PostgresBackend:
    dialect = "postgres"

    def __init__(self, url: str, lock_timeout_s: float = 30.0):
        self.url = url
        self.lock_timeout_s = lock_timeout_s

    def describe(self) -> str:
        """The URL without its password, for messages and logs."""
        parts = urlsplit(self.url)
        host = parts.hostname or ""
        user = f"{parts.username}@" if parts.username else ""
        port = f":{parts.port}" if parts.port else ""
        return urlunsplit((parts.scheme, f"{user}{host}{port}", parts.path, "", ""))

    def exists(self) -> bool:
        return True  # a server store exists once reachable; its tables are made by migrate

    def change_stamp(self) -> None:
        return None  # no cheap stamp: readers ask the server for the store version

    def _pool(self):
        from psycopg_pool import ConnectionPool

        with _POOLS_LOCK:
            pool = _POOLS.get(self.url)
            if pool is None:
                pool = ConnectionPool(self.url, min_size=1, max_size=8, open=True, timeout=self.lock_timeout_s,
                                      kwargs={"options": "-c timezone=UTC", "connect_timeout": 10})
                _POOLS[self.url] = pool
            return pool

    @contextmanager
    def _connection(self):
        import psycopg
        from psycopg_pool import PoolTimeout

        try:
            with self._pool().connection() as connection:
                yield connection
        except (psycopg.OperationalError, PoolTimeout) as error:
            if is_disk_full(error):
                raise StoreFull(_full_message(self.describe())) from error
            raise StoreUnreadable(f"The store {self.describe()} cannot be reached: {error}. Check that the "
                                  "PostgreSQL server is running and PERFDASH_STORE is right.") from error

    @contextmanager
    def writing(self):
        import psycopg

        try:
            with self._connection() as connection:
                with connection.transaction():
                    connection.execute("select set_config('lock_timeout', %s, true)",
                                       (f"{int(self.lock_timeout_s * 1000)}ms",))
                    connection.execute("select pg_advisory_xact_lock(%s)", (WRITE_LOCK_KEY,))
                    yield Session(connection, self.dialect)
        except psycopg.errors.LockNotAvailable as error:
            raise StoreBusy(f"the store {self.describe()} is busy with another writer; nothing was written, "
                            "try again") from error
        except psycopg.Error as error:
            if is_disk_full(error):
                raise StoreFull(_full_message(self.describe())) from error
            raise StoreError(f"the store {self.describe()} refused the write, nothing was written: "
                             f"{error}") from error

    @contextmanager
    def reading(self):
        with self._connection() as connection:
            with connection.transaction():
                connection.execute("set transaction read only")
                yield Session(connection, self.dialect)


def open_backend(location: Path | str, lock_timeout_s: float = 30.0):
    """The backend for a store location: a postgresql:// URL, or a DuckDB file path."""
    text = str(location)
    if text.startswith(("postgresql://", "postgres://")):
        return PostgresBackend(text, lock_timeout_s)
    if "://" in text:
        raise StoreError(f"{text.split('://')[0]}:// is not a store this dashboard can use; "
                         "give a file path or a postgresql:// URL")
    return DuckDBBackend(text, lock_timeout_s)


def _rollback(connection) -> None:
    try:
        connection.execute("rollback")
    except duckdb.Error:
        pass  # the failed statement may have ended the transaction already


def _full_message(where) -> str:
    return (f"The disk holding the store {where} is full, so nothing was written. Free some space "
            "there (or move the store to a larger disk), then try again.")


def _missing(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and value != value)


def _pg_type(series: pd.Series) -> str:
    kind = series.dtype.kind
    if kind in "iu" or str(series.dtype) == "Int64":
        return "bigint"
    if kind == "f":
        return "double precision"
    if kind == "b":
        return "boolean"
    if kind == "M":
        return "timestamptz"
    return "text"
