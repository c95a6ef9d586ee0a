"""Quarterly outturns in the store: every one ever submitted, append-only.

A revision adds a row that notes the value it replaced, and the latest row wins in reads. Each
write is one transaction under the store's write lock, and advances the "outturns" version that
readers key their caches on. A store is real or demonstration, set on its first write, and never
takes the other kind.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from perfdash.store import migrations
from perfdash.store.backends import DuckDBBackend, open_backend
from perfdash.store.errors import StoreError, StoreUnreadable

REAL, DEMO = "real", "demo"
ORIGIN_FOR_KIND = {REAL: "recorded", DEMO: "demo"}
PARTS = ("outturns", "plans", "decisions")
LATEST_COLUMNS = ["indicator_id", "council_id", "year_start", "quarter", "value", "value_text", "source",
                  "origin", "comment", "submitted_by", "submitted_at", "submission_id", "revisions"]
HISTORY_COLUMNS = ["submission_id", "batch_id", "indicator_id", "council_id", "year_start", "quarter", "value",
                   "value_text", "comment", "source", "origin", "submitted_by", "submitted_at",
                   "replaced_value", "replaced_value_text"]


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


# DuckDB files: the versions last read for a file stamp, so an unchanged file is not reopened.
_VERSIONS_BY_STAMP: dict[tuple, dict[str, int]] = {}


class ActualsStore:
    """A store of one kind (real outturns, or generated demonstration outturns), in a DuckDB file
    or on a PostgreSQL server."""

    def __init__(self, location: Path | str, kind: str = REAL, lock_timeout_s: float = 30.0):
        if kind not in ORIGIN_FOR_KIND:
            raise StoreError(f"unknown store kind {kind!r}")
        self.location = str(location)
        self.backend = open_backend(location, lock_timeout_s)
        self.kind = kind

    @property
    def path(self) -> Path | None:
        """The store's file for a DuckDB store; None for a server store (use describe() in messages)."""
        return self.backend.path if isinstance(self.backend, DuckDBBackend) else None

    def describe(self) -> str:
        return self.backend.describe()

    # -- writing ---------------------------------------------------------------------------
    def writing(self):
        """A write session with the schema migrated and the kind checked (for other parts of the store)."""
        return _PreparedWrite(self)

    def record(self, outturns: list[Outturn], submitted_by: str) -> CommitResult:
        """Append every outturn in one transaction: all are written, or none."""
        if not outturns:
            raise StoreError("there is nothing to record")
        if not submitted_by or not submitted_by.strip():
            raise StoreError("every write must name the editor who made it")
        incoming = pd.DataFrame([{**o.__dict__, "row_order": n} for n, o in enumerate(outturns)])
        incoming["value"] = incoming["value"].astype("float64")
        batch_id = uuid.uuid4().hex[:12]
        submitted_at = datetime.now(timezone.utc)
        with self.writing() as session:
            session.load_frame("incoming_rows", incoming)
            revisions = int(session.scalar("outturns_revisions"))
            session.execute("outturns_insert", batch_id=batch_id, origin=ORIGIN_FOR_KIND[self.kind],
                            submitted_by=submitted_by.strip(), submitted_at=submitted_at)
            session.execute("version_advance", part="outturns")
        return CommitResult(batch_id, len(outturns), revisions, submitted_by.strip(), submitted_at)

    def migrate(self) -> list[str]:
        """Bring the store's schema to the latest version; the migrations that ran."""
        with self.backend.writing() as session:
            return migrations.migrate(session)

    # -- reading ---------------------------------------------------------------------------
    def exists(self) -> bool:
        return self.backend.exists()

    def read(self, query: str, /, **params) -> pd.DataFrame | None:
        """A store query's rows, or None when the store has no such tables yet (never written)."""
        with self.backend.reading() as session:
            if session is None:
                return None
            if migrations.latest_applied(session) == 0:
                return None
            found = session.scalar("kind")
            if found and found != self.kind:
                raise StoreError(f"{self.describe()} is a {found} store, not a {self.kind} one")
            try:
                return session.df(query, **params)
            except Exception as error:  # noqa: BLE001 - a table a later migration adds is not there yet
                if _missing_table(error):
                    return None
                raise StoreUnreadable(f"The store {self.describe()} cannot be read ({error}). Restore it from a "
                                      "backup, or run `python manage.py migrate-store`.") from error

    def latest(self) -> pd.DataFrame:
        """The latest outturn per indicator and quarter; an empty frame before the first write."""
        frame = self.read("outturns_latest")
        return frame if frame is not None else pd.DataFrame(columns=LATEST_COLUMNS)

    def history(self, council_id: str | None = None, year_start: int | None = None,
                quarter: int | None = None) -> pd.DataFrame:
        """Every submission, newest first, with the value each replaced."""
        frame = self.read("outturns_history", council=council_id, year=year_start, quarter=quarter)
        return frame if frame is not None else pd.DataFrame(columns=HISTORY_COLUMNS)

    def versions(self) -> dict[str, int]:
        """Each part's version counter; every write advances its part's. Zero before any write."""
        stamp = self.backend.change_stamp()
        key = (self.location, stamp) if stamp is not None else None
        if key is not None and key in _VERSIONS_BY_STAMP:
            return _VERSIONS_BY_STAMP[key]
        frame = self.read("versions")
        found = {part: 0 for part in PARTS}
        if frame is not None:
            found.update({row.part: int(row.version) for row in frame.itertuples()})
        if key is not None:
            _VERSIONS_BY_STAMP.clear() if len(_VERSIONS_BY_STAMP) > 256 else None
            _VERSIONS_BY_STAMP[key] = found
        return found

    def signature(self, parts: tuple[str, ...] = PARTS) -> tuple:
        """A cache key that changes whenever one of `parts` is written, on any replica."""
        versions = self.versions()
        return (self.location, self.kind, *(versions[part] for part in parts))

    def kind_on_disk(self) -> str | None:
        """The kind the store was created as (real or demo), or None before its first write."""
        with self.backend.reading() as session:
            if session is None or migrations.latest_applied(session) == 0:
                return None
            return session.scalar("kind")


class _PreparedWrite:
    def __init__(self, store: ActualsStore):
        self.store = store
        self._context = None

    def __enter__(self):
        self._context = self.store.backend.writing()
        session = self._context.__enter__()
        try:
            migrations.migrate(session)
            found = session.scalar("kind")
            if found is None:
                session.execute("kind_insert", kind=self.store.kind)
            elif found != self.store.kind:
                raise StoreError(f"{self.store.describe()} is a {found} store; it cannot take "
                                 f"{self.store.kind} figures")
        except BaseException as error:
            self._context.__exit__(type(error), error, error.__traceback__)
            raise
        return session

    def __exit__(self, *exc_info):
        return self._context.__exit__(*exc_info)


def real_store(location: Path | str | None = None) -> ActualsStore:
    from perfdash import paths

    return ActualsStore(location or paths.store_path(), REAL)


def demo_store(location: Path | str | None = None) -> ActualsStore:
    from perfdash import paths

    return ActualsStore(location or paths.demo_store_path(), DEMO)


def kind_on_disk(location: Path | str) -> str | None:
    """The kind a store was created as (real or demo), or None before its first write."""
    return ActualsStore(location).kind_on_disk()


def _missing_table(error: BaseException) -> bool:
    text = str(error).lower()
    return "does not exist" in text and ("table" in text or "relation" in text)
