"""A quarter's status table and the Board's exceptions, from extracts plus recorded outturns."""
from __future__ import annotations

import pytest

from perfdash.db import database as queries
from perfdash.store.outturns import ActualsStore, Outturn
from perfdash.rag import rule as rag
from perfdash.rag import status as quarter_status
from tests.fixtures import indicator, value, write_extracts

NWL = "nw-leicestershire"
TAX = "nwl:BV9"        # cumulative, higher is better: targets are year to date
VISITS = "nwl:VISITS"  # per quarter, higher is better
WAIT = "nwl:BV212"     # snapshot, lower is better
RULES = rag.RagRules(default=rag.Rule("percent_of_target", 5), councils={}, indicators={})


def _targets(indicator_id, year, numbers):
    return [value(indicator_id, NWL, year, "target", n, quarter=q) for q, n in enumerate(numbers, start=1)]


@pytest.fixture
def assessed(tmp_path):
    folder = write_extracts(
        tmp_path / "extracts",
        indicators=[indicator(TAX, NWL, "nwl", "BV9", "Council tax collected", profile="cumulative"),
                    indicator(VISITS, NWL, "nwl", None, "Leisure visits", unit="count", profile="per_quarter"),
                    indicator(WAIT, NWL, "nwl", "BV212", "Days to re-let", unit="days", polarity="lower",
                              profile="snapshot")],
        indicator_values=[*_targets(TAX, 2006, [30, 60, 86, 98]), *_targets(TAX, 2007, [30.5, 60, 86.8, 98]),
                          *_targets(VISITS, 2007, [280, 264, 265, 280]),
                          *_targets(WAIT, 2006, [45, 45, 45, 45]), *_targets(WAIT, 2007, [45, 45, 45, 45])])
    store = ActualsStore(tmp_path / "actuals.duckdb")
    store.record([
        Outturn(TAX, NWL, 2006, 2, 29.0, "29.0"), Outturn(TAX, NWL, 2006, 1, 30.0, "30.0"),
        Outturn(WAIT, NWL, 2006, 2, 50.0, "50"),
        # 2005/06, before any target: charted, never judged.
        Outturn(TAX, NWL, 2005, 1, 10.0, "10.0"), Outturn(TAX, NWL, 2005, 2, 12.0, "12.0"),
        Outturn(WAIT, NWL, 2005, 1, 40.0, "40"),
        Outturn(TAX, NWL, 2007, 1, 28.0, "28.0", "Billing system outage in May"),  # 28 v 30.5: red
        Outturn(TAX, NWL, 2007, 2, 29.0, "29.0", "Backlog still clearing"),        # YTD 57 v 60: amber
        Outturn(VISITS, NWL, 2007, 1, 290, "290"), Outturn(VISITS, NWL, 2007, 2, 200, "200", "Pool closed"),
        Outturn(WAIT, NWL, 2007, 1, 44.0, "44"), Outturn(WAIT, NWL, 2007, 2, 47.0, "47", "Voids backlog"),
    ], "officer")
    connection = queries.open_database(folder, store.latest())
    long = queries.run_named(connection, "status_council_quarters", council=NWL, indicator_ids=None)
    return quarter_status.assess_quarters(long, RULES)


def test_status_table_judges_cumulative_profiles_year_to_date(assessed):
    table = quarter_status.status_table(assessed, 2007, 2).set_index("indicator_id")
    # BV9: 28 + 29 = 57 year to date against the Q2 profile of 60; 5% of 60 is 3, so amber.
    assert table.loc[TAX, ["actual", "target", "rag"]].tolist() == [57.0, 60.0, "amber"]
    # Visits: 200 against 264 in the quarter alone: 64 short, beyond 13.2, so red.
    assert table.loc[VISITS, ["actual", "target", "rag"]].tolist() == [200.0, 264.0, "red"]
    # Re-let days: 47 against 45, lower is better, within 2.25: amber.
    assert table.loc[WAIT, ["actual", "target", "rag"]].tolist() == [47.0, 45.0, "amber"]


def test_direction_against_last_quarter_and_last_year(assessed):
    table = quarter_status.status_table(assessed, 2007, 2).set_index("indicator_id")
    # BV9 was 2.5 under profile at Q1 and is 3 under at Q2: worsening against its profile.
    assert table.loc[TAX, "direction"] == "Worsening"
    # A year earlier Q2 stood at 59 year to date; 57 now is worse.
    assert table.loc[TAX, "direction_last_year"] == "Worsening"
    # Re-let days rose from 44 to 47 (lower is better), and were 50 a year earlier.
    assert table.loc[WAIT, ["direction", "direction_last_year"]].tolist() == ["Worsening", "Improving"]


def test_exceptions_list_red_first_with_reason_and_since_when(assessed):
    found = quarter_status.exceptions(assessed, 2007, 2)
    assert found["indicator_id"].tolist() == [VISITS, TAX, WAIT]
    tax = found.set_index("indicator_id").loc[TAX]
    assert tax["comment"] == "Backlog still clearing"
    assert tax["submitted_by"] == "officer"
    assert tax["off_target_since"] == "Q1 2007/08"
    assert tax["history"].endswith("Q1 2007/08 ✖ · Q2 2007/08 ▲")


def test_an_indicator_back_on_target_is_not_off_target_since_anything(assessed):
    history = quarter_status.rag_history(assessed, WAIT, (2007, 1))
    assert history["rag"].tolist()[-1] == "green"
    assert quarter_status.off_target_since(history) is None


def test_history_charts_quarters_recorded_before_any_target_as_the_rule_would_read_them(assessed):
    tax = quarter_status.rag_history(assessed, TAX, (2005, 2))
    assert tax["rag"].tolist() == ["no_target", "no_target"]
    assert tax["actual"].tolist() == [10.0, 22.0]  # cumulative: the year to date, 10 then 10 + 12
    wait = quarter_status.rag_history(assessed, WAIT, (2005, 2))
    assert wait["actual"].tolist()[0] == 40.0 and wait["target"].isna().all()
    # A quarter with a target keeps the judged figure.
    assert quarter_status.rag_history(assessed, TAX, (2007, 2))["actual"].tolist()[-2:] == [28.0, 57.0]


def test_quarter_with_nothing_recorded_has_no_exceptions(assessed):
    assert quarter_status.exceptions(assessed, 2007, 4).empty
    assert quarter_status.counts(quarter_status.status_table(assessed, 2007, 4))["no_data"] == 3


def test_trend_actuals_are_judged_against_the_same_years_target():
    import pandas as pd

    from perfdash.views.trends import with_annual_status

    series = pd.DataFrame([
        {"indicator_id": WAIT, "council_id": NWL, "polarity": "lower", "unit": "days", "year_start": y,
         "kind": k, "value": v} for y, k, v in [(2005, "actual", 50.0), (2005, "target", 45.0),
                                                (2006, "actual", 44.0), (2006, "target", 45.0),
                                                (2007, "actual", 40.0)]])
    # 50 days against 45 (lower is better) is 5 over, beyond 5% of 45 = 2.25: red; 44 is better: green;
    # 2007 has no target to judge against.
    judged = with_annual_status(series, RULES)
    assert judged.loc[judged["kind"] == "actual", "rag"].tolist() == ["red", "green", "no_target"]
    assert judged.loc[judged["kind"] == "target", "rag"].isna().all()
