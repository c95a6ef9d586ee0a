"""Generated demonstration outturns: Q1-Q2 2007/08 for North West Leicestershire, so a newcomer
can see RAG status before any real figure is recorded. They go only to the demo store, are
labelled as generated on every row, and are deterministic for a given seed."""
from __future__ import annotations

import random

import pandas as pd

from perfdash.store.outturns import Outturn

DEMO_COUNCIL = "nw-leicestershire"
DEMO_YEAR = 2007
DEMO_QUARTERS = (1, 2)
DEMO_EDITOR = "demo-generator"
DEMO_COMMENT = "GENERATED DEMONSTRATION FIGURE, not a real outturn"
# How far a generated figure strays from its profile: mostly close, some well off, so all
# statuses appear.
_FACTORS = (0.90, 0.97, 0.99, 1.0, 1.02, 1.05, 1.12, 0.80)


def _in_quarter_target(rows: pd.DataFrame, quarter: int, profile: str | None) -> float | None:
    by_quarter = dict(zip(rows["quarter"], rows["target"]))
    target = by_quarter.get(quarter)
    if target is None or pd.isna(target):
        return None
    if profile == "cumulative" and quarter > 1:
        earlier = by_quarter.get(quarter - 1)
        return None if earlier is None or pd.isna(earlier) else target - earlier
    return target


def _demo_value(target: float, unit: str, rng: random.Random) -> tuple[float, str]:
    if unit == "yes_no":
        value = 1.0 if rng.random() < 0.8 else 0.0
        return value, "Yes" if value else "No"
    value = target * rng.choice(_FACTORS)
    if unit == "percent":
        value = min(max(value, 0.0), 100.0)
    value = round(value, 1) if unit not in ("count",) else float(round(value))
    return value, f"{value:g}"


def generate(quarters: pd.DataFrame, seed: int = 2007) -> list[Outturn]:
    """Outturns for each demo quarter of every indicator with a target there. `quarters` holds
    the council's rows of queries/status_council_quarters.sql."""
    rng = random.Random(seed)
    year = quarters[quarters["year_start"] == DEMO_YEAR]
    outturns = []
    for indicator_id, rows in year.groupby("indicator_id", sort=False):
        first = rows.iloc[0]
        for quarter in DEMO_QUARTERS:
            target = _in_quarter_target(rows, quarter, first["profile"])
            if target is None:
                continue
            value, text = _demo_value(float(target), first["unit"], rng)
            outturns.append(Outturn(indicator_id, DEMO_COUNCIL, DEMO_YEAR, quarter, value, text,
                                    DEMO_COMMENT, source=f"demo-actuals seed {seed}"))
    return outturns
