"""The Explore queries: allow-listed table names, bound filters, a row cap."""
import pytest

from perfdash.db import database as queries
from tests.fixtures import indicator, write_extracts


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    rows = [indicator(f"nwl:BV{n}", "nw-leicestershire", "nwl", f"BV{n}", f"Indicator {n}") for n in range(1, 8)]
    rows.append(indicator("lcc:BV12", "leicester", "lcc", "BV12", "Working days lost to sickness"))
    return queries.open_database(write_extracts(tmp_path_factory.mktemp("x"), indicators=rows))


def test_rows_filter_by_council_and_text_and_respect_the_cap(database):
    sql = queries.load_table_sql("explore_rows", "indicators")
    found = queries.execute(database, sql, {"councils": ["leicester"], "search": "sick", "limit": 100})
    assert found["indicator_id"].tolist() == ["lcc:BV12"]
    capped = queries.execute(database, sql, {"councils": ["nw-leicestershire"], "search": "", "limit": 3})
    assert len(capped) == 3
    count = queries.execute(database, queries.load_table_sql("explore_count", "indicators"),
                            {"councils": ["nw-leicestershire"], "search": ""})
    assert count["matching"].tolist() == [7]


def test_search_text_is_bound_not_spliced(database):
    sql = queries.load_table_sql("explore_rows", "indicators")
    found = queries.execute(database, sql, {"councils": ["leicester"], "search": "' or 1=1 --", "limit": 100})
    assert found.empty


@pytest.mark.parametrize("table", ["information_schema.tables", "indicators; drop table x", "../x"])
def test_only_contract_tables_can_be_named(table):
    with pytest.raises(queries.QueryNotFound):
        queries.load_table_sql("explore_rows", table)
