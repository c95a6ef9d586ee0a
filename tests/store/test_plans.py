"""Imported plan registers in the store: versions, idempotence, history and all-or-nothing writes."""
from __future__ import annotations

import uuid

import pandas as pd
import pytest

from perfdash.store.errors import StoreError
from perfdash.store.outturns import DEMO, ActualsStore, Outturn
from perfdash.store.plans import PlanStore, row_key

HUNTS = "huntingdonshire"
PLAN = "huntingdonshire-corporate-2024"
TIPPED = f"{PLAN}:KPI1"


def register(target_q4: float = 52.0, file: str = "register.csv") -> dict[str, pd.DataFrame]:
    councils = pd.DataFrame([{"council_id": HUNTS, "name": "Huntingdonshire District Council", "tier": "district",
                              "parent_council_id": None, "origin": f"{file}:2"}])
    plans = pd.DataFrame([{"plan_id": PLAN, "council_id": HUNTS, "title": "Corporate Plan 2023-2028",
                           "plan_type": "corporate_plan", "period_label": "2024/25", "start_year": 2024,
                           "end_year": 2025, "source_file": file, "original_file": file, "origin": f"{file}:2"}])
    indicators = pd.DataFrame([{"indicator_id": TIPPED, "council_id": HUNTS, "plan_id": PLAN, "ref": "KPI1",
                                "code": None, "title": "Household waste recycled and composted",
                                "common_theme": "Environment, waste & streetscene", "unit": "percent",
                                "polarity": "higher", "profile": "snapshot", "origin": f"{file}:2",
                                "source_note": "Waste Data Flow"}])
    values = pd.DataFrame([
        {"indicator_id": TIPPED, "council_id": HUNTS, "period": "2024/25", "year_start": 2024, "quarter": None,
         "kind": "target", "value": target_q4, "value_text": f"{target_q4:g}%", "origin": f"{file}:2"},
        {"indicator_id": TIPPED, "council_id": HUNTS, "period": "2024/25", "year_start": 2024, "quarter": 1,
         "kind": "target", "value": 50.0, "value_text": "50%", "origin": f"{file}:2"},
    ])
    return {"councils": councils, "plans": plans, "indicators": indicators, "indicator_values": values}


@pytest.fixture
def plans(store_location):
    return PlanStore(ActualsStore(store_location))


def test_an_import_is_read_back_under_the_contract_tables_with_its_origin(plans):
    result = plans.import_frames(register(), "register.csv", b"file", "alice")
    assert result.versions_written == 5 and result.unchanged == 0
    tables = plans.latest_tables()
    assert tables["councils"]["name"].tolist() == ["Huntingdonshire District Council"]
    indicator = tables["indicators"].iloc[0]
    assert (indicator["indicator_id"], indicator["source"], indicator["source_note"]) == (
        TIPPED, "register.csv:2", "Waste Data Flow")
    values = tables["indicator_values"].sort_values("quarter", na_position="first")
    assert values["value"].tolist() == [52.0, 50.0]
    assert values["quarter"].isna().tolist() == [True, False]
    assert str(values["year_start"].dtype) == "Int64"
    assert set(tables["indicators"]["recorded_by"]) == {"alice"}


def test_importing_the_same_register_twice_changes_nothing(plans):
    plans.import_frames(register(), "register.csv", b"file", "alice")
    again = plans.import_frames(register(), "register.csv", b"file", "bob")
    assert again.versions_written == 0
    assert "nothing was written" in again.summary()
    assert len(plans.history()) == 5
    assert set(plans.latest_tables()["indicators"]["recorded_by"]) == {"alice"}


def test_the_same_figures_from_another_file_name_change_only_the_plans_source_file(plans):
    plans.import_frames(register(), "register.csv", b"file", "alice")
    renamed = plans.import_frames(register(file="renamed.xlsx"), "renamed.xlsx", b"other", "bob")
    assert renamed.versions_written == 1 and renamed.by_table["plans"] == 1
    assert plans.latest_tables()["indicators"]["source"].tolist() == ["register.csv:2"]


def test_a_changed_target_is_a_new_version_that_keeps_the_old_one(plans):
    plans.import_frames(register(target_q4=52.0), "register.csv", b"v1", "alice")
    changed = plans.import_frames(register(target_q4=55.0), "register.csv", b"v2", "bob")
    assert changed.versions_written == 1 and changed.by_table["indicator_values"] == 1
    annual = plans.latest_tables()["indicator_values"].query("quarter.isna()")
    assert annual[["value", "recorded_by", "versions"]].values.tolist() == [[55.0, "bob", 2]]
    key = row_key("indicator_values", {"indicator_id": TIPPED, "year_start": 2024, "quarter": None,
                                       "kind": "target"})
    history = plans.history("indicator_values", key)
    assert history["recorded_by"].tolist() == ["bob", "alice"]
    assert '"value": 52.0' in history["replaced_row_json"].iloc[0]


def test_a_failed_import_writes_nothing(plans, monkeypatch):
    first = plans.import_frames(register(target_q4=52.0), "register.csv", b"v1", "alice")
    # The same import id again makes the import log's insert fail after the versions were inserted.
    monkeypatch.setattr(uuid, "uuid4", lambda: uuid.UUID(first.import_id.ljust(32, "0")))
    with pytest.raises(StoreError, match="nothing was written"):
        plans.import_frames(register(target_q4=60.0), "register.csv", b"v2", "bob")
    assert plans.latest_tables()["indicator_values"].query("quarter.isna()")["value"].tolist() == [52.0]
    assert len(plans.history()) == 5


def test_every_row_must_cite_its_origin(plans):
    frames = register()
    frames["indicators"] = frames["indicators"].drop(columns="origin")
    with pytest.raises(StoreError, match="origin"):
        plans.import_frames(frames, "register.csv", b"file", "alice")
    assert plans.latest_tables()["indicators"].empty


def test_plans_share_the_store_with_outturns(plans):
    plans.store.record([Outturn(TIPPED, HUNTS, 2024, 1, 49.0, "49%")], "alice")
    plans.import_frames(register(), "register.csv", b"file", "alice")
    assert plans.store.latest()["value"].tolist() == [49.0]
    assert len(plans.latest_tables()["indicators"]) == 1


def test_the_demonstration_store_takes_no_plans(tmp_path):
    with pytest.raises(StoreError, match="real store only"):
        PlanStore(ActualsStore(tmp_path / "demo.duckdb", DEMO))


def test_reads_before_any_import_are_empty_with_the_contract_columns(plans):
    tables = plans.latest_tables()
    assert all(frame.empty for frame in tables.values())
    assert "indicator_id" in tables["indicators"].columns and "kind" in tables["indicator_values"].columns
