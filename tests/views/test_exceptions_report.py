"""The exceptions report's data, moved out of the page: the what-if tallies under other rules, the
gap in words, and the report table and CSV frame. Expected values are worked out by hand from the
targets and outturns below."""
from __future__ import annotations

import pandas as pd
import pytest

from perfdash.db import database as queries
from perfdash.rag import rule as rag
from perfdash.rag import status as quarter_status
from perfdash.store.outturns import ActualsStore, Outturn
from perfdash.views import exceptions as report_view
from tests.fixtures import indicator, value, write_extracts

NWL = "nw-leicestershire"
SHORT, FAR, ABOVE, SILENT = "nwl:A", "nwl:B", "nwl:C", "nwl:D"
RULES = rag.RagRules(
    default=rag.Rule("percent_of_target", 5),
    councils={NWL: rag.Rule("percent_of_target", 5), "melton": rag.Rule("percent_of_target", 0),
              "leicester": rag.Rule("absolute", 4)},
    indicators={})
ON, AMBER, RED, NO_TARGET, NO_DATA = (rag.status_label(s) for s in rag.STATUSES)


@pytest.fixture(scope="module")
def quarter(tmp_path_factory):
    """Four indicators with a target of 100 in Q1 2007/08, higher is better: 97 (3 short), 92 (8 short),
    105 (above) and one with no outturn."""
    ids = (SHORT, FAR, ABOVE, SILENT)
    tmp_path = tmp_path_factory.mktemp("exceptions")
    folder = write_extracts(
        tmp_path / "extracts",
        indicators=[indicator(i, NWL, "nwl", f"BV{n}", f"Indicator {n}", profile="snapshot")
                    for n, i in enumerate(ids, start=1)],
        indicator_values=[value(i, NWL, 2007, "target", 100.0, quarter=1) for i in ids])
    store = ActualsStore(tmp_path / "actuals.duckdb")
    store.record([Outturn(SHORT, NWL, 2007, 1, 97.0, "97", "=1+1"), Outturn(FAR, NWL, 2007, 1, 92.0, "92"),
                  Outturn(ABOVE, NWL, 2007, 1, 105.0, "105")], "jo.bloggs")
    long = queries.run_named(queries.open_database(folder, store.latest()), "status_council_quarters",
                             council=NWL, indicator_ids=None)
    assessed = quarter_status.assess_quarters(long, RULES)
    return assessed, quarter_status.status_table(assessed, 2007, 1)


def _by_code(statuses: pd.DataFrame) -> dict[str, list[str]]:
    return {row["Code"]: list(row.iloc[2:]) for _, row in statuses.iterrows()}


def test_what_if_under_other_tolerances_counts_and_names_each_status(quarter):
    assessed, table = quarter
    compared = report_view.what_if(assessed, table, RULES, 2007, 1, report_view.OTHER_TOLERANCES)
    assert compared.scenarios == ["As configured", "No amber band for all", "5% of target for all",
                                  "10% of target for all"]
    # 3 short is within 5 (5% of 100) and 10, not within 0; 8 short is within 10 only.
    assert _by_code(compared.statuses) == {
        "BV1": [AMBER, RED, AMBER, AMBER], "BV2": [RED, RED, RED, AMBER],
        "BV3": [ON, ON, ON, ON], "BV4": [NO_DATA, NO_DATA, NO_DATA, NO_DATA]}
    assert compared.counts["As configured"].to_dict() == {ON: 1, AMBER: 1, RED: 1, NO_TARGET: 0, NO_DATA: 1}
    assert compared.counts["No amber band for all"].to_dict() == {ON: 1, AMBER: 0, RED: 2, NO_TARGET: 0, NO_DATA: 1}
    assert compared.counts["10% of target for all"].to_dict() == {ON: 1, AMBER: 2, RED: 0, NO_TARGET: 0, NO_DATA: 1}


def test_what_if_under_each_councils_rule(quarter):
    assessed, table = quarter
    compared = report_view.what_if(assessed, table, RULES, 2007, 1, report_view.OTHER_COUNCILS)
    assert compared.scenarios == ["As configured", f"{NWL}'s rule for all", "melton's rule for all",
                                  "leicester's rule for all"]
    # Melton has no amber band; Leicester allows 4 of the indicator's units: 3 short is amber, 8 is red.
    assert _by_code(compared.statuses)["BV1"] == [AMBER, AMBER, RED, AMBER]
    assert _by_code(compared.statuses)["BV2"] == [RED, RED, RED, RED]
    assert compared.counts.loc[RED].tolist() == [1, 1, 2, 1]


def test_an_unknown_what_if_is_refused():
    with pytest.raises(ValueError, match="Other tolerances"):
        report_view.what_if_scenarios(RULES, "Whatever")


@pytest.mark.parametrize(("gap", "target", "unit", "words"), [
    (-3.5, 30.5, "percent", "3.5 points below target (11.5% of target)"),
    (1.0, 50.0, "percent", "1 point above target (2.0% of target)"),
    (2.0, 45.0, "days", "2 days above target (4.4% of target)"),
    (-1500.0, 264000.0, "count", "1,500 below target (0.6% of target)"),
    (3.0, 0.0, "count", "3 above target"),  # no share of a target of 0
    (float("nan"), 10.0, "percent", "–"),
])
def test_the_gap_in_words(gap, target, unit, words):
    assert report_view.gap_words(gap, target, unit) == words


def test_yes_no_figures_read_as_words():
    assert [report_view.figure(v, "yes_no") for v in (1.0, 0.0)] == ["Yes", "No"]
    assert report_view.figure(12.25, "percent") == "12.25%"


def test_comment_and_who_recorded_it():
    assert report_view.comment_text(None) == report_view.comment_text("  ") == "No comment recorded."
    assert report_view.comment_text("**as typed**") == "**as typed**"
    assert report_view.submitted_words("jo.bloggs", pd.Timestamp("2007-06-30 14:05")) == " — jo.bloggs, 30 Jun 2007 14:05"
    assert report_view.submitted_words(None, None) == ""


def test_the_csv_frame_keeps_numbers_and_the_table_shows_words(quarter):
    assessed, _ = quarter
    found = quarter_status.exceptions(assessed, 2007, 1)
    report = report_view.report_frame(found)
    assert list(report.columns) == report_view.REPORT_COLUMNS
    assert report[["code", "target", "actual", "gap"]].values.tolist() == [["BV2", 100.0, 92.0, -8.0],
                                                                          ["BV1", 100.0, 97.0, -3.0]]
    shown = report_view.report_table(found).set_index("code")
    assert shown.loc["BV1", ["rag", "actual", "gap", "unit", "polarity", "comment"]].tolist() == [
        AMBER, "97%", "3 points below target (3.0% of target)", "%", "Higher is better", "=1+1"]
    assert shown.loc["BV2", "comment"] == "No comment recorded."
    assert not shown.isna().any().any()


def test_every_indicator_table_says_what_is_missing(quarter):
    _, table = quarter
    shown = report_view.status_table(table).set_index("code")
    assert shown.loc["BV4", ["target", "actual", "rag"]].tolist() == ["100%", "not reported", NO_DATA]
    assert set(report_view.COLUMN_LABELS) >= set(shown.reset_index().columns)
    assert not shown.isna().any().any()
