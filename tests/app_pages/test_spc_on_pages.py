"""SPC beside RAG on the pages the Board reads: with ten or more quarters, the Exceptions cards and
the Scorecard show the variation and assurance icons with alt text and words; with fewer, they say
SPC falls back to RAG and direction of travel."""
from __future__ import annotations

import re

from perfdash.store.outturns import ActualsStore, Outturn
from tests.app_pages.helpers import assert_drawn_cleanly, chart_specs, run_page, table_with

NWL = "nw-leicestershire"
BV12 = "nwl-delivery-2007:BV12"  # working days lost to sickness: lower is better, a cumulative profile


def twelve_quarters_then_a_jump(store: ActualsStore) -> None:
    """Eleven steady quarters of about 2.3 days, then 4.5 days in Q4 2007/08: far above the upper
    limit (the moving ranges are about 0.1), so a special cause of concern for a lower-is-better
    indicator. Figures written for this test."""
    steady = [2.3, 2.4, 2.2, 2.3, 2.35, 2.25, 2.3, 2.4, 2.2, 2.3, 2.35]
    quarters = [(year, quarter) for year in (2005, 2006, 2007) for quarter in (1, 2, 3, 4)]
    outturns = [Outturn(BV12, NWL, year, quarter, value, f"{value} days")
                for (year, quarter), value in zip(quarters, [*steady, 4.5])]
    store.record(outturns, "tester")


def test_an_exception_card_shows_the_spc_signal_as_icons_with_alt_text(tmp_path, monkeypatch):
    monkeypatch.setenv("PERFDASH_STORE", str(tmp_path / "store.duckdb"))
    twelve_quarters_then_a_jump(ActualsStore(tmp_path / "store.duckdb"))
    app = run_page("app_pages/exceptions.py", council_q=NWL, year="2007", quarter="4")
    assert_drawn_cleanly(app)
    spc = [m.value for m in app.markdown if "SPC (12 quarters)" in m.value]
    assert len(spc) == 1
    alts = re.findall(r'alt="([^"]+)"', spc[0])
    assert alts[0] == "Special cause variation: concern"
    assert "Special cause variation: concern" in spc[0]
    table = [f.value for f in app.dataframe if "spc_status" in f.value.columns][0]
    assert table["spc_status"].iloc[0].startswith("Off target | SPC: Special cause variation: concern; ")


def test_with_fewer_than_ten_quarters_the_card_says_spc_falls_back(tmp_path, monkeypatch):
    monkeypatch.setenv("PERFDASH_STORE", str(tmp_path / "store.duckdb"))
    ActualsStore(tmp_path / "store.duckdb").record([Outturn(BV12, NWL, 2007, 1, 4.0, "4 days")], "tester")
    app = run_page("app_pages/exceptions.py", council_q=NWL, year="2007", quarter="1")
    assert_drawn_cleanly(app)
    assert any("SPC needs at least 10 points" in c.value and "1 of 10 quarters" in c.value for c in app.caption)


def test_the_scorecard_shows_the_spc_icons_beside_its_table(tmp_path, monkeypatch):
    monkeypatch.setenv("PERFDASH_STORE", str(tmp_path / "store.duckdb"))
    twelve_quarters_then_a_jump(ActualsStore(tmp_path / "store.duckdb"))
    app = run_page("app_pages/scorecard.py", council_q=NWL, year="2007", quarter="4")
    assert_drawn_cleanly(app)
    icons = [m.value for m in app.markdown if 'alt="Special cause variation: concern"' in m.value]
    assert len(icons) == 1 and "BV12" in icons[0]


def test_trends_show_recorded_outturns_quarter_by_quarter_with_status_and_the_xmr_chart(tmp_path, monkeypatch):
    monkeypatch.setenv("PERFDASH_STORE", str(tmp_path / "store.duckdb"))
    twelve_quarters_then_a_jump(ActualsStore(tmp_path / "store.duckdb"))
    app = run_page("app_pages/trends.py", ind=BV12)
    assert_drawn_cleanly(app)
    titles = [spec["layout"]["title"]["text"].replace("<br>", " ") for spec in chart_specs(app)]
    assert any(t.startswith("BV12 · ") and "quarterly outturns against target (days)" in t for t in titles)
    assert any("XmR chart of the quarter's own outturn (days)" in t for t in titles)
    quarters = table_with(app, "Outturn (the quarter alone)")
    assert quarters["Quarter"].tolist()[0] == "Q1 2005/06" and quarters["Quarter"].tolist()[-1] == "Q4 2007/08"
    assert quarters["Where the outturn is from"].unique().tolist() == ["Recorded outturn"]
    # Q4 2007/08: 2.2 + 2.3 + 2.35 + 4.5 = 11.35 days to date against 9.5: off target.
    assert quarters["Status"].tolist()[-1] == "✖ Off target" and quarters["Compared with the target"].tolist()[-1] == \
        "11.35 days"
    assert any('alt="Special cause variation: concern"' in m.value for m in app.markdown)
