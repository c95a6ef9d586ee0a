"""The priorities queries sort on the contract's `order` column (each plan's own order), so
"1.10" follows "1.2" although, as text, it sorts first; where a register leaves `order` empty
they fall back to the line the priority is printed on."""
import pytest

from perfdash.db import database as queries
from perfdash.views import priorities as pr
from tests.fixtures import indicator, write_extracts


def priority(ref, line, order, theme="Housing"):
    return {"priority_id": f"nwl:{ref}", "council_id": "nw-leicestershire", "plan_id": "nwl", "rank": None,
            "order": order, "title": f"Priority {ref}", "timeframe": None, "theme": None, "common_theme": theme,
            "source": f"nwl.txt:{line}"}


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    # As Leicestershire prints them: the three parts listed first (lines 29-32), their sub-priorities
    # below; the plan's order puts each part's sub-priorities under it.
    priorities = [priority("1", 29, 1), priority("2", 30, 5), priority("1.1", 42, 2), priority("1.2", 53, 3),
                  priority("1.10", 118, 4), priority("2.1", 165, 6)]
    items = [{**indicator(f"nwl:BV{n}", "nw-leicestershire", "nwl", f"BV{n}", f"Measure {n}", theme="Housing"),
              "priority_id": f"nwl:{ref}", "source": f"nwl.txt:{200 + n}"}
             for n, ref in enumerate(["1.10", "1.2", "2.1"], start=1)]
    folder = write_extracts(tmp_path_factory.mktemp("extracts"), priorities=priorities, indicators=items)
    return queries.open_database(folder)


def test_the_list_follows_the_plans_order(database):
    listed = queries.run_named(database, "priorities_list", councils=["nw-leicestershire"], theme=None)
    assert listed["ref"].tolist() == ["1", "1.1", "1.2", "1.10", "2", "2.1"]


def test_the_table_follows_the_plans_order(database):
    table = queries.run_named(database, "priorities_table", councils=["nw-leicestershire"], theme=None,
                              **pr.link_params([]))
    assert table["ref"].tolist() == ["1", "1.1", "1.2", "1.10", "2", "2.1"]
    assert table["position"].tolist() == [1, 2, 3, 4, 5, 6]


def test_the_links_follow_the_plans_order_not_the_ids_as_text(database):
    links = queries.run_named(database, "priorities_links", councils=["nw-leicestershire"], priority_id=None,
                              **pr.link_params([]))
    stated = links[links["link"] == pr.STATED]
    assert stated["priority_id"].tolist() == ["nwl:1.2", "nwl:1.10", "nwl:2.1"]
