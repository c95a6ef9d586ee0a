"""Outturns in the store, on both backends: append-only history, latest wins, all-or-nothing,
concurrent writers lose nothing, real and demo kept apart, versions that every write advances."""
from __future__ import annotations

import subprocess
import sys
import threading
from datetime import datetime, timezone

import duckdb
import pandas as pd
import pytest

from perfdash.store.errors import StoreError, StoreUnreadable
from perfdash.store.outturns import DEMO, REAL, ActualsStore, Outturn, kind_on_disk

BV9 = "nwl-delivery-2007:BV9"


def outturn(indicator_id=BV9, quarter=1, value=30.0, comment=None):
    return Outturn(indicator_id, "nw-leicestershire", 2007, quarter, value, f"{value:g}", comment)


@pytest.fixture
def store(store_location):
    return ActualsStore(store_location)


def test_reads_are_empty_before_the_first_write(store):
    assert store.latest().empty and store.history().empty
    assert store.versions() == {"outturns": 0, "plans": 0, "decisions": 0}


def test_a_revision_keeps_history_and_the_latest_value_wins(store):
    store.record([outturn(value=30.0, comment="first return")], "alice")
    result = store.record([outturn(value=31.5, comment="corrected after audit")], "bob")
    assert (result.rows, result.revisions) == (1, 1)
    latest = store.latest()
    assert latest[["value", "submitted_by", "comment", "revisions"]].values.tolist() == [
        [31.5, "bob", "corrected after audit", 2]]
    history = store.history()
    assert history[["value", "replaced_value", "submitted_by"]].values.tolist()[0] == [31.5, 30.0, "bob"]
    assert history["value"].tolist() == [31.5, 30.0]


def test_history_filters_by_council_year_and_quarter(store):
    store.record([outturn(quarter=1), outturn(quarter=2), Outturn("x:1", "melton", 2009, 1, 5.0, "5")], "alice")
    assert store.history(council_id="melton")["indicator_id"].tolist() == ["x:1"]
    assert store.history(council_id="nw-leicestershire", year_start=2007, quarter=2)["quarter"].tolist() == [2]


def test_a_write_that_fails_part_way_writes_nothing(store):
    store.record([outturn(quarter=1)], "alice")
    bad_batch = [outturn(quarter=2), outturn(quarter=3), Outturn(BV9, "nw-leicestershire", 2007, 5, 1.0, "1")]
    with pytest.raises(StoreError, match="nothing was written"):
        store.record(bad_batch, "alice")
    assert store.history()["quarter"].tolist() == [1]
    assert store.versions()["outturns"] == 1


def test_every_write_names_its_editor(store):
    with pytest.raises(StoreError, match="editor"):
        store.record([outturn()], "  ")
    assert store.latest().empty


def test_every_write_advances_the_outturns_version_only(store):
    before = store.signature()
    store.record([outturn()], "alice")
    assert store.versions() == {"outturns": 1, "plans": 0, "decisions": 0}
    assert store.signature() != before
    assert store.signature(("plans",)) == (store.location, REAL, 0)


def test_two_replicas_see_each_others_writes_at_once(store_location):
    """Two app processes on one store: each reads the version and the value the other wrote."""
    first, second = ActualsStore(store_location), ActualsStore(store_location)
    first.record([outturn(value=30.0)], "alice")
    assert second.latest()["value"].tolist() == [30.0]
    seen = second.signature()
    second.record([outturn(value=29.0)], "bob")
    assert first.signature() != seen and first.latest()["value"].tolist() == [29.0]


def test_concurrent_writers_in_threads_lose_nothing(store_location):
    errors = []

    def write(n):
        try:
            ActualsStore(store_location).record([outturn(f"i{n}", q, float(n)) for q in (1, 2, 3)], f"user{n}")
        except Exception as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)

    def read():
        for _ in range(5):
            ActualsStore(store_location).latest()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(10)]
    threads += [threading.Thread(target=read) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    history = ActualsStore(store_location).history()
    assert len(history) == 30 and history["submission_id"].nunique() == 30
    assert sorted(set(history["submitted_by"])) == sorted(f"user{n}" for n in range(10))
    assert ActualsStore(store_location).versions()["outturns"] == 10


def test_concurrent_writer_processes_lose_nothing(store_location):
    script = ("import sys; from perfdash.store.outturns import ActualsStore, Outturn; "
              "ActualsStore(sys.argv[1]).record([Outturn(f'p{sys.argv[2]}', 'c', 2007, q, 1.0, '1') "
              "for q in (1, 2)], 'proc' + sys.argv[2])")
    processes = [subprocess.Popen([sys.executable, "-c", script, store_location, str(n)]) for n in range(4)]
    assert [process.wait(timeout=120) for process in processes] == [0, 0, 0, 0]
    history = ActualsStore(store_location).history()
    assert len(history) == 8 and sorted(set(history["submitted_by"])) == [f"proc{n}" for n in range(4)]


def test_real_and_demo_figures_never_share_a_store(store_location):
    ActualsStore(store_location, DEMO).record([outturn()], "demo-generator")
    assert kind_on_disk(store_location) == DEMO
    with pytest.raises(StoreError, match="demo store"):
        ActualsStore(store_location, REAL).record([outturn()], "alice")
    with pytest.raises(StoreError, match="demo store"):
        ActualsStore(store_location, REAL).latest()
    assert ActualsStore(store_location, DEMO).latest()["origin"].tolist() == ["demo"]


def test_migrate_brings_a_new_store_to_the_latest_schema_once(store):
    assert store.migrate() == ["0001 outturns", "0002 plans", "0003 decisions"]
    assert store.migrate() == []
    store.record([outturn()], "alice")
    assert len(store.latest()) == 1


def test_a_store_from_before_migrations_is_read_and_migrated_on_its_next_write(tmp_path):
    """A store file written by the previous release: submissions with a sequence, no schema_version."""
    path = tmp_path / "old.duckdb"
    old = duckdb.connect(str(path))
    old.execute("create sequence submission_ids start 1; create table store_info (key varchar primary key, "
                "value varchar not null); insert into store_info values ('kind', 'real');")
    old.execute("create table submissions (submission_id bigint primary key default nextval('submission_ids'), "
                "batch_id varchar not null, indicator_id varchar not null, council_id varchar not null, "
                "year_start integer not null, quarter integer not null, value double, value_text varchar not null, "
                "comment varchar, source varchar not null, origin varchar not null, submitted_by varchar not null, "
                "submitted_at timestamptz not null, replaced_submission_id bigint, replaced_value double, "
                "replaced_value_text varchar)")
    old.execute("insert into submissions (batch_id, indicator_id, council_id, year_start, quarter, value, value_text, "
                "source, origin, submitted_by, submitted_at) values ('b1', ?, 'nw-leicestershire', 2007, 1, 28, "
                "'28', 'entry', 'recorded', 'alice', now())", [BV9])
    old.close()
    store = ActualsStore(path)
    assert store.latest()["value"].tolist() == [28.0]
    store.record([outturn(value=29.0)], "bob")
    history = store.history()
    assert history["submission_id"].tolist() == [2, 1]
    assert history["value"].tolist() == [29.0, 28.0] and history["replaced_value"].iloc[0] == 28.0


def test_a_file_that_is_not_a_store_gives_a_plain_error_and_is_left_alone(tmp_path):
    path = tmp_path / "notes.duckdb"
    path.write_text("meeting notes, not a database")
    with pytest.raises(StoreUnreadable, match="cannot be opened") as refused:
        ActualsStore(path).record([outturn()], "alice")
    assert str(path) in str(refused.value) and "backup" in str(refused.value)
    with pytest.raises(StoreUnreadable, match="cannot be opened"):
        ActualsStore(path).latest()
    assert path.read_text() == "meeting notes, not a database"


def test_an_unreachable_server_gives_a_plain_error():
    store = ActualsStore("postgresql://nobody:secret@127.0.0.1:1/none", lock_timeout_s=2)
    with pytest.raises(StoreUnreadable, match="cannot be reached") as refused:
        store.latest()
    assert "secret" not in str(refused.value)


def test_an_unknown_kind_of_location_is_refused():
    with pytest.raises(StoreError, match="mysql:// is not a store"):
        ActualsStore("mysql://host/db")


def test_on_postgres_a_reader_is_not_blocked_by_a_writer_holding_its_transaction(postgres_cluster):
    """MVCC: while one writer holds the write lock with an uncommitted batch, readers read the last
    committed state at once, and see the batch once it commits."""
    location = postgres_cluster.new_database()
    store = ActualsStore(location)
    store.record([outturn(value=28.0)], "alice")
    holding, release, finished = threading.Event(), threading.Event(), threading.Event()

    def slow_writer():
        with store.writing() as session:
            session.load_frame("incoming_rows", pd.DataFrame([{**outturn(value=31.0).__dict__, "row_order": 0}]))
            session.execute("outturns_insert", batch_id="slow", origin="recorded", submitted_by="bob",
                            submitted_at=datetime.now(timezone.utc))
            holding.set()
            release.wait(timeout=60)
        finished.set()

    writer = threading.Thread(target=slow_writer)
    writer.start()
    assert holding.wait(timeout=60)
    try:
        assert ActualsStore(location, lock_timeout_s=5).latest()["value"].tolist() == [28.0]
    finally:
        release.set()
        writer.join(timeout=60)
    assert finished.is_set()
    assert ActualsStore(location).latest()["value"].tolist() == [31.0]
