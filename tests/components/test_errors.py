"""What a user reads when a page cannot be drawn: plain words for the errors they can act on."""
from __future__ import annotations

import shutil

import pytest

from components.errors import plain_message
from perfdash import paths
from perfdash.db import database
from perfdash.store.errors import StoreError
from perfdash.store.outturns import ActualsStore

GENERIC = "Something went wrong"


def test_a_query_stopped_at_the_time_limit_reads_plainly():
    connection = database.open_database(paths.DEFAULT_EXTRACTS_DIR)
    with pytest.raises(database.QueryTimedOut) as stopped:
        database.execute(connection, "select count(*) from range(100000000) as a, range(100000000) as b",
                         timeout_s=0.2)
    message = plain_message(stopped.value)
    assert GENERIC not in message and "0.2 s" in message and "fewer councils" in message


def test_a_query_stopped_at_the_memory_limit_reads_plainly():
    connection = database.open_database(paths.DEFAULT_EXTRACTS_DIR, memory_limit="64MB")
    with pytest.raises(database.QueryOutOfMemory) as stopped:
        database.execute(connection, "select list(range) from range(200000000)")
    message = plain_message(stopped.value)
    assert GENERIC not in message and "more memory" in message


def test_a_damaged_extract_reads_plainly_with_its_file(tmp_path):
    folder = shutil.copytree(paths.DEFAULT_EXTRACTS_DIR, tmp_path / "extracts")
    (folder / "plans.parquet").write_bytes(b"cut short")
    with pytest.raises(database.ExtractsUnreadable) as unreadable:
        database.open_database(folder)
    message = plain_message(unreadable.value)
    assert GENERIC not in message and str(folder / "plans.parquet") in message and "manage.py build" in message


def test_a_damaged_store_reads_plainly_with_its_file(tmp_path):
    store = tmp_path / "actuals.duckdb"
    store.write_bytes(b"garbage" * 500)
    with pytest.raises(StoreError) as unreadable:
        ActualsStore(store).latest()
    message = plain_message(unreadable.value)
    assert GENERIC not in message and str(store) in message and "still work" in message


def test_anything_else_gets_the_general_words_and_its_kind():
    assert plain_message(ZeroDivisionError("x")).startswith(GENERIC)
    assert "ZeroDivisionError" in plain_message(ZeroDivisionError("x"))
