"""AppTest for the Scorecard, the leadership team's landing page, against stores in a temporary
folder: headline counts as icon, word and number for the council and each priority or theme, the
table by priority with trends and SPC, the board pack downloads, and "/" opening it."""
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from perfdash.rag import rule as rag
from perfdash.store.outturns import DEMO, ActualsStore
from perfdash.views import scorecard as sc
from tests.app_pages.helpers import APP, assert_drawn_cleanly, run_page
from tests.boardpack import stores

QUARTER = {"council_q": stores.NWL, "year": str(stores.YEAR), "quarter": str(stores.QUARTER)}


@pytest.fixture(scope="module")
def recorded(tmp_path_factory):
    folder = tmp_path_factory.mktemp("scorecard-page")
    store = stores.quarter_store(folder)
    return folder, store, stores.status_for(store)


@pytest.fixture
def store(recorded, tmp_path, monkeypatch):
    _, actuals, status = recorded
    monkeypatch.setenv("PERFDASH_STORE", str(actuals.location))
    monkeypatch.setenv("PERFDASH_DEMO_STORE", str(tmp_path / "demo.duckdb"))
    return actuals, status


def metrics(app) -> list[tuple[str, str]]:
    return [(m.label, m.value) for m in app.metric]


def test_headline_counts_are_icon_word_and_number_for_the_council(store):
    _, status = store
    app = run_page("app_pages/scorecard.py", **QUARTER)
    assert_drawn_cleanly(app)
    expected = [(rag.status_label(s), str(int((status["rag"] == s).sum()))) for s in rag.STATUSES]
    assert metrics(app)[:len(rag.STATUSES)] == expected
    assert f"Q2 2007/08: {len(status)} indicators" in [s.value for s in app.subheader]


def test_each_priority_has_its_counts_and_its_table(store):
    _, status = store
    app = run_page("app_pages/scorecard.py", **QUARTER)
    extract = stores.indicators().set_index("indicator_id")
    linked = extract.loc[status["indicator_id"], "priority_id"].dropna()
    headings = [s.value for s in app.subheader]
    assert sum(h.startswith("Priority ") for h in headings) == linked.nunique()
    assert sc.NOT_LINKED in headings
    # The council's counts, then one set of five for each group.
    groups = linked.nunique() + 1
    assert len(app.metric) == len(rag.STATUSES) * (1 + groups)
    tables = [frame.value for frame in app.dataframe if "title" in frame.value.columns]
    assert len(tables) == groups and sum(len(t) for t in tables) == len(status)
    for table in tables:
        assert list(table.columns) == list(sc.TABLE_LABELS)
        assert all(cell.split(" ", 1)[0] in rag.STATUS_ICONS.values() for cell in table["rag"])
        assert set(table["variation"]) == {"Too few points for SPC"}  # two quarters only
        assert all(cell.split(" ", 1)[0] in "▲▼►–" for cell in table["direction"])


def test_grouped_by_theme_from_the_link(store):
    _, status = store
    app = run_page("app_pages/scorecard.py", group="theme", **QUARTER)
    assert_drawn_cleanly(app)
    themes = sorted(set(stores.indicators().set_index("indicator_id").loc[status["indicator_id"], "common_theme"]))
    headings = [s.value for s in app.subheader]
    assert [h for h in headings if h in themes] == themes
    counts = next(frame.value for frame in app.dataframe if "Common theme" in frame.value.columns)
    assert counts["Common theme"].tolist() == themes and counts["Indicators"].sum() == len(status)


def test_the_board_pack_is_offered_as_powerpoint_and_pdf(store):
    app = run_page("app_pages/scorecard.py", **QUARTER)
    buttons = {b.proto.label: b.proto for b in app.get("download_button")}
    assert {"Download the board pack as PowerPoint", "Download the board pack as PDF"} <= set(buttons)


def test_meeting_mode_keeps_the_counts_and_tables_and_leaves_the_downloads_out(store):
    app = run_page("app_pages/scorecard.py", present="1", **QUARTER)
    assert_drawn_cleanly(app)
    assert any(b.label == "Leave meeting mode" for b in app.button)
    assert not [b for b in app.get("download_button") if "board pack" in b.proto.label]
    assert len(app.metric) > len(rag.STATUSES)


def test_a_quarter_without_outturns_says_so(store):
    app = run_page("app_pages/scorecard.py", council_q=stores.NWL, year=str(stores.YEAR), quarter="4")
    assert_drawn_cleanly(app)
    assert any("No outturns are recorded for Q4 2007/08 yet" in i.value for i in app.info)
    assert not app.metric


def test_the_root_address_opens_the_scorecard_on_the_newest_recorded_quarter(store):
    _, status = store
    app = AppTest.from_file(APP, default_timeout=60)
    app.run()
    assert_drawn_cleanly(app)
    assert [t.value for t in app.title] == ["Scorecard"]
    assert app.query_params["council_q"] == stores.NWL and app.query_params["quarter"] == "2"
    assert metrics(app)[2] == (rag.status_label("red"), str(int((status["rag"] == "red").sum())))


def test_the_root_address_keeps_demo_mode(store, tmp_path):
    ActualsStore(tmp_path / "demo.duckdb", DEMO).record(stores.quarter_outturns()[:5], "demo-generator")
    app = AppTest.from_file(APP, default_timeout=60)
    app.query_params["demo"] = "true"
    app.run()
    assert_drawn_cleanly(app)
    assert [t.value for t in app.title] == ["Scorecard"]
    assert any("Demonstration data" in w.value for w in app.warning)


def test_the_overview_points_to_the_scorecard(store):
    app = run_page("app_pages/overview.py")
    assert_drawn_cleanly(app)
    links = [link.proto for link in app.get("page_link")]
    assert any(link.label == "Open the Scorecard" and link.page.endswith("scorecard") for link in links), links
