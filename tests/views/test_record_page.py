"""The Record outturns page's data, moved out of the page: the template pre-filled with what is
recorded for the quarter, the grid checked as an upload would be, rows for other quarters, the
outturns handed to the store, and the history table. Run against the committed extracts: North
West Leicestershire's delivery plan profiles 2007/08 by quarter."""
from __future__ import annotations

import pandas as pd
import pytest

from perfdash import paths
from perfdash.db import database as queries
from perfdash.outturns.catalogue import Catalogue
from perfdash.outturns.import_file import validate_file
from perfdash.store.outturns import Outturn
from perfdash.views import record as record_view

NWL = "nw-leicestershire"
BV9, BV10 = "nwl-delivery-2007:BV9", "nwl-delivery-2007:BV10"
HEADER = "council_id,indicator,year,quarter,value,comment\n"


@pytest.fixture(scope="module")
def connection():
    return queries.open_database(paths.extracts_dir())


@pytest.fixture(scope="module")
def catalogue(connection):
    return Catalogue.from_connection(connection)


def _long(rows):
    columns = ["indicator_id", "year_start", "quarter", "origin", "actual_text", "comment"]
    return pd.DataFrame(rows, columns=columns)


def test_only_outturns_recorded_for_the_quarter_prefill_the_template():
    long = _long([(BV9, 2007, 2, "recorded", "29.0%", "Backlog"), (BV9, 2007, 1, "recorded", "28.0%", None),
                  (BV10, 2007, 2, "plan", "31%", None), (BV10, 2006, 2, "recorded", "30%", "last year")])
    current = record_view.recorded_in_quarter(long, 2007, 2)
    assert current.to_dict("records") == [{"indicator_id": BV9, "value_text": "29.0%", "comment": "Backlog"}]


def test_the_quarter_template_carries_what_is_recorded(connection, catalogue):
    targets = queries.run_named(connection, "import_quarter_targets", council=NWL, year=2007, quarter=2)
    long = _long([(BV9, 2007, 2, "recorded", "29.0%", "Backlog")])
    template = record_view.quarter_template(catalogue, targets, long, NWL, 2007, 2).set_index("indicator")
    assert template.loc["BV9", ["value", "comment", "quarter", "year"]].tolist() == ["29.0%", "Backlog", 2, "2007/08"]
    assert template.loc["BV10", ["value", "comment"]].tolist() == ["", ""]


def test_the_grid_is_checked_only_once_a_value_is_typed_and_then_as_an_upload_would_be(connection, catalogue):
    targets = queries.run_named(connection, "import_quarter_targets", council=NWL, year=2007, quarter=1)
    grid = record_view.quarter_template(catalogue, targets, _long([]), NWL, 2007, 1)
    template = grid.copy()
    assert record_view.grid_report(grid, template, catalogue) is None
    grid.loc[grid["indicator"] == "BV9", ["value", "comment"]] = ["31", "=1+1 as typed"]
    grid.loc[grid["indicator"] == "BV10", "value"] = "lots"
    report = record_view.grid_report(grid, template, catalogue)
    assert [(o.indicator_id, o.value, o.comment) for o in report.outturns] == [(BV9, 31.0, "=1+1 as typed")]
    bv10_row = int(grid.index[grid["indicator"] == "BV10"][0]) + 2  # the header is row 1
    assert [str(p) for p in report.problems] == [f"row {bv10_row}, value: 'lots' is not a number"]
    assert not report.ok


def test_a_grid_save_checks_and_writes_only_the_rows_that_changed(connection, catalogue):
    """Re-saving a grid pre-filled with what is recorded must not write every row again as a revision."""
    targets = queries.run_named(connection, "import_quarter_targets", council=NWL, year=2007, quarter=2)
    long = _long([(BV9, 2007, 2, "recorded", "29.0%", "Backlog"), (BV10, 2007, 2, "recorded", "27%", "")])
    template = record_view.quarter_template(catalogue, targets, long, NWL, 2007, 2)
    grid = template.copy()
    assert record_view.grid_report(grid, template, catalogue) is None  # nothing changed: nothing to write
    grid.loc[grid["indicator"] == "BV10", "value"] = "28%"
    report = record_view.grid_report(grid, template, catalogue)
    assert [(o.indicator_id, o.value_text) for o in report.outturns] == [(BV10, "28%")]
    assert report.rows_read == 1


def test_rows_for_another_council_or_quarter_are_named(catalogue):
    report = validate_file((HEADER + f"{NWL},BV9,2007/08,1,29%,\n{NWL},BV10,2007/08,2,30%,\n"
                            f"{NWL},BV12,2007/08,3,2.1,\n").encode(), "q.csv", catalogue)
    assert record_view.other_quarters(report, NWL, 2007, 1) == [f"Q2 2007/08 ({NWL})", f"Q3 2007/08 ({NWL})"]
    assert record_view.other_quarters(report, NWL, 2007, 2) == [f"Q1 2007/08 ({NWL})", f"Q3 2007/08 ({NWL})"]


def test_each_outturn_to_record_cites_where_it_was_entered(catalogue):
    report = validate_file((HEADER + f"{NWL},BV9,2007/08,1,29%,Late run\n{NWL},BV10,2007/08,1,30%,\n").encode(),
                           "q1.csv", catalogue)
    assert record_view.outturns_to_record(report, "upload q1.csv") == [
        Outturn(BV9, NWL, 2007, 1, 29.0, "29%", "Late run", source="upload q1.csv row 2"),
        Outturn(BV10, NWL, 2007, 1, 30.0, "30%", None, source="upload q1.csv row 3")]


def test_the_history_table_is_labelled_and_says_what_was_not_there():
    history = pd.DataFrame([{
        "submitted_at": pd.Timestamp("2007-07-02 09:00"), "submitted_by": "jo.bloggs", "indicator_id": BV9,
        "value_text": "29%", "replaced_value_text": None, "comment": None, "source": "upload q1.csv row 2",
        "batch_id": "b1", "council_id": NWL}, {
        "submitted_at": pd.Timestamp("2007-07-03 09:00"), "submitted_by": "jo.bloggs", "indicator_id": BV9,
        "value_text": "30%", "replaced_value_text": "29%", "comment": "=HYPERLINK(\"http://x\")", "source": "grid row 4",
        "batch_id": "b2", "council_id": NWL}])
    rows = record_view.history_rows(history)
    assert list(rows.columns) == ["When (UTC)", "Editor", "Indicator", "Value", "Replaced value", "Comment",
                                  "Entered from", "Batch"]
    assert rows["Replaced value"].isna().tolist() == [True, False]  # the CSV keeps an empty cell
    shown = record_view.history_table(history)
    assert shown["Replaced value"].tolist() == [record_view.NOTHING_REPLACED, "29%"]
    assert shown["Comment"].tolist() == ["—", "=HYPERLINK(\"http://x\")"]  # as typed: a table cell is plain text
