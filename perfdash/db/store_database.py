"""The dashboard's database with the store in it: the bundled extracts, the registers imported into
the (real) store beside them under the same table names, and the outturns of the store being read
(real, or demonstration in demo mode). What the commands open; the app's cache does the same."""
from __future__ import annotations

from pathlib import Path

from perfdash import paths
from perfdash.db.database import open_database
from perfdash.store.outturns import REAL, ActualsStore
from perfdash.store.plans import PlanStore


def open_with_store(extracts_dir: Path | str | None, outturns: ActualsStore | None,
                    plans: ActualsStore | None = None):
    """`outturns`: the store whose outturns to read (None: none); `plans`: the store whose imported
    registers to read (default: `outturns` when it is a real store, else the configured real store)."""
    if plans is None:
        plans = outturns if outturns is not None and outturns.kind == REAL else ActualsStore(paths.store_path())
    extracts = Path(extracts_dir) if extracts_dir else paths.extracts_dir()
    return open_database(extracts, outturns.latest() if outturns is not None else None,
                         plan_tables=PlanStore(plans).latest_tables())
