"""What a register is read into and checked as: rows with their origin, problems, and the report."""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd


@dataclass(frozen=True)
class RegisterRow:
    """One data row of a register file, every cell as text, keyed by the register's column names."""
    file: str
    sheet: str | None  # None for a CSV file
    line: int          # the header is line 1, as a spreadsheet numbers its rows
    cells: dict[str, str]

    @property
    def origin(self) -> str:
        """"register.csv:12", or "register.xlsx:indicators!12" for a sheet of a workbook."""
        return f"{self.file}:{self.line}" if self.sheet is None else f"{self.file}:{self.sheet}!{self.line}"

    def get(self, column: str) -> str:
        return (self.cells.get(column) or "").strip()


@dataclass(frozen=True)
class RegisterProblem:
    """Something wrong (or, as a warning, doubtful) at one line and column of a register."""
    line: int
    column: str | None
    message: str
    origin: str

    def __str__(self) -> str:
        where = self.origin + (f", column {self.column}" if self.column else "")
        return f"{where}: {self.message}"


def problem_at(row: RegisterRow, column: str | None, message: str) -> RegisterProblem:
    return RegisterProblem(row.line, column, message, row.origin)


def not_told_by_header(row: RegisterRow, problems: list[RegisterProblem], columns: tuple[str, ...]) -> list:
    """A row's problems less those at a required column its header lacks: the header's problem already
    names that column once, rather than once for every row."""
    return [p for p in problems if not (p.column in columns and p.column not in row.cells)]


@dataclass
class RegisterTables:
    """The rows of one register, which may come as one workbook or as several CSV files."""
    files: list[str]
    indicators: list[RegisterRow] = field(default_factory=list)
    priorities: list[RegisterRow] = field(default_factory=list)
    actions: list[RegisterRow] = field(default_factory=list)
    problems: list[RegisterProblem] = field(default_factory=list)  # header problems found on reading


@dataclass
class RegisterReport:
    """The outcome of checking a register. `frames` is empty unless there are no problems: a
    register with any problem imports nothing."""
    files: list[str]
    problems: list[RegisterProblem]
    warnings: list[RegisterProblem]
    frames: dict[str, pd.DataFrame]
    counts: dict[str, int] = field(default_factory=dict)
    years: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        """Plain English for the command line and the page: what would be imported, or every problem."""
        name = ", ".join(self.files) or "the register"
        if self.problems:
            noun = "problem" if len(self.problems) == 1 else "problems"
            lines = [f"{name}: {len(self.problems)} {noun}; nothing was imported. "
                     + "Correct the file and import it again:"]
            lines += [f"- {problem}" for problem in self.problems]
            return "\n".join(lines)
        c = self.counts
        years = ", ".join(self.years) or "no year"
        lines = [(f"{name}: {_count(c.get('rows', 0), 'indicator row')} for {years}: "
                  f"{_count(c.get('new_indicators', 0), 'new indicator')}, "
                  f"{c.get('known_indicators', 0)} already known (their targets only); "
                  f"{_count(c.get('targets', 0), 'target')}, {_count(c.get('baselines', 0), 'baseline')}; "
                  f"{_count(c.get('new_councils', 0), 'new council')}, {_count(c.get('new_plans', 0), 'new plan')}, "
                  f"{_count(c.get('priorities', 0), 'priority', 'priorities')}, "
                  f"{_count(c.get('actions', 0), 'action')}.")]
        if self.warnings:
            lines.append(f"{_count(len(self.warnings), 'warning')}, recorded as quality findings:")
            lines += [f"- {warning}" for warning in self.warnings]
        return "\n".join(lines)


def _count(n: int, singular: str, plural: str | None = None) -> str:
    return f"{n} {singular if n == 1 else plural or singular + 's'}"


@dataclass
class CheckedIndicator:
    """One indicator row that passed its own checks, its cells read into values."""
    row: RegisterRow
    council_id: str
    council_name: str | None
    tier: str | None
    parent_council_id: str | None
    plan_id: str
    plan_title: str | None
    ref: str
    code: str | None
    title: str
    unit: str
    polarity: str
    theme: str | None
    profile: str | None
    year_start: int
    targets: dict[int | None, tuple[float | None, str]]  # quarter (None: the annual target) -> (value, text)
    baseline: tuple[int, float | None, str] | None       # (year_start, value, text)
    source_note: str | None
    common_theme: str | None
    priority: str | None
    definition: str | None
    indicator_id: str
    known: dict | None  # the known indicator it is, if any
    priority_id: str | None = None


@dataclass
class CheckedPriority:
    row: RegisterRow
    priority_id: str
    council_id: str
    plan_id: str
    rank: int | None
    title: str
    timeframe: str | None
    theme: str | None
    common_theme: str | None


@dataclass
class CheckedAction:
    row: RegisterRow
    action_id: str
    council_id: str
    plan_id: str
    ref: str | None
    title: str
    due: str | None
    owner: str | None
    status: str | None
    theme: str | None
    common_theme: str | None
    priority: str | None
    priority_id: str | None = None
