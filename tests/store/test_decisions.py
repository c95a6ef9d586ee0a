"""Decisions recorded against exceptions, on both backends: every change a new version noting what
it replaced, who and when; writes all-or-nothing; the "decisions" version advanced on each write."""
from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from perfdash.store.decisions import (
    DONE,
    OPEN,
    Decision,
    DecisionStore,
    previous_quarter,
)
from perfdash.store.errors import StoreError
from perfdash.store.outturns import DEMO, ActualsStore, Outturn
from perfdash.store.transfer import export_store, import_store

NWL = "nw-leicestershire"
BV9 = "nwl-delivery-2007:BV9"
BV10 = "nwl-delivery-2007:BV10"


def bv9_decision(**changes) -> Decision:
    fields = {"council_id": NWL, "indicator_id": BV9, "year_start": 2007, "quarter": 1,
              "text": "Recover the direct debit run by July", "owner": "Head of Revenues",
              "due_date": date(2007, 7, 31)}
    return Decision(**{**fields, **changes})


def test_a_recorded_decision_reads_back_with_who_and_when(store_location):
    store = ActualsStore(store_location)
    written = DecisionStore(store).record(bv9_decision(), "jo.bloggs")
    latest = DecisionStore(store).latest(NWL, 2007, 1)
    assert len(latest) == 1
    row = latest.iloc[0]
    assert (row["decision_id"], row["indicator_id"], row["decision_text"], row["owner"]) == (
        written.decision_id, BV9, "Recover the direct debit run by July", "Head of Revenues")
    assert row["due_date"] == date(2007, 7, 31)
    assert (row["status"], row["recorded_by"], int(row["versions"])) == (OPEN, "jo.bloggs", 1)
    assert store.versions()["decisions"] == 1
    assert store.versions()["outturns"] == 0  # outturn caches are not thrown away by a decision


def test_a_change_is_a_new_version_noting_what_it_replaced(store_location):
    store = DecisionStore(ActualsStore(store_location))
    first = store.record(bv9_decision(), "jo.bloggs")
    second = store.update(first.decision_id, "sam.smith", owner="Revenues Manager", due_date=date(2007, 8, 15))
    assert second.replaced_version_id == first.version_id
    latest = store.latest().iloc[0]
    assert (latest["owner"], latest["due_date"], latest["recorded_by"], latest["first_recorded_by"]) == (
        "Revenues Manager", date(2007, 8, 15), "sam.smith", "jo.bloggs")
    assert latest["decision_text"] == "Recover the direct debit run by July"  # carried over
    history = store.history(decision_id=first.decision_id)
    assert history["recorded_by"].tolist() == ["sam.smith", "jo.bloggs"]
    newest = history.iloc[0]
    assert (newest["replaced_owner"], newest["replaced_due_date"]) == ("Head of Revenues", date(2007, 7, 31))
    assert pd.isna(history.iloc[1]["replaced_version_id"])  # the first version replaced nothing
    assert store.store.versions()["decisions"] == 2


def test_marking_done_keeps_the_open_version_in_the_history(store_location):
    store = DecisionStore(ActualsStore(store_location))
    first = store.record(bv9_decision(), "jo.bloggs")
    store.mark(first.decision_id, DONE, "jo.bloggs")
    assert store.latest()["status"].tolist() == [DONE]
    assert store.history()[["status", "replaced_status"]].values.tolist()[0] == [DONE, OPEN]


def test_a_stale_edit_is_refused_and_writes_nothing(store_location):
    store = DecisionStore(ActualsStore(store_location))
    first = store.record(bv9_decision(), "jo.bloggs")
    store.update(first.decision_id, "sam.smith", text="Recover the run by August")
    with pytest.raises(StoreError, match="sam.smith changed this decision .* nothing was written"):
        store.update(first.decision_id, "jo.bloggs", owner="Someone else", expected_version=first.version_id)
    assert store.latest()["owner"].tolist() == ["Head of Revenues"]
    assert len(store.history()) == 2


def test_an_unchanged_edit_writes_no_version(store_location):
    store = DecisionStore(ActualsStore(store_location))
    first = store.record(bv9_decision(), "jo.bloggs")
    again = store.update(first.decision_id, "sam.smith", text="  Recover the direct debit run by July ")
    assert not again.written and "nothing was written" in again.summary()
    assert len(store.history()) == 1 and store.store.versions()["decisions"] == 1


@pytest.mark.parametrize("changes, words", [
    ({"text": "   "}, "has no words"),
    ({"owner": ""}, "nobody is named as its owner"),
    ({"status": "maybe"}, "must be open or done"),
    ({"text": "x" * 2001}, "keep it to 2,000"),
])
def test_an_incomplete_decision_is_refused_in_plain_words(store_location, changes, words):
    store = DecisionStore(ActualsStore(store_location))
    with pytest.raises(StoreError, match=words):
        store.record(bv9_decision(**changes), "jo.bloggs")
    assert store.latest().empty
    assert store.store.versions()["decisions"] == 0


def test_every_decision_names_its_editor(store_location):
    with pytest.raises(StoreError, match="name the editor"):
        DecisionStore(ActualsStore(store_location)).record(bv9_decision(), "  ")


def test_a_write_that_fails_part_way_leaves_nothing(store_location, monkeypatch):
    store = DecisionStore(ActualsStore(store_location))
    store.record(bv9_decision(), "jo.bloggs")

    def failing_insert(session, *args):
        session.execute("decisions_insert", decision_id="half", council=NWL, indicator=BV10, year=2007,
                        quarter=1, text="half written", owner="x", due_date=None, status=OPEN,
                        recorded_by="jo.bloggs", recorded_at=args[-1])
        raise StoreError("the disk went away")

    monkeypatch.setattr(DecisionStore, "_insert", staticmethod(failing_insert))
    with pytest.raises(StoreError, match="disk went away"):
        store.record(bv9_decision(indicator_id=BV10), "jo.bloggs")
    assert store.latest()["indicator_id"].tolist() == [BV9]


def test_reads_choose_a_council_and_quarter_and_a_decision_may_have_no_due_date(store_location):
    store = DecisionStore(ActualsStore(store_location))
    store.record(bv9_decision(), "jo.bloggs")
    store.record(bv9_decision(quarter=2, text="Note the recovery", due_date=None), "jo.bloggs")
    store.record(bv9_decision(council_id="melton", indicator_id="melton:X"), "jo.bloggs")
    q2 = store.latest(NWL, 2007, 2)
    assert q2["decision_text"].tolist() == ["Note the recovery"]
    assert q2["due_date"].tolist() == [None]
    assert sorted(store.latest(NWL)["quarter"].tolist()) == [1, 2]
    assert len(store.latest()) == 3


def test_decisions_sit_beside_outturns_in_the_same_store(store_location):
    store = ActualsStore(store_location)
    store.record([Outturn(BV9, NWL, 2007, 1, 27.0, "27.0%", "Staff shortage")], "jo.bloggs")
    DecisionStore(store).record(bv9_decision(), "jo.bloggs")
    assert store.latest()["comment"].tolist() == ["Staff shortage"]
    assert store.versions()["outturns"] == 1 and store.versions()["decisions"] == 1


def test_the_demonstration_store_takes_no_decisions(tmp_path):
    with pytest.raises(StoreError, match="real store only"):
        DecisionStore(ActualsStore(tmp_path / "demo.duckdb", DEMO))


def test_a_store_export_carries_every_version_of_every_decision(store_location, tmp_path):
    source = DecisionStore(ActualsStore(store_location))
    first = source.record(bv9_decision(), "jo.bloggs")
    source.mark(first.decision_id, DONE, "sam.smith")
    export_store(source.store, tmp_path / "export")
    target = DecisionStore(ActualsStore(tmp_path / "copy.duckdb"))
    import_store(target.store, tmp_path / "export")
    columns = ["version_id", "decision_id", "status", "recorded_by", "due_date", "replaced_status"]
    assert target.history()[columns].values.tolist() == source.history()[columns].values.tolist()


def test_the_quarter_before_crosses_the_financial_year():
    assert previous_quarter(2008, 1) == (2007, 4)
    assert previous_quarter(2007, 3) == (2007, 2)

