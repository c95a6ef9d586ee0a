"""The actuals store: append-only history, latest wins, all-or-nothing, one writer at a time."""
from __future__ import annotations

import subprocess
import sys
import threading

import pytest

from perfdash.outturns.store import (
    DEMO,
    REAL,
    ActualsStore,
    Outturn,
    StoreError,
    kind_on_disk,
)

BV9 = "nwl-delivery-2007:BV9"


def outturn(indicator_id=BV9, quarter=1, value=30.0, comment=None):
    return Outturn(indicator_id, "nw-leicestershire", 2007, quarter, value, f"{value:g}", comment)


@pytest.fixture
def store(tmp_path):
    return ActualsStore(tmp_path / "store" / "actuals.duckdb")


def test_store_is_created_on_first_write_and_reads_empty_before(store):
    assert not store.exists()
    assert store.latest().empty
    store.record([outturn()], "alice")
    assert store.exists()
    assert store.latest()["value"].tolist() == [30.0]


def test_a_revision_keeps_history_and_the_latest_value_wins(store):
    store.record([outturn(value=30.0, comment="first return")], "alice")
    result = store.record([outturn(value=31.5, comment="corrected after audit")], "bob")
    assert (result.rows, result.revisions) == (1, 1)
    latest = store.latest()
    assert latest[["value", "submitted_by", "comment", "revisions"]].values.tolist() == [
        [31.5, "bob", "corrected after audit", 2]]
    history = store.history()
    assert history[["value", "replaced_value", "submitted_by"]].values.tolist()[0] == [31.5, 30.0, "bob"]
    assert history["value"].tolist() == [31.5, 30.0]  # the first value is still there


def test_a_write_that_fails_part_way_writes_nothing(store):
    store.record([outturn(quarter=1)], "alice")
    bad_batch = [outturn(quarter=2), outturn(quarter=3), Outturn(BV9, "nw-leicestershire", 2007, 5, 1.0, "1")]
    with pytest.raises(StoreError, match="nothing was written"):
        store.record(bad_batch, "alice")
    assert store.history()["quarter"].tolist() == [1]


def test_every_write_names_its_editor(store):
    with pytest.raises(StoreError, match="editor"):
        store.record([outturn()], "  ")
    assert not store.latest().size


def test_concurrent_writers_in_threads_lose_nothing(store):
    errors = []

    def write(n):
        try:
            ActualsStore(store.path).record([outturn(f"i{n}", q, float(n)) for q in (1, 2, 3)], f"user{n}")
        except Exception as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)

    def read():
        for _ in range(5):
            ActualsStore(store.path).latest()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(10)]
    threads += [threading.Thread(target=read) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    history = store.history()
    assert len(history) == 30
    assert sorted(set(history["submitted_by"])) == sorted(f"user{n}" for n in range(10))
    assert history["batch_id"].nunique() == 10


def test_concurrent_writer_processes_lose_nothing(store):
    script = ("import sys; from perfdash.outturns.store import ActualsStore, Outturn; "
              "ActualsStore(sys.argv[1]).record([Outturn(f'p{sys.argv[2]}', 'c', 2007, q, 1.0, '1') "
              "for q in (1, 2)], 'proc' + sys.argv[2])")
    processes = [subprocess.Popen([sys.executable, "-c", script, str(store.path), str(n)]) for n in range(4)]
    assert [process.wait(timeout=120) for process in processes] == [0, 0, 0, 0]
    assert len(store.history()) == 8


def test_real_and_demo_figures_never_share_a_file(tmp_path):
    path = tmp_path / "demo.duckdb"
    ActualsStore(path, DEMO).record([outturn()], "demo-generator")
    assert kind_on_disk(path) == DEMO
    with pytest.raises(StoreError, match="demo store"):
        ActualsStore(path, REAL).record([outturn()], "alice")
    with pytest.raises(StoreError, match="demo store"):
        ActualsStore(path, REAL).latest()
    assert ActualsStore(path, DEMO).latest()["origin"].tolist() == ["demo"]


def test_signature_changes_after_a_write(store):
    before = store.signature()
    store.record([outturn()], "alice")
    assert store.signature() != before


def test_a_file_that_is_not_a_store_gives_a_plain_error_and_is_left_alone(tmp_path):
    path = tmp_path / "notes.duckdb"
    path.write_text("meeting notes, not a database")
    with pytest.raises(StoreError, match="cannot be opened as an actuals store"):
        ActualsStore(path).record([outturn()], "alice")
    with pytest.raises(StoreError, match="cannot be opened"):
        kind_on_disk(path)
    assert path.read_text() == "meeting notes, not a database"
