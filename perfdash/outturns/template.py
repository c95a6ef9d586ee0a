"""The pre-filled outturns template for one council, year and quarter, as CSV or Excel.

It has one row per indicator with a target that year, in the plan's own order, with the columns
an upload needs (council_id, indicator, year, quarter, value, comment) and, for the person filling
it in, the title, unit, polarity and basis, and the quarter's own target: an outturn is the figure
for the quarter alone, so it sits beside the target for the quarter alone. A cumulative profile
also shows its year-to-date target and the year to date recorded so far, so nobody sets a quarter's
figure against a year-to-date target. Filled in and uploaded unchanged, it passes
perfdash.outturns.import_file.validate.
"""
from __future__ import annotations


import pandas as pd

from perfdash.exports import to_csv_bytes, to_template_workbook
from perfdash.outturns.catalogue import Catalogue
from perfdash.plans.values import period_label
from perfdash.polarity import format_value

TEMPLATE_COLUMNS = ("council_id", "indicator", "title", "unit", "polarity", "basis", "target",
                    "ytd_target", "ytd_so_far", "year", "quarter", "value", "comment")
CUMULATIVE_BASIS = "this quarter alone; the year to date is added up"
QUARTER_BASIS = "this quarter alone"


def template_frame(catalogue: Catalogue, targets: pd.DataFrame, council_id: str, year_start: int, quarter: int,
                   current: pd.DataFrame | None = None) -> pd.DataFrame:
    """The template rows. `targets` is queries/import_quarter_targets.sql for the same council, year
    and quarter; `current` (indicator_id, value_text, comment) pre-fills the latest recorded outturns."""
    indicators = catalogue.indicators
    ours = indicators[(indicators["council_id"] == council_id) & indicators["indicator_id"].notna()]
    rows = ours.merge(targets.rename(columns={"value": "quarter_target", "value_text": "quarter_target_text"}),
                      on="indicator_id", how="inner")
    rows = rows.sort_values(["plan_line", "indicator_id"], na_position="last", kind="stable")
    recorded = {}
    if current is not None and not current.empty:
        recorded = {row["indicator_id"]: row for row in current.to_dict("records")}  # the last row wins
    frame = pd.DataFrame(
        [{"council_id": council_id,
          "indicator": catalogue.name_in_file(row["indicator_id"]),
          "title": _text(row["title"]),
          "unit": _text(row["unit"]),
          "polarity": _text(row["polarity"]),
          "basis": CUMULATIVE_BASIS if row["profile"] == "cumulative" else QUARTER_BASIS,
          "target": row["quarter_target_text"] if _text(row["quarter_target_text"]) else
          _figure(row["quarter_target"], row["unit"]),
          "ytd_target": _text(row["ytd_target_text"]),
          "ytd_so_far": _figure(row["ytd_so_far"], row["unit"]),
          "year": period_label(int(year_start)),
          "quarter": int(quarter),
          "value": _text(recorded.get(row["indicator_id"], {}).get("value_text")),
          "comment": _text(recorded.get(row["indicator_id"], {}).get("comment"))}
         for row in rows.to_dict("records")],
        columns=list(TEMPLATE_COLUMNS))
    return frame.astype({"quarter": "int64"})


def _figure(value, unit) -> str:
    return "" if value is None or pd.isna(value) else format_value(value, unit)


def _text(value) -> str:
    return "" if value is None or (isinstance(value, float) and value != value) else str(value)


def template_csv(frame: pd.DataFrame) -> bytes:
    return to_csv_bytes(frame)


def template_xlsx(frame: pd.DataFrame) -> bytes:
    """The template as a workbook: header row bold and frozen, columns wide enough to read."""
    return to_template_workbook(frame, "outturns")
