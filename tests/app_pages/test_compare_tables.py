"""AppTest: the Compare page's tables read in the users' words: every shown column labelled, no
raw column names, and no None where a plan prints no figure."""
import json

from tests.app_pages.helpers import COMPARE_TABS, assert_drawn_cleanly, run_compare_tab


def shown_headers(frame) -> list[str]:
    """The column headers a user sees: each column's label where one is set, else its name;
    hidden columns left out."""
    config = json.loads(frame.proto.columns or "{}")
    return [config.get(name, {}).get("label", name) for name in frame.value.columns
            if not config.get(name, {}).get("hidden")]


def test_every_table_on_the_compare_page_has_labelled_columns_and_no_none():
    apps = [run_compare_tab(tab) for tab in COMPARE_TABS]
    for app in apps:
        assert_drawn_cleanly(app)
    # The tables of the query rows (the tabs' own prepared tables, such as quartile bands, name their
    # columns already): the theme matrix, shared indicators and their full table, ambition, county and districts.
    frames = [frame for app in apps for frame in app.dataframe if {"council_name", "code", "common_theme"} & set(frame.value.columns)]
    assert len(frames) >= 5
    for frame in frames:
        headers = shown_headers(frame)
        assert not [header for header in headers if "_" in header], headers
        texts = frame.value.select_dtypes(include=["object", "string"])
        assert not texts.isna().any().any(), [c for c in texts.columns if texts[c].isna().any()]
    shared = next(frame for frame in frames if "against_other_councils" in frame.value.columns)
    assert shown_headers(shared)[:3] == ["Code", "Council", "Indicator"]
    values = shared.value
    # A council that prints no target for a shared code reads "not reported", in words, not None.
    missing = values[values["target_period"] == "—"]
    assert not missing.empty and set(missing["target_shown"]) == {"not reported"}
    assert set(values["polarity"]) <= {"Higher is better", "Lower is better", "Neither higher nor lower is better"}
