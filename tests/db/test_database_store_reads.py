"""Which queries read the actuals store, decided from their SQL text (perfdash.db.sql_files), and held
to what DuckDB does: every query the text calls extracts-only runs on a database with no store
tables at all, and every query it calls store-reading cannot."""
from __future__ import annotations

import re

import duckdb
import pytest

from perfdash import paths
from perfdash.db import database, sql_files

# A value for every $parameter the query files use; a new parameter needs one here.
VALUES = {
    "councils": ["nw-leicestershire", "leicester", "leicestershire", "melton"], "council": "nw-leicestershire",
    "year": 2007, "quarter": 2, "theme": None, "search": "", "indicator_ids": None, "limit": 10,
    "top_codes": None, "max_councils": None, "per_code": 5, "code": "BV9", "ref": "BV9", "priority_id": None, "officers": [],
    "file": "nw-leicestershire_council-delivery-plan_2007-10.txt", "plans": [], "severities": [],
    "categories": [], "link_index": [], "link_priority_ids": [], "link_plan_ids": [], "link_first_lines": [],
    "link_last_lines": [], "link_evidence": [],
}
APP_QUERIES = sorted(path.stem for path in sql_files.QUERIES_DIR.glob("*.sql")
                     if not path.stem.startswith(("setup_", "store_")))


@pytest.fixture(scope="module")
def extracts_only():
    return database.open_database(paths.DEFAULT_EXTRACTS_DIR, store_tables=False)


def parameters(sql: str) -> dict:
    names = set(re.findall(r"\$([a-z_]+)", sql))
    unknown = names - set(VALUES)
    assert not unknown, f"give tests/db/test_database_store_reads.py a value for ${', $'.join(sorted(unknown))}"
    return {name: VALUES[name] for name in names}


def test_recorded_actuals_and_the_macros_over_it_are_store_backed():
    backed = sql_files.store_objects()
    assert {"recorded_actuals", "quarter_outturns"} <= backed
    assert not backed & {"indicators", "indicator_values", "source_line", "shared_code_figures"}


def test_a_query_naming_a_store_table_or_a_macro_over_one_reads_the_store():
    assert sql_files.reads_store("select * from recorded_actuals where council_id = $council")
    assert sql_files.reads_store('select * from "recorded_actuals"')
    assert sql_files.reads_store("select * from quarter_outturns($council) as q")


def test_words_in_comments_strings_and_parameters_are_not_names():
    assert not sql_files.reads_store("-- unlike recorded_actuals\nselect 'recorded_actuals' as note "
                                     "/* quarter_outturns */ from indicators where code = $recorded_actuals")


def test_an_object_created_over_a_store_frame_is_store_backed(monkeypatch, tmp_path):
    (tmp_path / "setup_imported.sql").write_text(
        "create or replace table imported_plans as select * from store_plan_rows;\n"
        "create or replace macro council_plans(c) as table select * from imported_plans where council_id = c;\n"
        "create or replace macro line_of(s) as split_part(s, ':', -1);\n", encoding="utf-8")
    monkeypatch.setattr(sql_files, "QUERIES_DIR", tmp_path)
    assert sql_files.store_objects() == {"imported_plans", "council_plans"}
    assert sql_files.reads_store("select * from council_plans($council)")
    assert not sql_files.reads_store("select line_of(source) from indicators")


@pytest.mark.parametrize("name", APP_QUERIES)
def test_the_text_says_whether_a_query_needs_the_store_as_duckdb_does(extracts_only, name):
    sql = sql_files.load_sql(name).replace("__table__", "indicators")
    if sql_files.reads_store(sql):
        with pytest.raises(duckdb.CatalogException):
            database.execute(extracts_only, sql, parameters(sql))
    else:
        database.execute(extracts_only, sql, parameters(sql))  # no store tables: it must not need them
