"""Read a series for `manage.py spc FILE`: a CSV with the columns period,value, in time order.

Every problem names the file, the line and the column, in plain words. The rows are taken in the
order the file lists them (period labels such as "Q1 2007/08" do not sort as text).
"""
from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass
from pathlib import Path

REQUIRED = ("period", "value")


class SeriesFileError(ValueError):
    """The file cannot be read as a series; the message names the file, line and column."""


@dataclass(frozen=True)
class Series:
    periods: list[str]
    values: list[float]


def _number(text: str) -> float | None:
    try:
        number = float(text.strip())  # "1,5" or "1,234" is refused rather than guessed at
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def read_series(path: Path | str) -> Series:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise SeriesFileError(f"there is no file {path}") from None
    except UnicodeDecodeError as error:
        raise SeriesFileError(f"{path} is not a UTF-8 text file (byte {error.start + 1}); "
                              "save it as CSV UTF-8") from None
    return parse_series(text, str(path))


def parse_series(text: str, name: str) -> Series:
    """The periods and values of CSV text; `name` is the file's name for messages."""
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    numbered = [(line, row) for line, row in enumerate(rows, start=1) if any(cell.strip() for cell in row)]
    if not numbered:
        raise SeriesFileError(f"{name} is empty: it needs a header row period,value and one row per period")
    header_line, header = numbered[0]
    names = [cell.strip().lower() for cell in header]
    missing = [column for column in REQUIRED if column not in names]
    if missing:
        found = ", ".join(cell.strip() for cell in header) or "nothing"
        raise SeriesFileError(f"{name} line {header_line}: the header has no column "
                              f"{' or '.join(missing)} (found: {found}); the file needs the columns period,value")
    where = {column: names.index(column) for column in REQUIRED}
    periods: list[str] = []
    values: list[float] = []
    first_line: dict[str, int] = {}
    problems = []
    for line, row in numbered[1:]:
        cells = {column: (row[index].strip() if index < len(row) else "") for column, index in where.items()}
        period, value_text = cells["period"], cells["value"]
        column_of = {column: where[column] + 1 for column in REQUIRED}
        extra = [(n, cell.strip()) for n, cell in enumerate(row[len(header):], start=len(header) + 1)
                 if cell.strip()]
        if extra:   # most often a number written with a thousands comma, 1,234, split in two
            problems.append(f"{name} line {line}, column {extra[0][0]}: {extra[0][1]!r} is beyond the header's "
                            f"{len(header)} columns (write numbers without commas, or quote the cell)")
        if not period:
            problems.append(f"{name} line {line}, column {column_of['period']} (period): the period is empty")
        elif period in first_line:
            problems.append(f"{name} line {line}, column {column_of['period']} (period): {period!r} is "
                            f"already on line {first_line[period]}")
        else:
            first_line[period] = line
        number = _number(value_text)
        if not value_text:
            problems.append(f"{name} line {line}, column {column_of['value']} (value): the value is empty")
        elif number is None:
            problems.append(f"{name} line {line}, column {column_of['value']} (value): {value_text!r} is not "
                            "a number (write it like 1234.5, without commas or units)")
        periods.append(period)
        values.append(number if number is not None else math.nan)
    if problems:
        shown = problems[:20]
        more = f"\n... and {len(problems) - 20} more" if len(problems) > 20 else ""
        raise SeriesFileError("\n".join(shown) + more)
    if not periods:
        raise SeriesFileError(f"{name} has a header but no rows of period,value")
    return Series(periods, values)
