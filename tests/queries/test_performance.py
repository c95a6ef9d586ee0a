"""Each query file against small hand-made extracts."""
import pandas as pd
import pytest

from perfdash.db import database as queries
from perfdash.views.compare import (
    add_ambition,
    ambition_by_theme,
    shared_verdicts,
    themes_of,
)
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


def test_trend_picker_filters_by_council_theme_and_search(database):
    def picked(councils=ALL, theme=None, search=""):
        return run(database, "trends_indicator_picker", councils=councils, theme=theme, search=search,
                   indicator_ids=None, limit=None)["indicator_id"].tolist()

    assert picked() == ["lcc:BV12", "nwl:BV12", "nwl:BV9", "lcc:events"]  # by code, then council; no code last
    assert picked(councils=["leicester"]) == ["lcc:BV12", "lcc:events"]
    assert picked(theme="Culture, leisure & sport") == ["lcc:events"]
    assert picked(search="sick") == ["lcc:BV12", "nwl:BV12"]


def test_trend_picker_labels_each_indicator_by_council_code_and_title(database):
    picker = run(database, "trends_indicator_picker", councils=ALL, theme=None, search="", indicator_ids=None,
                 limit=None)
    labels = dict(zip(picker["indicator_id"], picker["label"]))
    assert labels["nwl:BV9"] == "North West Leicestershire District Council · BV9 · Council tax collected"
    assert labels["lcc:events"] == "Leicester City Council · Civic events"


def test_trend_picker_caps_the_list_and_counts_every_match(database):
    capped = run(database, "trends_indicator_picker", councils=ALL, theme=None, search="", indicator_ids=None,
                 limit=2)
    assert capped["indicator_id"].tolist() == ["lcc:BV12", "nwl:BV12"]
    assert set(capped["matching"]) == {4}


def test_trend_picker_labels_chosen_indicators_beyond_the_cap_while_they_match(database):
    chosen = ["lcc:events", "nwl:BV9", "melton:none"]
    beyond = run(database, "trends_indicator_picker", councils=ALL, theme=None, search="", indicator_ids=chosen,
                 limit=None)
    assert beyond["indicator_id"].tolist() == ["nwl:BV9", "lcc:events"]
    elsewhere = run(database, "trends_indicator_picker", councils=["leicester"], theme=None, search="",
                    indicator_ids=chosen, limit=None)
    assert elsewhere["indicator_id"].tolist() == ["lcc:events"]


def test_trend_series_returns_annual_figures_only_with_citations(database):
    series = run(database, "trends_series", indicator_ids=["nwl:BV9"])
    assert sorted(series["value"].tolist()) == [94.09, 98.0]
    assert series["source"].str.startswith("nwl.txt:").all() and (series["plan_title"] == "NWL plan").all()


def test_shared_codes_are_those_in_more_than_one_council(database):
    everyone = ["leicester", "leicestershire", "nw-leicestershire", "melton"]
    shared = run(database, "trends_shared_codes", councils=everyone, per_code=12)
    assert shared["code"].tolist() == ["BV12"]
    assert sorted(shared.loc[0, "indicator_ids"]) == ["lcc:BV12", "nwl:BV12"]
    assert run(database, "trends_shared_codes", councils=["leicester"], per_code=12).empty


def test_shared_code_overlay_lists_a_bounded_number_of_councils(database):
    everyone = ["leicester", "leicestershire", "nw-leicestershire", "melton"]
    shared = run(database, "trends_shared_codes", councils=everyone, per_code=1)
    # Two councils print BV12; with room for one, the first council by id is kept and the count stays 2.
    assert shared.loc[0, "indicator_ids"].tolist() == ["lcc:BV12"] and shared.loc[0, "councils"] == 2


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
    shared = run(database, "compare_shared_indicators", councils=ALL, top_codes=None).set_index("council_id")
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


# --- Compare at national scale: bounded queries, and SQL held to the Python rules ---------------

@pytest.fixture(scope="module")
def compare_database(tmp_path_factory):
    """BV12 (lower is better) in all four councils, Leicester printing it twice; BV9 (higher) in two;
    BV3 (neutral) in two; a target equal to its actual but for float noise; a zero starting point."""
    folder = tmp_path_factory.mktemp("compare")
    indicators = [
        indicator("lcc:BV12", "leicester", "lcc", "BV12", "Sickness days", unit="days", polarity="lower"),
        indicator("lcc:BV12b", "leicester", "lcc", "BV12", "Sickness days, corporate plan", unit="days",
                  polarity="lower"),
        indicator("lsh:BV12", "leicestershire", "lsh", "BV12", "Sickness days", unit="days", polarity="lower"),
        indicator("nwl:BV12", "nw-leicestershire", "nwl", "BV12", "Sickness days", unit="days", polarity="lower"),
        indicator("mel:BV12", "melton", "mel", "BV12", "Sickness days", unit="days", polarity="lower"),
        indicator("lcc:BV9", "leicester", "lcc", "BV9", "Council tax collected"),
        indicator("nwl:BV9", "nw-leicestershire", "nwl", "BV9", "Council tax collected"),
        indicator("lsh:BV3", "leicestershire", "lsh", "BV3", "Satisfaction", unit="count", polarity="neutral",
                  theme="Housing"),
        indicator("mel:BV3", "melton", "mel", "BV3", "Satisfaction", unit="count", polarity="neutral",
                  theme="Housing"),
        indicator("mel:zero", "melton", "mel", None, "Empty homes reused", unit="count", theme="Housing"),
    ]
    values = [
        value("lcc:BV12", "leicester", 2005, "actual", 10.0), value("lcc:BV12", "leicester", 2006, "target", 9.0),
        value("lcc:BV12b", "leicester", 2005, "actual", 8.0),
        value("lsh:BV12", "leicestershire", 2005, "actual", 12.0),
        value("lsh:BV12", "leicestershire", 2006, "target", 12.0 + 1e-12),
        value("nwl:BV12", "nw-leicestershire", 2003, "baseline", 14.0),
        value("nwl:BV12", "nw-leicestershire", 2003, "actual", 13.5),
        value("nwl:BV12", "nw-leicestershire", 2004, "target", 8.0),
        value("nwl:BV12", "nw-leicestershire", 2005, "actual", 9.0),
        value("nwl:BV12", "nw-leicestershire", 2006, "target", 9.5),
        value("mel:BV12", "melton", 2005, "actual", 10.0),
        value("lcc:BV9", "leicester", 2005, "actual", 95.0), value("lcc:BV9", "leicester", 2006, "target", 97.0),
        value("nwl:BV9", "nw-leicestershire", 2005, "actual", 98.0),
        value("nwl:BV9", "nw-leicestershire", 2006, "target", 97.0),
        value("lsh:BV3", "leicestershire", 2005, "actual", 5.0),
        value("lsh:BV3", "leicestershire", 2006, "target", 6.0),
        value("mel:BV3", "melton", 2005, "actual", 7.0), value("mel:BV3", "melton", 2006, "target", 7.0),
        value("mel:zero", "melton", 2005, "actual", 0.0), value("mel:zero", "melton", 2006, "target", 5.0),
    ]
    return queries.open_database(write_extracts(folder, indicators=indicators, indicator_values=values))


def test_shared_indicators_compare_each_council_with_the_other_councils_only(compare_database):
    shared = run(compare_database, "compare_shared_indicators", councils=ALL, top_codes=None).set_index("indicator_id")
    # Leicester's own second BV12 (8.0) is not one of "the others" for its first.
    assert shared.loc["lcc:BV12", ["others_highest", "others_lowest"]].tolist() == [12.0, 9.0]
    assert shared.loc["nwl:BV12", ["others_highest", "others_lowest"]].tolist() == [12.0, 8.0]
    assert shared.loc["nwl:BV12", "actual"] == 9.0 and shared.loc["nwl:BV12", "target"] == 9.5
    assert shared.loc["lcc:BV9", ["councils_sharing", "shared_codes"]].tolist() == [2, 3]
    verdicts = shared_verdicts(shared.reset_index()).set_index("indicator_id")["against_other_councils"]
    assert verdicts.to_dict() == {
        "lcc:BV12": "Mixed", "lcc:BV12b": "Better than the others", "lsh:BV12": "Worse than the others",
        "mel:BV12": "Mixed", "nwl:BV12": "Mixed", "lcc:BV9": "Worse than the others",
        "nwl:BV9": "Better than the others", "lsh:BV3": "Mixed", "mel:BV3": "Mixed"}
    # The verdicts from the SQL's range of the others are those of comparing with each other council.
    pairwise = shared_verdicts(shared.reset_index().drop(columns=["others_highest", "others_lowest"]))
    assert pairwise.set_index("indicator_id")["against_other_councils"].to_dict() == verdicts.to_dict()


def test_shared_top_keeps_the_codes_shared_by_most_councils(compare_database):
    every = run(compare_database, "compare_shared_indicators", councils=ALL, top_codes=None)
    top = run(compare_database, "compare_shared_indicators", councils=ALL, top_codes=2)
    assert top["code"].unique().tolist() == ["BV12", "BV3"]  # 4 councils, then 2 and by code
    pd.testing.assert_frame_equal(top, every[every["code"].isin(["BV12", "BV3"])].reset_index(drop=True))
    assert run(compare_database, "compare_shared_indicators", councils=ALL, top_codes=1)["code"].unique().tolist() == ["BV12"]
    pd.testing.assert_frame_equal(run(compare_database, "compare_shared_indicators", councils=ALL, top_codes=99), every)
    two = run(compare_database, "compare_shared_indicators", councils=["leicester", "melton"], top_codes=5)
    assert set(two["code"]) == {"BV12"} and two["shared_codes"].tolist() == [1, 1, 1]


def test_shared_against_target_counts_as_the_polarity_rule_does(compare_database):
    counts = run(compare_database, "compare_shared_against_target", councils=ALL, top_codes=3).set_index("code")
    assert counts.index.tolist() == ["BV12", "BV3", "BV9"]
    assert counts.loc["BV12", ["indicators", "better", "same", "worse", "not_comparable"]].tolist() == [5, 1, 1, 1, 2]
    assert counts.loc["BV12", ["title", "unit", "polarity", "councils_sharing"]].tolist() == [
        "Sickness days", "days", "lower", 4]
    rows = shared_verdicts(run(compare_database, "compare_shared_indicators", councils=ALL, top_codes=None))
    words = {"Better": "better", "Same": "same", "Worse": "worse", "Not comparable": "not_comparable"}
    by_rule = rows.groupby(["code", rows["against_target"].map(words)]).size().unstack(fill_value=0)
    assert by_rule.reindex(columns=list(words.values()), fill_value=0).to_dict("index") == \
        counts[list(words.values())].to_dict("index")
    assert run(compare_database, "compare_shared_against_target", councils=ALL, top_codes=1).index.size == 1


def test_target_ambition_sql_matches_the_ambition_rule(compare_database):
    ambition = run(compare_database, "compare_target_ambition", councils=ALL, theme=None)
    by_rule = add_ambition(ambition)
    assert ambition["ambition_percent"].tolist() == pytest.approx(by_rule["ambition_percent"].tolist(), nan_ok=True)
    nwl = ambition.set_index("indicator_id").loc["nwl:BV12"]
    # The first target (2004/05) starts from the 2003/04 actual, which wins over that year's baseline.
    assert (nwl["start_kind"], nwl["start_value"], nwl["target_value"]) == ("actual", 13.5, 8.0)
    # The per-theme summary that comes with the drawn rows counts every target, drawn or not.
    by_theme = themes_of(run(compare_database, "compare_ambition_top", councils=ALL, theme=None, limit=1))
    pd.testing.assert_frame_equal(by_theme, ambition_by_theme(by_rule), check_dtype=False)
    assert by_theme["common_theme"].tolist() == ["Corporate health & value for money"]  # Housing: none measurable
    assert by_theme[["targets", "stretch", "accepts_decline"]].values.tolist() == [[5, 3, 2]]


def test_ambition_top_keeps_the_largest_changes_and_counts_the_rest(compare_database):
    every = run(compare_database, "compare_target_ambition", councils=ALL, theme=None)
    top = run(compare_database, "compare_ambition_top", councils=ALL, theme=None, limit=2)
    assert top["indicator_id"].tolist() == ["lcc:BV12", "nwl:BV12"] and top["targets_matched"].tolist() == [8, 8]
    pd.testing.assert_frame_equal(top.drop(columns=["targets_matched", "themes"]),
                                  every[every["indicator_id"].isin(top["indicator_id"])].reset_index(drop=True))
    everything = run(compare_database, "compare_ambition_top", councils=ALL, theme=None, limit=99)
    pd.testing.assert_frame_equal(everything.drop(columns=["targets_matched", "themes"]), every)
    housing = run(compare_database, "compare_ambition_top", councils=ALL, theme="Housing", limit=2)
    assert housing["targets_matched"].tolist() == [3, 3] and housing["ambition_percent"].isna().all()
