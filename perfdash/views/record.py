"""The Record outturns page's data: the template pre-filled with what is recorded, the grid's rows
checked as an upload would be, rows that name another quarter, the outturns to write, and the
history of submissions as a table. No Streamlit here.
"""
from __future__ import annotations

import pandas as pd

from perfdash.outturns import import_file as actuals_import
from perfdash.outturns import template as outturns_template
from perfdash.outturns.catalogue import Catalogue
from perfdash.outturns.table_reader import ROW_COLUMN, read_table
from perfdash.rag import status as quarter_status
from perfdash.store.outturns import Outturn

HISTORY_COLUMNS = {
    "submitted_at": "When (UTC)", "submitted_by": "Editor", "indicator_id": "Indicator", "value_text": "Value",
    "replaced_value_text": "Replaced value", "comment": "Comment", "source": "Entered from", "batch_id": "Batch",
}
NOTHING_REPLACED = "— (first value)"
# The grid's columns are the template file's; these are the words above them on screen.
GRID_LABELS = {
    "council_id": "Council", "indicator": "Indicator", "title": "Title", "unit": "Unit", "polarity": "Polarity",
    "basis": "What to enter", "target": "Target (as printed)", "year": "Financial year", "quarter": "Quarter",
    "value": "Value", "comment": "Comment",
}


def recorded_in_quarter(long: pd.DataFrame, year_start: int, quarter: int) -> pd.DataFrame:
    """The outturns recorded (not printed in a plan) for the quarter: indicator_id, value_text,
    comment, as the template pre-fills them. `long` is queries/status_council_quarters.sql."""
    chosen = long[(long["year_start"] == year_start) & (long["quarter"] == quarter) & (long["origin"] == "recorded")]
    return chosen.rename(columns={"actual_text": "value_text"})[["indicator_id", "value_text", "comment"]]


def quarter_template(catalogue: Catalogue, targets: pd.DataFrame, long: pd.DataFrame, council_id: str,
                     year_start: int, quarter: int) -> pd.DataFrame:
    """The template for the quarter, with any value and comment already recorded filled in."""
    return outturns_template.template_frame(catalogue, targets, council_id, year_start, quarter,
                                            recorded_in_quarter(long, year_start, quarter))


def grid_report(edited: pd.DataFrame, template: pd.DataFrame,
                catalogue: Catalogue) -> actuals_import.ValidationReport | None:
    """The rows of the grid whose value or comment was changed from the template's, checked exactly
    as the same rows uploaded in a file would be; None while nothing has been changed. Unchanged rows
    (what is already recorded) are not written again."""
    changed = changed_rows(edited, template)
    if changed.empty:
        return None
    # Read back as an upload of the same rows is, keeping each row's number in the whole grid.
    rows = read_table(outturns_template.template_csv(changed), "grid.csv")
    rows[ROW_COLUMN] = [int(index) + 2 for index in changed.index]  # the header is row 1
    return actuals_import.validate(rows, catalogue)


def changed_rows(edited: pd.DataFrame, template: pd.DataFrame) -> pd.DataFrame:
    """The grid rows whose value or comment differs from the template's (whitespace ignored)."""
    def cells(frame: pd.DataFrame, column: str) -> pd.Series:
        return frame[column].fillna("").astype(str).str.strip().reset_index(drop=True)

    differs = (cells(edited, "value") != cells(template, "value")) | \
        (cells(edited, "comment") != cells(template, "comment"))
    return edited.reset_index(drop=True)[differs.to_numpy()]


def other_quarters(report: actuals_import.ValidationReport, council_id: str, year_start: int,
                   quarter: int) -> list[str]:
    """The quarters, other than the chosen one, that rows of the file name: "Q2 2007/08 (melton)"."""
    return sorted({f"{quarter_status.quarter_label(o.year_start, o.quarter)} ({o.council_id})"
                   for o in report.outturns if (o.council_id, o.year_start, o.quarter) != (council_id, year_start, quarter)})


def outturns_to_record(report: actuals_import.ValidationReport, entered_from: str) -> list[Outturn]:
    """The checked rows as the store records them, each citing where it was entered and its row."""
    return [Outturn(o.indicator_id, o.council_id, o.year_start, o.quarter, o.value, o.value_text, o.comment,
                    source=f"{entered_from} row {o.row_number}") for o in report.outturns]


def history_rows(history: pd.DataFrame) -> pd.DataFrame:
    """Every submission, newest first, with labelled columns (the CSV's form: empty where nothing)."""
    return history.rename(columns=HISTORY_COLUMNS)[list(HISTORY_COLUMNS.values())]


def history_table(history: pd.DataFrame) -> pd.DataFrame:
    """history_rows as the on-screen table shows it: words, not empty cells."""
    shown = history_rows(history).astype({"Replaced value": object, "Comment": object})
    shown["Replaced value"] = shown["Replaced value"].where(shown["Replaced value"].notna(), NOTHING_REPLACED)
    shown["Comment"] = shown["Comment"].where(shown["Comment"].fillna("").astype(str).str.strip() != "", "—")
    return shown
