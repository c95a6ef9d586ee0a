"""The actuals store: every quarterly outturn ever submitted, in a DuckDB file.

History is append-only: a revision adds a row that notes the value it replaced, and the latest
row wins in reads. One writer at a time holds an exclusive lock on `<store>.lock` for one short
transaction; readers hold a shared lock, so the file is never open for writing and reading at
once (DuckDB allows one writing process per file). The dashboard copies the latest rows into
its own in-memory database, so it never keeps the store open.
"""
from __future__ import annotations

import fcntl
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import pandas as pd

from perfdash.db.database import load_sql

REAL, DEMO = "real", "demo"
ORIGIN_FOR_KIND = {REAL: "recorded", DEMO: "demo"}
LATEST_COLUMNS = ["indicator_id", "council_id", "year_start", "quarter", "value", "value_text", "source",
                  "origin", "comment", "submitted_by", "submitted_at", "submission_id", "revisions"]


class StoreError(RuntimeError):
    """The store cannot be used as asked; the message says why in plain words."""


class StoreBusy(StoreError):
    """Another writer held the lock for longer than the wait allowed."""


@dataclass(frozen=True)
class Outturn:
    """One quarterly figure to record (the figure for that quarter alone)."""
    indicator_id: str
    council_id: str
    year_start: int
    quarter: int
    value: float | None
    value_text: str
    comment: str | None = None
    source: str = "entry"


@dataclass(frozen=True)
class CommitResult:
    batch_id: str
    rows: int
    revisions: int
    submitted_by: str
    submitted_at: datetime

    def summary(self) -> str:
        new = self.rows - self.revisions
        return (f"recorded {self.rows} outturn(s) as {self.submitted_by}: {new} new, "
                f"{self.revisions} revision(s); batch {self.batch_id}")


class ActualsStore:
    """A store file of one kind: real outturns, or generated demonstration outturns."""

    def __init__(self, path: Path | str, kind: str = REAL, lock_timeout_s: float = 30.0):
        if kind not in ORIGIN_FOR_KIND:
            raise StoreError(f"unknown store kind {kind!r}")
        self.path = Path(path)
        self.kind = kind
        self.lock_timeout_s = lock_timeout_s

    # -- locking ---------------------------------------------------------------------------
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
                        raise StoreBusy(f"the actuals store {self.path} is busy with another writer; "
                                        "nothing was written, try again") from None
                    time.sleep(0.02)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    # -- writing ---------------------------------------------------------------------------
    def record(self, outturns: list[Outturn], submitted_by: str) -> CommitResult:
        """Append every outturn in one transaction: all are written, or none."""
        if not outturns:
            raise StoreError("there is nothing to record")
        if not submitted_by or not submitted_by.strip():
            raise StoreError("every write must name the editor who made it")
        incoming = pd.DataFrame([{**o.__dict__, "row_order": n} for n, o in enumerate(outturns)])
        batch_id = uuid.uuid4().hex[:12]
        submitted_at = datetime.now(timezone.utc)
        with self._lock(fcntl.LOCK_EX):
            connection = _connect(self.path, read_only=False)
            try:
                self._prepare(connection)
                connection.register("incoming_rows", incoming)
                connection.execute("begin transaction")
                try:
                    revisions = connection.execute(
                        "select count(*) from incoming_rows as n where exists (select 1 from submissions as s "
                        "where s.indicator_id = n.indicator_id and s.year_start = n.year_start "
                        "and s.quarter = n.quarter)").fetchall()[0][0]
                    connection.execute(load_sql("store_insert"), {
                        "batch_id": batch_id, "origin": ORIGIN_FOR_KIND[self.kind],
                        "submitted_by": submitted_by.strip(), "submitted_at": submitted_at})
                    connection.execute("commit")
                except Exception:
                    connection.execute("rollback")
                    raise
            except duckdb.Error as error:
                raise StoreError(f"the actuals store {self.path} refused the write, nothing was written: "
                                 f"{error}") from error
            finally:
                connection.close()
        return CommitResult(batch_id, len(outturns), revisions, submitted_by.strip(), submitted_at)

    def _prepare(self, connection: duckdb.DuckDBPyConnection) -> None:
        """Create the tables on first use and refuse to mix real and demonstration figures."""
        connection.execute(load_sql("store_create"))
        found = _first(connection.execute("select value from store_info where key = 'kind'"))
        if found is None:
            connection.execute("insert into store_info values ('kind', ?)", [self.kind])
        elif found[0] != self.kind:
            raise StoreError(f"{self.path} is a {found[0]} store; it cannot take {self.kind} figures")

    # -- reading ---------------------------------------------------------------------------
    def exists(self) -> bool:
        return self.path.is_file()

    def signature(self) -> tuple:
        """Changes whenever the file does: a cheap cache key for readers."""
        stamps = []
        for file in (self.path, Path(f"{self.path}.wal")):
            try:
                stat = file.stat()
                stamps.append((stat.st_mtime_ns, stat.st_size))
            except FileNotFoundError:
                stamps.append(None)
        return (str(self.path), self.kind, *stamps)

    def _read(self, query: str, **params) -> pd.DataFrame | None:
        if not self.exists():
            return None
        with self._lock(fcntl.LOCK_SH):
            connection = _connect(self.path, read_only=True)
            try:
                found = _first(connection.execute("select value from store_info where key = 'kind'"))
                if found and found[0] != self.kind:
                    raise StoreError(f"{self.path} is a {found[0]} store, not a {self.kind} one")
                return connection.execute(load_sql(query), params).df()
            except duckdb.CatalogException:
                return None  # created but never written: no tables yet
            finally:
                connection.close()

    def latest(self) -> pd.DataFrame:
        """The latest outturn per indicator and quarter; an empty frame before the first write."""
        frame = self._read("store_latest")
        return frame if frame is not None else pd.DataFrame(columns=LATEST_COLUMNS)

    def history(self, council_id: str | None = None, year_start: int | None = None,
                quarter: int | None = None) -> pd.DataFrame:
        """Every submission, newest first, with the value each replaced."""
        frame = self._read("store_history", council=council_id, year=year_start, quarter=quarter)
        return frame if frame is not None else pd.DataFrame(columns=[
            "submission_id", "batch_id", "indicator_id", "council_id", "year_start", "quarter", "value",
            "value_text", "comment", "source", "origin", "submitted_by", "submitted_at",
            "replaced_value", "replaced_value_text"])


def real_store(path: Path | str | None = None) -> ActualsStore:
    from perfdash import paths

    return ActualsStore(path or paths.store_path(), REAL)


def demo_store(path: Path | str | None = None) -> ActualsStore:
    from perfdash import paths

    return ActualsStore(path or paths.demo_store_path(), DEMO)


def kind_on_disk(path: Path | str) -> str | None:
    """The kind a store file was created as (real or demo), or None before its first write."""
    path = Path(path)
    if not path.is_file():
        return None
    with ActualsStore(path)._lock(fcntl.LOCK_SH):
        connection = _connect(path, read_only=True)
        try:
            found = _first(connection.execute("select value from store_info where key = 'kind'"))
        except duckdb.CatalogException:
            return None
        except duckdb.Error as error:
            raise StoreError(f"{path} is not an actuals store: {error}") from error
        finally:
            connection.close()
    return found[0] if found else None


def _connect(path: Path, read_only: bool) -> duckdb.DuckDBPyConnection:
    try:
        return duckdb.connect(str(path), read_only=read_only)
    except duckdb.Error as error:
        raise StoreError(f"{path} cannot be opened as an actuals store, nothing was written: {error}") from error


def _first(result) -> tuple | None:
    """The first row of a result, fetching all of it (DuckDB 2 keeps a half-read result open)."""
    rows = result.fetchall()
    return rows[0] if rows else None
