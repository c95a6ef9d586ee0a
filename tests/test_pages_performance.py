"""AppTest for each performance page, on the committed extracts."""
import pytest

from tests.pages_helpers import assert_drawn_cleanly, chart_specs, run_page, table_with, trace_values


def test_overview_lists_every_council_with_its_holdings(committed_tables):
    app = run_page("pages/overview.py")
    assert_drawn_cleanly(app)
    coverage = table_with(app, "Years covered")
    assert set(coverage["Council"]) == {row["name"] for row in committed_tables["councils"]}
    nwl = coverage[coverage["Council"] == "North West Leicestershire District Council"].iloc[0]
    indicators = sum(r["council_id"] == "nw-leicestershire" for r in committed_tables["indicators"])
    assert nwl["Indicators"] == indicators and nwl["Priorities"] == 9
    assert [m.label for m in app.metric][:3] == ["Councils", "Plans", "Indicators"]


def test_overview_follows_the_council_filter_in_the_url():
    app = run_page("pages/overview.py", council="melton")
    assert_drawn_cleanly(app)
    assert table_with(app, "Years covered")["Council"].tolist() == ["Melton Borough Council"]


def test_quarterly_profile_of_bv9_holds_the_plan_figures():
    app = run_page("pages/profiles.py", pc="nw-leicestershire", q="BV9")
    assert_drawn_cleanly(app)
    bv9 = [spec for spec in chart_specs(app) if spec["layout"]["title"]["text"].startswith("BV9 ·")]
    assert len(bv9) == 1
    profile, annual = bv9[0]["data"][:2]
    assert trace_values(profile) == pytest.approx([30.5, 60.0, 86.8, 98.0])
    assert trace_values(annual) == [98.0, 98.0]
    assert "year to date" in bv9[0]["layout"]["title"]["text"]


def test_quarterly_profiles_show_findings_beside_the_profile():
    app = run_page("pages/profiles.py", pc="nw-leicestershire", q="82(b)(i)")
    assert_drawn_cleanly(app)
    captions = " ".join(c.value for c in app.caption)
    assert "above the annual target" in captions


def test_trends_overlay_a_shared_code_for_each_council_that_prints_it(committed_tables):
    """BV64 (empty homes brought back into use) has figures for Leicester and NW Leicestershire."""
    app = run_page("pages/trends.py", code="BV64")
    assert_drawn_cleanly(app)
    names = [trace["name"] for spec in chart_specs(app) for trace in spec["data"]]
    assert any(name.startswith("North West Leicestershire District Council · BV64") for name in names)
    assert any(name.startswith("Leicester City Council · BV64") for name in names)
    direction = table_with(app, "Direction of travel")
    assert set(direction["Polarity"]) == {"Higher is better"}
    assert direction["Direction of travel"].str.contains("Improving|Worsening|No change|Not comparable").all()


def test_direction_of_travel_reads_polarity_for_sickness_absence():
    app = run_page("pages/trends.py", ind="nwl-delivery-2007:BV12")
    assert_drawn_cleanly(app)
    direction = table_with(app, "Direction of travel").iloc[0]
    assert direction["Polarity"] == "Lower is better" and direction["Latest actual"].startswith("11.07 days")


def test_trends_table_cites_the_source_line_of_each_figure():
    app = run_page("pages/trends.py", ind="nwl-delivery-2007:BV9")
    assert_drawn_cleanly(app)
    spec = chart_specs(app)[0]
    actual = next(t for t in spec["data"] if t["name"].endswith("Actual"))
    assert 94.09 in trace_values(actual)
    assert "nw-leicestershire_council-delivery-plan_2007-10.txt:992" in " ".join(actual["hovertext"])
    table = table_with(app, "Source line")
    assert table["Source line"].str.endswith(":992").all()


def test_trends_explain_when_nothing_matches():
    app = run_page("pages/trends.py", q="no indicator is called this")
    assert_drawn_cleanly(app)
    assert "No indicator matches" in app.info[0].value


def test_compare_page_prints_counts_and_verdicts():
    app = run_page("pages/compare.py")
    assert_drawn_cleanly(app)
    matrix = chart_specs(app)[0]
    assert matrix["data"][0]["type"] == "heatmap" and matrix["data"][0]["texttemplate"] == "%{text}"
    shared = table_with(app, "against_other_councils")
    assert "BV12" in set(shared["code"])
    assert set(shared["against_other_councils"]) <= {"Better than the others", "Worse than the others", "Mixed",
                                                      "Not comparable"}
    tiers = table_with(app, "examples")
    assert set(tiers["council_id"]) == {"leicestershire", "nw-leicestershire", "melton"}


def test_trend_and_profile_tables_link_each_figure_to_its_line():
    trends = run_page("pages/trends.py", ind="nwl-delivery-2007:BV9")
    links = table_with(trends, "Show source")["Show source"]
    assert links.str.startswith("sources?file=nw-leicestershire_council-delivery-plan_2007-10.txt&line=992").all()
    profiles = run_page("pages/profiles.py", pc="nw-leicestershire", q="BV9")
    assert table_with(profiles, "Show source")["Show source"].str.contains("&line=992").any()
