"""The target each quarter is judged against: printed profiles as they stand, annual-only targets
shared out by the rule docs/REGISTER.md states, in SQL (setup_quarter_targets.sql) and in Python
(perfdash.plans.register.quarter_target) alike."""
from __future__ import annotations

import itertools

import pytest

from perfdash import paths
from perfdash.db import database as queries
from perfdash.plans.register import quarter_target
from tests.fixtures import indicator, value, write_extracts

PROFILES = ("cumulative", "per_quarter", "snapshot", None)
UNITS = ("percent", "count", "gbp", "gbp_000", "tonnes", "kg", "days", "weeks", "rate_per_1000", "score",
         "level", "yes_no", "ratio")


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    folder = tmp_path_factory.mktemp("extracts")
    indicators = [
        indicator("lcc:homes", "leicester", "lcc", None, "Affordable homes provided", unit="count", profile="per_quarter"),
        indicator("lcc:collected", "leicester", "lcc", "BV9", "Council tax collected", profile="cumulative"),
        indicator("lcc:stay", "leicester", "lcc", "BV183a", "Weeks in bed and breakfast", unit="weeks",
                  polarity="lower"),
        indicator("lcc:profiled", "leicester", "lcc", "BV12", "Sickness days", unit="days", polarity="lower",
                  profile="cumulative"),
    ]
    values = [
        value("lcc:homes", "leicester", 2005, "target", 133.0, "133"),
        value("lcc:collected", "leicester", 2005, "target", 98.0, "98%"),
        value("lcc:stay", "leicester", 2005, "target", 2.5, "2.5 weeks"),
        value("lcc:profiled", "leicester", 2005, "target", 9.5, "9.5 days"),
        *[value("lcc:profiled", "leicester", 2005, "target", v, f"{v} days", quarter=q)
          for q, v in zip((1, 2, 3, 4), (2.4, 4.8, 7.2, 9.5))],
    ]
    connection = queries.open_database(write_extracts(folder, indicators=indicators, indicator_values=values))
    yield connection
    connection.close()


def test_the_sql_rule_and_the_python_rule_agree_on_every_case(database):
    cases = list(itertools.product(PROFILES, UNITS, (1, 2, 3, 4)))
    sql = ("select quarter_share_target(98.0, $quarter, $profile, $unit) as target, "
           "quarter_share_basis($quarter, $profile, $unit) as basis")
    for profile, unit, quarter in cases:
        found = queries.execute(database, sql, {"quarter": quarter, "profile": profile, "unit": unit}).iloc[0]
        expected_target, expected_basis = quarter_target(98.0, quarter, profile, unit)
        assert found["target"] == pytest.approx(expected_target), (profile, unit, quarter)
        assert found["basis"] == expected_basis, (profile, unit, quarter)


def test_annual_only_targets_are_shared_out_and_printed_profiles_kept(database):
    rows = queries.execute(database, "select indicator_id, quarter, target, target_basis "
                                     "from quarter_targets('leicester') order by indicator_id, quarter")
    by = {(r.indicator_id, r.quarter): (r.target, r.target_basis) for r in rows.itertuples()}
    assert by[("lcc:homes", 1)] == (pytest.approx(33.25), "a quarter of the annual target")
    assert by[("lcc:collected", 3)] == (pytest.approx(73.5), "year to date: 3/4 of the annual target")
    assert by[("lcc:stay", 2)] == (pytest.approx(2.5), "the annual target itself")
    assert [by[("lcc:profiled", q)] for q in (1, 2, 3, 4)] == [(2.4, "profile"), (4.8, "profile"),
                                                              (7.2, "profile"), (9.5, "profile")]
    assert len(rows) == 16


def test_the_status_of_an_annual_only_indicator_uses_its_quarter_share(database):
    rows = queries.run_named(database, "status_council_quarters", council="leicester", indicator_ids=["lcc:homes"])
    assert rows["quarter"].tolist() == [1, 2, 3, 4]
    assert rows["target"].tolist() == pytest.approx([33.25] * 4)
    assert set(rows["target_basis"]) == {"a quarter of the annual target"}
    assert set(rows["target_text"]) == {"133"}


def test_the_cycle_years_are_the_council_years_that_have_quarter_targets(database):
    # Profiled and annual-only indicators of the fixture, and the bundled plans' own.
    for connection in (database, queries.open_database(paths.DEFAULT_EXTRACTS_DIR)):
        years = queries.run_named(connection, "cycle_target_years")
        expected = queries.execute(connection, "select distinct council_id, year_start from quarter_targets(null) "
                                               "order by council_id, year_start", {})
        assert not years.empty
        assert years.to_dict("records") == expected.to_dict("records")
