"""The board pack's content (perfdash.boardpack.content): what both the deck and the PDF show."""
from __future__ import annotations

import pandas as pd

from perfdash.boardpack.source import load_board_pack
from perfdash.rag import rule as rag
from perfdash.rag.settings import load_rules
from tests.boardpack import stores


def test_the_same_data_gives_the_same_text(quarter_store, pack):
    again = load_board_pack(stores.connection_for(quarter_store), load_rules(), stores.NWL, stores.YEAR,
                            stores.QUARTER)
    assert again.text() == pack.text()
    assert again == pack


def test_file_names_carry_council_year_with_a_hyphen_and_quarter(pack):
    assert pack.file_stem == "nw-leicestershire-2007-08-Q2-board-pack"


def test_every_red_indicator_has_its_page_worst_first_with_its_own_comment(pack, reds):
    assert sorted(r.indicator_id for r in pack.reds) == sorted(reds["indicator_id"])
    shortfall = reds.set_index("indicator_id")
    relative = [shortfall.loc[r.indicator_id, "shortfall"] / abs(shortfall.loc[r.indicator_id, "target"])
                for r in pack.reds if shortfall.loc[r.indicator_id, "target"]]
    assert relative == sorted(relative, reverse=True)
    for red in pack.reds:
        assert red.comment == stores.comment_for(red.indicator_id)  # as typed: Markdown and HTML untouched
        assert red.given_by.startswith(f"Given by {stores.OFFICER} on ")
        assert red.status == f"{rag.status_label('red')} (red)"
        assert red.two_part_status.startswith("Off target | SPC: ")


def test_red_pages_chart_the_quarters_recorded(pack, quarter_store):
    """A per-quarter or snapshot indicator's chart shows the quarter's own outturns as recorded."""
    latest = quarter_store.latest().pivot_table(index="indicator_id", columns="quarter", values="value")
    profiles = stores.indicators().set_index("indicator_id")["profile"]
    checked = 0
    for red in pack.reds:
        if profiles[red.indicator_id] == "cumulative":
            continue
        assert red.periods == ("Q1 2007/08", "Q2 2007/08")
        recorded = [latest.loc[red.indicator_id, q] for q in (1, 2)]
        assert list(red.actuals) == [None if pd.isna(v) else v for v in recorded]
        assert red.targets[-1] is not None
        checked += 1
    assert checked >= 3


def test_the_headline_counts_and_appendix_cover_every_indicator(pack, status):
    assert {c.status: c.count for c in pack.counts} == {s: int((status["rag"] == s).sum()) for s in rag.STATUSES}
    listed = [row.cells[0] for row in pack.appendix if not row.is_group]
    titles = stores.indicators().set_index("indicator_id")["title"]
    assert len(listed) == len(status)
    assert all(any(cell.endswith(titles[i]) for cell in listed) for i in status["indicator_id"])


def test_the_pack_says_when_its_data_is_demonstration(quarter_store, pack):
    assert not pack.demo
    demo = load_board_pack(stores.connection_for(quarter_store), load_rules(), stores.NWL, stores.YEAR,
                           stores.QUARTER, demo=True)
    assert demo.demo and demo.text()[1:] == pack.text()[1:]


def test_with_twelve_quarters_the_red_page_gives_rag_and_spc_together(tmp_path):
    store = stores.spc_store(tmp_path)
    pack = load_board_pack(stores.connection_for(store), load_rules(), stores.NWL, 2007, 4)
    red = next(r for r in pack.reds if r.indicator_id == stores.SPC_INDICATOR)
    assert red.two_part_status.startswith("Off target | SPC: ")
    assert "Target reliably missed" in red.two_part_status
    assert len(red.periods) == len(stores.SPC_VALUES)
    # Every recorded quarter is charted, those before the plan set targets too.
    assert list(red.actuals) == stores.SPC_VALUES
    assert pd.isna(red.targets[0]) or red.targets[0] is None  # no target printed for 2005/06
