"""The priorities queries against small extracts, and the links and scrutiny gaps on the
committed extracts and curated links."""
import pandas as pd
import pytest

from perfdash import paths, queries
from perfdash import priorities as pr
from perfdash.extract.curated import CuratedDataError
from tests.fixtures import indicator, write_extracts

ALL = ["leicester", "leicestershire", "nw-leicestershire", "melton"]


def priority(ref, line, title, theme="Housing", rank=None, plan_id="nwl", council_id="nw-leicestershire"):
    return {"priority_id": f"{plan_id}:{ref}", "council_id": council_id, "plan_id": plan_id, "rank": rank,
            "title": title, "timeframe": None, "theme": None, "common_theme": theme,
            "source": f"{plan_id}.txt:{line}"}


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    folder = tmp_path_factory.mktemp("extracts")
    priorities = [
        priority("2", 30, "Communities", theme="Stronger & inclusive communities"),
        priority("1", 29, "People"),
        priority("1.1", 42, "Schools"),
        priority("2.7", 238, "Roads", theme="Transport & highways"),
        priority("1.10", 118, "Joint working"),
        priority("CI.1", 229, "Change", plan_id="lcc", council_id="leicester"),
    ]
    items = [
        {**indicator("nwl:BV1", "nw-leicestershire", "nwl", "BV1", "Homes", theme="Housing"),
         "priority_id": "nwl:1.1", "source": "nwl.txt:50"},
        indicator("nwl:BV2", "nw-leicestershire", "nwl", "BV2", "Roads", theme="Transport & highways"),
    ]
    actions = [{"action_id": "nwl:A001", "council_id": "nw-leicestershire", "plan_id": "nwl", "title": "Build",
                "common_theme": "Housing", "source": "nwl.txt:60", "priority_id": "nwl:1"}]
    write_extracts(folder, priorities=priorities, indicators=items, actions=actions)
    return queries.open_database(folder)


def test_priorities_come_in_source_line_order_not_text_order(database):
    listed = queries.run_named(database, "priorities_list", councils=["nw-leicestershire"], theme=None)
    # "29" < "30" < "42" < "118" < "238" as numbers; as text "118" would come first.
    assert listed["ref"].tolist() == ["1", "2", "1.1", "1.10", "2.7"]
    assert listed["source_line"].tolist() == [29, 30, 42, 118, 238]
    assert set(listed["plan_title"]) == {"NWL plan"}


def test_priorities_filter_by_council_and_theme(database):
    both = queries.run_named(database, "priorities_list", councils=ALL, theme=None)
    assert set(both["council_id"]) == {"nw-leicestershire", "leicester"}
    roads = queries.run_named(database, "priorities_list", councils=ALL, theme="Transport & highways")
    assert roads["priority_id"].tolist() == ["nwl:2.7"]


def test_plan_order_puts_sub_priorities_under_their_parent(database):
    listed = queries.run_named(database, "priorities_list", councils=["nw-leicestershire"], theme=None)
    ordered = pr.plan_order(listed)
    assert ordered["ref"].tolist() == ["1", "1.1", "1.10", "2", "2.7"]
    assert ordered.set_index("ref").loc["2.7", "parent_id"] == "nwl:2"
    assert ordered["depth"].tolist() == [0, 1, 1, 0, 1]


def test_actions_and_indicators_carry_their_priority_and_line(database):
    found = queries.run_named(database, "priorities_indicators", councils=["nw-leicestershire"])
    assert found.set_index("item_id").loc["nwl:BV1", ["priority_id", "source_line"]].tolist() == ["nwl:1.1", 50]
    done = queries.run_named(database, "priorities_actions", councils=["leicester"])
    assert done.empty


def test_stated_links_close_gaps_and_same_theme_links_do_not(database):
    listed = queries.run_named(database, "priorities_list", councils=ALL, theme=None)
    found = queries.run_named(database, "priorities_indicators", councils=ALL)
    done = queries.run_named(database, "priorities_actions", councils=ALL)
    table, links = pr.priority_view(listed, done, found, [])
    measured = table.set_index("ref")["measured"]
    # 1.1 is measured by BV1; its parent 1 through it; 2.7 only shares a theme with BV2: a gap.
    assert measured["1.1"] and measured["1"]
    assert not measured["2.7"] and not measured["2"]
    roads = links[links["priority_id"] == "nwl:2.7"]
    assert roads[["item_id", "link"]].values.tolist() == [["nwl:BV2", pr.SAME_THEME]]
    assert table.set_index("ref").loc["2.7", "scrutiny"].startswith("⚠ Scrutiny gap")


# --- the committed extracts and data/curated/priority_links.yaml ------------------------------------

@pytest.fixture(scope="module")
def committed():
    database = queries.open_database(paths.DEFAULT_EXTRACTS_DIR)
    listed = queries.run_named(database, "priorities_list", councils=ALL, theme=None)
    actions = queries.run_named(database, "priorities_actions", councils=ALL)
    indicators = queries.run_named(database, "priorities_indicators", councils=ALL)
    curated = pr.load_priority_links(known_priorities=dict(zip(listed["priority_id"], listed["plan_id"])))
    table, links = pr.priority_view(listed, actions, indicators, curated)
    return table.set_index("priority_id"), links, indicators


def test_nw_leicestershire_ranks_nine_priorities_across_two_timeframes(committed):
    table, _, _ = committed
    nwl = table[table["council_id"] == "nw-leicestershire"]
    assert nwl["rank"].tolist() == list(range(1, 10)) and nwl["ranked_by_plan"].all()
    assert nwl.loc["nwl-delivery-2007:1", "title"] == "Put tenants first in the Housing options process"
    assert set(nwl.loc[nwl["rank"] <= 3, "timeframe"]) == {"2007 - 2008"}
    assert nwl.loc[nwl["rank"] > 3, "timeframe"].str.startswith("2008 - 2010").all()


def test_curated_headings_link_bv9_to_both_internal_priorities(committed):
    _, links, _ = committed
    for priority_id in ("nwl-delivery-2007:3", "nwl-delivery-2007:8"):
        stated = links[(links["priority_id"] == priority_id) & (links["link"] == pr.STATED)]
        assert "nwl-delivery-2007:BV9" in set(stated["item_id"])
        assert stated["evidence"].str.contains(":939").all()
    recycling = links[(links["priority_id"] == "nwl-delivery-2007:6") & (links["link"] == pr.STATED)]
    assert "nwl-delivery-2007:BV82ai" in set(recycling["item_id"])


def test_every_nw_leicestershire_priority_is_measured_once_curated(committed):
    table, _, _ = committed
    assert table.loc[table["council_id"] == "nw-leicestershire", "measured"].all()


def test_a_known_gap_integrating_childrens_services(committed):
    table, links, _ = committed
    row = table.loc["leicestershire-annual-2007:1.2"]
    assert row["title"] == "Integrate Children's Services"
    assert not row["measured"] and row["indicators_stated"] == 0 and row["indicators_same_theme"] > 0
    # Its parent is measured by indicators stated for priority 1.
    assert table.loc["leicestershire-annual-2007:1", "measured"]


def test_leicestershire_hierarchy_places_2_7_under_2(committed):
    table, _, _ = committed
    assert table.loc["leicestershire-annual-2007:2.7", "parent_id"] == "leicestershire-annual-2007:2"
    assert table.loc["leicestershire-annual-2007:2", "position"] < table.loc["leicestershire-annual-2007:2.1",
                                                                            "position"]


def test_links_file_errors_name_the_file_key_and_reason(tmp_path):
    bad = tmp_path / "links.yaml"
    bad.write_text("links:\n  - priority_ids: [nwl-delivery-2007:3]\n    plan_id: nwl-delivery-2007\n"
                   "    quote: Not what line 939 says\n    line: 939\n    section: {first_line: 939, last_line: 994}\n")
    with pytest.raises(CuratedDataError, match=r"links\.yaml: links\[0\]\.quote: .* is not on line 939"):
        pr.load_priority_links(bad)
    section = "    section: {first_line: 939, last_line: 994}\n"
    bad.write_text("links:\n  - priority_ids: [nwl-delivery-2007:99]\n    plan_id: nwl-delivery-2007\n"
                   "    quote: Deliver Best Value Services\n    line: 939\n" + section)
    with pytest.raises(CuratedDataError, match=r"priority_ids: 'nwl-delivery-2007:99' is not a priority"):
        pr.load_priority_links(bad, known_priorities={"nwl-delivery-2007:3": "nwl-delivery-2007"})
    bad.write_text("links:\n  - priority_ids: [nwl-delivery-2007:3]\n    plan_id: nwl-delivery-2007\n"
                   "    quote: Deliver Best Value Services\n    line: 939\n"
                   "    section: {first_line: 994, last_line: 939}\n")
    with pytest.raises(CuratedDataError, match=r"links\[0\]\.section: needs integer first_line <= last_line"):
        pr.load_priority_links(bad)


def test_a_curated_section_that_holds_nothing_is_refused(committed):
    _, _, indicators = committed
    empty = [{"plan_id": "nwl-delivery-2007", "first_line": 1, "last_line": 5, "priority_ids": []}]
    with pytest.raises(CuratedDataError, match=r"links\[0\]\.section: no action or indicator"):
        pr.check_sections(empty, indicators)
