"""The Board's decisions in words, for the exceptions page and the draft minutes: each decision's
owner, due date and status (an icon and a word, never colour alone), who recorded it and when,
and last quarter's decisions beside this quarter's exceptions. No Streamlit here.

Input is perfdash.store.decisions' latest frame (one row per decision, its latest version).
"""
from __future__ import annotations

import pandas as pd

from perfdash.store.decisions import DONE, OPEN, previous_quarter

STATUS_WORDS = {OPEN: "○ Open", DONE: "✔ Done"}
NO_DECISION = "No decision recorded."
TABLE_COLUMNS = ["Quarter", "Code", "Indicator", "Decision or action", "Owner", "Due", "Status",
                 "Exception now", "Recorded"]


def status_words(status: str) -> str:
    return STATUS_WORDS.get(status, str(status))


def due_words(due) -> str:
    """ "due 31 Jul 2007", or "no due date" for a decision that needs no action by a date."""
    if due is None or pd.isna(due):
        return "no due date"
    return f"due {pd.Timestamp(due):%d %b %Y}"


def when_words(moment) -> str:
    return f"{pd.Timestamp(moment):%d %b %Y %H:%M}"


def recorded_words(decision) -> str:
    """Who recorded the decision and when, and who last changed it if someone did."""
    first = f"recorded by {decision.first_recorded_by}, {when_words(decision.first_recorded_at)}"
    if int(decision.versions) > 1:
        return f"{first}; last changed by {decision.recorded_by}, {when_words(decision.recorded_at)}"
    return first


def decision_line(decision) -> str:
    """One decision in one line of plain text: its words, owner, due date and status."""
    return (f"{decision.decision_text} — owner: {decision.owner}; {due_words(decision.due_date)}; "
            f"{status_words(decision.status)}")


def for_indicator(decisions: pd.DataFrame, indicator_id: str) -> pd.DataFrame:
    """The decisions about one indicator, oldest first."""
    if decisions.empty:
        return decisions
    return decisions[decisions["indicator_id"] == indicator_id]


def last_quarter(year_start: int, quarter: int) -> tuple[int, int]:
    """The quarter whose decisions this quarter's meeting follows up."""
    return previous_quarter(year_start, quarter)


def decisions_table(decisions: pd.DataFrame, indicators: pd.DataFrame, exceptions: pd.DataFrame,
                    quarter_label) -> pd.DataFrame:
    """Decisions as the on-screen table shows them. `indicators` has indicator_id, code and title (the
    quarter's status table); `exceptions` the indicators off target now, to say which still are."""
    if decisions.empty:
        return pd.DataFrame(columns=TABLE_COLUMNS)
    names = indicators.drop_duplicates("indicator_id").set_index("indicator_id")
    off_now = set(exceptions["indicator_id"]) if not exceptions.empty else set()
    rows = []
    for decision in decisions.itertuples():
        code = names["code"].get(decision.indicator_id) if "code" in names else None
        title = names["title"].get(decision.indicator_id) if "title" in names else None
        rows.append({
            "Quarter": quarter_label(decision.year_start, decision.quarter),
            "Code": code if isinstance(code, str) else "—",
            "Indicator": title if isinstance(title, str) else decision.indicator_id,
            "Decision or action": decision.decision_text, "Owner": decision.owner,
            "Due": due_words(decision.due_date), "Status": status_words(decision.status),
            "Exception now": "Yes, still red or amber" if decision.indicator_id in off_now else "No",
            "Recorded": recorded_words(decision),
        })
    return pd.DataFrame(rows, columns=TABLE_COLUMNS)


def step_number(raw, count: int) -> int:
    """The exception to show (0-based) from the URL's 1-based number: the first when the URL has
    none or nonsense, the last when it names one past the end (the list got shorter)."""
    if count <= 0:
        return 0
    try:
        number = int(str(raw).strip())
    except (TypeError, ValueError):
        return 0
    return min(max(number, 1), count) - 1
