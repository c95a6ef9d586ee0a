"""Reading and checking a file of quarterly outturns (CSV or Excel) before anything is recorded.

The file has a header row and one row per outturn:

| column       | what goes in it                                                                    |
|--------------|------------------------------------------------------------------------------------|
| `council_id` | the council's id, as in the councils table (bundled or imported from a register)   |
| `indicator`  | the national code (BV9), the printed ref ("BV 109(a)") or the full indicator_id    |
| `year`       | the financial year, e.g. 2007/08 (2007-08 and 2007/2008 are read the same)          |
| `quarter`    | 1-4 or Q1-Q4                                                                       |
| `value`      | the figure for that quarter alone: 98.0%, 1,089,000, 2.4 days; Yes/No for yes/no   |
| `comment`    | optional                                                                           |

perfdash.outturns.table_reader reads the file (header matching, blank rows, row numbers, Excel cells); this
module checks what it read. Other columns (the template's title, unit, polarity, basis and target)
are ignored. Rows are numbered as a spreadsheet shows them: the header is row 1.

Checks, all run on every row so that one upload reports every problem at once:
- the council is known, and the indicator is one of that council's: an exact indicator_id, else
  a unique match on the normalised code or ref ("BV 109(a)" = "BV109a"); several matches are an
  error that names them;
- the year is a financial year, and the indicator has a target for it, annual or quarterly
  (outturns are only taken where there is a target to measure them against);
- the quarter is 1-4;
- the value is a plain number as perfdash.outturns.typed_number reads it: digits 0-9, commas only
  between thousands, a % only for a percentage, the indicator's own unit (7.2 days, 2700t, £50.91),
  a leading minus only where the indicator can be negative; not 1e308, 1_000, ١٢٣ or −5 (or Yes/No,
  case ignored, for a yes/no indicator: Yes=1, No=0);
- a percentage lies in 0-100, except for an indicator that measures a change (a word such as
  "change", "increase" or "reduction" in its title, e.g. BV84b "Percentage change from the
  previous year ...", BV184b), which may be negative or above 100;
- the value is not absurdly large: over 1,000 times the largest figure the indicator's plan
  printed (targets and outturns, import_catalogue.sql's largest_figure), or over a trillion;
- no council, indicator, year and quarter appears twice in the file.

Unusual but possible values are warnings, not problems (perfdash.outturns.plausibility): a
value more than 3 times, or less than a third of, the previous quarter's or the quarter's own
target. The editor confirms them before anything is written.

A leading apostrophe (Excel's text marker, which our own downloads add in front of "-1.8%") is
dropped from every cell.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

import pandas as pd

from perfdash.outturns import plausibility, typed_number
from perfdash.outturns.catalogue import Catalogue
from perfdash.outturns.table_reader import (
    REQUIRED_COLUMNS,
    ROW_COLUMN,
    UnreadableTable,
    missing_columns_message,
    read_table,
)
from perfdash.plans.values import period_label

COMMENT_COLUMN = "comment"
READY = "✔ Ready"
LEFT_BLANK = "– Left blank: not recorded"

_FINANCIAL_YEAR = re.compile(r"^((?:19|20)\d{2})\s*[/\-–]\s*(\d{2}|\d{4})$")
_QUARTER = re.compile(r"^q?\s*(\d+)(?:\.0+)?$", re.I)


# --- Validation ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Outturn:
    row_number: int
    council_id: str
    indicator_id: str
    year_start: int
    quarter: int
    value: float
    value_text: str
    comment: str | None


@dataclass(frozen=True)
class RowProblem:
    row_number: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        if self.row_number is None:
            return f"file: {self.message}"
        where = f"row {self.row_number}" + (f", {self.column}" if self.column else "")
        return f"{where}: {self.message}"


@dataclass
class ValidationReport:
    outturns: list[Outturn]
    problems: list[RowProblem]
    rows_read: int
    rows: list[dict] = field(default_factory=list)  # each data row as written in the file, for preview()
    left_blank: list[int] = field(default_factory=list)  # rows with no value and no comment: not reported
    warnings: list[RowProblem] = field(default_factory=list)  # unusual values the editor must confirm

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.outturns)

    @property
    def needs_confirmation(self) -> bool:
        return self.ok and bool(self.warnings)

    def preview(self) -> pd.DataFrame:
        """One row per data row, with ✔ Ready or ✖ and every reason that row was turned down."""
        reasons: dict[int, list[str]] = {}
        checks: dict[int, list[str]] = {}
        for warning in self.warnings:
            checks.setdefault(warning.row_number, []).append(warning.message)
        for problem in self.problems:
            if problem.row_number is not None:
                text = f"{problem.column}: {problem.message}" if problem.column else problem.message
                reasons.setdefault(problem.row_number, []).append(text)
        return pd.DataFrame(
            [{**row, "Check": "✖ " + "; ".join(reasons[row["Row"]]) if row["Row"] in reasons else
              LEFT_BLANK if row["Row"] in self.left_blank else
              "⚠ Check: " + "; ".join(checks[row["Row"]]) if row["Row"] in checks else READY}
             for row in self.rows],
            columns=["Row", "Council", "Indicator", "Year", "Quarter", "Value", "Comment", "Check"])

    def summary(self) -> str:
        if self.problems:
            count = len(self.problems)
            return (f"{count} problem{'s' if count != 1 else ''} in {_rows(self.rows_read)}; "
                    "nothing will be written")
        if not self.outturns:
            return "no rows to import"
        periods = sorted({(o.council_id, o.year_start, o.quarter) for o in self.outturns})
        where = ", ".join(f"{council} {period_label(year)} Q{quarter}" for council, year, quarter in periods)
        blank = f"; {_rows(len(self.left_blank))} left blank, not recorded" if self.left_blank else ""
        unusual = (f"; {len(self.warnings)} unusual value{'s' if len(self.warnings) != 1 else ''} to confirm"
                   if self.warnings else "")
        return f"{_rows(len(self.outturns))} ready: {where}{blank}{unusual}"


def _rows(count: int) -> str:
    return f"{count} row{'s' if count != 1 else ''}"


def validate_file(data: bytes, filename: str, catalogue: Catalogue) -> ValidationReport:
    """read_table then validate; a file that cannot be read is one file-level problem."""
    try:
        frame = read_table(data, filename)
    except UnreadableTable as error:
        return ValidationReport([], [RowProblem(None, None, str(error))], 0)
    return validate(frame, catalogue)


def validate(frame: pd.DataFrame, catalogue: Catalogue) -> ValidationReport:
    """Check every row of a table from read_table (or any frame with the required columns)."""
    columns = {str(column).strip().lower(): column for column in frame.columns}
    missing = [column for column in REQUIRED_COLUMNS if column not in columns]
    if missing:
        return ValidationReport([], [RowProblem(None, None, missing_columns_message(missing))], 0)
    if frame.empty:
        return ValidationReport([], [RowProblem(None, None, "the file has a header row but no data rows")], 0)
    outturns, problems, shown, first_seen, left_blank = [], [], [], {}, []
    numbers = frame[ROW_COLUMN].tolist() if ROW_COLUMN in frame.columns else range(2, len(frame) + 2)
    for number, record in zip(numbers, frame.to_dict("records")):
        cells = {name: _cell(record.get(columns.get(name))) for name in (*REQUIRED_COLUMNS, COMMENT_COLUMN)}
        number = int(number)
        shown.append({"Row": number, "Council": cells["council_id"], "Indicator": cells["indicator"],
                      "Year": cells["year"], "Quarter": cells["quarter"], "Value": cells["value"],
                      "Comment": cells["comment"]})
        if not cells["value"] and not cells["comment"]:
            left_blank.append(number)  # a template row the service has not reported this time
            continue
        found: list[RowProblem] = []
        outturn = _check_row(number, cells, catalogue, found, first_seen)
        problems += found
        if outturn is not None and not found:
            outturns.append(outturn)
    warnings = [] if problems else [RowProblem(number, "value", message) for number, message in
                                    plausibility.unusual_values(
                                        outturns, catalogue.quarter_context([o.indicator_id for o in outturns]),
                                        catalogue.label)]
    return ValidationReport(outturns, problems, len(shown), shown, left_blank, warnings)


def _cell(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    text = str(value).strip()
    return text[1:].strip() if text.startswith("'") else text


def _check_row(number: int, cells: dict, catalogue: Catalogue, found: list, first_seen: dict) -> Outturn | None:
    def problem(column, message):
        found.append(RowProblem(number, column, message))

    council = cells["council_id"].lower()
    indicator = None
    if not council:
        problem("council_id", "is empty")
    elif council not in catalogue.councils:
        problem("council_id", f"{cells['council_id']!r} is not a council (use one of {', '.join(catalogue.councils)})")
    else:
        indicator = _resolve(council, cells["indicator"], catalogue, problem)

    year = _year(cells["year"], problem)
    if indicator is not None and year is not None:
        years = catalogue.target_years(indicator["indicator_id"])
        if year not in years:
            has = ", ".join(period_label(y) for y in years) or "none"
            problem("year", f"{catalogue.label(indicator['indicator_id'])} has no target for {period_label(year)} "
                            f"(it has targets for {has}); import the year's targets in a register first")

    quarter = _quarter(cells["quarter"], problem)
    parsed = _value(cells["value"], indicator, problem)

    if indicator is None or year is None or quarter is None:
        return None
    key = (council, indicator["indicator_id"], year, quarter)
    if key in first_seen:
        problem(None, f"repeats row {first_seen[key]} "
                      f"({catalogue.label(indicator['indicator_id'])} {period_label(year)} Q{quarter})")
        return None
    first_seen[key] = number
    if parsed is None:
        return None
    return Outturn(number, council, indicator["indicator_id"], year, quarter, parsed[0], parsed[1],
                   cells["comment"] or None)


def _resolve(council: str, text: str, catalogue: Catalogue, problem) -> dict | None:
    if not text:
        problem("indicator", "is empty")
        return None
    ids = catalogue.matches(council, text)
    if len(ids) == 1:
        return catalogue.by_id[ids[0]]
    if ids:
        problem("indicator", f"{text!r} matches {len(ids)} {council} indicators ({', '.join(ids)}); "
                             "use the full indicator_id")
    elif text in catalogue.by_id:
        problem("indicator", f"{text} is an indicator of {catalogue.by_id[text]['council_id']}, not {council}")
    else:
        problem("indicator", f"{council} has no indicator {text!r}")
    return None


def _year(text: str, problem) -> int | None:
    match = _FINANCIAL_YEAR.match(text)
    if match:
        start, end = int(match.group(1)), match.group(2)
        if int(end) == (start + 1) % (100 if len(end) == 2 else 10_000):
            return start
    if not text:
        problem("year", "is empty; write the financial year, e.g. 2007/08")
    elif re.match(r"^\d{4}-\d{2}-\d{2}", text):
        problem("year", f"{text!r} is a date (Excel may have changed it); write the financial year as "
                        "text, e.g. '2007/08")
    else:
        problem("year", f"{text!r} is not a financial year like 2007/08")
    return None


def _quarter(text: str, problem) -> int | None:
    match = _QUARTER.match(text)
    if match and 1 <= int(match.group(1)) <= 4:
        return int(match.group(1))
    problem("quarter", "is empty; write 1–4 or Q1–Q4" if not text else f"{text!r} is not a quarter (1–4 or Q1–Q4)")
    return None


def _value(text: str, indicator: dict | None, problem) -> tuple[float, str] | None:
    """(value, value_text) for the cell, or None after reporting why not (typed_number's rules)."""
    if not text:
        problem("value", "is empty; write the figure for this quarter")
        return None
    unit = indicator.get("unit") if indicator else None
    answer = text.lower()
    if answer in ("yes", "no") and unit in ("yes_no", None):
        return (1.0, "Yes") if answer == "yes" else (0.0, "No")
    if unit == "yes_no":
        problem("value", f"{text!r} is not Yes or No")
        return None
    measures_change = typed_number.may_be_negative(indicator)
    try:
        number = typed_number.parse(text, unit, negative_allowed=measures_change)
    except typed_number.NotAPlainNumber as refusal:
        problem("value", str(refusal))
        return None
    if unit == "percent" and not measures_change and not 0 <= number <= 100:
        problem("value", f"{text} is outside 0–100 for a percentage")
        return None
    too_large = typed_number.absurd(number, text, indicator.get("largest_figure") if indicator else None)
    if too_large:
        problem("value", too_large)
        return None
    return number, text
