"""AppTest for the quarterly cycle: recording outturns (sign-in, upload, grid, commit) and the
Board's exceptions report, each against a store in a temporary folder."""
from __future__ import annotations

import pytest

from perfdash.access import editors
from perfdash.store.outturns import DEMO, ActualsStore, Outturn
from tests.app_pages.helpers import (
    assert_drawn_cleanly,
    chart_specs,
    run_page,
    table_with,
    trace_values,
)

NWL = "nw-leicestershire"
BV9 = "nwl-delivery-2007:BV9"
BV10 = "nwl-delivery-2007:BV10"
PASSWORD = "correct horse battery"


@pytest.fixture
def store(tmp_path, monkeypatch):
    monkeypatch.setenv("PERFDASH_STORE", str(tmp_path / "actuals.duckdb"))
    monkeypatch.setenv("PERFDASH_DEMO_STORE", str(tmp_path / "demo.duckdb"))
    monkeypatch.setenv("PERFDASH_EDITORS", str(tmp_path / "editors.yaml"))
    editors.add_editor("jo.bloggs", PASSWORD)
    return ActualsStore(tmp_path / "actuals.duckdb")


def _submit(app):
    return [b for b in app.button if b.label == "Sign in"][0]


def test_recording_needs_a_sign_in(store):
    app = run_page("app_pages/record.py")
    assert_drawn_cleanly(app)
    assert "needs an editor sign-in" in " ".join(i.value for i in app.info)
    assert not app.file_uploader


def test_a_wrong_password_records_nothing(store):
    app = run_page("app_pages/record.py")
    app.text_input(key="perfdash_sign_in_name").set_value("jo.bloggs")
    app.text_input(key="perfdash_sign_in_password").set_value("not the password")
    _submit(app).click()
    app.run()
    assert "Name or password not recognised" in " ".join(e.value for e in app.error)
    assert not app.file_uploader


def _signed_in_app(**query):
    app = run_page("app_pages/record.py", **query)
    app.text_input(key="perfdash_sign_in_name").set_value("jo.bloggs")
    app.text_input(key="perfdash_sign_in_password").set_value(PASSWORD)
    _submit(app).click()
    return app.run()


def test_upload_is_previewed_row_by_row_and_a_bad_file_records_nothing(store):
    app = _signed_in_app(council_q=NWL, year="2007", quarter="1")
    assert_drawn_cleanly(app)
    bad = (b"council_id,indicator,year,quarter,value,comment\n"
           b"nw-leicestershire,BV9,2007/08,1,29.0%,ok\n"
           b"nw-leicestershire,BV10,2007/08,1,lots,\n")
    app.file_uploader[0].set_value(("q1.csv", bad, "text/csv"))
    app.run()
    preview = table_with(app, "Check")
    assert preview["Check"].tolist() == ["✔ Ready", "✖ value: 'lots' is not a number"]
    assert "nothing will be written" in " ".join(e.value for e in app.error)
    record = [b for b in app.button if b.label.startswith("Record")][0]
    assert record.disabled
    assert store.latest().empty


def test_a_good_upload_is_recorded_with_its_editor_and_shows_in_the_history(store):
    app = _signed_in_app(council_q=NWL, year="2007", quarter="1")
    good = (b"council_id,indicator,year,quarter,value,comment\n"
            b"nw-leicestershire,BV9,2007/08,Q1,29.0%,Direct debit run failed in June\n"
            b"nw-leicestershire,BV10,2007/08,1,33.0%,\n")
    app.file_uploader[0].set_value(("q1.csv", good, "text/csv"))
    app.run()
    record = [b for b in app.button if b.label.startswith("Record")][0]
    assert record.label == "Record 2 outturns as jo.bloggs"
    record.click()
    app.run()
    assert_drawn_cleanly(app)
    assert "recorded 2 outturn(s) as jo.bloggs" in " ".join(s.value for s in app.success)
    latest = store.latest().set_index("indicator_id")
    assert latest.loc[BV9, ["value", "submitted_by", "comment"]].tolist() == [
        29.0, "jo.bloggs", "Direct debit run failed in June"]
    history = table_with(app, "Replaced value")
    assert sorted(history["Indicator"]) == [BV10, BV9]


def test_the_grid_records_only_the_rows_filled_in(store):
    app = _signed_in_app(council_q=NWL, year="2007", quarter="1")
    app.radio(key="record_how").set_value("Type them into a grid")
    app.run()
    rows = app.data_editor[0].value
    bv9 = int(rows.index[rows["indicator"] == "BV9"][0])
    # AppTest applies grid edits through the editor's edit state, as the browser sends them.
    app.session_state["grid-0"] = {"edited_rows": {bv9: {"value": "31"}}, "added_rows": [], "deleted_rows": []}
    app.run()
    assert table_with(app, "Check")["Check"].value_counts()["✔ Ready"] == 1
    [b for b in app.button if b.label.startswith("Record")][0].click()
    app.run()
    assert store.latest()["indicator_id"].tolist() == [BV9]


def test_exceptions_report_shows_red_indicators_with_gap_comment_and_history(store):
    store.record([
        Outturn(BV9, NWL, 2007, 1, 28.0, "28.0%", "Billing system outage in May"),
        Outturn(BV9, NWL, 2007, 2, 29.0, "29.0%", "Backlog still clearing"),
        Outturn(BV10, NWL, 2007, 1, 33.0, "33.0%"), Outturn(BV10, NWL, 2007, 2, 28.0, "28.0%"),
    ], "jo.bloggs")
    app = run_page("app_pages/exceptions.py", council_q=NWL, year="2007", quarter="2")
    assert_drawn_cleanly(app)
    headings = [m.value for m in app.markdown if m.value.startswith("####")]
    # BV9: 57 year to date against 60 (5% tolerance is 3): amber. BV10: 61 against 60.2: green.
    assert headings == ["#### ▲ Slightly off target — BV9 · Percentage of Council Tax Collected"]
    text = " ".join(m.value for m in app.markdown)
    assert "Backlog still clearing" in text and "Q1 2007/08 ✖ · Q2 2007/08 ▲" in text
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Actual"] == "57%" and metrics["Off target since"] == "Q1 2007/08"
    assert app.get("download_button")


def test_exceptions_what_if_compares_other_tolerances(store):
    store.record([Outturn(BV9, NWL, 2007, 1, 29.5, "29.5%")], "jo.bloggs")  # 1 under 30.5: within 5%
    app = run_page("app_pages/exceptions.py", council_q=NWL, year="2007", quarter="1")
    assert_drawn_cleanly(app)
    what_if = table_with(app, "Code")
    row = what_if[what_if["Code"] == "BV9"].iloc[0]
    assert row["As configured"] == "▲ Slightly off target"
    assert row["No amber band for all"] == "✖ Off target"
    assert row["10% of target for all"] == "▲ Slightly off target"
    counts = table_with(app, "No amber band for all")
    assert counts.loc["✖ Off target", "No amber band for all"] == 1


def test_exceptions_report_says_when_nothing_is_recorded(store):
    app = run_page("app_pages/exceptions.py", council_q=NWL, year="2007", quarter="3")
    assert_drawn_cleanly(app)
    assert "No outturns are recorded for Q3 2007/08" in " ".join(i.value for i in app.info)


def test_demo_mode_labels_generated_figures_and_never_shows_real_ones(store, tmp_path):
    store.record([Outturn(BV9, NWL, 2007, 1, 10.0, "10%", "REAL FIGURE")], "jo.bloggs")
    ActualsStore(tmp_path / "demo.duckdb", DEMO).record(
        [Outturn(BV9, NWL, 2007, 1, 30.0, "30%", "generated")], "demo-generator")
    app = run_page("app_pages/profiles.py", pc=NWL, q="BV9", demo="true")
    assert_drawn_cleanly(app)
    assert "Demonstration data" in " ".join(w.value for w in app.warning)
    bv9 = [s for s in chart_specs(app) if s["layout"]["title"]["text"].startswith("BV9 ·")][0]
    actual_traces = [t for t in bv9["data"] if t.get("name", "").startswith("Actual")]
    # Only the demo figure is drawn: 30 against the Q1 profile of 30.5, within 5%: amber.
    assert [trace_values(t) for t in actual_traces] == [[30.0]]
    assert actual_traces[0]["text"] == ["▲ Slightly off target"]
    # The table behind the chart gives the same figure with its unit, polarity and target's source line.
    outturns = table_with(app, "Target source")
    bv9_row = outturns[outturns["Code"] == "BV9"].iloc[0]
    assert (bv9_row["Actual"], bv9_row["Unit"], bv9_row["Polarity"]) == (30.0, "percent", "higher")
    assert bv9_row["Target source"].endswith(":992")


def test_record_page_refuses_to_write_in_demo_mode(store):
    app = run_page("app_pages/record.py", demo="true")
    assert_drawn_cleanly(app)
    assert any("Demonstration mode is on" in w.value for w in app.warning)
    assert not app.file_uploader


def test_rows_for_another_quarter_are_pointed_out_before_recording(store):
    app = _signed_in_app(council_q=NWL, year="2007", quarter="1")
    app.file_uploader[0].set_value(("q2.csv", b"council_id,indicator,year,quarter,value\n"
                                              b"nw-leicestershire,BV9,2007/08,2,29.0%\n", "text/csv"))
    app.run()
    assert "Q2 2007/08 (nw-leicestershire)" in " ".join(w.value for w in app.warning)
