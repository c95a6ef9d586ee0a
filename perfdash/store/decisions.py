"""Decisions and actions the Board records against an exception, kept in the store with every version.

A decision belongs to one council's indicator in one quarter (the quarter whose exceptions the
meeting reviewed): its words, an owner, a due date (none for a decision that needs no action)
and a status, open or done. Nothing is updated or deleted: a change, including marking it done
next quarter, is a new version of the same decision_id that notes the version it replaced, who
made it and when; the latest version wins in reads. Each write is one transaction under the
store's write lock and advances the store's "decisions" version, which readers key caches on.

Decisions live in the real store only, beside the outturns they were made about.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime

import pandas as pd

from perfdash.store.errors import StoreError
from perfdash.store.outturns import REAL, ActualsStore

OPEN, DONE = "open", "done"
STATUSES = (OPEN, DONE)
MAX_TEXT = 2000   # a decision or action, as minutes would word it
MAX_OWNER = 200
LATEST_COLUMNS = ["decision_id", "council_id", "indicator_id", "year_start", "quarter", "decision_text", "owner",
                  "due_date", "status", "recorded_by", "recorded_at", "first_recorded_by", "first_recorded_at",
                  "version_id", "versions"]
HISTORY_COLUMNS = ["version_id", "decision_id", "council_id", "indicator_id", "year_start", "quarter",
                   "decision_text", "owner", "due_date", "status", "recorded_by", "recorded_at",
                   "replaced_version_id", "replaced_text", "replaced_owner", "replaced_due_date", "replaced_status"]
_UNSET = object()


@dataclass(frozen=True)
class Decision:
    """One decision or action against one exception: an indicator of a council in a quarter."""
    council_id: str
    indicator_id: str
    year_start: int
    quarter: int
    text: str
    owner: str
    due_date: date | None = None
    status: str = OPEN


@dataclass(frozen=True)
class DecisionWrite:
    decision_id: str
    version_id: int
    recorded_by: str
    recorded_at: datetime
    replaced_version_id: int | None
    written: bool = True

    def summary(self) -> str:
        if not self.written:
            return "nothing changed, so nothing was written"
        what = "recorded" if self.replaced_version_id is None else "updated"
        return f"decision {what} as {self.recorded_by} (version {self.version_id})"


def checked(decision: Decision) -> Decision:
    """The decision with its words trimmed, or StoreError saying in plain words what is wrong."""
    text = (decision.text or "").strip()
    owner = (decision.owner or "").strip()
    problems = []
    if not text:
        problems.append("the decision or action has no words")
    elif len(text) > MAX_TEXT:
        problems.append(f"the decision is {len(text):,} characters long; keep it to {MAX_TEXT:,}")
    if not owner:
        problems.append("nobody is named as its owner")
    elif len(owner) > MAX_OWNER:
        problems.append(f"the owner's name is {len(owner)} characters long; keep it to {MAX_OWNER}")
    if decision.status not in STATUSES:
        problems.append(f"its status must be open or done, not {decision.status!r}")
    if decision.due_date is not None and not isinstance(decision.due_date, date):
        problems.append(f"its due date {decision.due_date!r} is not a date")
    if int(decision.quarter) not in (1, 2, 3, 4):
        problems.append(f"quarter {decision.quarter} is not 1 to 4")
    if not decision.council_id or not decision.indicator_id:
        problems.append("it does not say which council's indicator it is about")
    if problems:
        raise StoreError("The decision was not recorded: " + "; ".join(problems) + ".")
    due = decision.due_date.date() if isinstance(decision.due_date, datetime) else decision.due_date
    return replace(decision, text=text, owner=owner, due_date=due, year_start=int(decision.year_start),
                   quarter=int(decision.quarter))


class DecisionStore:
    """The decisions in a store (always the real store: a demonstration has no Board)."""

    def __init__(self, store: ActualsStore):
        if store.kind != REAL:
            raise StoreError("decisions are recorded in the real store only, never the demonstration store")
        self.store = store

    # -- writing ---------------------------------------------------------------------------
    def record(self, decision: Decision, recorded_by: str) -> DecisionWrite:
        """Record a new decision (its first version) in one transaction."""
        who = _writer(recorded_by)
        decision = checked(decision)
        decision_id = uuid.uuid4().hex[:12]
        recorded_at = datetime.now(UTC)
        with self.store.writing() as session:
            version = self._insert(session, decision_id, decision, who, recorded_at)
        return DecisionWrite(decision_id, version, who, recorded_at, None)

    def update(self, decision_id: str, recorded_by: str, *, text=_UNSET, owner=_UNSET, due_date=_UNSET,
               status=_UNSET, expected_version: int | None = None) -> DecisionWrite:
        """A new version of a decision with the given changes; the rest carried over from the latest
        version. With `expected_version`, refused if someone changed the decision since it was read,
        so one editor never silently overwrites another. An unchanged decision is not written again."""
        who = _writer(recorded_by)
        if not decision_id:
            raise StoreError("no decision was chosen to change; nothing was written")
        recorded_at = datetime.now(UTC)
        with self.store.writing() as session:
            found = session.df("decisions_latest", council=None, year=None, quarter=None, decision=decision_id)
            if found.empty:
                raise StoreError(f"there is no decision {decision_id!r} to change; nothing was written")
            latest = found.iloc[0]
            if expected_version is not None and int(latest["version_id"]) != int(expected_version):
                raise StoreError(f"{latest['recorded_by']} changed this decision at "
                                 f"{pd.Timestamp(latest['recorded_at']):%H:%M on %d %b %Y} while you were editing "
                                 "it; nothing was written. Look at their change, then make yours again.")
            current = _from_row(latest)
            changes = {name: value for name, value in (("text", text), ("owner", owner), ("due_date", due_date),
                                                       ("status", status)) if value is not _UNSET}
            wanted = checked(replace(current, **changes))
            if wanted == current:
                return DecisionWrite(decision_id, int(latest["version_id"]), who, recorded_at,
                                     int(latest["version_id"]), written=False)
            version = self._insert(session, decision_id, wanted, who, recorded_at)
        return DecisionWrite(decision_id, version, who, recorded_at, int(latest["version_id"]))

    def mark(self, decision_id: str, status: str, recorded_by: str,
             expected_version: int | None = None) -> DecisionWrite:
        """Mark a decision done (or open again): a new version with only its status changed."""
        return self.update(decision_id, recorded_by, status=status, expected_version=expected_version)

    @staticmethod
    def _insert(session, decision_id: str, decision: Decision, who: str, recorded_at: datetime) -> int:
        session.execute("decisions_insert", decision_id=decision_id, council=decision.council_id,
                        indicator=decision.indicator_id, year=decision.year_start, quarter=decision.quarter,
                        text=decision.text, owner=decision.owner, due_date=decision.due_date,
                        status=decision.status, recorded_by=who, recorded_at=recorded_at)
        session.execute("version_advance", part="decisions")
        return int(session.scalar("decisions_newest_version"))

    # -- reading ---------------------------------------------------------------------------
    def latest(self, council_id: str | None = None, year_start: int | None = None,
               quarter: int | None = None) -> pd.DataFrame:
        """The latest version of each decision, oldest decision first; empty before the first."""
        found = self.store.read("decisions_latest", council=council_id, year=_int(year_start),
                                quarter=_int(quarter), decision=None)
        return _dates(found if found is not None else pd.DataFrame(columns=LATEST_COLUMNS), ["due_date"])

    def history(self, council_id: str | None = None, year_start: int | None = None,
                quarter: int | None = None, decision_id: str | None = None) -> pd.DataFrame:
        """Every version, newest first, with what each replaced."""
        found = self.store.read("decisions_history", council=council_id, year=_int(year_start),
                                quarter=_int(quarter), decision=decision_id)
        frame = found if found is not None else pd.DataFrame(columns=HISTORY_COLUMNS)
        return _dates(frame, ["due_date", "replaced_due_date"])


def previous_quarter(year_start: int, quarter: int) -> tuple[int, int]:
    """The quarter before: Q1 2008/09 follows Q4 2007/08."""
    return (int(year_start), int(quarter) - 1) if int(quarter) > 1 else (int(year_start) - 1, 4)


def _writer(recorded_by: str) -> str:
    if not recorded_by or not str(recorded_by).strip():
        raise StoreError("every decision must name the editor who recorded it; nothing was written")
    return str(recorded_by).strip()


def _int(value) -> int | None:
    return None if value is None else int(value)


def _from_row(row: pd.Series) -> Decision:
    due = row["due_date"]
    return Decision(row["council_id"], row["indicator_id"], int(row["year_start"]), int(row["quarter"]),
                    row["decision_text"], row["owner"], _as_date(due), row["status"])


def _as_date(value) -> date | None:
    if value is None or pd.isna(value):
        return None
    return pd.Timestamp(value).date()


def _dates(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Due dates as datetime.date or None on both backends (DuckDB hands back timestamps)."""
    frame = frame.copy()
    for column in columns:
        frame[column] = pd.Series([_as_date(value) for value in frame[column]], index=frame.index, dtype=object)
    return frame
