"""AppTest for the Priorities page on the committed extracts: the plan's ranks, scrutiny gaps,
and restoring a workshop scenario from an uploaded file; and, on small hand-made folders, how many
councils it draws at once and the curated links to plans a folder does not hold."""
import pytest
import yaml

from perfdash.views import priorities as pr
from tests.app_pages.helpers import assert_drawn_cleanly, chart_specs, run_page
from tests.fixtures import write_extracts

WORKSHOP = "Ranking workshop"
NWL = "North West Leicestershire District Council"


def frame_with(app, column):
    return next(d.value for d in app.dataframe if column in d.value.columns)


def ranking(app):
    return frame_with(app, "Workshop rank")


def test_nw_leicestershire_priorities_show_the_plans_ranks_and_timeframes(committed_tables):
    app = run_page("app_pages/priorities.py", council="nw-leicestershire")
    assert_drawn_cleanly(app)
    table = frame_with(app, "Plan rank")
    # The nine ranked priorities, then the Corporate Action Teams' 18 priority outcomes, which are not ranked.
    assert table["Plan rank"].tolist()[:9] == [str(n) for n in range(1, 10)] and len(table) == 27
    assert table["Delivery timeframe"].iloc[0] == "2007 - 2008"
    # A priority reads as measured exactly when a stated indicator measures it, and every priority
    # the extracts print an indicator under is one of them.
    measured = table["Scrutiny"] == "✔ Measured"
    assert measured.tolist() == (table["Indicators stated"] > 0).tolist()
    assert set(table["Scrutiny"]) <= {"✔ Measured", pr.GAP_WORDS}
    printed_under = {row["priority_id"] for row in committed_tables["indicators"]
                     if (row.get("priority_id") or "").startswith("nwl-delivery-2007:")}
    assert printed_under and all(measured[table["Ref"] == pid.split(":")[1]].all() for pid in printed_under)
    assert table["Source line"].str.startswith("nw-leicestershire_council-delivery-plan_2007-10.txt:").all()


def test_scrutiny_gaps_are_counted_at_the_top_in_words(committed_tables):
    app = run_page("app_pages/priorities.py", council="leicestershire", gaps="true")
    assert_drawn_cleanly(app)
    listed = sum(row["council_id"] == "leicestershire" for row in committed_tables["priorities"])
    assert next(m for m in app.metric if m.label == "Priorities").value == str(listed)
    gaps = int(next(m for m in app.metric if "Scrutiny gaps" in m.label).value)
    # Only the gaps are listed, and the card, the warning and the list agree on how many there are.
    assert sum(len(t) for t in plan_tables(app)) == gaps
    assert app.warning[0].value == (f"⚠ {gaps} of {listed} priorities have no indicator measuring them: "
                                    "scrutiny gaps.")
    table = frame_with(app, "Plan rank")
    assert "Integrate Children's Services" in " ".join(table["Priority"])
    assert table["Scrutiny"].str.startswith("⚠ Scrutiny gap").all()


def test_one_priority_lists_stated_and_inferred_links_apart():
    app = run_page("app_pages/priorities.py", council="nw-leicestershire", p="nwl-delivery-2007:3")
    assert_drawn_cleanly(app)
    stated = frame_with(app, "Code")
    assert set(stated["How it is linked"]) == {"✔ Stated in the plan"}
    assert "BV9" in set(stated["Code"]) and stated["Polarity"].str.endswith("is better").all()
    assert any("939" in why for why in stated["Why"])


def test_workshop_starts_in_the_plans_order_with_a_titled_slope_chart():
    app = run_page("app_pages/priorities.py", wc="nw-leicestershire", tab=WORKSHOP)
    assert_drawn_cleanly(app)
    table = ranking(app)
    # 27 priorities: the nine the plan ranks, then the 18 CAT priority outcomes in the plan's order.
    assert table["Workshop rank"].tolist() == list(range(1, 28))
    assert table["Plan's ranking"].tolist() == list(range(1, 28))
    slope = [s for s in chart_specs(app) if "workshop's ranking" in s["layout"]["title"]["text"]]
    assert len(slope) == 1
    lines = [trace for trace in slope[0]["data"] if trace.get("hovertext")]
    assert len(lines) == 27 and all(trace["y"] == [n, n] for n, trace in enumerate(lines, start=1))
    # Each priority is named at both ends, in the same order while nothing has been scored.
    left, right = (slope[0]["layout"][axis]["ticktext"] for axis in ("yaxis", "yaxis2"))
    assert left[0].startswith("1. 1 · Put tenants first") and right[0].startswith("1. 1 · Put tenants first")
    assert all(name.endswith("=") for name in right)


def scenario_file(**changes):
    document = {"format": "perfdash-priority-workshop/1", "council": "nw-leicestershire", "note": "Away day",
                "criteria": [{"name": "Community impact", "weight": 2}, {"name": "Statutory duty", "weight": 1}],
                "scores": {"nwl-delivery-2007:9": {"Community impact": 5, "Statutory duty": 5},
                           "nwl-delivery-2007:4": {"Community impact": 4}}}
    document.update(changes)
    return yaml.safe_dump(document).encode()


def test_uploading_a_valid_scenario_restores_the_council_scores_and_order():
    app = run_page("app_pages/priorities.py", tab=WORKSHOP)
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
    app = run_page("app_pages/priorities.py", tab=WORKSHOP)
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


# --- many councils, on a small hand-made folder -------------------------------------------------------

def council_rows(count):
    councils = [{"council_id": f"c{n}", "name": f"Council {n:02d}", "tier": "district", "parent_council_id": None}
                for n in range(1, count + 1)]
    plans = [{"plan_id": f"c{n}-plan", "council_id": f"c{n}", "title": f"Plan of council {n:02d}",
              "plan_type": "delivery_plan", "period_label": "2007-2010", "start_year": 2007, "end_year": 2010,
              "source_file": f"c{n}.txt", "original_file": "000.txt"} for n in range(1, count + 1)]
    priorities = [{"priority_id": f"c{n}-plan:{ref}", "council_id": f"c{n}", "plan_id": f"c{n}-plan", "rank": None,
                   "title": f"Priority {ref} of council {n}", "timeframe": None, "theme": None,
                   "common_theme": "Housing", "source": f"c{n}.txt:{10 + ref}"}
                  for n in range(1, count + 1) for ref in (1, 2)]
    return councils, plans, priorities


def use_extracts(tmp_path, monkeypatch, **tables):
    folder = write_extracts(tmp_path / "extracts", **tables)
    monkeypatch.setenv("PERFDASH_EXTRACTS_DIR", str(folder))
    monkeypatch.setenv("PERFDASH_STORE", str(tmp_path / "actuals.duckdb"))
    monkeypatch.setenv("PERFDASH_DEMO_STORE", str(tmp_path / "demo.duckdb"))


@pytest.fixture
def seven_councils(tmp_path, monkeypatch):
    """Seven councils with two priorities each, and none of the plans the curated links quote."""
    councils, plans, priorities = council_rows(7)
    use_extracts(tmp_path, monkeypatch, councils=councils, plans=plans, priorities=priorities)


def plan_tables(app):
    return [d.value for d in app.dataframe if "Plan rank" in d.value.columns]


def test_with_no_council_chosen_a_bounded_number_is_drawn_and_the_csv_holds_every_one(seven_councils):
    app = run_page("app_pages/priorities.py")
    # The curated links quote plans this folder does not hold: they are set aside, not an error.
    assert_drawn_cleanly(app)
    assert next(m for m in app.metric if m.label == "Priorities").value == "14"
    captions = " ".join(c.value for c in app.caption)
    assert f"Showing {pr.COUNCILS_DRAWN} of 7 councils — choose councils in the sidebar to see others" in captions
    tables = plan_tables(app)
    assert len(tables) == pr.COUNCILS_DRAWN and all(len(t) == 2 for t in tables)
    headings = [h.value for h in app.subheader]
    assert "Council 01: Plan of council 01" in headings and "Council 07: Plan of council 07" not in headings
    download = next(b for b in app.get("download_button") if b.label.endswith("(CSV)"))
    assert download.label == "Download all 14 priorities of 7 councils (CSV)"
    assert download.proto.HasField("deferred_file_id")  # made only when someone asks for it
    assert len(app.selectbox(key="p").options) == 2 * pr.COUNCILS_DRAWN


def test_councils_chosen_in_the_sidebar_are_all_drawn(seven_councils):
    app = run_page("app_pages/priorities.py", council=["c6", "c7"])
    assert_drawn_cleanly(app)
    assert not any("Showing" in c.value for c in app.caption)
    assert [h.value for h in app.subheader][:2] == ["Council 06: Plan of council 06", "Council 07: Plan of council 07"]
    assert len(plan_tables(app)) == 2


def test_a_curated_plan_that_lacks_its_priority_is_still_reported(tmp_path, monkeypatch):
    councils, plans, priorities = council_rows(1)
    nwl_plan = {**plans[0], "plan_id": "nwl-delivery-2007", "council_id": "c1"}
    tenants = {**priorities[0], "priority_id": "nwl-delivery-2007:1", "plan_id": "nwl-delivery-2007"}
    use_extracts(tmp_path, monkeypatch, councils=councils, plans=[*plans, nwl_plan], priorities=[*priorities, tenants])
    app = run_page("app_pages/priorities.py")
    assert not app.exception
    assert "'nwl-delivery-2007:3' is not a priority of nwl-delivery-2007" in app.error[0].value
    assert len(plan_tables(app)) == 2
