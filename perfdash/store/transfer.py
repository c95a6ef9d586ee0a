"""Moving a whole store, with every version, between backends: export-store and import-store.

An export is a folder: one Parquet file per store table, holding every row as stored (ids,
times in UTC, replaced values), and manifest.json with the store's kind, its schema version, and
each file's row count and SHA-256. An import checks the manifest, then copies every table into an
empty store in one transaction, so the target holds exactly what the source held: nothing more,
nothing lost. Exporting the target again gives the same rows.
"""
from __future__ import annotations

import hashlib
import json
from datetime import datetime, timezone
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from perfdash.store import migrations
from perfdash.store.errors import StoreError
from perfdash.store.outturns import ActualsStore

# Every table a store holds, parents first. schema_version is not copied: the target's own
# migrations make its schema, and the manifest says which version the rows came from.
STORE_TABLES = ("store_info", "store_versions", "submissions", "register_imports", "plan_versions", "decisions")
MANIFEST = "manifest.json"


def export_store(store: ActualsStore, folder: Path | str) -> dict:
    """Write every table of `store` into `folder` (created; must be empty); the manifest written."""
    folder = Path(folder)
    if folder.exists() and any(folder.iterdir()):
        raise StoreError(f"{folder} is not empty; export into a new folder so no earlier export is mixed in")
    with store.backend.reading() as session:
        if session is None or migrations.latest_applied(session) == 0:
            raise StoreError(f"the store {store.describe()} holds nothing yet; there is nothing to export")
        version = migrations.latest_applied(session)
        present = set(session.df("table_names")["table_name"])
        frames = {table: session.df_over("dump", table) for table in STORE_TABLES if table in present}
        kind = session.scalar("kind")
    folder.mkdir(parents=True, exist_ok=True)
    files = {}
    for table, frame in frames.items():
        path = folder / f"{table}.parquet"
        pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), path)
        files[table] = {"rows": len(frame), "sha256": _sha256(path)}
    manifest = {"format": "perfdash-store-export", "format_version": 1, "kind": kind,
                "schema_version": version, "source": store.describe(),
                "exported_at": datetime.now(timezone.utc).isoformat(), "tables": files}
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def import_store(store: ActualsStore, folder: Path | str) -> dict:
    """Copy an export into `store`, which must be empty; all of it in one transaction, or nothing."""
    folder = Path(folder)
    manifest = read_manifest(folder)
    if manifest["schema_version"] > migrations.latest_version():
        raise StoreError(f"{folder} was exported from a newer release (schema {manifest['schema_version']}); "
                         "upgrade this dashboard before importing it")
    frames = {}
    for table, meta in manifest["tables"].items():
        if table not in STORE_TABLES:
            raise StoreError(f"{folder / MANIFEST}: {table!r} is not a store table")
        path = folder / f"{table}.parquet"
        if not path.is_file() or _sha256(path) != meta["sha256"]:
            raise StoreError(f"{path} is missing or differs from the manifest (its SHA-256 does not match); "
                             "export the store again")
        frames[table] = pq.read_table(path).to_pandas()
        if len(frames[table]) != meta["rows"]:
            raise StoreError(f"{path} holds {len(frames[table])} rows, the manifest says {meta['rows']}")
    with store.backend.writing() as session:
        migrations.migrate(session)
        for table in STORE_TABLES:
            if int(session.df_over("row_count", table).iloc[0, 0]):
                raise StoreError(f"the store {store.describe()} already holds data ({table}); import into an "
                                 "empty store, so no history is mixed")
        for table in STORE_TABLES:
            frame = frames.get(table)
            if frame is None or frame.empty:
                continue
            columns = session.df("table_columns", table=table)["column_name"].tolist()
            unknown = sorted(set(frame.columns) - set(columns))
            if unknown:
                raise StoreError(f"{folder / (table + '.parquet')} has columns this store does not: {unknown}")
            kept = [column for column in columns if column in frame.columns]
            session.load_frame("restore_rows", frame[kept])
            session.execute_over("restore", table, kept)
    return manifest


def read_manifest(folder: Path) -> dict:
    path = folder / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise StoreError(f"{folder} is not a store export: it has no {MANIFEST}") from None
    except json.JSONDecodeError as error:
        raise StoreError(f"{path} is damaged: {error}") from error
    if manifest.get("format") != "perfdash-store-export" or not isinstance(manifest.get("tables"), dict):
        raise StoreError(f"{path} is not a store export manifest")
    return manifest


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
