"""The dashboard's own queries under a time and a memory limit, and extracts that cannot be read:
each stops with a plain message that says what happened and what to do."""
from __future__ import annotations

import shutil
import time

import pytest

from perfdash import paths
from perfdash.db import database

SLOW = "select sum(hash(a.range * b.range)) as n from range(100000000) as a, range(100000000) as b"


@pytest.fixture
def extracts(tmp_path):
    """A copy of the committed extracts to damage."""
    return shutil.copytree(paths.DEFAULT_EXTRACTS_DIR, tmp_path / "extracts")


def test_a_query_past_the_time_limit_is_stopped_with_a_plain_message():
    connection = database.open_database(paths.DEFAULT_EXTRACTS_DIR)
    started = time.monotonic()
    with pytest.raises(database.QueryTimedOut, match=r"longer than the dashboard's limit of 0\.3 s") as stopped:
        database.execute(connection, SLOW, timeout_s=0.3)
    assert time.monotonic() - started < 10
    assert "Choose fewer councils" in str(stopped.value)
    # The connection is still good for the next query.
    assert database.run_named(connection, "overview_council_summary").shape[0] > 0


def test_every_query_has_the_settings_time_limit_unless_given_another(monkeypatch):
    assert 0 < database.QUERY_TIMEOUT_S < float("inf")
    monkeypatch.setattr(database, "QUERY_TIMEOUT_S", 0.3)
    connection = database.open_database(paths.DEFAULT_EXTRACTS_DIR)
    with pytest.raises(database.QueryTimedOut, match=r"limit of 0\.3 s"):
        database.execute(connection, SLOW)


def test_a_query_past_the_memory_limit_is_stopped_with_a_plain_message():
    connection = database.open_database(paths.DEFAULT_EXTRACTS_DIR, memory_limit="64MB")
    with pytest.raises(database.QueryOutOfMemory, match="more memory than the dashboard's limit") as stopped:
        database.execute(connection, "select list(range) as numbers from range(200000000)")
    assert "MiB" in str(stopped.value) or "MB" in str(stopped.value)
    assert database.run_named(connection, "overview_council_summary").shape[0] > 0


def test_the_app_database_holds_the_memory_limit_setting_and_never_spills_to_disk():
    reference = database.duckdb.connect()
    reference.execute("set memory_limit = $limit", {"limit": database.MEMORY_LIMIT})
    expected = reference.execute("select current_setting('memory_limit')").fetchone()[0]
    connection = database.open_database(paths.DEFAULT_EXTRACTS_DIR)
    assert connection.execute("select current_setting('memory_limit'), current_setting('temp_directory')"
                              ).fetchone() == (expected, "")
    assert expected != database.duckdb.connect().execute("select current_setting('memory_limit')").fetchone()[0]


def test_a_truncated_extract_is_named_when_the_database_opens(extracts):
    file = extracts / "indicators.parquet"
    file.write_bytes(file.read_bytes()[: file.stat().st_size // 2])
    with pytest.raises(database.ExtractsUnreadable) as unreadable:
        database.open_database(extracts)
    assert unreadable.value.file == file
    assert str(file) in str(unreadable.value) and "python manage.py build" in str(unreadable.value)


def test_an_extract_replaced_after_opening_is_named_when_a_query_reads_it(extracts):
    connection = database.open_database(extracts)
    (extracts / "councils.parquet").write_bytes(b"not parquet")
    with pytest.raises(database.ExtractsUnreadable, match="python manage.py build") as unreadable:
        database.run_named(connection, "overview_council_summary")
    assert unreadable.value.file.name == "councils.parquet"


def test_damage_inside_an_extract_is_traced_to_its_file(extracts):
    connection = database.open_database(extracts)
    file = extracts / "indicator_values.parquet"
    data = bytearray(file.read_bytes())
    data[100:len(data) - 2000] = bytes(len(data) - 2100)  # the pages go; the footer that opens it stays
    file.write_bytes(bytes(data))
    with pytest.raises(database.ExtractsUnreadable) as unreadable:
        database.run_named(connection, "profiles_years", councils=["nw-leicestershire"])
    assert unreadable.value.file == file


def test_a_missing_extract_is_one_of_the_unreadable_ones(extracts):
    (extracts / "actions.parquet").unlink()
    with pytest.raises(database.ExtractsUnreadable, match="missing actions"):
        database.open_database(extracts)


def test_a_query_error_that_is_not_about_a_file_is_left_as_it_is():
    connection = database.open_database(paths.DEFAULT_EXTRACTS_DIR)
    with pytest.raises(database.duckdb.BinderException):
        database.execute(connection, "select no_such_column from councils")
