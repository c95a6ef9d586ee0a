"""Streamlit's caches around the data layer, and the switch between real and demonstration outturns.

Every database holds the extracts and the registers imported into the (real) store beside them, and
is keyed on the store's "plans" version, so an imported register is seen on the next rerun by every
replica. Two kinds per extracts folder and plans version: one without outturns, which never reads
the store's outturns, and one per outturns state that also holds a copy of the store's latest
outturns. A query that reads the
store (perfdash.db.sql_files.reads_store, decided from its SQL text) runs on the second and its
cached result is keyed on the store's signature, so a store write re-runs only those queries; every
other query runs on the first and stays cached across store writes, and keeps working when the store
cannot be read. Result caches are bounded and keyed on the SQL text, so an edited query file is never
served stale."""
from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from perfdash import paths
from perfdash.db import database as queries
from perfdash.store.errors import StoreError
from perfdash.store.outturns import DEMO, REAL, ActualsStore
from perfdash.store.plans import PlanStore

DEMO_MODE_KEY = "demo"


def demo_mode() -> bool:
    """True while the viewer has chosen to see generated demonstration outturns."""
    return bool(st.session_state.get(DEMO_MODE_KEY, False))


def active_store() -> ActualsStore:
    """The store the pages read: the demo store in demo mode, else the real one, never both."""
    return ActualsStore(paths.demo_store_path(), DEMO) if demo_mode() else ActualsStore(paths.store_path(), REAL)


def real_store() -> ActualsStore:
    return ActualsStore(paths.store_path(), REAL)


def plans_state() -> tuple | None:
    """The real store's plans version (imported registers), or None when there are none to read,
    or the store cannot be read: then the pages show the bundled plans alone."""
    store = real_store()
    try:
        state = store.signature(("plans",))
    except StoreError:
        return None
    return state if state[-1] else None


@st.cache_resource(max_entries=4)
def _plan_tables(state: tuple | None) -> dict | None:
    return None if state is None else PlanStore(ActualsStore(state[0], state[1])).latest_tables()


@st.cache_resource(max_entries=2)
def _extracts_database(extracts_dir: str, plans: tuple | None):
    # No outturns at all: a query that read them here would fail, not read nothing.
    return queries.open_database(extracts_dir, store_tables=False, plan_tables=_plan_tables(plans))


@st.cache_resource(max_entries=4)
def _store_database(extracts_dir: str, plans: tuple | None, store_state: tuple):
    # store_state is the store's outturns signature: a new one (after any write) opens a fresh copy.
    store = ActualsStore(store_state[0], store_state[1])
    return queries.open_database(extracts_dir, store.latest() if store.exists() else None,
                                 plan_tables=_plan_tables(plans))


def _database(extracts_dir: str, plans: tuple | None, store_state: tuple | None):
    if store_state is None:
        return _extracts_database(extracts_dir, plans)
    return _store_database(extracts_dir, plans, store_state)


@st.cache_data(max_entries=512, ttl=3600, show_spinner=False)
def _cached_query(extracts_dir: str, plans: tuple | None, store_state: tuple | None, sql: str,
                  params_key: str, _params: tuple) -> pd.DataFrame:
    bound = {key: list(value) if isinstance(value, tuple) else value for key, value in _params}
    return queries.execute(_database(extracts_dir, plans, store_state), sql, bound)


def _store_state(sql: str) -> tuple | None:
    """The active store's signature for a query that reads the store; None for one that does not,
    which never touches the store."""
    return active_store().signature(("outturns",)) if queries.reads_store(sql) else None


def _frozen(params: dict) -> tuple[tuple, str]:
    """The parameters as a sorted tuple, and its key for the caches: a digest of its repr (the
    values are strings, numbers, None and lists of them). Streamlit hashing a list of 350 council
    ids value by value on every call cost more than the rest of a warm query."""
    frozen = tuple(sorted((key, tuple(value) if isinstance(value, list) else value) for key, value in params.items()))
    return frozen, hashlib.blake2b(repr(frozen).encode("utf-8"), digest_size=16).hexdigest()


def _run(sql: str, params: dict) -> pd.DataFrame:
    frozen, key = _frozen(params)
    # st.cache_data hands each caller its own unpickled copy, so no further copy is made.
    return _cached_query(str(paths.extracts_dir()), plans_state(), _store_state(sql), sql, key, frozen)


def run_query(name: str, **params) -> pd.DataFrame:
    """Rows of queries/<name>.sql for the given bound parameters. Lists bind as DuckDB lists."""
    return _run(queries.load_sql(name), params)


@st.cache_data(max_entries=128, ttl=3600, show_spinner=False)
def _shaped(extracts_dir: str, plans: tuple | None, store_state: tuple | None, sql: str, params_key: str,
            shape_name: str, _params: tuple, _shape):
    # Keyed on the shape's name; the function itself (underscored) is not hashed.
    return _shape(_cached_query(extracts_dir, plans, store_state, sql, params_key, _params))


def shaped_query(name: str, shape, **params):
    """shape(rows of queries/<name>.sql), cached as the rows are: for a page table made from a
    large result (the national Actions list has 14,000 rows), or a picker's lookup, so a rerun
    unpickles what it shows instead of rebuilding it row by row. `shape` is a pure function of the
    rows alone."""
    sql = queries.load_sql(name)
    frozen, key = _frozen(params)
    return _shaped(str(paths.extracts_dir()), plans_state(), _store_state(sql), sql, key,
                   f"{shape.__module__}.{shape.__qualname__}", frozen, shape)


def run_table_query(name: str, table: str, **params) -> pd.DataFrame:
    """Like run_query, for a query over an extract table chosen from the contract's allow-list."""
    return _run(queries.load_table_sql(name, table), params)


@st.cache_resource(max_entries=2)
def _console(extracts_dir: str, plans: tuple | None, store_state: tuple, rules_state: tuple):
    from perfdash.db.console import SqlConsole
    from perfdash.views.console_tables import outturns_table, rag_status_table

    database = _store_database(extracts_dir, plans, store_state)
    store = ActualsStore(store_state[0], store_state[1])
    return SqlConsole(extracts_dir, database=database, extra_tables={
        "outturns": outturns_table(store.latest()), "rag_status": rag_status_table(database, _rules(rules_state))})


def sql_console():
    """The read-only console: its own locked-down copy of the tables the pages read (bundled and
    imported plans, outturns and rag_status), made again after a store write."""
    return _console(str(paths.extracts_dir()), plans_state(), active_store().signature(("outturns",)),
                    _rules_state())


def _rules_state() -> tuple:
    path = paths.rag_rules_file()
    try:
        return (str(path), path.stat().st_mtime_ns)
    except FileNotFoundError:
        return (str(path), None)


@st.cache_resource(max_entries=4)
def _rules(state: tuple):
    from perfdash.rag.settings import load_rules

    return load_rules()


def rag_rules():
    """The RAG tolerances, read again whenever the YAML file changes."""
    return _rules(_rules_state())


# A resource, not data: the judged quarters (24,000 rows for a council at national scale) are shared
# by the builders below and never pickled or copied; only assessed_quarters hands out a copy.
@st.cache_resource(max_entries=64, ttl=3600, show_spinner=False)
def _assessed(extracts_dir: str, plans: tuple | None, store_state: tuple, rules_state: tuple,
              council: str) -> pd.DataFrame:
    from perfdash.rag import status as quarter_status

    long = queries.execute(_store_database(extracts_dir, plans, store_state),
                           queries.load_sql("status_council_quarters"), {"council": council, "indicator_ids": None})
    return quarter_status.assess_quarters(long, _rules(rules_state))


def cycle_state() -> tuple:
    """What every figure of the quarterly cycle depends on: the extracts folder, the imported plans,
    the active store's outturns and the tolerances. A cache keyed on it is as fresh as the store."""
    return str(paths.extracts_dir()), plans_state(), active_store().signature(("outturns",)), _rules_state()


@st.cache_data(max_entries=64, ttl=3600, show_spinner=False)
def _year_outturns(state: tuple, council: str, year: int) -> pd.DataFrame:
    from perfdash.rag import status as quarter_status

    extracts_dir, plans, store_state, rules_state = state
    # The RAG rule judges a quarter from its own year's quarters alone, so one year is read and
    # judged, not all twenty: the same rows as assessed_quarters' for that year.
    long = queries.execute(_store_database(extracts_dir, plans, store_state), queries.load_sql("status_council_year"),
                           {"council": council, "year": year})
    assessed = quarter_status.assess_quarters(long, _rules(rules_state))
    return assessed[assessed["actual"].notna()].reset_index(drop=True)


def year_outturns(council: str, year: int) -> pd.DataFrame:
    """The council's judged quarters of one year that have an outturn: a few hundred rows, cached
    until the store, the extracts or the tolerances change."""
    return _year_outturns(cycle_state(), council, int(year))


@st.cache_data(max_entries=64, ttl=3600, show_spinner=False)
def _status_table(state: tuple, council: str, year: int, quarter: int) -> pd.DataFrame:
    from perfdash.rag import status as quarter_status

    return quarter_status.status_table(_assessed(*state, council), year, quarter)


def quarter_status_table(council: str, year: int, quarter: int) -> pd.DataFrame:
    """Every indicator's status in the quarter with its directions of travel, cached as the
    assessed quarters are."""
    return _status_table(cycle_state(), council, int(year), int(quarter))


@st.cache_data(max_entries=64, ttl=3600, show_spinner=False)
def _what_if(state: tuple, council: str, year: int, quarter: int, kind: str):
    from perfdash.views.exceptions import what_if

    return what_if(_assessed(*state, council), _status_table(state, council, year, quarter),
                   _rules(state[3]), year, quarter, kind)


def quarter_what_if(council: str, year: int, quarter: int, kind: str):
    """The quarter's outturns judged under other rules (perfdash.views.exceptions.what_if), cached."""
    return _what_if(cycle_state(), council, int(year), int(quarter), kind)


def assessed_at(state: tuple, council: str) -> pd.DataFrame:
    """assessed_quarters for a cycle_state(): for cached builders keyed on that state. The frame is
    the shared one, to read, never to change."""
    return _assessed(*state, council)


def assessed_quarters(council: str) -> pd.DataFrame:
    """Every quarter of a council's indicators judged by the RAG rule, cached until the store,
    the extracts or the tolerances change."""
    return _assessed(str(paths.extracts_dir()), plans_state(), active_store().signature(("outturns",)),
                     _rules_state(), council).copy()


@st.cache_data(max_entries=64, ttl=3600, show_spinner=False)
def _exceptions(extracts_dir: str, plans: tuple | None, store_state: tuple, rules_state: tuple, council: str,
                year: int, quarter: int) -> pd.DataFrame:
    from perfdash.rag import status as quarter_status
    from perfdash.views.exceptions import with_spc

    assessed = _assessed(extracts_dir, plans, store_state, rules_state, council)
    return with_spc(quarter_status.exceptions(assessed, year, quarter), assessed, year, quarter)


def quarter_exceptions(council: str, year: int, quarter: int) -> pd.DataFrame:
    """The quarter's red and amber indicators, worst first, with their SPC verdicts: worked out once
    per store, extracts and tolerances state, as assessed_quarters is."""
    return _exceptions(str(paths.extracts_dir()), plans_state(), active_store().signature(("outturns",)),
                       _rules_state(), council, year, quarter)


@st.cache_data(max_entries=64, ttl=3600, show_spinner=False)
def _report_tables(state: tuple, council: str, year: int, quarter: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    from perfdash.views import exceptions as report_view

    found = _exceptions(*state, council, year, quarter)
    return report_view.report_table(found), report_view.status_table(_status_table(state, council, year, quarter))


def quarter_report_tables(council: str, year: int, quarter: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The Exceptions page's two on-screen tables (the exceptions, and every indicator of the quarter)
    in words, made once per state as the exceptions are, not again on every rerun."""
    return _report_tables(cycle_state(), council, int(year), int(quarter))
