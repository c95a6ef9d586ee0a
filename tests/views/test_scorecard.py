"""The Scorecard's data (perfdash.views.scorecard) from stores in temporary folders: headline counts
for the council and each priority or theme, the groups the extracts put each indicator in, the table
with units, trends and sources, and SPC verdicts only where there are enough quarters."""
from __future__ import annotations

import pandas as pd
import pytest

from perfdash.db.database import run_named
from perfdash.polarity import unit_label
from perfdash.rag import rule as rag
from perfdash.views import scorecard as sc
from tests.boardpack import stores


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return stores.quarter_store(tmp_path_factory.mktemp("scorecard"))


@pytest.fixture(scope="module")
def inputs(store):
    assessed = stores.assessed_for(store)
    groups = run_named(stores.connection_for(store), "scorecard_groups", council=stores.NWL)
    return assessed, groups


def _card(inputs, grouping=sc.PRIORITY, year=stores.YEAR, quarter=stores.QUARTER):
    assessed, groups = inputs
    return sc.build_scorecard(assessed, groups, stores.NWL, year, quarter, grouping)


def test_headline_counts_are_the_status_of_every_indicator_in_the_quarter(store, inputs):
    status = stores.status_for(store)
    card = _card(inputs)
    assert card.counts() == {s: int((status["rag"] == s).sum()) for s in rag.STATUSES}
    assert sorted(card.rows["indicator_id"]) == sorted(status["indicator_id"])


@pytest.mark.parametrize("grouping", [sc.PRIORITY, sc.THEME])
def test_each_groups_counts_add_up_to_the_council_counts(inputs, grouping):
    card = _card(inputs, grouping)
    counts = sc.group_counts(card)
    headings = sc.count_columns()
    for status, heading in headings.items():
        assert counts[heading].sum() == card.counts()[status]
    assert counts["Indicators"].tolist() == [len(card.group_rows(g)) for g in card.groups]
    # Headings carry an icon and words, never colour alone.
    assert all(h.split(" ", 1)[0] in rag.STATUS_ICONS.values() and len(h.split(" ", 1)[1]) > 2
               for h in headings.values())


def test_indicators_sit_under_the_priority_the_plan_prints_them_under(inputs):
    card = _card(inputs)
    extract = stores.indicators().set_index("indicator_id")
    priorities = pd.read_parquet(stores.paths.extracts_dir() / "priorities.parquet").set_index("priority_id")
    for row in card.rows.itertuples():
        priority_id = extract.loc[row.indicator_id, "priority_id"]
        if pd.isna(priority_id):
            assert row.group == sc.NOT_LINKED
        else:
            assert row.group.endswith(priorities.loc[priority_id, "title"])
            assert row.group.startswith(f"Priority {priority_id.split(':')[1]}: ")
    # Priorities in the plan's order, the unlinked last; each group's rows together.
    assert card.groups[-1] == sc.NOT_LINKED
    assert card.rows["group"].tolist() == sorted(card.rows["group"], key=card.groups.index)


def test_grouped_by_theme_each_indicator_sits_under_its_common_theme(inputs):
    card = _card(inputs, sc.THEME)
    themes = stores.indicators().set_index("indicator_id")["common_theme"]
    assert all(themes[row.indicator_id] == row.group for row in card.rows.itertuples())
    assert card.groups == sorted(card.groups)


def test_an_unknown_grouping_is_refused(inputs):
    with pytest.raises(ValueError, match="grouping must be one of priority, theme"):
        _card(inputs, "colour")


def test_the_table_gives_every_number_with_its_unit_and_source(store, inputs):
    card = _card(inputs)
    table = sc.scorecard_table(card.rows)
    latest = store.latest()
    q2 = latest[(latest["year_start"] == stores.YEAR) & (latest["quarter"] == stores.QUARTER)].set_index("indicator_id")
    checked = 0
    for row, shown in zip(card.rows.itertuples(), table.itertuples()):
        assert shown.rag == rag.status_label(row.rag)
        if row.unit == "percent" and not pd.isna(row.actual):
            assert shown.actual.endswith("%") and shown.target.endswith("%")
            checked += 1
        if row.unit in ("days", "tonnes") and not pd.isna(row.actual):
            assert shown.actual.endswith(unit_label(row.unit))
        if row.indicator_id in q2.index:
            assert shown.actual_source == q2.loc[row.indicator_id, "source"]
        if not pd.isna(row.target):
            assert shown.target_source.startswith("nw-leicestershire_council-delivery-plan_2007-10.txt:")
        else:
            assert shown.target == sc.NO_TARGET and shown.target_source == "–"
        assert shown.polarity.endswith("is better") or shown.polarity.startswith("Neither")
    assert checked > 5


def test_short_trend_compares_with_last_quarter_read_with_polarity(store, inputs):
    """A snapshot indicator (a level at quarter end) is improving when its Q2 outturn moved the
    better way from its Q1 one: up where higher is better, down where lower is."""
    card = _card(inputs)
    recorded = store.latest().pivot_table(index="indicator_id", columns="quarter", values="value")
    extract = stores.indicators().set_index("indicator_id")
    table = sc.scorecard_table(card.rows).set_index(card.rows["indicator_id"])
    q1 = stores.status_for(store, stores.YEAR, 1).set_index("indicator_id")["rag"]
    seen = set()
    for indicator_id, figures in recorded.iterrows():
        polarity = extract.loc[indicator_id, "polarity"]
        if extract.loc[indicator_id, "profile"] != "snapshot" or polarity == "neutral" or figures[1] == figures[2]:
            continue
        if q1.get(indicator_id) == "no_target":
            assert table.loc[indicator_id, "direction"] == "– Not comparable"  # nothing judged in Q1
            continue
        better = (figures[2] > figures[1]) == (polarity == "higher")
        assert table.loc[indicator_id, "direction"] == ("▲ Improving" if better else "▼ Worsening"), indicator_id
        seen.add(better)
    assert seen == {True, False}
    # No outturns a year earlier: the long trend says so in words.
    assert set(table["direction_last_year"]) == {"– Not comparable"}


def test_two_quarters_are_too_few_for_spc(inputs):
    table = sc.scorecard_table(_card(inputs).rows)
    assert set(table["variation"]) == {"Too few points for SPC"}
    assert set(table["assurance"]) == {"–"}


def test_twelve_quarters_give_spc_variation_and_assurance(tmp_path):
    store = stores.spc_store(tmp_path)
    assessed = stores.assessed_for(store)
    groups = run_named(stores.connection_for(store), "scorecard_groups", council=stores.NWL)
    card = sc.build_scorecard(assessed, groups, stores.NWL, 2007, 4)
    row = card.rows.set_index("indicator_id").loc[stores.SPC_INDICATOR]
    assert row["spc_available"] and row["n_points"] == len(stores.SPC_VALUES)
    shown = sc.scorecard_table(card.rows[card.rows["indicator_id"] == stores.SPC_INDICATOR]).iloc[0]
    assert shown["variation"] != "Too few points for SPC" and shown["assurance"] != "–"
    # Every value lies below the target of 60 and the limits do too (higher is better): reliably missed.
    assert max(stores.SPC_VALUES) < row["target"] and shown["assurance"] == "Target reliably missed"
    # A quarter earlier there were only 11 points.
    earlier = sc.build_scorecard(assessed, groups, stores.NWL, 2007, 3).rows.set_index("indicator_id")
    assert earlier.loc[stores.SPC_INDICATOR, "n_points"] == 11 and earlier.loc[stores.SPC_INDICATOR, "spc_available"]
    too_few = sc.build_scorecard(assessed, groups, stores.NWL, 2007, 1).rows.set_index("indicator_id")
    assert too_few.loc[stores.SPC_INDICATOR, "n_points"] == 9
    assert not too_few.loc[stores.SPC_INDICATOR, "spc_available"]


def test_data_as_at_is_the_newest_recorded_outturn_or_says_there_is_none(store, inputs):
    card = _card(inputs)
    newest = pd.to_datetime(store.latest()["submitted_at"]).max()
    assert sc.data_as_at(card.rows) == f"{newest:%d %B %Y %H:%M}"
    assert sc.data_as_at(card.rows.assign(submitted_at=None)).startswith("no outturn recorded yet")
