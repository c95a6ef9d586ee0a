"""Each query file against small hand-made extracts."""
import pytest

from perfdash import queries
from tests.fixtures import indicator, value, write_extracts

ALL = ["leicester", "leicestershire", "nw-leicestershire", "melton"]


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    folder = tmp_path_factory.mktemp("extracts")
    indicators = [
        indicator("nwl:BV9", "nw-leicestershire", "nwl", "BV9", "Council tax collected", profile="cumulative"),
        indicator("nwl:BV12", "nw-leicestershire", "nwl", "BV12", "Sickness days", unit="days", polarity="lower",
                  profile="cumulative"),
        indicator("lcc:BV12", "leicester", "lcc", "BV12", "Working days lost to sickness", unit="days",
                  polarity="lower"),
        indicator("lcc:events", "leicester", "lcc", None, "Civic events", unit="count",
                  theme="Culture, leisure & sport"),
    ]
    values = [
        value("nwl:BV9", "nw-leicestershire", 2005, "actual", 94.09, "94.09%"),
        value("nwl:BV9", "nw-leicestershire", 2007, "target", 98.0, "98.00%"),
        *[value("nwl:BV9", "nw-leicestershire", 2007, "target", v, quarter=q)
          for q, v in zip((1, 2, 3, 4), (30.5, 60.0, 86.8, 98.0))],
        value("nwl:BV12", "nw-leicestershire", 2005, "actual", 11.07, "11.07 days"),
        value("nwl:BV12", "nw-leicestershire", 2007, "target", 9.5, "9.5 days"),
        value("lcc:BV12", "leicester", 2001, "actual", 12.5),
        value("lcc:BV12", "leicester", 2002, "actual", 11.0),
        value("lcc:BV12", "leicester", 2003, "target", 10.0),
        value("lcc:events", "leicester", 2002, "actual", 30),
    ]
    priorities = [{"priority_id": "nwl:P1", "council_id": "nw-leicestershire", "plan_id": "nwl", "rank": 1,
                   "title": "Put tenants first", "common_theme": "Housing", "source": "nwl.txt:3"}]
    actions = [{"action_id": "nwl:A001", "council_id": "nw-leicestershire", "plan_id": "nwl", "title": "Do it",
                "common_theme": "Housing", "source": "nwl.txt:4"}]
    findings = [{"finding_id": "nwl-001", "council_id": "nw-leicestershire", "plan_id": "nwl",
                 "indicator_id": "nwl:BV9", "category": "profile_q4_mismatch", "severity": "warning",
                 "message": "Q4 differs", "source": "nwl.txt:2"}]
    write_extracts(folder, indicators=indicators, indicator_values=values, priorities=priorities,
                   actions=actions, quality_findings=findings)
    return queries.open_database(folder)


def run(database, name, **params):
    return queries.run_named(database, name, **params)


def test_overview_counts_each_councils_holdings(database):
    summary = run(database, "overview_council_summary").set_index("council_id")
    assert summary.loc["nw-leicestershire", ["plans", "priorities", "indicators", "actions", "findings"]].tolist() \
        == [1, 1, 2, 1, 1]
    assert summary.loc["leicester", "first_year"] == 2001 and summary.loc["leicester", "last_year"] == 2003
    assert summary.loc["melton", "indicators"] == 0


def test_trend_options_filter_by_council_theme_and_search(database):
    everything = run(database, "trends_indicator_options", councils=ALL, theme=None, search="")
    assert set(everything["indicator_id"]) == {"nwl:BV9", "nwl:BV12", "lcc:BV12", "lcc:events"}
    leicester = run(database, "trends_indicator_options", councils=["leicester"], theme=None, search="")
    assert set(leicester["indicator_id"]) == {"lcc:BV12", "lcc:events"}
    culture = run(database, "trends_indicator_options", councils=ALL, theme="Culture, leisure & sport", search="")
    assert list(culture["indicator_id"]) == ["lcc:events"]
    found = run(database, "trends_indicator_options", councils=ALL, theme=None, search="sick")
    assert set(found["indicator_id"]) == {"nwl:BV12", "lcc:BV12"}


def test_trend_series_returns_annual_figures_only_with_citations(database):
    series = run(database, "trends_series", indicator_ids=["nwl:BV9"])
    assert sorted(series["value"].tolist()) == [94.09, 98.0]
    assert series["source"].str.startswith("nwl.txt:").all() and (series["plan_title"] == "NWL plan").all()


def test_shared_codes_are_those_in_more_than_one_council(database):
    shared = run(database, "trends_shared_codes")
    assert shared["code"].tolist() == ["BV12"]
    assert sorted(shared.loc[0, "indicator_ids"]) == ["lcc:BV12", "nwl:BV12"]


def test_quarterly_profile_holds_the_targets_and_annual_reference(database):
    profile = run(database, "profiles_quarterly", council="nw-leicestershire", year=2007, theme=None, search="BV9")
    quarterly = profile[profile["quarter"].notna()].sort_values("quarter")
    assert quarterly["value"].tolist() == [30.5, 60.0, 86.8, 98.0]
    assert profile[profile["quarter"].isna()]["value"].tolist() == [98.0]
    assert set(profile["indicator_id"]) == {"nwl:BV9"}


def test_profile_years_and_codes(database):
    years = run(database, "profiles_years", councils=ALL)
    assert years[["council_id", "year_start"]].values.tolist() == [["nw-leicestershire", 2007]]
    assert run(database, "profiles_codes")["code"].tolist() == ["BV9"]


def test_profile_by_code_includes_annual_targets_of_councils_without_a_profile(database):
    across = run(database, "profiles_by_code", code="BV12")
    assert set(across["council_id"]) == {"nw-leicestershire", "leicester"}
    assert across[across["council_id"] == "leicester"]["quarter"].isna().all()


def test_profile_findings_are_per_indicator(database):
    findings = run(database, "profiles_findings", council="nw-leicestershire")
    assert findings["indicator_id"].tolist() == ["nwl:BV9"]


def test_theme_matrix_counts_items(database):
    matrix = run(database, "compare_theme_matrix", councils=ALL)
    housing = matrix[(matrix["council_id"] == "nw-leicestershire") & (matrix["common_theme"] == "Housing")]
    assert housing[["priorities", "indicators", "actions", "total"]].values.tolist() == [[1, 0, 1, 2]]


def test_shared_indicators_pair_latest_actual_with_next_target(database):
    shared = run(database, "compare_shared_indicators", councils=ALL).set_index("council_id")
    assert shared.loc["leicester", "actual"] == 11.0 and shared.loc["leicester", "actual_period"] == "2002/03"
    assert shared.loc["leicester", "target"] == 10.0
    assert shared.loc["nw-leicestershire", "actual"] == 11.07 and shared.loc["nw-leicestershire", "target"] == 9.5


def test_target_ambition_starts_from_the_last_actual_before_the_target(database):
    ambition = run(database, "compare_target_ambition", councils=ALL, theme=None).set_index("indicator_id")
    assert ambition.loc["lcc:BV12", "start_value"] == 11.0 and ambition.loc["lcc:BV12", "target_value"] == 10.0
    assert ambition.loc["nwl:BV9", "start_value"] == 94.09


def test_two_tier_view_holds_only_the_county_family(database):
    tiers = run(database, "compare_two_tier")
    assert set(tiers["council_id"]) <= {"leicestershire", "nw-leicestershire", "melton"}
    assert "leicester" not in set(tiers["council_id"])


def test_recorded_actuals_view_exists_and_is_empty_without_a_store(database):
    assert queries.execute(database, "select count(*) as n from recorded_actuals")["n"].tolist() == [0]


def test_query_names_cannot_leave_the_queries_folder():
    with pytest.raises(queries.QueryNotFound):
        queries.load_sql("../perfdash/paths")
    with pytest.raises(queries.QueryNotFound):
        queries.load_sql("no_such_query")


def test_open_database_names_the_missing_tables(tmp_path):
    with pytest.raises(queries.ExtractsMissing, match="missing councils"):
        queries.open_database(tmp_path)
