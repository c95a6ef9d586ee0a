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
    assert "Q1 2007/08 ✖ · Q2 2007/08 ▲" in " ".join(m.value for m in app.markdown)
    assert any(t.value.startswith("Backlog still clearing — jo.bloggs, ") for t in app.text)
    metrics = {m.label: m for m in app.metric}
    assert metrics["Actual"].value == "57%" and metrics["Off target since"].value == "Q1 2007/08"
    # 57 against 60: 3 points short, 5% of the target, in a short value with the side beneath it.
    assert (metrics["Gap"].value, metrics["Gap"].proto.delta) == ("3 points", "below target (5.0% of target)")
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


HOSTILE_COMMENT = "![x](http://example.org/a.png) **bold** [link](http://x)\n# Heading"


def test_an_officers_comment_is_shown_as_plain_text_never_as_markdown(store):
    store.record([Outturn(BV9, NWL, 2007, 1, 27.0, "27.0%", HOSTILE_COMMENT)], "jo.bloggs")
    app = run_page("app_pages/exceptions.py", council_q=NWL, year="2007", quarter="1")
    assert_drawn_cleanly(app)
    # The comment is a text element, which Streamlit draws without Markdown or HTML parsing ...
    shown = [t.value for t in app.text if "example.org" in t.value]
    assert len(shown) == 1 and shown[0].startswith(f"{HOSTILE_COMMENT} — jo.bloggs, ")
    # ... and no Markdown element, which could become an image, a link or a heading, carries any of it.
    markdown = [m.value for m in app.markdown] + [c.value for c in app.caption]
    assert not [m for m in markdown if "example.org" in m or "**bold**" in m or "# Heading" in m]


def _downloads(monkeypatch):
    """Every file a page hands to a download button, by its download name. A file made only when
    its button is pressed is made here as the press would make it."""
    from streamlit.runtime.media_file_manager import MediaFileManager
    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

    files = {}
    keep, keep_deferred = MemoryMediaFileStorage.load_and_get_id, MediaFileManager.add_deferred

    def load_and_get_id(self, path_or_data, mimetype, kind, filename=None):
        files[filename] = path_or_data
        return keep(self, path_or_data, mimetype, kind, filename)

    def add_deferred(self, make, mimetype, coordinates, file_name=None, **kwargs):
        files[file_name] = make()
        return keep_deferred(self, make, mimetype, coordinates, file_name=file_name, **kwargs)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", load_and_get_id)
    monkeypatch.setattr(MediaFileManager, "add_deferred", add_deferred)
    return files


def test_the_exceptions_csv_cannot_run_a_formula_and_keeps_numbers(store, monkeypatch):
    import csv
    import io

    store.record([Outturn(BV9, NWL, 2007, 1, 27.0, "27.0%", "=HYPERLINK(\"http://x\",\"click\")"),
                  Outturn(BV10, NWL, 2007, 1, 20.0, "20.0%", "@SUM(A1:A9)")], "jo.bloggs")
    files = _downloads(monkeypatch)
    app = run_page("app_pages/exceptions.py", council_q=NWL, year="2007", quarter="1")
    assert_drawn_cleanly(app)
    rows = list(csv.DictReader(io.StringIO(files["exceptions-nw-leicestershire-2007-Q1.csv"].decode("utf-8"))))
    comments = {row["code"]: row["comment"] for row in rows}
    assert comments == {"BV9": "'=HYPERLINK(\"http://x\",\"click\")", "BV10": "'@SUM(A1:A9)"}
    # The gap is written as a number: 27 against 30.5 is -3.5, with no apostrophe in front.
    assert {row["code"]: float(row["gap"]) for row in rows}["BV9"] == -3.5


def test_the_history_csv_neutralises_comments(store, monkeypatch):
    store.record([Outturn(BV9, NWL, 2007, 1, 27.0, "27.0%", "+cmd|' /C calc'!A0"),
                  Outturn(BV10, NWL, 2007, 1, -5.0, "-5", "\t=1+1")], "jo.bloggs")
    files = _downloads(monkeypatch)
    app = _signed_in_app(council_q=NWL, year="2007", quarter="1")
    assert_drawn_cleanly(app)
    history = files["outturn-history.csv"].decode("utf-8")
    assert "'+cmd|' /C calc'!A0" in history and "'\t=1+1" in history
    assert ",-5," in history  # a value of -5 stays a number


def test_tables_have_labelled_columns_and_no_empty_cells(store):
    import json

    store.record([Outturn(BV9, NWL, 2007, 1, 27.0, "27.0%")], "jo.bloggs")  # no comment
    app = run_page("app_pages/exceptions.py", council_q=NWL, year="2007", quarter="1")
    report, everything = app.dataframe[0], app.dataframe[1]
    labels = {name: column.get("label") for name, column in json.loads(report.proto.columns).items()}
    assert labels["comment"] == "Officer's comment" and labels["rag"] == "Status" and labels["title"] == "Indicator"
    row = report.value.iloc[0]
    assert (row["comment"], row["target"], row["actual"]) == ("No comment recorded.", "30.5%", "27%")
    assert row["gap"] == "3.5 points below target (11.5% of target)"
    assert not report.value.isna().any().any() and not everything.value.isna().any().any()
    bv10 = everything.value[everything.value["code"] == "BV10"].iloc[0]
    assert (bv10["actual"], bv10["rag"]) == ("not reported", "– No data")


def test_the_pages_explain_the_status_rule_without_pointing_at_files(store):
    store.record([Outturn(BV9, NWL, 2007, 1, 27.0, "27.0%")], "jo.bloggs")
    exceptions = run_page("app_pages/exceptions.py", council_q=NWL, year="2007", quarter="1")
    recording = _signed_in_app(council_q=NWL, year="2007", quarter="1")
    for app in (exceptions, recording):
        assert "How status is decided" in [e.label for e in app.expander]
        words = " ".join([m.value for m in app.markdown] + [c.value for c in app.caption])
        assert "amber within 5% of target" in words  # North West Leicestershire's configured tolerance
        assert "docs/" not in words and ".md" not in words


def test_the_history_is_open_to_viewers_who_are_not_signed_in(store):
    store.record([Outturn(BV9, NWL, 2007, 1, 28.0, "28%", "First return")], "alice")
    store.record([Outturn(BV9, NWL, 2007, 1, 29.0, "29%", "Corrected")], "bob")
    app = run_page("app_pages/record.py", council_q=NWL, year="2007", quarter="1")
    assert_drawn_cleanly(app)
    history = table_with(app, "Replaced value")
    assert history[["Editor", "Value", "Replaced value"]].values.tolist() == [
        ["bob", "29%", "28%"], ["alice", "28%", "— (first value)"]]
    assert not app.file_uploader  # entering figures still needs a sign-in


def test_an_unusual_value_needs_the_editors_confirmation_before_it_is_recorded(store):
    app = _signed_in_app(council_q=NWL, year="2007", quarter="4")
    # Q4 of BV9 alone is 11.2% of the year (98.0% less 86.8%, line 992); 98% is the year to date.
    slip = b"council_id,indicator,year,quarter,value,comment\nnw-leicestershire,BV9,2007/08,4,98.0%,\n"
    app.file_uploader[0].set_value(("q4.csv", slip, "text/csv"))
    app.run()
    assert table_with(app, "Check")["Check"].iloc[0].startswith("⚠ Check:")
    record = [b for b in app.button if b.label.startswith("Record")][0]
    assert record.disabled
    [box for box in app.checkbox if box.label.startswith("I have checked")][0].check()
    app.run()
    [b for b in app.button if b.label.startswith("Record")][0].click()
    app.run()
    assert store.latest()["value"].tolist() == [98.0]


REGISTER = ("council_id,council_name,tier,parent_council_id,plan_id,plan_title,ref,code,title,unit,polarity,theme,"
            "profile,year,annual_target,q1_target,q2_target,q3_target,q4_target,baseline_year,baseline_value,source,"
            "common_theme\n")


def test_a_register_upload_is_previewed_and_imported_all_or_nothing(store):
    from perfdash.store.plans import PlanStore

    app = _signed_in_app(council_q=NWL, year="2007", quarter="1", record_tab="Targets for a year (KPI register)")
    assert_drawn_cleanly(app)
    assert {b.label for b in app.get("download_button")} >= {"Download the register (Excel)",
                                                             "Download the register (CSV)"}
    bad = (REGISTER + "charnwood,Charnwood Borough Council,district,leicestershire,ck,KPIs,HB02,NI181,Benefit days,"
           "fortnights,lower,,snapshot,2024/25,18,,,,,,,Test,Corporate health & value for money\n").encode()
    uploader = [u for u in app.file_uploader if u.label.startswith("A completed register")][0]
    uploader.set_value(("register.csv", bad, "text/csv"))
    app.run()
    preview = table_with(app, "Where")
    assert preview["Where"].tolist() == ["register.csv:2"] and preview["Check"].iloc[0].startswith("✖ unit:")
    assert [b for b in app.button if b.label == "Import this register"][0].disabled
    assert all(frame.empty for frame in PlanStore(store).latest_tables().values())

    good = bad.replace(b"fortnights", b"days")
    uploader = [u for u in app.file_uploader if u.label.startswith("A completed register")][0]
    uploader.set_value(("register.csv", good, "text/csv"))
    app.run()
    assert table_with(app, "Where")["Check"].tolist() == ["✔ Ready"]
    [b for b in app.button if b.label == "Import this register"][0].click()
    app.run()
    assert_drawn_cleanly(app)
    imported = PlanStore(store).latest_tables()["indicators"]
    assert imported[["council_id", "ref", "recorded_by"]].values.tolist() == [["charnwood", "HB02", "jo.bloggs"]]
    # The next run sees the new council everywhere the councils are listed.
    assert "charnwood" in app.selectbox(key="council_q").options or \
        "Charnwood Borough Council" in app.selectbox(key="council_q").options
