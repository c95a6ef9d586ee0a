"""Moving a whole store between DuckDB and PostgreSQL, losslessly, with every version."""
from __future__ import annotations

import json

import pandas as pd
import pyarrow.parquet as pq
import pytest

from perfdash.store.errors import StoreError
from perfdash.store.outturns import ActualsStore, Outturn
from perfdash.store.plans import PlanStore
from perfdash.store.transfer import STORE_TABLES, export_store, import_store
from tests.store.test_plans import register

BV9 = "nwl-delivery-2007:BV9"


def filled(location: str) -> ActualsStore:
    store = ActualsStore(location)
    store.record([Outturn(BV9, "nw-leicestershire", 2007, 1, 28.0, "28", "Backlog — “quoted” ünïcode")], "alice")
    store.record([Outturn(BV9, "nw-leicestershire", 2007, 1, 28.5, "28.5", "corrected")], "bob")
    store.record([Outturn(BV9, "nw-leicestershire", 2007, 2, None, "not reported")], "bob")
    plans = PlanStore(store)
    plans.import_frames(register(target_q4=52.0), "register.csv", b"v1", "carol")
    plans.import_frames(register(target_q4=55.0), "register.csv", b"v2", "dave")
    return store


def exported_rows(folder) -> dict[str, pd.DataFrame]:
    return {table: pq.read_table(folder / f"{table}.parquet").to_pandas()
            for table in STORE_TABLES if (folder / f"{table}.parquet").exists()}


@pytest.fixture
def postgres_url(postgres_cluster):
    return postgres_cluster.new_database()


def test_duckdb_to_postgres_and_back_loses_nothing(tmp_path, postgres_url):
    source = filled(str(tmp_path / "source.duckdb"))
    first = export_store(source, tmp_path / "export-1")
    import_store(ActualsStore(postgres_url), tmp_path / "export-1")
    export_store(ActualsStore(postgres_url), tmp_path / "export-2")
    back = ActualsStore(str(tmp_path / "back.duckdb"))
    import_store(back, tmp_path / "export-2")
    export_store(back, tmp_path / "export-3")

    original, via_postgres, returned = (exported_rows(tmp_path / f"export-{n}") for n in (1, 2, 3))
    assert set(original) == set(STORE_TABLES)
    for table in STORE_TABLES:
        pd.testing.assert_frame_equal(original[table], via_postgres[table], check_dtype=False)
        pd.testing.assert_frame_equal(original[table], returned[table], check_dtype=False)
    assert first["tables"]["submissions"]["rows"] == 3
    # The history reads the same on every backend, versions and all.
    for store in (ActualsStore(postgres_url), back):
        assert store.history()["value"].tolist()[1:] == [28.5, 28.0]
        assert store.history()["comment"].tolist()[2] == "Backlog — “quoted” ünïcode"
        assert store.versions() == source.versions()
        history = PlanStore(store).history("indicator_values")
        assert history["recorded_by"].tolist()[:1] == ["dave"]


def test_an_import_refuses_a_store_that_already_holds_data(tmp_path):
    export_store(filled(str(tmp_path / "a.duckdb")), tmp_path / "export")
    target = filled(str(tmp_path / "b.duckdb"))
    before = target.history()
    with pytest.raises(StoreError, match="already holds data"):
        import_store(target, tmp_path / "export")
    pd.testing.assert_frame_equal(target.history(), before)


def test_a_tampered_export_is_refused_and_nothing_is_written(tmp_path):
    export_store(filled(str(tmp_path / "a.duckdb")), tmp_path / "export")
    manifest = json.loads((tmp_path / "export" / "manifest.json").read_text())
    manifest["tables"]["submissions"]["sha256"] = "0" * 64
    (tmp_path / "export" / "manifest.json").write_text(json.dumps(manifest))
    target = ActualsStore(str(tmp_path / "b.duckdb"))
    with pytest.raises(StoreError, match="differs from the manifest"):
        import_store(target, tmp_path / "export")
    assert target.history().empty


def test_export_needs_an_empty_folder_and_a_store_with_data(tmp_path):
    with pytest.raises(StoreError, match="nothing to export"):
        export_store(ActualsStore(str(tmp_path / "empty.duckdb")), tmp_path / "out")
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "old.parquet").write_text("x")
    with pytest.raises(StoreError, match="not empty"):
        export_store(filled(str(tmp_path / "a.duckdb")), tmp_path / "used")


def test_a_folder_without_a_manifest_is_not_an_export(tmp_path):
    (tmp_path / "folder").mkdir()
    with pytest.raises(StoreError, match="not a store export"):
        import_store(ActualsStore(str(tmp_path / "b.duckdb")), tmp_path / "folder")
