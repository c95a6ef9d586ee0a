"""AppTest for each performance page, on the committed extracts (and the trend picker's cap on a
small hand-made folder)."""
import pytest

from perfdash.views import trends
from tests.app_pages.helpers import (
    COMPARE_TABS,
    assert_drawn_cleanly,
    chart_specs,
    run_compare_tab,
    run_page,
    table_with,
    trace_values,
)
from tests.fixtures import indicator, value, write_extracts


def test_overview_lists_every_council_with_its_holdings(committed_tables):
    app = run_page("app_pages/overview.py")
    assert_drawn_cleanly(app)
    coverage = table_with(app, "Years covered")
    assert set(coverage["Council"]) == {row["name"] for row in committed_tables["councils"]}
    nwl = coverage[coverage["Council"] == "North West Leicestershire District Council"].iloc[0]
    indicators = sum(r["council_id"] == "nw-leicestershire" for r in committed_tables["indicators"])
    priorities = sum(r["council_id"] == "nw-leicestershire" for r in committed_tables["priorities"])
    assert nwl["Indicators"] == indicators and nwl["Priorities"] == priorities == 27  # 9 ranked, 18 CAT outcomes
    assert [m.label for m in app.metric][:3] == ["Councils", "Plans", "Indicators"]


def test_overview_follows_the_council_filter_in_the_url():
    app = run_page("app_pages/overview.py", council="melton")
    assert_drawn_cleanly(app)
    assert table_with(app, "Years covered")["Council"].tolist() == ["Melton Borough Council"]


def test_quarterly_profile_of_bv9_holds_the_plan_figures():
    app = run_page("app_pages/profiles.py", pc="nw-leicestershire", q="BV9")
    assert_drawn_cleanly(app)
    bv9 = [spec for spec in chart_specs(app) if spec["layout"]["title"]["text"].startswith("BV9 ·")]
    assert len(bv9) == 1
    profile, annual = bv9[0]["data"][:2]
    assert trace_values(profile) == pytest.approx([30.5, 60.0, 86.8, 98.0])
    assert trace_values(annual) == [98.0, 98.0]
    assert "year to date" in bv9[0]["layout"]["title"]["text"]


def test_quarterly_profiles_show_findings_beside_the_profile():
    app = run_page("app_pages/profiles.py", pc="nw-leicestershire", q="82(b)(i)")
    assert_drawn_cleanly(app)
    captions = " ".join(c.value for c in app.caption)
    assert "above the annual target" in captions


def test_trends_overlay_a_shared_code_for_each_council_that_prints_it(committed_tables):
    """BV64 (empty homes brought back into use) has figures for Leicester and NW Leicestershire."""
    app = run_page("app_pages/trends.py", code="BV64")
    assert_drawn_cleanly(app)
    council_names = {row["council_id"]: row["name"] for row in committed_tables["councils"]}
    bv64 = {row["indicator_id"]: council_names[row["council_id"]] for row in committed_tables["indicators"]
            if row["code"] == "BV64"}
    printed: dict[tuple[str, str], set] = {}
    for row in committed_tables["indicator_values"]:
        if row["indicator_id"] in bv64 and row["quarter"] is None and row["value"] is not None:
            printed.setdefault((bv64[row["indicator_id"]], row["kind"].title()), set()).add(
                (row["year_start"], row["value"]))
    assert {council for council, _ in printed} == {"North West Leicestershire District Council",
                                                   "Leicester City Council"}
    # Each council's own annual figures, each kind as its own series, and nothing else (a council
    # printing the code in two plans, in two units, has a series in each unit's chart).
    drawn: dict[tuple[str, str], set] = {}
    for spec in chart_specs(app):
        if "quartile band" in spec["layout"]["title"]["text"].replace("<br>", " "):
            continue  # the councils' quartile bands, drawn below the trends
        for trace in spec["data"]:
            council, kind = trace["name"].split(" · BV64 — ")
            drawn.setdefault((council, kind), set()).update(zip(trace_values(trace, "x"), trace_values(trace)))
    assert drawn == printed
    direction = table_with(app, "Direction of travel")
    assert sorted(direction["Council"]) == sorted(bv64.values())  # a row for each indicator
    assert set(direction["Polarity"]) == {"Higher is better"}
    assert direction["Direction of travel"].str.contains("Improving|Worsening|No change|Not comparable").all()


def test_direction_of_travel_reads_polarity_for_sickness_absence():
    app = run_page("app_pages/trends.py", ind="nwl-delivery-2007:BV12")
    assert_drawn_cleanly(app)
    direction = table_with(app, "Direction of travel").iloc[0]
    assert direction["Polarity"] == "Lower is better" and direction["Latest actual"].startswith("11.07 days")


def test_trends_table_cites_the_source_line_of_each_figure():
    app = run_page("app_pages/trends.py", ind="nwl-delivery-2007:BV9")
    assert_drawn_cleanly(app)
    spec = chart_specs(app)[0]
    actual = next(t for t in spec["data"] if t["name"].endswith("Actual"))
    assert 94.09 in trace_values(actual)
    assert "nw-leicestershire_council-delivery-plan_2007-10.txt:992" in " ".join(actual["hovertext"])
    table = table_with(app, "Source line")
    assert table["Source line"].str.endswith(":992").all()


def test_trends_explain_when_nothing_matches():
    app = run_page("app_pages/trends.py", q="no indicator is called this")
    assert_drawn_cleanly(app)
    assert "No indicator matches" in app.info[0].value


def test_trends_list_every_indicator_of_the_committed_extracts(committed_tables):
    """Four councils' indicators are far fewer than the picker's cap: nothing is held back."""
    app = run_page("app_pages/trends.py")
    assert_drawn_cleanly(app)
    annual = {v["indicator_id"] for v in committed_tables["indicator_values"]
              if v["quarter"] is None and v["value"] is not None}
    picker = app.multiselect(key="ind")
    assert len(picker.options) == len(annual) < trends.PICKER_CAP
    assert len(picker.value) == 1 and not app.info and chart_specs(app)
    assert not any("matches, by code" in c.value for c in app.caption)


@pytest.fixture
def capped_picker(tmp_path, monkeypatch):
    """Four indicators with annual figures, and a trend picker that lists at most two."""
    rows = [indicator("nwl:BV9", "nw-leicestershire", "nwl", "BV9", "Council tax collected"),
            indicator("nwl:BV12", "nw-leicestershire", "nwl", "BV12", "Sickness days", unit="days", polarity="lower"),
            indicator("lcc:BV12", "leicester", "lcc", "BV12", "Working days lost to sickness", unit="days",
                      polarity="lower"),
            indicator("lcc:events", "leicester", "lcc", None, "Civic events", unit="count")]
    values = [value(row["indicator_id"], row["council_id"], year, "actual", 10.0 + year - 2004)
              for row in rows for year in (2004, 2005)]
    folder = write_extracts(tmp_path / "extracts", indicators=rows, indicator_values=values)
    monkeypatch.setenv("PERFDASH_EXTRACTS_DIR", str(folder))
    monkeypatch.setenv("PERFDASH_STORE", str(tmp_path / "actuals.duckdb"))
    monkeypatch.setenv("PERFDASH_DEMO_STORE", str(tmp_path / "demo.duckdb"))
    monkeypatch.setattr(trends, "PICKER_CAP", 2)


def test_trends_ask_to_narrow_filters_that_match_more_than_the_picker_holds(capped_picker):
    app = run_page("app_pages/trends.py")
    assert_drawn_cleanly(app)
    assert "4 indicators match these filters" in app.info[0].value and "Choose councils" in app.info[0].value
    assert "first 2 of 4 matches" in " ".join(c.value for c in app.caption)
    picker = app.multiselect(key="ind")
    assert picker.options == ["Leicester City Council · BV12 · Working days lost to sickness",
                              "North West Leicestershire District Council · BV12 · Sickness days"]
    assert picker.value == [] and not chart_specs(app)

    picker.select("nwl:BV12").run()
    assert_drawn_cleanly(app)
    assert app.query_params["ind"] == "nwl:BV12" and chart_specs(app)


def test_trends_keep_a_linked_choice_beyond_the_picker_list(capped_picker):
    app = run_page("app_pages/trends.py", ind=["lcc:events", "nwl:BV12"])
    assert_drawn_cleanly(app)
    assert app.multiselect(key="ind").value == ["lcc:events", "nwl:BV12"]
    assert len(app.multiselect(key="ind").options) == 3
    assert set(table_with(app, "Direction of travel")["Indicator"]) == {"Civic events", "Sickness days"}
    app.run()  # the next run reads the choice from the session, not the link
    assert app.multiselect(key="ind").value == ["lcc:events", "nwl:BV12"]


def test_trends_drop_a_linked_choice_the_filters_exclude_even_past_the_cap(capped_picker):
    app = run_page("app_pages/trends.py", theme="Corporate health & value for money", ind="lcc:nothing")
    assert_drawn_cleanly(app)
    assert app.multiselect(key="ind").value == [] and "ind" not in app.query_params


def test_trends_narrowed_below_the_cap_list_everything_and_chart_the_first(capped_picker):
    app = run_page("app_pages/trends.py", council="leicester")
    assert_drawn_cleanly(app)
    assert not app.info and len(app.multiselect(key="ind").options) == 2
    assert app.multiselect(key="ind").value == ["lcc:BV12"] and chart_specs(app)


def test_compare_page_prints_counts_and_verdicts():
    app = run_page("app_pages/compare.py")
    assert_drawn_cleanly(app)
    [matrix] = chart_specs(app)  # the theme matrix opens first; the other tabs wait until chosen
    assert matrix["data"][0]["type"] == "heatmap" and matrix["data"][0]["texttemplate"] == "%{text}"
    app = run_compare_tab("Shared indicators")
    assert_drawn_cleanly(app)
    assert [spec["layout"]["title"]["text"].split(":")[0] for spec in chart_specs(app)] == ["Shared indicators"]
    shared = table_with(app, "against_other_councils")
    assert "BV12" in set(shared["code"])
    assert set(shared["against_other_councils"]) <= {"Better than the others", "Worse than the others", "Mixed",
                                                      "Not comparable"}
    tiers = table_with(run_compare_tab("County and districts"), "examples")
    assert set(tiers["council_id"]) == {"leicestershire", "nw-leicestershire", "melton"}


def chart_titled(app, start: str) -> dict:
    return next(spec for spec in chart_specs(app) if spec["layout"]["title"]["text"].startswith(start))


def test_compare_draws_everything_of_the_committed_extracts():
    """Four councils and three shared codes are within every bound: nothing is held back."""
    tabs = [run_compare_tab(tab) for tab in COMPARE_TABS]
    for app in tabs:
        assert_drawn_cleanly(app)
        # Nothing is capped; a code printed in two units (BV64) is noted, and drawn apart.
        assert not app.info and [c.value for c in app.caption if "printed in different units" not in c.value] == []
        assert not [button for button in app.button if button.key.endswith("-full")]
    app = tabs[COMPARE_TABS.index("Shared indicators")]
    shared = chart_titled(app, "Shared indicators: latest actual")
    assert {trace["name"] for trace in shared["data"] if trace["type"] == "bar"} >= {
        "Leicester City Council actual", "North West Leicestershire District Council actual"}
    assert table_with(app, "against_other_councils")["code"].unique().tolist() == ["BV10", "BV12", "BV63", "BV64", "BV66a",
                                                                           "BV9"]
    ambition = chart_titled(tabs[COMPARE_TABS.index("Target ambition")], "Target ambition")
    assert ambition["layout"]["title"]["text"] == "Target ambition per indicator (% change asked)"


@pytest.fixture
def bounded_compare(tmp_path, monkeypatch):
    """BV12 in all four councils, BV9 in three, BV3 in two, and a Compare page that draws at most
    two councils one by one, two codes and two targets."""
    from perfdash.views import compare as comparison

    sharing = {"BV12": ["leicester", "leicestershire", "nw-leicestershire", "melton"],
               "BV9": ["leicester", "leicestershire", "nw-leicestershire"], "BV3": ["leicester", "melton"]}
    rows = [indicator(f"{council}:{code}", council, "lcc", code, f"Indicator {code}", polarity="lower")
            for code, councils in sharing.items() for council in councils]
    # Lower is better: each council's actual of 10 beats its target of 12, Melton's 13 misses it.
    values = [value(row["indicator_id"], row["council_id"], 2005, "actual", 13.0 if row["council_id"] == "melton"
                    else 10.0) for row in rows]
    values += [value(row["indicator_id"], row["council_id"], 2006, "target", 12.0) for row in rows]
    folder = write_extracts(tmp_path / "extracts", indicators=rows, indicator_values=values)
    monkeypatch.setenv("PERFDASH_EXTRACTS_DIR", str(folder))
    monkeypatch.setenv("PERFDASH_STORE", str(tmp_path / "actuals.duckdb"))
    monkeypatch.setenv("PERFDASH_DEMO_STORE", str(tmp_path / "demo.duckdb"))
    monkeypatch.setattr(comparison, "DETAIL_COUNCILS", 2)
    monkeypatch.setattr(comparison, "CHART_CODES", 2)
    monkeypatch.setattr(comparison, "CHART_TARGETS", 2)


def test_compare_counts_too_many_councils_against_target_and_asks_to_narrow(bounded_compare):
    app = run_compare_tab("Shared indicators")
    assert_drawn_cleanly(app)
    assert "4 councils are compared, too many to draw one by one" in app.info[0].value
    assert "Choose 2 or fewer councils" in app.info[0].value
    captions = " ".join(caption.value for caption in app.caption)
    assert "Showing 2 of the 3 national codes the chosen councils share" in captions
    counts = chart_titled(app, "Shared indicators: councils' latest actual against their own next target")
    assert [trace["name"] for trace in counts["data"]] == ["Better than target", "Same as target",
                                                          "Worse than target", "Not comparable"]
    assert counts["data"][0]["y"] == ["BV12 Indicator BV12 (%, lower is better)",
                                      "BV9 Indicator BV9 (%, lower is better)"]
    table = table_with(app, "not_comparable")
    assert table[["code", "councils_sharing", "indicators", "better", "worse"]].values.tolist() == [
        ["BV12", 4, 4, 3, 1], ["BV9", 3, 3, 3, 0]]
    assert not any("against_other_councils" in frame.value.columns for frame in app.dataframe)

    app.button(key="shared-full").click().run()
    assert_drawn_cleanly(app)
    assert "Download all 9 rows" in [button.proto.label for button in app.get("download_button")]


def test_the_theme_matrix_draws_a_bounded_number_of_councils_and_its_table_holds_them_all(bounded_compare):
    app = run_page("app_pages/compare.py")
    assert_drawn_cleanly(app)
    [matrix] = chart_specs(app)
    # The first two by name of Leicester, Leicestershire, Melton and North West Leicestershire.
    assert matrix["data"][0]["y"] == ["Leicester City Council", "Leicestershire County Council"]
    assert "The heat map shows the first 2 by name of the 4 chosen councils" in " ".join(c.value for c in app.caption)
    assert table_with(app, "common_theme")["council_id"].nunique() == 4


def test_compare_draws_each_council_once_narrowed_to_the_bound(bounded_compare):
    app = run_compare_tab("Shared indicators", council=["leicester", "melton"])
    assert_drawn_cleanly(app)
    assert not app.info
    assert not any("national codes" in caption.value for caption in app.caption)  # both shared codes drawn
    assert not [button for button in app.button if button.key == "shared-full"]
    shared = chart_titled(app, "Shared indicators: latest actual")
    assert sorted(trace["name"] for trace in shared["data"] if trace["type"] == "bar") == [
        "Leicester City Council actual", "Leicester City Council actual", "Melton Borough Council actual",
        "Melton Borough Council actual"]
    table = table_with(app, "against_other_councils")
    assert sorted(set(table["code"])) == ["BV12", "BV3"]
    verdicts = table.set_index(["code", "council_name"])
    assert verdicts.loc[("BV12", "Melton Borough Council"), ["against_target", "against_other_councils"]].tolist() \
        == ["Worse", "Worse than the others"]
    assert verdicts.loc[("BV3", "Leicester City Council"), ["against_target", "against_other_councils"]].tolist() \
        == ["Better", "Better than the others"]


def test_compare_draws_the_largest_target_changes_and_counts_them_all(bounded_compare):
    app = run_compare_tab("Target ambition")
    assert_drawn_cleanly(app)
    ambition = chart_titled(app, "Target ambition")
    assert ambition["layout"]["title"]["text"].replace("<br>", " ").endswith(": the 2 largest changes of 9 targets")
    assert len(ambition["data"][0]["y"]) == 2
    assert "The chart shows the 2 targets asking the largest change" in " ".join(c.value for c in app.caption)
    assert table_with(app, "median_ambition_percent")["targets"].sum() == 9
    app.button(key="ambition-full").click().run()
    assert "Download all 9 rows" in [button.proto.label for button in app.get("download_button")]


def test_trend_and_profile_tables_link_each_figure_to_its_line():
    trends = run_page("app_pages/trends.py", ind="nwl-delivery-2007:BV9")
    links = table_with(trends, "Show source")["Show source"]
    assert links.str.startswith("sources?file=nw-leicestershire_council-delivery-plan_2007-10.txt&line=992").all()
    profiles = run_page("app_pages/profiles.py", pc="nw-leicestershire", q="BV9")
    assert table_with(profiles, "Show source")["Show source"].str.contains("&line=992").any()


def test_trends_explain_the_status_rule_on_the_page_rather_than_naming_a_repository_file():
    from perfdash.rag.settings import load_rules

    app = run_page("app_pages/trends.py")
    assert_drawn_cleanly(app)
    text = " ".join(m.value for m in app.markdown)
    assert "docs/" not in text and ".md" not in text
    assert all(words in text for words in ("On target", "Slightly off target", "Off target", "No target"))
    assert f"The tolerance is {load_rules().default.amber_tolerance:g}% of the target" in text


def shown_headers(frame) -> list[str]:
    """The column headers a user sees: each column's label where one is set, else its name;
    hidden columns left out."""
    import json

    config = json.loads(frame.proto.columns or "{}")
    return [config.get(name, {}).get("label", name) for name in frame.value.columns
            if not config.get(name, {}).get("hidden")]


def test_the_table_of_a_code_across_councils_has_labelled_columns():
    app = run_page("app_pages/profiles.py", pc="nw-leicestershire", pcode="BV12")
    assert_drawn_cleanly(app)
    across = next(frame for frame in app.dataframe if "council_name" in frame.value.columns)
    headers = shown_headers(across)
    assert headers[:3] == ["Council", "Indicator", "Unit"] and "Target" in headers and "Source line" in headers
    assert not [header for header in headers if "_" in header], headers  # no raw column names
