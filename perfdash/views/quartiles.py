"""Quartile benchmarks as the plans print them: the share of a plan's comparable indicators that
fell in the top, middle or bottom quartile of its comparator group each year (the Audit
Commission's quartiles of the Best Value indicators). Rows of queries/quartile_bands.sql in,
frames for the bands charts and their tables out."""
from __future__ import annotations

import pandas as pd

NOT_SPLIT = "Not split by the plan"
NOTE = ("Quartile tables say what share of a plan's comparable Best Value indicators fell in the top, middle or "
        "bottom quartile of the councils it compares itself with, in each year it reports. Each plan names its "
        "own comparator group on its source line (hover a band), so shares are not comparable across plans. A "
        "share the plan does not split between bands is drawn as not split.")
NOT_SPLIT_ORDER = 5
# Printed shares that add up to within this of 100% are the whole (the plans round each band).
_ROUNDING = 1.0

TABLE_COLUMNS = {"council_name": "Council", "period": "Year", "band": "Quartile band",
                 "share_percent": "Share of comparable indicators (%)", "value_text": "As printed",
                 "plan_title": "Source document", "source": "Source line"}


def quartile_bands(rows: pd.DataFrame) -> pd.DataFrame:
    """The printed bands and, for each plan and year whose printed shares add up to less than the
    whole, a band for the rest, which the plan does not split (nothing is printed for it, so its
    value_text is empty and its source is the line the printed bands stand on)."""
    if rows.empty:
        return rows.assign(printed=pd.Series(dtype=bool))
    printed = rows.assign(printed=True)
    years = printed.groupby(["plan_id", "year_start"], sort=False)
    unsplit = 100 - years["share_percent"].transform("sum")
    first_of_year = ~printed.duplicated(["plan_id", "year_start"])
    short = first_of_year & (unsplit > _ROUNDING)
    # The shares as plain values: a Series assigned to an empty frame would become its index.
    rest = printed[short].assign(band=NOT_SPLIT, band_order=NOT_SPLIT_ORDER,
                                 share_percent=unsplit[short].round(1).to_numpy(), value_text=None, printed=False)
    bands = pd.concat([printed, rest], ignore_index=True) if not rest.empty else printed
    return bands.sort_values(["council_name", "plan_id", "year_start", "band_order"], ignore_index=True)


def quartile_table(bands: pd.DataFrame) -> pd.DataFrame:
    """Every band drawn, with its year and citation, for the table alternative and CSV."""
    return bands[list(TABLE_COLUMNS)].rename(columns=TABLE_COLUMNS)
