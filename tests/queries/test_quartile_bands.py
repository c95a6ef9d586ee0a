"""queries/quartile_bands.sql: each council's quartile tables in one band order, with citations."""
import pytest

from perfdash.db import database as queries
from tests.fixtures import write_extracts


def quartile(council, plan, band, year, share):
    return {"council_id": council, "plan_id": plan, "band": band, "period": f"{year}/{(year + 1) % 100:02d}",
            "year_start": year, "share_percent": share, "value_text": f"{share:g}%", "source": f"{plan}.txt:9"}


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    rows = [quartile("leicester", "lcc", "Bottom quartile", 2001, 34), quartile("leicester", "lcc", "Top quartile",
                                                                             2001, 39),
            quartile("leicester", "lcc", "Middle two quartiles", 2001, 27),
            quartile("nw-leicestershire", "nwl", "Upper quartile", 2005, 25),
            quartile("nw-leicestershire", "nwl", "Best performing", 2005, 5)]
    folder = write_extracts(tmp_path_factory.mktemp("extracts"), quartile_summary=rows)
    return queries.open_database(folder)


def test_bands_come_in_one_order_whatever_the_plan_calls_them(database):
    bands = queries.run_named(database, "quartile_bands", councils=["leicester", "nw-leicestershire"], max_councils=None)
    leicester = bands[bands["council_id"] == "leicester"]
    assert leicester["band"].tolist() == ["Top quartile", "Middle two quartiles", "Bottom quartile"]
    assert leicester["band_order"].tolist() == [1, 2, 3]
    nwl = bands[bands["council_id"] == "nw-leicestershire"].set_index("band")["band_order"].to_dict()
    assert nwl == {"Upper quartile": 1, "Best performing": 4}


def test_only_the_chosen_councils_with_their_plan_and_line(database):
    bands = queries.run_named(database, "quartile_bands", councils=["nw-leicestershire"], max_councils=None)
    assert set(bands["council_name"]) == {"North West Leicestershire District Council"}
    assert set(bands["plan_title"]) == {"NWL plan"} and set(bands["source"]) == {"nwl.txt:9"}
    assert queries.run_named(database, "quartile_bands", councils=["melton"], max_councils=None).empty


def test_a_bound_draws_the_first_councils_by_name_and_counts_the_rest(database):
    both = ["leicester", "nw-leicestershire"]
    first = queries.run_named(database, "quartile_bands", councils=both, max_councils=1)
    assert set(first["council_id"]) == {"leicester"}  # Leicester City Council sorts before North West ...
    assert set(first["councils_with_tables"]) == {2}
    every = queries.run_named(database, "quartile_bands", councils=both, max_councils=None)
    assert set(every["council_id"]) == set(both) and set(every["councils_with_tables"]) == {2}
    assert len(first) == (every["council_id"] == "leicester").sum()
