"""Imported plan registers, kept in the store beside the outturns, with every version.

A register import turns into rows of the contract tables (councils, plans, indicators,
indicator_values, priorities, actions, quality_findings). Each row is stored as one version of
its table's key; a row whose content is unchanged is not written again, so importing the same
register twice changes nothing, and a changed target is a new version that notes the one it
replaced, who imported it and when. The latest version of each key wins in reads.

Plans share the store with the outturns (the same file or server, the same write lock); an
import is one transaction: all of it, or none. Each import advances the store's "plans" version.
"""
from __future__ import annotations

import hashlib
import json
import math
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone

import pandas as pd

from perfdash.plans.contract import TABLES
from perfdash.store.errors import StoreError
from perfdash.store.outturns import REAL, ActualsStore

PLAN_TABLES = ("councils", "plans", "indicators", "indicator_values", "priorities", "actions", "quality_findings")
# Not part of a row's content: where it came from. A re-import from another file name with the
# same figures is not a change.
_PROVENANCE = ("source", "origin")
VERSION_COLUMNS = ("origin", "version_id", "import_id", "recorded_by", "recorded_at", "versions")


@dataclass(frozen=True)
class ImportResult:
    import_id: str
    file_name: str
    rows_read: int
    versions_written: int
    by_table: dict[str, int]
    imported_by: str
    imported_at: datetime

    @property
    def unchanged(self) -> int:
        return self.rows_read - self.versions_written

    def summary(self) -> str:
        if not self.versions_written:
            return (f"{self.file_name}: all {self.rows_read} row(s) are already in the store unchanged; "
                    "nothing was written")
        counts = ", ".join(f"{table} {count}" for table, count in self.by_table.items() if count)
        return (f"{self.file_name}: imported as {self.imported_by}: {self.versions_written} new or changed "
                f"row(s) ({counts}), {self.unchanged} unchanged; import {self.import_id}")


def row_key(table: str, row: dict) -> str:
    """The contract key of a row as one string; a missing part (an annual value's quarter) is empty."""
    return "|".join("" if _missing(row.get(column)) else str(_plain(row.get(column)))
                    for column in TABLES[table].key)


class PlanStore:
    """The imported plans in a store file (always the real store: targets are never demonstration data)."""

    def __init__(self, store: ActualsStore):
        if store.kind != REAL:
            raise StoreError("plans are imported into the real store only, never the demonstration store")
        self.store = store

    # -- writing ---------------------------------------------------------------------------
    def import_frames(self, frames: dict[str, pd.DataFrame], file_name: str, file_bytes: bytes,
                      imported_by: str) -> ImportResult:
        """Write every new or changed row of one register, in one transaction: all of it or nothing."""
        if not imported_by or not imported_by.strip():
            raise StoreError("every import must name the person who made it")
        incoming = _versions(frames)
        if incoming.empty:
            raise StoreError(f"{file_name} holds no rows to import")
        import_id = uuid.uuid4().hex[:12]
        imported_at = datetime.now(timezone.utc)
        who = imported_by.strip()
        with self.store.writing() as session:
            session.load_frame("incoming_versions", incoming)
            session.execute("plans_insert", import_id=import_id, recorded_by=who, recorded_at=imported_at)
            written = {row.table_name: int(row.versions) for row in
                       session.df("plans_written", import_id=import_id).itertuples()}
            total = sum(written.values())
            if total:
                session.execute("plans_log_insert", import_id=import_id, file_name=file_name,
                                file_sha256=hashlib.sha256(file_bytes).hexdigest(), imported_by=who,
                                imported_at=imported_at, rows_read=len(incoming), versions_written=total)
                session.execute("version_advance", part="plans")
        by_table = {table: 0 for table in PLAN_TABLES}
        by_table.update(written)
        return ImportResult(import_id, file_name, len(incoming), total, by_table, who, imported_at)

    # -- reading ---------------------------------------------------------------------------
    def latest_tables(self) -> dict[str, pd.DataFrame]:
        """Each contract table's imported rows, latest version per key, with the contract columns
        first, then origin and the version's who and when. Empty frames before any import."""
        found = self.store.read("plans_latest")
        tables = {}
        for table in PLAN_TABLES:
            rows = found[found["table_name"] == table] if found is not None else pd.DataFrame()
            tables[table] = _decode(table, rows)
        return tables

    def history(self, table: str | None = None, key_prefix: str | None = None) -> pd.DataFrame:
        """Every version, newest first, with the content it replaced."""
        found = self.store.read("plans_history", table=table, key_prefix=key_prefix)
        return found if found is not None else pd.DataFrame(columns=[
            "version_id", "table_name", "row_key", "row_json", "origin", "import_id", "file_name",
            "recorded_by", "recorded_at", "replaced_version_id", "replaced_row_json"])


def _versions(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    rows = []
    for table in PLAN_TABLES:
        frame = frames.get(table)
        if frame is None or frame.empty:
            continue
        if table not in TABLES:
            raise StoreError(f"{table} is not a table of the data contract")
        for record in frame.to_dict("records"):
            content = {column: _plain(value) for column, value in sorted(record.items())
                       if column not in _PROVENANCE and not _missing(value)}
            origin = record.get("origin") or record.get("source")
            if not origin:
                raise StoreError(f"a {table} row has no origin (file:line); every imported row must cite one")
            rows.append({"table_name": table, "row_key": row_key(table, record),
                         "row_json": json.dumps(content, sort_keys=True, ensure_ascii=False),
                         "origin": str(origin), "row_order": len(rows)})
    return pd.DataFrame(rows, columns=["table_name", "row_key", "row_json", "origin", "row_order"])


def _decode(table: str, rows: pd.DataFrame) -> pd.DataFrame:
    spec = TABLES[table]
    records = []
    for row in rows.to_dict("records"):
        content = json.loads(row["row_json"])
        content["source"] = row["origin"]
        content.update({column: row[column] for column in VERSION_COLUMNS})
        records.append(content)
    frame = pd.DataFrame.from_records(records)
    extras = [column for column in frame.columns if column not in spec.columns]
    for column in spec.columns:
        if column not in frame.columns:
            frame[column] = None
    for column, kind in spec.columns.items():
        if kind == "int":
            frame[column] = pd.array(frame[column], dtype="Int64")
        elif kind == "float":
            frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("float64")
        else:
            frame[column] = frame[column].astype("object").where(frame[column].notna(), None)
    return frame[[*spec.columns, *extras]]


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA


def _plain(value):
    """JSON-ready Python values: numpy scalars become int/float, whole floats in int columns stay ints."""
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, (datetime, pd.Timestamp)):
        return value.isoformat()
    return value
