"""Versioned store migrations: queries/store_migration_NNNN_<name>.sql, run in order, once each.

The schema_version table records each one that has run. Writers migrate inside their own
transaction before they write, so a store is always at the latest version when written;
`python manage.py migrate-store` does it on its own (for a new PostgreSQL store, before the app
starts). Every migration is written to be safe on a store made before migrations existed.
"""
from __future__ import annotations

import re
from datetime import datetime, timezone

from perfdash.store.sql import QUERIES_DIR

_FILE = re.compile(r"^store_(migration_(\d{4})_([a-z0-9_]+))\.sql$")


def migrations() -> list[tuple[int, str, str]]:
    """(version, name, store query name) for every migration file, in version order."""
    found = []
    for path in QUERIES_DIR.glob("store_migration_*.sql"):
        match = _FILE.match(path.name)
        if match:
            found.append((int(match.group(2)), match.group(3), match.group(1)))
    found.sort()
    versions = [version for version, _, _ in found]
    if versions != list(range(1, len(found) + 1)):
        raise RuntimeError(f"store migrations must be numbered 1, 2, 3 ... without gaps; found {versions}")
    return found


def latest_version() -> int:
    return len(migrations())


def migrate(session) -> list[str]:
    """Run every migration this store has not had yet; the names of those run."""
    session.execute("schema_version_create")
    done = set(session.df("schema_version")["version"].astype(int))
    ran = []
    for version, name, query in migrations():
        if version in done:
            continue
        session.execute(query)
        session.execute("schema_version_insert", version=version, name=name,
                        applied_at=datetime.now(timezone.utc))
        ran.append(f"{version:04d} {name}")
    return ran


def latest_applied(session) -> int:
    """The newest migration a store has had: 0 for an empty store, 1 for a store of outturns made
    before migrations existed (it has their table but no schema_version)."""
    tables = set(session.df("table_names")["table_name"])
    if "schema_version" in tables:
        versions = session.df("schema_version")["version"]
        return int(versions.max()) if len(versions) else 0
    return 1 if "submissions" in tables else 0
