"""The priorities queries against small extracts, and the links and scrutiny gaps on the
committed extracts and curated links."""
import pytest

from perfdash import paths
from perfdash.db import database as queries
from perfdash.plans.curated import CuratedDataError
from perfdash.views import priorities as pr
from tests.fixtures import COUNCILS, PLANS, indicator, write_extracts

ALL = ["leicester", "leicestershire", "nw-leicestershire", "melton"]
COUNTS = ["actions_stated", "actions_same_theme", "indicators_stated", "indicators_same_theme"]


def priority_table(database, councils=ALL, theme=None, curated=()):
    """queries/priorities_table.sql with its scrutiny words, as the page reads it."""
    return pr.with_scrutiny(queries.run_named(database, "priorities_table", councils=councils, theme=theme,
                                              **pr.link_params(list(curated))))


def priority_links(database, councils=ALL, priority_id=None, curated=()):
    return queries.run_named(database, "priorities_links", councils=councils, priority_id=priority_id,
                             **pr.link_params(list(curated)))


def counted_from_links(links):
    """The four counts of priorities_table.sql, worked out again from priorities_links.sql."""
    counts = links.groupby(["priority_id", "kind", "link"]).size().unstack(["kind", "link"], fill_value=0)
    counts.columns = [f"{kind}s_{'stated' if link == pr.STATED else 'same_theme'}" for kind, link in counts.columns]
    return counts.reindex(columns=COUNTS, fill_value=0)


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
    ordered = priority_table(database, councils=["nw-leicestershire"])
    assert ordered["ref"].tolist() == ["1", "1.1", "1.10", "2", "2.7"]
    assert ordered.set_index("ref").loc["2.7", "parent_id"] == "nwl:2"
    assert ordered["depth"].tolist() == [0, 1, 1, 0, 1]
    assert ordered["position"].tolist() == [1, 2, 3, 4, 5]
    assert ordered["plan_rank"].tolist() == [1, 2, 3, 4, 5] and not ordered["ranked_by_plan"].any()


def test_the_theme_filter_keeps_the_plan_order_and_the_parents(database):
    roads = priority_table(database, councils=["nw-leicestershire"], theme="Transport & highways")
    assert roads["priority_id"].tolist() == ["nwl:2.7"]
    assert roads[["parent_id", "depth", "position"]].values.tolist() == [["nwl:2", 1, 5]]


def test_actions_and_indicators_carry_their_priority_and_line(database):
    found = priority_links(database, councils=["nw-leicestershire"], priority_id="nwl:1.1")
    bv1 = found.set_index("item_id").loc["nwl:BV1"]
    assert [bv1["kind"], bv1["link"], bv1["source_line"]] == ["indicator", pr.STATED, 50]
    assert bv1["evidence"] == "the plan prints it with this priority (nwl.txt:50)"
    assert priority_links(database, councils=["leicester"]).empty


def test_stated_links_close_gaps_and_same_theme_links_do_not(database):
    table = priority_table(database)
    links = priority_links(database)
    measured = table.set_index("ref")["measured"]
    # 1.1 is measured by BV1; its parent 1 through it; 2.7 only shares a theme with BV2: a gap.
    assert measured["1.1"] and measured["1"]
    assert not measured["2.7"] and not measured["2"]
    roads = links[links["priority_id"] == "nwl:2.7"]
    assert roads[["item_id", "link"]].values.tolist() == [["nwl:BV2", pr.SAME_THEME]]
    assert table.set_index("ref").loc["2.7", "scrutiny"].startswith("⚠ Scrutiny gap")
    # BV1 is stated for 1.1, so it is not counted again as a same-theme link of 1.1; it is for 1.
    assert table.set_index("ref").loc["1.1", COUNTS].tolist() == [0, 1, 1, 0]
    assert table.set_index("ref").loc["1", COUNTS].tolist() == [1, 0, 0, 1]


def test_the_counts_agree_with_the_links_they_count(database):
    table = priority_table(database).set_index("priority_id")[COUNTS]
    counted = counted_from_links(priority_links(database)).reindex(table.index, fill_value=0)
    assert table.astype(int).equals(counted.astype(int))


def test_a_curated_section_links_every_item_printed_in_it(database):
    section = {"index": 0, "priority_ids": ["nwl:2"], "plan_id": "nwl", "first_line": 55, "last_line": 65,
               "quote": "PRIORITY 2", "source": "nwl.txt:55"}
    table = priority_table(database, curated=[section]).set_index("priority_id")
    links = priority_links(database, priority_id="nwl:2", curated=[section])
    # The action on line 60 is printed under priority 1 and in the section that names priority 2.
    assert table.loc["nwl:2", "actions_stated"] == 1 and table.loc["nwl:1", "actions_stated"] == 1
    stated = links[links["link"] == pr.STATED]
    assert stated["evidence"].tolist() == ["section headed “PRIORITY 2” (nwl.txt:55)"]
    # A stated indicator is what closes a gap; an action in the section does not.
    assert not table.loc["nwl:2", "measured"]


def test_councils_to_draw_keeps_the_first_councils_in_table_order():
    import pandas as pd

    table = pd.DataFrame({"council_id": ["b", "b", "a", "c", "c", "d"]})
    assert pr.councils_to_draw(table, 2) == ["b", "a"]
    assert pr.councils_to_draw(table, 10) == ["b", "a", "c", "d"]
    assert pr.councils_to_draw(table.iloc[:0], 2) == []


def test_the_csv_download_names_the_council_and_plan_of_every_priority(database):
    table = priority_table(database)
    frame = pr.download_table(table)
    assert len(frame) == len(table) == 6
    assert frame.columns[:4].tolist() == ["Council", "Plan", "Ref", "Priority"]
    assert set(frame["Council"]) == {"Leicester City Council", "North West Leicestershire District Council"}
    assert "↳ Roads" in frame["Priority"].tolist()


# --- curated links and the plans an extracts folder holds ---------------------------------------------

def known(database):
    listed = queries.run_named(database, "priorities_list", councils=ALL, theme=None)
    plans = queries.run_named(database, "priorities_plans")
    return dict(zip(listed["priority_id"], listed["plan_id"])), set(plans["plan_id"])


def test_curated_links_to_a_plan_the_extracts_do_not_hold_are_left_out(database):
    """The fixture (like a synthetic national dataset) holds no nwl-delivery-2007 plan: its
    curated links have nothing to link, so they are set aside without an error."""
    known_priorities, known_plans = known(database)
    assert "nwl-delivery-2007" not in known_plans
    assert pr.load_priority_links(known_priorities=known_priorities, known_plans=known_plans) == []
    sections = queries.run_named(database, "priorities_sections", **pr.link_params([]))
    pr.check_sections(sections)


def test_a_curated_plan_that_is_there_but_lacks_the_priority_is_still_an_error(tmp_path):
    plan = {**PLANS[0], "plan_id": "nwl-delivery-2007", "source_file": "nwl-delivery.txt"}
    only_one = [priority("1", 29, "Tenants", plan_id="nwl-delivery-2007")]
    database = queries.open_database(write_extracts(tmp_path / "extracts", councils=COUNCILS, plans=[*PLANS, plan],
                                                    priorities=only_one))
    known_priorities, known_plans = known(database)
    with pytest.raises(CuratedDataError, match=r"'nwl-delivery-2007:3' is not a priority of nwl-delivery-2007"):
        pr.load_priority_links(known_priorities=known_priorities, known_plans=known_plans)


# --- the committed extracts and data/curated/priority_links.yaml ------------------------------------

@pytest.fixture(scope="module")
def committed():
    database = queries.open_database(paths.DEFAULT_EXTRACTS_DIR)
    known_priorities, known_plans = known(database)
    curated = pr.load_priority_links(known_priorities=known_priorities, known_plans=known_plans)
    pr.check_sections(queries.run_named(database, "priorities_sections", **pr.link_params(curated)))
    table = priority_table(database, curated=curated)
    links = priority_links(database, curated=curated)
    return table.set_index("priority_id"), links, database


def test_nw_leicestershire_ranks_nine_priorities_across_two_timeframes(committed):
    table, _, _ = committed
    nwl = table[(table["council_id"] == "nw-leicestershire") & table["rank"].notna()]
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
    ranked = (table["council_id"] == "nw-leicestershire") & table["rank"].notna()
    assert table.loc[ranked, "measured"].all()


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


def test_the_committed_links_keep_every_curated_link_and_agree_with_the_counts(committed):
    table, links, _ = committed
    assert len(pr.load_priority_links()) == 2
    counted = counted_from_links(links).reindex(table.index, fill_value=0)
    assert table[COUNTS].astype(int).equals(counted.astype(int))


def test_a_curated_section_that_holds_nothing_is_refused(committed):
    _, _, database = committed
    empty = [{"index": 3, "plan_id": "nwl-delivery-2007", "first_line": 1, "last_line": 5,
              "priority_ids": ["nwl-delivery-2007:3"], "quote": "", "source": ""}]
    sections = queries.run_named(database, "priorities_sections", **pr.link_params(empty))
    with pytest.raises(CuratedDataError, match=r"links\[3\]\.section: no action or indicator"):
        pr.check_sections(sections)
