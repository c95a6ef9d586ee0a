"""Caches that know what they read: after a store write, a query over the extracts alone is served
from the cache, and a query that reads the store runs again and shows the new figure."""
from __future__ import annotations

from collections import Counter

import pytest
import streamlit as st

from components import query_cache
from perfdash import paths
from perfdash.db import database
from perfdash.store.errors import StoreUnreadable
from perfdash.store.outturns import REAL, ActualsStore, Outturn

NWL = "nw-leicestershire"
BV9 = "nwl-delivery-2007:BV9"


@pytest.fixture
def executions(tmp_path, monkeypatch):
    """A fresh store under tmp_path, empty caches, and a count of the SQL texts DuckDB was asked to run."""
    monkeypatch.setenv(paths.STORE_ENV_VAR, str(tmp_path / "actuals.duckdb"))
    monkeypatch.delenv(paths.EXTRACTS_ENV_VAR, raising=False)
    st.cache_data.clear()
    st.cache_resource.clear()
    counted: Counter = Counter()
    real_execute = database.execute

    def counting(connection, sql, params=None, **options):
        counted[sql] += 1
        return real_execute(connection, sql, params, **options)

    monkeypatch.setattr(database, "execute", counting)
    yield counted
    st.cache_data.clear()
    st.cache_resource.clear()


def q1_outturn(frame):
    row = frame[(frame["indicator_id"] == BV9) & (frame["year_start"] == 2007) & (frame["quarter"] == 1)]
    return row[["actual", "origin"]].iloc[0].tolist()


def test_a_store_write_reruns_only_the_queries_that_read_the_store(executions, tmp_path):
    overview, status = database.load_sql("overview_council_summary"), database.load_sql("status_council_quarters")
    assert not database.reads_store(overview) and database.reads_store(status)

    councils = query_cache.run_query("overview_council_summary")
    before = query_cache.run_query("status_council_quarters", council=NWL, indicator_ids=None)
    assert executions[overview] == 1 and executions[status] == 1
    assert q1_outturn(before)[1] != "recorded"

    ActualsStore(tmp_path / "actuals.duckdb", REAL).record(
        [Outturn(BV9, NWL, 2007, 1, 31.25, "31.25%", "checked")], "alice")

    again = query_cache.run_query("overview_council_summary")
    after = query_cache.run_query("status_council_quarters", council=NWL, indicator_ids=None)
    assert executions[overview] == 1, "the extracts-only query ran again after a store write"
    assert again.equals(councils)
    assert executions[status] == 2, "the store query was served stale from the cache"
    assert q1_outturn(after) == [31.25, "recorded"]


def test_without_a_write_a_store_query_is_served_from_the_cache(executions):
    status = database.load_sql("status_council_quarters")
    for _ in range(3):
        query_cache.run_query("status_council_quarters", council=NWL, indicator_ids=None)
    assert executions[status] == 1


def test_an_extracts_only_query_never_opens_the_store(executions, tmp_path, monkeypatch):
    damaged = tmp_path / "damaged.duckdb"
    damaged.write_bytes(b"garbage" * 500)
    monkeypatch.setenv(paths.STORE_ENV_VAR, str(damaged))
    assert not query_cache.run_query("compare_theme_matrix", councils=[NWL]).empty
    with pytest.raises(StoreUnreadable, match=str(damaged)):
        query_cache.run_query("status_council_quarters", council=NWL, indicator_ids=None)


def _q1_rows(frame):
    """A shape for the test: the Q1 2007 rows of BV9."""
    return frame[(frame["indicator_id"] == BV9) & (frame["year_start"] == 2007) & (frame["quarter"] == 1)]


def _calls_counted(counter: Counter):
    def shape(frame):
        counter["shaped"] += 1
        return _q1_rows(frame)
    return shape


def test_a_shaped_table_is_made_once_and_made_again_after_a_store_write(executions, tmp_path):
    calls: Counter = Counter()
    shape = _calls_counted(calls)
    status = database.load_sql("status_council_quarters")
    first = query_cache.shaped_query("status_council_quarters", shape, council=NWL, indicator_ids=None)
    again = query_cache.shaped_query("status_council_quarters", shape, council=NWL, indicator_ids=None)
    assert calls["shaped"] == 1 and executions[status] == 1 and again.equals(first)
    assert first.equals(_q1_rows(query_cache.run_query("status_council_quarters", council=NWL, indicator_ids=None)))

    ActualsStore(tmp_path / "actuals.duckdb", REAL).record(
        [Outturn(BV9, NWL, 2007, 1, 31.25, "31.25%", "checked")], "alice")
    after = query_cache.shaped_query("status_council_quarters", shape, council=NWL, indicator_ids=None)
    assert calls["shaped"] == 2 and q1_outturn(after) == [31.25, "recorded"]


def test_shaped_tables_of_different_shapes_or_filters_are_kept_apart(executions):
    by_quarter = query_cache.shaped_query("status_council_quarters", _q1_rows, council=NWL, indicator_ids=None)
    whole = query_cache.shaped_query("status_council_quarters", lambda frame: frame, council=NWL,
                                     indicator_ids=None)
    one = query_cache.shaped_query("status_council_quarters", lambda frame: frame, council=NWL,
                                   indicator_ids=[BV9])
    assert len(whole) > len(by_quarter) == 1
    assert set(one["indicator_id"]) == {BV9} and len(one) < len(whole)


def test_a_years_outturns_are_that_years_judged_quarters_and_follow_a_store_write(executions, tmp_path):
    import pandas as pd

    assert database.reads_store(database.load_sql("status_council_year"))
    store = ActualsStore(tmp_path / "actuals.duckdb", REAL)
    store.record([Outturn(BV9, NWL, 2007, 1, 31.25, "31.25%", "checked")], "alice")
    every = query_cache.assessed_quarters(NWL)
    for year in sorted(set(every["year_start"])):
        expected = every[(every["year_start"] == year) & every["actual"].notna()].reset_index(drop=True)
        pd.testing.assert_frame_equal(query_cache.year_outturns(NWL, year), expected)
    assert q1_outturn(query_cache.year_outturns(NWL, 2007)) == [31.25, "recorded"]

    store.record([Outturn(BV9, NWL, 2007, 1, 29.5, "29.5%", "revised")], "alice")
    assert q1_outturn(query_cache.year_outturns(NWL, 2007)) == [29.5, "recorded"]


def test_a_querys_cache_key_tells_apart_every_value_and_ignores_only_the_order_of_its_names():
    councils = [f"council-{n:03d}" for n in range(350)]
    frozen, key = query_cache._frozen({"councils": councils, "theme": None})
    assert frozen == (("councils", tuple(councils)), ("theme", None))
    assert query_cache._frozen({"theme": None, "councils": list(councils)})[1] == key
    assert query_cache._frozen({"councils": councils[:-1], "theme": None})[1] != key
    assert query_cache._frozen({"councils": councils, "theme": "Housing"})[1] != key
    assert query_cache._frozen({"year": 2007})[1] != query_cache._frozen({"year": "2007"})[1]
