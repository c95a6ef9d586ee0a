"""Reading an uploaded table of outturns (CSV or Excel) into rows of text, before any checking.

The header row is the first row that is not blank; header names are matched ignoring case and
surrounding spaces, and columns beyond the required ones come back too (validation ignores them).
Blank rows are skipped. Rows are numbered as a spreadsheet shows them: the header is row 1, the
first data row is row 2.

CSV details: UTF-8 (with or without a byte-order mark), else Windows-1252 as Excel saves it; the
delimiter is a comma, or a semicolon or tab when the first row has no comma.

Excel details: the first sheet is read; a cell formatted as a percentage (0.98 shown as 98%) is
read as 98%; Yes/No cells (TRUE/FALSE) as Yes and No; dates as 2007-04-01; numbers in plain
digits, never in scientific notation (0.00001, not 1e-05).

Limits, checked before anything is parsed, so a hostile file is refused quickly and in bounded
memory (documented in docs/ACTUALS_STORE.md):
- a file over MAX_FILE_BYTES (5 MB, the same as server.maxUploadSize in .streamlit/config.toml);
- a workbook whose parts would unpack to over MAX_UNPACKED_BYTES (50 MB), summed from the zip's
  own directory before openpyxl opens it; it is then read in openpyxl's read-only (streaming) mode;
- more than MAX_DATA_ROWS (20,000) data rows, counted while reading, without building a table;
- rows past MAX_ROW_NUMBER (100,000), blank or not, and more than MAX_COLUMNS (50) cells in a CSV row (a workbook's are not read past column 50).
"""
from __future__ import annotations

import csv
import io
import zipfile
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path

import pandas as pd

REQUIRED_COLUMNS = ("council_id", "indicator", "year", "quarter", "value")
ROW_COLUMN = "_row"

MAX_FILE_BYTES = 5 * 1024 * 1024  # 5 MB; .streamlit/config.toml server.maxUploadSize is the same
MAX_UNPACKED_BYTES = 50 * 1024 * 1024  # an .xlsx's parts, unpacked
MAX_DATA_ROWS = 20_000
MAX_ROW_NUMBER = 100_000  # reading stops here even if the rows are blank
MAX_COLUMNS = 50  # the template has 11; cells beyond column AX of a workbook are not read
_MB = 1024 * 1024

_ZIP_MAGIC = b"PK\x03\x04"
_NOT_TABLES = {b"\x89PNG": "a PNG image", b"%PDF": "a PDF", b"GIF8": "a GIF image", b"\xff\xd8\xff": "a JPEG image",
               b"\xd0\xcf\x11\xe0": "an old-style Excel (.xls) workbook; save it as .xlsx or CSV"}


class UnreadableTable(ValueError):
    """The upload is not a table of outturns we can read; the message says why in plain words."""


def read_table(data: bytes, filename: str) -> pd.DataFrame:
    """The file's data rows, every cell as text, plus a `_row` column with the spreadsheet row number.
    Headers come back trimmed and lower-cased. Raises UnreadableTable."""
    name = Path(filename or "the file").name
    _check_size(data, name)
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
    return read_table(read_limited(path), path.name)


def read_limited(path: Path) -> bytes:
    """A file's bytes for read_table, never more than one byte over MAX_FILE_BYTES: a larger file
    is refused by read_table without being read into memory."""
    with Path(path).open("rb") as handle:
        return handle.read(MAX_FILE_BYTES + 1)


def _check_size(data: bytes, name: str) -> None:
    if data and len(data) > MAX_FILE_BYTES:
        raise UnreadableTable(f"{name} is larger than {MAX_FILE_BYTES // _MB} MB, the most one file may be; "
                              "split it into smaller files (one council or one quarter each)")


def _too_many_rows(name: str) -> UnreadableTable:
    return UnreadableTable(f"{name} has more than {MAX_DATA_ROWS:,} data rows, the most one file may hold; "
                           "split it into smaller files (one council or one quarter each)")


def _too_long(name: str) -> UnreadableTable:
    return UnreadableTable(f"{name} goes on past row {MAX_ROW_NUMBER:,} (blank rows count too); "
                           "delete the rows below the table and save it again")


def _count_rows(name: str):
    """A counter called with each row's cells: refuses the file once it has too many rows."""
    seen = {"header": False, "data": 0}

    def count(number: int, cells) -> None:
        if number > MAX_ROW_NUMBER:
            raise _too_long(name)
        if any(str(cell).strip() for cell in cells):
            if seen["header"]:
                seen["data"] += 1
                if seen["data"] > MAX_DATA_ROWS:
                    raise _too_many_rows(name)
            seen["header"] = True
    return count


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
    records, count = [], _count_rows(name)
    try:
        # Row by row, so a file with too many rows is refused before they are all held.
        for number, row in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), start=1):
            if len(row) > MAX_COLUMNS:
                raise UnreadableTable(f"{name} has more than {MAX_COLUMNS} columns in row {number}; "
                                      f"it needs {', '.join(REQUIRED_COLUMNS)}")
            count(number, row)
            records.append((number, row))
    except csv.Error as error:
        raise UnreadableTable(f"{name} is not a readable CSV file ({error})") from None
    return records


def _excel_records(data: bytes, name: str) -> list[tuple[int, list[str]]]:
    import openpyxl

    _check_unpacked(data, name)
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), data_only=True, read_only=True)
    except Exception:  # openpyxl raises many kinds of error for a damaged or foreign file
        raise _damaged(name) from None
    records, count = [], _count_rows(name)
    try:
        sheet = workbook.worksheets[0]
        # Explicit bounds: a sheet's own dimension tag may claim a million rows or columns. Read-only
        # mode yields blank rows as well, so the position is the spreadsheet's row number.
        for number, cells in enumerate(sheet.iter_rows(min_row=1, max_row=MAX_ROW_NUMBER + 1,
                                                       max_col=MAX_COLUMNS), start=1):
            if not any(cell.value is not None for cell in cells):
                count(number, ())
                continue
            texts = [_excel_text(cell) for cell in cells]
            count(number, texts)
            records.append((number, texts))
    except UnreadableTable:
        raise
    except Exception:  # a part that does not parse, or a checksum that fails
        raise _damaged(name) from None
    finally:
        workbook.close()
    return records


def _damaged(name: str) -> UnreadableTable:
    return UnreadableTable(f"{name} is not a readable Excel workbook; it may be damaged. "
                           "Save it again as .xlsx or CSV.")


def _check_unpacked(data: bytes, name: str) -> None:
    """Refuse a workbook whose parts would unpack to more than MAX_UNPACKED_BYTES, from the sizes in
    the zip's directory, before any part is unpacked. (zipfile stops at the stated size and fails
    the checksum, so a part cannot unpack to more than its entry says.)"""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(entry.file_size for entry in archive.infolist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise _damaged(name) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise UnreadableTable(f"{name} would unpack to {unpacked / _MB:,.0f} MB, more than the "
                              f"{MAX_UNPACKED_BYTES // _MB} MB an outturns workbook may; save just the outturns "
                              "sheet as a new .xlsx, or as CSV")


def _excel_text(cell) -> str:
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, (int, float)):
        if "%" in (cell.number_format or ""):
            return f"{_plain(value * 100, 12)}%"
        return _plain(value, 15) if isinstance(value, float) else str(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _plain(value: float, digits: int) -> str:
    """A cell's number as plain digits, as the sheet shows it: 1e-05 becomes 0.00001."""
    text = f"{value:.{digits}g}"
    return format(Decimal(text), "f") if "e" in text else text


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
    _check_size(data, name)
    if not data or not data.strip():
        raise UnreadableTable(f"{name} is empty")
    suffix = Path(name).suffix.lower()
    if not (data.startswith(_ZIP_MAGIC) or suffix in (".xlsx", ".xlsm")):
        for magic, what in _NOT_TABLES.items():
            if data.startswith(magic):
                raise UnreadableTable(f"{name} is {what}, not a CSV or Excel file")
        return [(None, _csv_records(data, name))]
    import openpyxl

    _check_unpacked(data, name)
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), data_only=True, read_only=True)
    except Exception:  # openpyxl raises many kinds of error for a damaged or foreign file
        raise _damaged(name) from None
    sheets = []
    try:
        for sheet in workbook.worksheets:  # each sheet within the same bounds as _excel_records
            records, count = [], _count_rows(f"{name} (sheet {sheet.title})")
            for number, cells in enumerate(sheet.iter_rows(min_row=1, max_row=MAX_ROW_NUMBER + 1,
                                                           max_col=MAX_COLUMNS), start=1):
                if not any(cell.value is not None for cell in cells):
                    count(number, ())
                    continue
                texts = [_excel_text(cell) for cell in cells]
                count(number, texts)
                records.append((number, texts))
            sheets.append((sheet.title, records))
    except UnreadableTable:
        raise
    except Exception:  # a part that does not parse, or a checksum that fails
        raise _damaged(name) from None
    finally:
        workbook.close()
    return sheets
