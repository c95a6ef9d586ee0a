"""The store commands: migrate-store, export-store, import-store."""
from __future__ import annotations

import argparse
import sys

from perfdash import paths


def _store(args: argparse.Namespace, kind: str | None = None):
    from perfdash.store.outturns import REAL, ActualsStore, kind_on_disk

    location = args.store or str(paths.store_path())
    return ActualsStore(location, kind or kind_on_disk(location) or REAL)


def cmd_migrate_store(args: argparse.Namespace) -> int:
    from perfdash.store.errors import StoreError

    try:
        store = _store(args)
        ran = store.migrate()
    except StoreError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"store {store.describe()}: " + (f"ran {', '.join(ran)}" if ran else "already at the latest schema"))
    return 0


def cmd_export_store(args: argparse.Namespace) -> int:
    from perfdash.store.errors import StoreError
    from perfdash.store.transfer import export_store

    try:
        store = _store(args)
        manifest = export_store(store, args.out)
    except StoreError as error:
        print(f"export failed, nothing was written: {error}", file=sys.stderr)
        return 1
    counts = ", ".join(f"{table} {meta['rows']}" for table, meta in manifest["tables"].items())
    print(f"exported {store.describe()} (schema {manifest['schema_version']}) to {args.out}: {counts}")
    return 0


def cmd_import_store(args: argparse.Namespace) -> int:
    from pathlib import Path

    from perfdash.store.errors import StoreError
    from perfdash.store.transfer import import_store, read_manifest

    try:
        manifest = read_manifest(Path(args.folder))
        store = _store(args, manifest.get("kind") or None)
        import_store(store, args.folder)
    except StoreError as error:
        print(f"import failed, nothing was written: {error}", file=sys.stderr)
        return 1
    counts = ", ".join(f"{table} {meta['rows']}" for table, meta in manifest["tables"].items())
    print(f"imported {args.folder} into {store.describe()}: {counts}")
    return 0


def register(commands: argparse._SubParsersAction) -> None:
    """Add this group's subcommands to manage.py."""
    where = "the store: a DuckDB file or a postgresql:// URL (default: $PERFDASH_STORE or data/store/actuals.duckdb)"
    migrate = commands.add_parser("migrate-store", help="bring the store's schema to the latest version")
    migrate.add_argument("--store", metavar="PATH|URL", help=where)
    migrate.set_defaults(handler=cmd_migrate_store)
    export = commands.add_parser("export-store", help="write the whole store, every version, to a folder")
    export.add_argument("--out", metavar="DIR", required=True, help="a new or empty folder")
    export.add_argument("--store", metavar="PATH|URL", help=where)
    export.set_defaults(handler=cmd_export_store)
    restore = commands.add_parser("import-store", help="copy a folder written by export-store into an empty store")
    restore.add_argument("folder", metavar="DIR", help="a folder written by export-store")
    restore.add_argument("--store", metavar="PATH|URL", help=where)
    restore.set_defaults(handler=cmd_import_store)
