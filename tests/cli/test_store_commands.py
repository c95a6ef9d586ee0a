"""migrate-store, export-store and import-store from the command line, on both backends."""
from __future__ import annotations

import pytest

from manage import main
from perfdash.store.outturns import ActualsStore, Outturn

BV9 = "nwl-delivery-2007:BV9"


@pytest.fixture
def postgres_url(postgres_cluster):
    return postgres_cluster.new_database()


def test_migrate_store_creates_the_schema_once(postgres_url, capsys):
    assert main(["migrate-store", "--store", postgres_url]) == 0
    first = capsys.readouterr().out
    assert "ran 0001 outturns, 0002 plans" in first and "postgres@" in first
    assert main(["migrate-store", "--store", postgres_url]) == 0
    assert "already at the latest schema" in capsys.readouterr().out


def test_a_store_moves_from_duckdb_to_postgres_with_its_history(tmp_path, postgres_url, capsys):
    source = tmp_path / "actuals.duckdb"
    store = ActualsStore(source)
    store.record([Outturn(BV9, "nw-leicestershire", 2007, 1, 28.0, "28")], "alice")
    store.record([Outturn(BV9, "nw-leicestershire", 2007, 1, 29.0, "29")], "bob")
    assert main(["export-store", "--store", str(source), "--out", str(tmp_path / "export")]) == 0
    assert "submissions 2" in capsys.readouterr().out
    assert main(["import-store", str(tmp_path / "export"), "--store", postgres_url]) == 0
    assert "imported" in capsys.readouterr().out
    moved = ActualsStore(postgres_url).history()
    assert moved[["value", "replaced_value", "submitted_by"]].values.tolist()[0] == [29.0, 28.0, "bob"]


def test_import_store_refuses_a_non_export_and_says_nothing_was_written(tmp_path, capsys):
    (tmp_path / "folder").mkdir()
    assert main(["import-store", str(tmp_path / "folder"), "--store", str(tmp_path / "s.duckdb")]) == 1
    err = capsys.readouterr().err
    assert "nothing was written" in err and "not a store export" in err
    assert not (tmp_path / "s.duckdb").exists()


def test_a_password_in_the_url_is_never_printed(postgres_cluster, capsys):
    url = postgres_cluster.new_database().replace("postgres@", "postgres:hunter2@")
    assert main(["migrate-store", "--store", url]) == 0
    assert "hunter2" not in capsys.readouterr().out
