"""The Exceptions report draws its cards a page at a time, worst first, and every exception stays
in the table and the CSV: against a quarter of NW Leicestershire with 18 red or amber indicators."""
from __future__ import annotations

import pytest

from tests.app_pages.helpers import assert_drawn_cleanly, run_page
from tests.boardpack import stores

QUARTER = {"council_q": stores.NWL, "year": str(stores.YEAR), "quarter": str(stores.QUARTER)}


@pytest.fixture(scope="module")
def recorded(tmp_path_factory):
    return stores.quarter_store(tmp_path_factory.mktemp("exception-cards"))


@pytest.fixture
def store(recorded, tmp_path, monkeypatch):
    monkeypatch.setenv("PERFDASH_STORE", str(recorded.location))
    monkeypatch.setenv("PERFDASH_DEMO_STORE", str(tmp_path / "demo.duckdb"))
    return recorded


def card_titles(app) -> list[str]:
    """Each card's heading, "#### <status> — [<code> · ]<title>"."""
    return [m.value for m in app.markdown if m.value.startswith("#### ")]


def same_indicators(headings: list[str], titles) -> bool:
    titles = list(titles)
    return len(headings) == len(titles) and all(h.endswith(f" {t}") for h, t in zip(headings, titles))


def exceptions_table(app):
    return next(frame.value for frame in app.dataframe if "off_target_since" in frame.value.columns)


def test_the_first_page_of_cards_is_the_ten_worst_and_the_table_holds_all(store):
    app = run_page("app_pages/exceptions.py", **QUARTER)
    assert_drawn_cleanly(app)
    table = exceptions_table(app)
    assert len(table) == 18 and "Exceptions: 18 red or amber" in [s.value for s in app.subheader]
    assert same_indicators(card_titles(app), table["title"][:10])
    assert app.number_input(key="cards").label == "Cards page (of 2)"
    assert "Cards 1–10 of 18, worst first. All 18 are in the table below and its CSV." in [c.value for c in app.caption]
    download = next(b for b in app.get("download_button") if b.label == "Download the exceptions as CSV")
    assert download.proto.HasField("deferred_file_id")  # made when pressed, not on every rerun


def test_the_next_page_of_cards_goes_on_where_the_first_ended(store):
    app = run_page("app_pages/exceptions.py", **QUARTER)
    app.number_input(key="cards").increment().run()
    assert_drawn_cleanly(app)
    assert same_indicators(card_titles(app), exceptions_table(app)["title"][10:])
    assert app.query_params["cards"] == "2"  # a link opens the same cards
    linked = run_page("app_pages/exceptions.py", cards="2", **QUARTER)
    assert card_titles(linked) == card_titles(app)
