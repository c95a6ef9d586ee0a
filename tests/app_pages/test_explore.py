"""AppTest for the Explore page: browsing, the dictionary and the SQL console."""
from perfdash import exports
from tests.app_pages.helpers import assert_drawn_cleanly, run_page, table_with


def test_browse_filters_an_extract_by_council_and_text():
    app = run_page("app_pages/explore.py", table="indicators", council="nw-leicestershire", contains="sickness")
    assert_drawn_cleanly(app)
    rows = table_with(app, "indicator_id")
    assert rows["indicator_id"].tolist() == ["nwl-delivery-2007:BV12"]
    assert "1 of 1 matching rows" in " ".join(c.value for c in app.caption)
    assert {b.label for b in app.get("download_button")} >= {"CSV", "Excel", "Parquet"}


def test_downloads_are_built_only_when_a_button_is_pressed(monkeypatch):
    """Excel for 5,000 rows takes about a second: a run of the page must not build any file."""
    def refuse(*args):
        raise AssertionError("a download was built while drawing the page")

    for name in ("to_csv_bytes", "to_excel_bytes", "to_parquet_bytes"):
        monkeypatch.setattr(exports, name, refuse)
    app = run_page("app_pages/explore.py", table="indicators", council="nw-leicestershire")
    assert_drawn_cleanly(app)
    buttons = app.get("download_button")
    assert [b.label for b in buttons] == ["CSV", "Excel", "Parquet"]
    assert all(b.proto.HasField("deferred_file_id") and not b.proto.url for b in buttons)


def test_browse_refuses_a_table_outside_the_contract_by_falling_back():
    app = run_page("app_pages/explore.py", table="information_schema.tables")
    assert_drawn_cleanly(app)
    assert app.selectbox(key="table").value == "indicators"


def test_console_runs_a_select_and_refuses_a_write():
    app = run_page("app_pages/explore.py", view="SQL console")
    app.text_area(key="sql").set_value("select code, title from indicators where code = 'BV9'")
    app.button(key="run").click().run()
    assert_drawn_cleanly(app)
    results = [f.value for f in app.dataframe if list(f.value.columns) == ["code", "title"]]
    assert len(results) == 1 and set(results[0]["code"]) == {"BV9"}  # Leicester's BVPP and NW Leicestershire

    app.text_area(key="sql").set_value("CREATE TABLE x AS SELECT 1")
    app.button(key="run").click().run()
    assert app.error and "CREATE" in app.error[0].value


def test_console_refuses_a_write_hidden_in_a_cte_and_the_data_is_intact_for_the_next_visitor():
    attacker = run_page("app_pages/explore.py", view="SQL console")
    attacker.text_area(key="sql").set_value("with x as (delete from councils returning *) select count(*) from x")
    attacker.button(key="run").click().run()
    assert attacker.error and "DELETE step" in attacker.error[0].value

    visitor = run_page("app_pages/explore.py", view="SQL console")
    visitor.text_area(key="sql").set_value("select count(*) as councils from councils")
    visitor.button(key="run").click().run()
    counts = [f.value for f in visitor.dataframe if list(f.value.columns) == ["councils"]]
    assert len(counts) == 1 and counts[0]["councils"][0] == 4


def test_console_example_fills_the_editor():
    app = run_page("app_pages/explore.py")
    first = app.selectbox(key="example").options[0]
    app.selectbox(key="example").select(first).run()
    assert app.text_area(key="sql").value.strip().lower().startswith(("--", "select", "with"))


def test_dictionary_lists_the_contract_columns():
    app = run_page("app_pages/explore.py")
    app.selectbox(key="dictionary-table").select("indicators").run()
    dictionary = table_with(app, "Allowed values")
    assert "indicator_id" in dictionary["Column"].tolist() and "polarity" in dictionary["Column"].tolist()
