"""Stores for the Scorecard and board-pack tests, built in temporary folders from the committed
extracts: NW Leicestershire's 2007/08 quarterly profiles with generated outturns
(perfdash.outturns.demo) recorded as an officer would, each with its own comment."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pandas as pd

from perfdash import paths
from perfdash.db.database import open_database, run_named
from perfdash.outturns import demo
from perfdash.rag import status as quarter_status
from perfdash.rag.settings import load_rules
from perfdash.store.outturns import REAL, ActualsStore, Outturn

NWL = "nw-leicestershire"
YEAR, QUARTER = 2007, 2
OFFICER = "jo.bloggs"
SPC_INDICATOR = "nwl-delivery-2007:BV106"
SPC_VALUES = [50.0, 52.0, 49.0, 51.0, 50.0, 53.0, 48.0, 50.0, 51.0, 49.0, 52.0, 54.0]   # 2005/06 Q1 to 2007/08 Q4


def comment_for(indicator_id: str) -> str:
    """Each Q2 comment, as an officer typed it: its own words, with Markdown and HTML that must show
    as typed, never as formatting or a fetched image."""
    return (f"Recovery for {indicator_id.split(':')[-1]}: **extra staff** <b>from October</b> & "
            "[the plan](http://example.invalid/plan.png)")


def quarter_outturns() -> list[Outturn]:
    """Generated Q1-Q2 2007/08 outturns for every NWL indicator with a target, each Q2 figure
    with its own officer's comment."""
    quarters = run_named(open_database(paths.extracts_dir()), "status_council_quarters", council=NWL,
                         indicator_ids=None)
    return [dataclasses.replace(o, comment=comment_for(o.indicator_id) if o.quarter == QUARTER else None,
                                source=f"import q{o.quarter}.csv row {n}")
            for n, o in enumerate(demo.generate(quarters, seed=2007), start=2)]


def quarter_store(folder: Path) -> ActualsStore:
    store = ActualsStore(Path(folder) / "actuals.duckdb", REAL)
    store.record(quarter_outturns(), OFFICER)
    return store


def spc_store(folder: Path) -> ActualsStore:
    """Twelve quarters of one indicator (2005/06 to 2007/08): enough for SPC."""
    store = ActualsStore(Path(folder) / "spc.duckdb", REAL)
    periods = [(year, quarter) for year in (2005, 2006, 2007) for quarter in (1, 2, 3, 4)]
    store.record([Outturn(SPC_INDICATOR, NWL, year, quarter, value, f"{value:g}%", "Below target all year",
                          source="import spc.csv")
                  for (year, quarter), value in zip(periods, SPC_VALUES)], OFFICER)
    return store


def connection_for(store: ActualsStore):
    return open_database(paths.extracts_dir(), store.latest())


def assessed_for(store: ActualsStore) -> pd.DataFrame:
    long = run_named(connection_for(store), "status_council_quarters", council=NWL, indicator_ids=None)
    return quarter_status.assess_quarters(long, load_rules())


def status_for(store: ActualsStore, year: int = YEAR, quarter: int = QUARTER) -> pd.DataFrame:
    """The quarter's status table from the store: which indicators the RAG rule calls red, etc."""
    return quarter_status.status_table(assessed_for(store), year, quarter)


def indicators() -> pd.DataFrame:
    return pd.read_parquet(paths.extracts_dir() / "indicators.parquet")
