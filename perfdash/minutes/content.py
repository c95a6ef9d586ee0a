"""What the draft minutes of a quarter's Board meeting say, before any file format: a place for
attendees, then each exception with its figures, the officer's commentary, last quarter's
decisions and whether each was done, and this quarter's decisions with owner and due date.

Input is perfdash.rag.status's exceptions for the quarter and perfdash.store.decisions' latest
decisions for it and for the quarter before. Every figure carries its unit, polarity and source;
statuses are words with their icon. Typed text (comments, decisions, owners) is kept as typed:
the writers decide how to keep it plain.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from perfdash.polarity import polarity_words, unit_label
from perfdash.rag import rule as rag
from perfdash.rag import status as quarter_status
from perfdash.views import decisions as decision_words
from perfdash.views.exceptions import (
    comment_text,
    direction_label,
    figure,
    gap_words,
    submitted_words,
)

ATTENDEE_ROLES = ("Present", "Apologies", "In attendance")
TO_BE_AGREED = "To be agreed at the meeting."


@dataclass(frozen=True)
class DecisionEntry:
    text: str
    owner: str
    due: str
    status: str
    recorded: str


@dataclass(frozen=True)
class ExceptionItem:
    number: int
    heading: str
    figures: list[tuple[str, str]]
    commentary: str
    earlier: list[DecisionEntry]
    decisions: list[DecisionEntry]


@dataclass(frozen=True)
class Minutes:
    title: str
    council: str
    quarter: str
    previous_quarter: str
    notes: list[str]
    items: list[ExceptionItem]
    # Decisions about indicators that are not exceptions this quarter: (indicator, decision).
    other_decisions: list[tuple[str, DecisionEntry]] = field(default_factory=list)
    follow_ups: list[tuple[str, DecisionEntry]] = field(default_factory=list)

    @property
    def decision_count(self) -> int:
        return sum(len(item.decisions) for item in self.items) + len(self.other_decisions)


def _entry(decision) -> DecisionEntry:
    return DecisionEntry(decision.decision_text, decision.owner, decision_words.due_words(decision.due_date),
                         decision_words.status_words(decision.status), decision_words.recorded_words(decision))


def _named(indicator_id: str, names: dict[str, str]) -> str:
    return names.get(indicator_id, indicator_id)


def _heading(row) -> str:
    code = f"{row.code} · " if isinstance(row.code, str) else ""
    return f"{rag.status_label(row.rag)} — {code}{row.title}"


def _figures(row) -> list[tuple[str, str]]:
    return [
        (f"Target ({row.basis})", figure(row.target, row.unit)),
        ("Actual", figure(row.actual, row.unit)),
        ("Gap", gap_words(row.gap, row.target, row.unit)),
        ("Against last quarter", direction_label(row.direction)),
        ("Against the same quarter last year", direction_label(row.direction_last_year)),
        ("Off target since", row.off_target_since or "this quarter"),
        ("Unit and polarity", f"{unit_label(row.unit) or 'no unit'} · {polarity_words(row.polarity)}"),
        ("Status history", row.history or "—"),
        ("Target source", row.target_source if isinstance(row.target_source, str) else "source not recorded"),
    ]


def data_as_at(table: pd.DataFrame) -> str:
    """When the newest outturn of the quarter was recorded, in words."""
    if "submitted_at" not in table or table["submitted_at"].isna().all():
        return "no outturns recorded"
    return f"{pd.Timestamp(table['submitted_at'].max()):%d %b %Y %H:%M}"


def indicator_names(table: pd.DataFrame) -> dict[str, str]:
    """indicator_id -> "code · title" from the quarter's status table."""
    names = {}
    for row in table.drop_duplicates("indicator_id").itertuples():
        code = f"{row.code} · " if isinstance(row.code, str) else ""
        names[row.indicator_id] = f"{code}{row.title}"
    return names


def build_minutes(council_name: str, year_start: int, quarter: int, table: pd.DataFrame, found: pd.DataFrame,
                  decided: pd.DataFrame, decided_before: pd.DataFrame, generated: str) -> Minutes:
    """The minutes' content. `table` is the quarter's status table (names every indicator), `found`
    its exceptions worst first, `decided`/`decided_before` the decisions of this quarter and the last."""
    label = quarter_status.quarter_label(year_start, quarter)
    before = quarter_status.quarter_label(*decision_words.last_quarter(year_start, quarter))
    names = indicator_names(table)
    items = []
    for number, row in enumerate(found.itertuples(), start=1):
        items.append(ExceptionItem(
            number, _heading(row), _figures(row),
            comment_text(row.comment) + submitted_words(row.submitted_by, row.submitted_at),
            [_entry(d) for d in decision_words.for_indicator(decided_before, row.indicator_id).itertuples()],
            [_entry(d) for d in decision_words.for_indicator(decided, row.indicator_id).itertuples()]))
    off_now = set(found["indicator_id"]) if not found.empty else set()
    others = [(_named(d.indicator_id, names), _entry(d)) for d in decided.itertuples()
              if d.indicator_id not in off_now]
    follow_ups = [(_named(d.indicator_id, names), _entry(d)) for d in decided_before.itertuples()
                  if d.indicator_id not in off_now]
    notes = [f"Draft minutes generated {generated}; outturns as at {data_as_at(table)}.",
             (f"{len(found)} indicators were red or amber in {label}, worst first. Statuses follow the "
              "dashboard's configured RAG rule.")]
    return Minutes(f"Performance Monitoring Board — {council_name}, {label}: draft minutes", council_name, label,
                   before, notes, items, others, follow_ups)
