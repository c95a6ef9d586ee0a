"""Reading an uploaded table of outturns (CSV or Excel) into rows of text, before any checking.

The header row is the first row that is not blank; header names are matched ignoring case and
surrounding spaces, and columns beyond the required ones come back too (validation ignores them).
Blank rows are skipped. Rows are numbered as a spreadsheet shows them: the header is row 1, the
first data row is row 2.

CSV details: UTF-8 (with or without a byte-order mark), else Windows-1252 as Excel saves it; the
delimiter is a comma, or a semicolon or tab when the first row has no comma.

Excel details: the first sheet is read; a cell formatted as a percentage (0.98 shown as 98%) is
read as 98%; Yes/No cells (TRUE/FALSE) as Yes and No; dates as 2007-04-01.
"""
from __future__ import annotations

import csv
import io
from datetime import date, datetime, time
from pathlib import Path

import pandas as pd

REQUIRED_COLUMNS = ("council_id", "indicator", "year", "quarter", "value")
ROW_COLUMN = "_row"

_ZIP_MAGIC = b"PK\x03\x04"
_NOT_TABLES = {b"\x89PNG": "a PNG image", b"%PDF": "a PDF", b"GIF8": "a GIF image", b"\xff\xd8\xff": "a JPEG image",
               b"\xd0\xcf\x11\xe0": "an old-style Excel (.xls) workbook; save it as .xlsx or CSV"}


class UnreadableTable(ValueError):
    """The upload is not a table of outturns we can read; the message says why in plain words."""


def read_table(data: bytes, filename: str) -> pd.DataFrame:
    """The file's data rows, every cell as text, plus a `_row` column with the spreadsheet row number.
    Headers come back trimmed and lower-cased. Raises UnreadableTable."""
    name = Path(filename or "the file").name
    if not data or not data.strip():
        raise UnreadableTable(f"{name} is empty")
    suffix = Path(name).suffix.lower()
    if data.startswith(_ZIP_MAGIC) or suffix in (".xlsx", ".xlsm"):
        records = _excel_records(data, name)
    else:
        for magic, what in _NOT_TABLES.items():
            if data.startswith(magic):
                raise UnreadableTable(f"{name} is {what}, not a CSV or Excel file")
        records = _csv_records(data, name)
    return _table(records, name)


def read_path(path: Path) -> pd.DataFrame:
    path = Path(path)
    return read_table(path.read_bytes(), path.name)


def _csv_records(data: bytes, name: str) -> list[tuple[int, list[str]]]:
    if b"\x00" in data:
        raise UnreadableTable(f"{name} is not a CSV or Excel file (it holds binary data)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")  # Excel's "CSV" on Windows
        except UnicodeDecodeError:
            raise UnreadableTable(f"{name} is not a CSV or Excel file (it is not text)") from None
    if any(ord(ch) < 32 and ch not in "\t\r\n" for ch in text):
        raise UnreadableTable(f"{name} is not a CSV or Excel file (it holds binary data)")
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = ";" if "," not in first and ";" in first else "\t" if "," not in first and "\t" in first else ","
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise UnreadableTable(f"{name} is not a readable CSV file ({error})") from None
    return [(number, row) for number, row in enumerate(rows, start=1)]


def _excel_records(data: bytes, name: str) -> list[tuple[int, list[str]]]:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
        sheet = workbook.worksheets[0]
        return [(cells[0].row, [_excel_text(cell) for cell in cells]) for cells in sheet.iter_rows() if cells]
    except Exception:  # openpyxl raises many kinds of error for a damaged or foreign file
        raise UnreadableTable(f"{name} is not a readable Excel workbook; it may be damaged. "
                              "Save it again as .xlsx or CSV.") from None


def _excel_text(cell) -> str:
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, (int, float)):
        if "%" in (cell.number_format or ""):
            return f"{value * 100:.12g}%"
        return f"{value:.15g}" if isinstance(value, float) else str(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _table(records: list[tuple[int, list[str]]], name: str) -> pd.DataFrame:
    filled = [(number, [str(cell).strip() for cell in cells]) for number, cells in records]
    filled = [(number, cells) for number, cells in filled if any(cells)]
    if not filled:
        raise UnreadableTable(f"{name} is empty")
    (_, header), data_rows = filled[0], filled[1:]
    header = [cell.strip().lower() for cell in header]
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if len(missing) == len(REQUIRED_COLUMNS):
        raise UnreadableTable(f"{name} has no header row: the first row should name the columns "
                              + ", ".join(REQUIRED_COLUMNS))
    if missing:
        raise UnreadableTable(missing_columns_message(missing))
    repeated = sorted({column for column in header if column and header.count(column) > 1})
    if repeated:
        raise UnreadableTable(f"{name} has more than one column called {', '.join(repeated)}")
    if not data_rows:
        raise UnreadableTable(f"{name} has a header row but no data rows")
    keep = [(index, column) for index, column in enumerate(header) if column and column != ROW_COLUMN]
    rows = [{**{column: cells[index] if index < len(cells) else "" for index, column in keep}, ROW_COLUMN: number}
            for number, cells in data_rows]
    frame = pd.DataFrame(rows, columns=[column for _, column in keep] + [ROW_COLUMN])
    return frame.astype({column: str for _, column in keep})


def missing_columns_message(missing: list[str]) -> str:
    noun = "column" if len(missing) == 1 else "columns"
    return f"the file is missing the {noun} {', '.join(missing)} (it needs {', '.join(REQUIRED_COLUMNS)})"


def read_sheets(data: bytes, filename: str) -> list[tuple[str | None, list[tuple[int, list[str]]]]]:
    """Every sheet of a workbook, or the one table of a CSV (sheet None), as (row number, cells as
    text) records, read exactly as read_table reads them but without choosing a header: for files
    that hold more than one table (a plan register's indicators, priorities and actions sheets).
    Raises UnreadableTable."""
    name = Path(filename or "the file").name
    if not data or not data.strip():
        raise UnreadableTable(f"{name} is empty")
    suffix = Path(name).suffix.lower()
    if not (data.startswith(_ZIP_MAGIC) or suffix in (".xlsx", ".xlsm")):
        for magic, what in _NOT_TABLES.items():
            if data.startswith(magic):
                raise UnreadableTable(f"{name} is {what}, not a CSV or Excel file")
        return [(None, _csv_records(data, name))]
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
        return [(sheet.title, [(cells[0].row, [_excel_text(cell) for cell in cells])
                               for cells in sheet.iter_rows() if cells])
                for sheet in workbook.worksheets]
    except Exception:  # openpyxl raises many kinds of error for a damaged or foreign file
        raise UnreadableTable(f"{name} is not a readable Excel workbook; it may be damaged. "
                              "Save it again as .xlsx or CSV.") from None
