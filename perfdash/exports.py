"""Downloads of a table as CSV, Excel or Parquet.

CSV and Excel files are opened in spreadsheets, where a cell that begins with =, +, -, @, a tab or
a carriage return can run as a formula (OWASP, "CSV Injection"): an officer's comment such as
=HYPERLINK(...) would become a live link. So every CSV and Excel download in the app is written by
`to_csv_bytes` or `to_excel_bytes`, which neutralise such text cells, and the column names, with a
leading apostrophe. Numbers stay numbers: numeric columns are written as they are, and a text cell
that is a plain number ("-5", "-1.8%", "+2", "1,089,000") cannot run, so it is left alone.
Parquet is for machines and keeps the text exactly as printed.

A page offers the downloads with `downloads_of`, whose files are built only when a user asks for
one: Excel through openpyxl takes about a second for 5,000 rows, far too long to spend on every
run of a page for a button nobody may press.
"""
from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A plain decimal number, optionally signed, with thousands commas or a percent sign: a
# spreadsheet reads it as a number, never as a formula.
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?|[+-]?\.\d+%?")


def neutralise(value):
    """A text value that a spreadsheet could read as a formula, made inert; anything else unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def _keeps_its_type(column: pd.Series) -> bool:
    return (pd.api.types.is_numeric_dtype(column) or pd.api.types.is_bool_dtype(column)
            or pd.api.types.is_datetime64_any_dtype(column) or pd.api.types.is_timedelta64_dtype(column))


def safe_for_spreadsheets(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` in which no cell or column name can run as a formula. Numeric, boolean
    and date columns are unchanged; in any other column each text cell is neutralised."""
    columns = {}
    for position in range(frame.shape[1]):
        column = frame.iloc[:, position]
        columns[position] = column if _keeps_its_type(column) else column.astype(object).map(neutralise)
    safe = pd.DataFrame(columns, index=frame.index)
    safe.columns = [neutralise(name) for name in frame.columns]
    return safe


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """The one CSV writer for downloads: UTF-8, no index, formula-like text neutralised. Rows end
    in CRLF (RFC 4180), so a cell holding a carriage return is quoted and cannot split its row."""
    return safe_for_spreadsheets(frame).to_csv(index=False, lineterminator="\r\n").encode("utf-8")


def to_excel_bytes(frame: pd.DataFrame, sheet_name: str = "data") -> bytes:
    safe = safe_for_spreadsheets(frame)
    for position in range(safe.shape[1]):
        column = safe.iloc[:, position]
        if pd.api.types.is_datetime64_any_dtype(column) or pd.api.types.is_timedelta64_dtype(column):
            safe.isetitem(position, column.astype(str))  # Excel cannot hold time zones; text reads the same
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        safe.to_excel(writer, index=False, sheet_name=sheet_name[:31])
    return buffer.getvalue()


def to_parquet_bytes(frame: pd.DataFrame) -> bytes:
    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False)
    return buffer.getvalue()


EXCEL_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Download:
    """One download of a table: `build` makes the file's bytes, and is called only on request."""
    label: str
    file_name: str
    mime: str
    build: Callable[[], bytes]

    @property
    def extension(self) -> str:
        return self.file_name.rsplit(".", 1)[-1]


def downloads_of(frame: pd.DataFrame, stem: str) -> list[Download]:
    """The CSV, Excel and Parquet downloads of a table, named `stem`, none of them built yet."""
    return [
        Download("CSV", f"{stem}.csv", "text/csv", partial(to_csv_bytes, frame)),
        Download("Excel", f"{stem}.xlsx", EXCEL_MIME, partial(to_excel_bytes, frame, stem)),
        Download("Parquet", f"{stem}.parquet", "application/octet-stream", partial(to_parquet_bytes, frame)),
    ]


def dictionary_rows(table: str) -> pd.DataFrame:
    """The data dictionary of one extract table, from the contract itself."""
    from perfdash.plans.contract import TABLES

    spec = TABLES[table]
    return pd.DataFrame([
        {"Column": column, "Type": kind, "Required": "yes" if column in spec.not_null else "",
         "Part of the key": "yes" if column in spec.key else "",
         "Allowed values": ", ".join(map(str, spec.allowed.get(column, ())))}
        for column, kind in spec.columns.items()
    ])


def to_template_workbook(frame: pd.DataFrame, sheet_name: str) -> bytes:
    """A template to fill in Excel: the safe workbook of to_excel_bytes with its header row bold and
    frozen, and columns wide enough to read."""
    from openpyxl import load_workbook
    from openpyxl.styles import Font

    workbook = load_workbook(io.BytesIO(to_excel_bytes(frame, sheet_name=sheet_name)))
    sheet = workbook.worksheets[0]
    sheet.freeze_panes = "A2"
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column, name in zip(sheet.columns, frame.columns):
        longest = max([len(str(name))] + [len(str(cell.value or "")) for cell in column])
        sheet.column_dimensions[column[0].column_letter].width = min(max(longest + 2, 8), 60)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
