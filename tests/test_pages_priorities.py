"""AppTest for the Priorities page on the committed extracts: the plan's ranks, scrutiny gaps,
and restoring a workshop scenario from an uploaded file."""
import yaml

from tests.pages_helpers import assert_drawn_cleanly, chart_specs, run_page

NWL = "North West Leicestershire District Council"


def frame_with(app, column):
    return next(d.value for d in app.dataframe if column in d.value.columns)


def ranking(app):
    return frame_with(app, "Workshop rank")


def test_nw_leicestershire_priorities_show_the_plans_ranks_and_timeframes():
    app = run_page("pages/priorities.py", council="nw-leicestershire")
    assert_drawn_cleanly(app)
    table = frame_with(app, "Plan rank")
    assert table["Plan rank"].tolist() == [str(n) for n in range(1, 10)]
    assert table["Delivery timeframe"].iloc[0] == "2007 - 2008"
    assert table["Scrutiny"].isin(["✔ Measured", "⚠ Scrutiny gap: no indicator measures this priority"]).all()
    assert table["Source line"].str.startswith("nw-leicestershire_council-delivery-plan_2007-10.txt:").all()


def test_scrutiny_gaps_are_counted_at_the_top_in_words():
    app = run_page("pages/priorities.py", council="leicestershire", gaps="true")
    assert_drawn_cleanly(app)
    gaps = next(m for m in app.metric if "Scrutiny gaps" in m.label)
    assert int(gaps.value) > 0
    assert "scrutiny gaps" in app.warning[0].value
    table = frame_with(app, "Plan rank")
    assert "Integrate Children's Services" in " ".join(table["Priority"])
    assert table["Scrutiny"].str.startswith("⚠ Scrutiny gap").all()


def test_one_priority_lists_stated_and_inferred_links_apart():
    app = run_page("pages/priorities.py", council="nw-leicestershire", p="nwl-delivery-2007:3")
    assert_drawn_cleanly(app)
    stated = frame_with(app, "Code")
    assert set(stated["How it is linked"]) == {"✔ Stated in the plan"}
    assert "BV9" in set(stated["Code"]) and stated["Polarity"].str.endswith("is better").all()
    assert any("939" in why for why in stated["Why"])


def test_workshop_starts_in_the_plans_order_with_a_titled_slope_chart():
    app = run_page("pages/priorities.py", wc="nw-leicestershire")
    assert_drawn_cleanly(app)
    table = ranking(app)
    assert table["Workshop rank"].tolist() == list(range(1, 10))
    assert table["Plan's ranking"].tolist() == list(range(1, 10))
    slope = [s for s in chart_specs(app) if "workshop's ranking" in s["layout"]["title"]["text"]]
    assert len(slope) == 1 and len(slope[0]["data"]) == 9


def scenario_file(**changes):
    document = {"format": "perfdash-priority-workshop/1", "council": "nw-leicestershire", "note": "Away day",
                "criteria": [{"name": "Community impact", "weight": 2}, {"name": "Statutory duty", "weight": 1}],
                "scores": {"nwl-delivery-2007:9": {"Community impact": 5, "Statutory duty": 5},
                           "nwl-delivery-2007:4": {"Community impact": 4}}}
    document.update(changes)
    return yaml.safe_dump(document).encode()


def test_uploading_a_valid_scenario_restores_the_council_scores_and_order():
    app = run_page("pages/priorities.py")
    app.file_uploader(key="ws_upload").set_value(("meeting.yaml", scenario_file(), "application/x-yaml"))
    app.run()
    assert_drawn_cleanly(app)
    assert "Restored the scenario in meeting.yaml" in app.success[0].value
    assert app.selectbox(key="wc").value == "nw-leicestershire"
    table = ranking(app)
    assert table["Ref"].tolist()[:3] == ["9", "4", "1"]
    assert table.loc[1, "Change from the plan"] == "▲ up 2"
    assert "Away day" in [t.value for t in app.text_area]


def test_uploading_an_invalid_scenario_lists_the_problems_and_changes_nothing():
    app = run_page("pages/priorities.py")
    app.file_uploader(key="ws_upload").set_value(("meeting.yaml", scenario_file(), "application/x-yaml"))
    app.run()
    before = ranking(app)
    bad = scenario_file(scores={"nwl-delivery-2007:9": {"Community impact": 7}, "nwl-delivery-2007:99": {}})
    app.file_uploader(key="ws_upload").set_value(("broken.yaml", bad, "application/x-yaml"))
    app.run()
    assert not app.exception
    message = app.error[0].value
    assert "broken.yaml was not restored, and nothing has changed" in message
    assert "scores run from 0 to 5" in message and "nwl-delivery-2007:99" in message
    assert ranking(app).equals(before)
    assert app.selectbox(key="wc").value == "nw-leicestershire"
