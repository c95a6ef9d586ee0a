"""The decisions in words, as the Exceptions page and the minutes show them: status as icon and word,
due dates, who recorded and changed a decision, last quarter's decisions against this quarter's
exceptions, and the chair's place in the URL read safely."""
from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from perfdash.rag.status import quarter_label
from perfdash.views import decisions as words

BV9 = "nwl-delivery-2007:BV9"
BV10 = "nwl-delivery-2007:BV10"


def decision(**changes) -> dict:
    row = {"decision_id": "d1", "council_id": "nw-leicestershire", "indicator_id": BV9, "year_start": 2007,
           "quarter": 1, "decision_text": "Recruit two temporary staff", "owner": "Head of Revenues",
           "due_date": date(2007, 9, 30), "status": "open", "recorded_by": "jo.bloggs",
           "recorded_at": pd.Timestamp("2007-07-10 14:05"), "first_recorded_by": "jo.bloggs",
           "first_recorded_at": pd.Timestamp("2007-07-10 14:05"), "version_id": 1, "versions": 1}
    return {**row, **changes}


def one(**changes):
    return next(pd.DataFrame([decision(**changes)]).itertuples())


def test_a_decision_reads_as_one_line_with_its_status_in_words():
    assert words.decision_line(one()) == ("Recruit two temporary staff — owner: Head of Revenues; due 30 Sep 2007; "
                                          "○ Open")
    assert words.decision_line(one(status="done", due_date=None)).endswith("no due date; ✔ Done")


def test_who_recorded_it_and_who_changed_it_last():
    assert words.recorded_words(one()) == "recorded by jo.bloggs, 10 Jul 2007 14:05"
    changed = one(versions=3, recorded_by="sam.smith", recorded_at=pd.Timestamp("2007-10-02 09:30"))
    assert words.recorded_words(changed) == ("recorded by jo.bloggs, 10 Jul 2007 14:05; last changed by sam.smith, "
                                             "02 Oct 2007 09:30")


def test_last_quarters_decisions_say_whether_the_indicator_is_still_an_exception():
    decided = pd.DataFrame([decision(), decision(decision_id="d2", indicator_id=BV10, status="done")])
    indicators = pd.DataFrame({"indicator_id": [BV9, BV10], "code": ["BV9", None],
                               "title": ["Council tax collected", "Business rates collected"]})
    exceptions_now = pd.DataFrame({"indicator_id": [BV9]})
    table = words.decisions_table(decided, indicators, exceptions_now, quarter_label)
    assert table[["Quarter", "Code", "Indicator", "Status", "Exception now"]].values.tolist() == [
        ["Q1 2007/08", "BV9", "Council tax collected", "○ Open", "Yes, still red or amber"],
        ["Q1 2007/08", "—", "Business rates collected", "✔ Done", "No"],
    ]


def test_no_decisions_give_an_empty_table_with_its_columns():
    empty = words.decisions_table(pd.DataFrame(), pd.DataFrame(), pd.DataFrame(), quarter_label)
    assert empty.empty and list(empty.columns) == words.TABLE_COLUMNS


@pytest.mark.parametrize("raw, count, index", [
    (None, 5, 0), ("3", 5, 2), ("9", 5, 4), ("0", 5, 0), ("-2", 5, 0), ("two", 5, 0), ("3", 0, 0),
])
def test_the_chairs_place_in_the_url_is_read_safely(raw, count, index):
    assert words.step_number(raw, count) == index


def test_the_quarter_before_q1_is_last_years_q4():
    assert words.last_quarter(2008, 1) == (2007, 4)
