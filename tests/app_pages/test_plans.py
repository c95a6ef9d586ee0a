"""AppTest for the Actions and Sources pages, on the committed extracts."""
import json

from tests.app_pages.helpers import assert_drawn_cleanly, run_page, table_with

NWL_FILE = "nw-leicestershire_council-delivery-plan_2007-10.txt"
MILESTONES = "Quarterly milestones (NW Leicestershire)"
PROGRESS = "Progress status (Melton)"


def metrics(app) -> dict[str, str]:
    return {metric.label: metric.value for metric in app.metric}


def test_actions_page_counts_every_action_and_links_each_to_its_line(committed_tables):
    app = run_page("app_pages/actions.py")
    assert_drawn_cleanly(app)
    assert metrics(app)["Actions"] == f"{len(committed_tables['actions']):,}"
    table = table_with(app, "Responsible officer")
    assert len(table) == len(committed_tables["actions"])
    assert table["Source line"].str.match(r"^sources\?file=[^&]+\.txt&line=\d+#").all()


def test_a_url_search_finds_the_known_nwl_action_with_its_officer_and_source():
    app = run_page("app_pages/actions.py", q="Review the Scrutiny function")
    assert_drawn_cleanly(app)
    table = table_with(app, "Responsible officer")
    assert table["Action"].tolist() == ["Review the Scrutiny function"]
    row = table.iloc[0]
    assert row["Responsible officer"] == "Head of Policy & Performance"
    assert row["Source line"] == f"sources?file={NWL_FILE}&line=947#{NWL_FILE}:947"
    assert metrics(app)["Actions"] == "1" and metrics(app)["With quarterly milestones"] == "1"
    assert not app.get("table"), "the milestones tab waits until it is chosen"
    app = run_page("app_pages/actions.py", q="Review the Scrutiny function", tab=MILESTONES)
    assert_drawn_cleanly(app)
    assert not [frame for frame in app.dataframe if "Responsible officer" in frame.value.columns]
    grid = app.get("table")[0].proto
    assert "Evaluate role of scrutiny" in str(grid) and f"{NWL_FILE}:947" in str(grid)


def test_the_officer_filter_in_the_url_keeps_only_their_actions(committed_tables):
    app = run_page("app_pages/actions.py", officer="Head of Policy & Performance")
    assert_drawn_cleanly(app)
    expected = sum(r["responsible"] == "Head of Policy & Performance" for r in committed_tables["actions"])
    table = table_with(app, "Responsible officer")
    assert len(table) == expected and set(table["Responsible officer"]) == {"Head of Policy & Performance"}


def test_melton_progress_shows_status_in_words_a_titled_chart_and_the_rule(committed_tables):
    app = run_page("app_pages/actions.py", council="melton", tab=PROGRESS)
    assert_drawn_cleanly(app)
    melton = [r for r in committed_tables["actions"] if r["council_id"] == "melton"]
    spec = json.loads(app.get("plotly_chart")[0].proto.spec)
    assert "number of actions" in spec["layout"]["title"]["text"]
    bars = dict(zip(spec["data"][0]["y"], spec["data"][0]["text"]))
    delayed = sum(r["status"] == "Delayed" for r in melton)
    assert bars["▲ Delayed"] == f"{delayed} actions"
    progress = table_with(app, "Progress as printed")
    assert len(progress) == len(melton)
    assert progress["Status"].str.match(r"^(✔ Completed|◐ In progress|○ Not started|▲ Delayed|\? Unknown|"
                                        r"– No progress reported)$").all()
    rule = " ".join(m.value for m in app.markdown)
    assert "first that matches wins" in rule and "**Delayed**" in rule
    milestones = run_page("app_pages/actions.py", council="melton", tab=MILESTONES)
    assert any("No action with quarterly milestones" in i.value for i in milestones.info)


def test_actions_page_explains_when_nothing_matches():
    app = run_page("app_pages/actions.py", q="no action is called this")
    assert_drawn_cleanly(app)
    assert "No action matches" in app.info[0].value


def test_sources_page_lands_on_the_bv9_line_and_lists_the_rows_citing_it():
    app = run_page("app_pages/sources.py", file=NWL_FILE, line="992")
    assert_drawn_cleanly(app)
    assert app.selectbox(key="file").value == NWL_FILE
    assert app.code[0].value.startswith("BV9\tPercentage of Council Tax Collected")
    citing = table_with(app, "Figure as printed")
    assert set(citing["Source line"]) == {f"{NWL_FILE}:992"}
    figures = citing[citing["Extract"] == "Indicator figure"]
    assert {"94.09%", "98.00%", "30.5%"} <= set(figures["Figure as printed"])
    assert set(figures["Unit"]) == {"%"} and set(figures["Polarity"]) == {"Higher is better"}
    body = app.get("html")[0].proto.body
    assert 'id="L992" class="used focus"' in body and "◆ cited line" in body
    assert 'id="L952"' in body and 'id="L1032"' in body and 'id="L1033"' not in body
    assert "&lt;p&gt;STRATEGIC AIM" in body and "<p>STRATEGIC" not in body


def test_sources_page_whole_document_toggle_and_a_line_past_the_end():
    app = run_page("app_pages/sources.py", file=NWL_FILE, line="992", whole="true")
    assert_drawn_cleanly(app)
    assert 'id="L1"' in app.get("html")[0].proto.body and 'id="L1330"' in app.get("html")[0].proto.body
    app = run_page("app_pages/sources.py", file=NWL_FILE, line="99999")
    assert not app.exception
    assert "no line 99,999" in app.warning[0].value


def test_sources_page_lists_findings_filtered_by_the_url(committed_tables):
    app = run_page("app_pages/sources.py", fplan="melton-improvement-2009", severity="warning")
    assert_drawn_cleanly(app)
    findings = table_with(app, "Finding")
    expected = [r for r in committed_tables["quality_findings"]
                if r["plan_id"] == "melton-improvement-2009" and r["severity"] == "warning"]
    assert len(findings) == len(expected) > 0
    assert set(findings["Severity"]) == {"▲ Warning"}
    assert findings["Source line"].str.startswith("sources?file=melton_improvement-plan-appendix-a_2009-10.txt").all()
