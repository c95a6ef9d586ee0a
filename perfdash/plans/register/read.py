"""Reading a register (CSV or Excel) into text rows that know their file line, before any checking.

An Excel register holds its indicators in a sheet named "indicators" or "register" (else the first
sheet), and may hold "priorities" and "actions" sheets; other sheets (guidance, notes) are read past.
A CSV register is one table per file: the indicators, and optionally a priorities file and an actions
file given beside it, each told apart by its header. Files are read by
perfdash.outturns.table_reader, so uploads meet the same checks (and limits) as outturn files.
"""
from __future__ import annotations

from pathlib import Path

from perfdash.exports import FORMULA_STARTS
from perfdash.outturns.table_reader import UnreadableTable, read_sheets
from perfdash.plans.register.columns import GUIDANCE_COLUMNS, SHEETS, header_name, names
from perfdash.plans.register.model import RegisterProblem, RegisterRow, RegisterTables

INDICATOR_SHEETS = ("indicators", "register")


class UnreadableRegister(UnreadableTable):
    """A register file that is not a table at all; the message names the file and says why."""


def read_register(files: list[tuple[str, bytes]]) -> RegisterTables:
    """The rows of a register given as (file name, bytes) pairs: one workbook, or CSV files.
    Header problems (a missing, unknown or repeated column) come back in `.problems`; a file that
    cannot be read as a table raises UnreadableRegister."""
    tables = RegisterTables(files=[Path(name).name for name, _ in files])
    if not files:
        raise UnreadableRegister("no register file was given")
    for file_name, data in files:
        name = Path(file_name).name
        try:
            sheets = read_sheets(data, name)
        except UnreadableTable as error:
            raise UnreadableRegister(str(error)) from None
        for role, sheet, records in _roles(name, sheets):
            _read_table(tables, role, name, sheet, records)
    if not (tables.indicators or tables.priorities or tables.actions or tables.problems):
        tables.problems.append(RegisterProblem(1, None, "the register has no data rows", f"{tables.files[0]}:1"))
    return tables


def _filled(records: list[tuple[int, list[str]]]) -> list[tuple[int, list[str]]]:
    rows = [(number, [_unneutralised(str(cell).strip()) for cell in cells]) for number, cells in records]
    return [(number, cells) for number, cells in rows if any(cells)]


def _unneutralised(text: str) -> str:
    """A cell the dashboard's own downloads made inert ("'=x" for "=x") reads as it was written."""
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_STARTS) else text


def _roles(name: str, sheets: list[tuple[str | None, list]]) -> list[tuple[str, str | None, list]]:
    """(indicators|priorities|actions, sheet, records) for the tables a file holds."""
    if len(sheets) == 1 and sheets[0][0] is None:
        records = _filled(sheets[0][1])
        return [(_csv_role(name, records), None, records)]
    by_name = {header_name(sheet): (sheet, _filled(records)) for sheet, records in sheets}
    chosen = []
    named = next((by_name[key] for key in INDICATOR_SHEETS if key in by_name), None)
    first_sheet, first_records = sheets[0][0], _filled(sheets[0][1])
    if named is not None:
        chosen.append(("indicators", *named))
    elif header_name(first_sheet) not in ("priorities", "actions"):
        chosen.append(("indicators", first_sheet, first_records))
    for role in ("priorities", "actions"):
        if role in by_name and by_name[role][1]:
            chosen.append((role, *by_name[role]))
    return chosen


def _csv_role(name: str, records: list[tuple[int, list[str]]]) -> str:
    header = {header_name(cell) for cell in records[0][1]} if records else set()
    if header & {"year", "annual_target", "unit", "polarity"}:
        return "indicators"
    if header & {"rank", "timeframe"}:
        return "priorities"
    if header & {"due", "owner", "status"}:
        return "actions"
    stem = Path(name).stem.lower()
    return "priorities" if "priorit" in stem else "actions" if "action" in stem else "indicators"


def _read_table(tables: RegisterTables, role: str, file: str, sheet: str | None,
                records: list[tuple[int, list[str]]]) -> None:
    columns = SHEETS[role]
    if not records:
        tables.problems.append(RegisterProblem(1, None, f"the {role} table is empty", _origin(file, sheet, 1)))
        return
    (header_line, header_cells), data = records[0], records[1:]
    header = [header_name(cell) for cell in header_cells]
    known = set(names(columns))
    problems = tables.problems
    for column in names(c for c in columns if c.required):
        if column not in header:
            problems.append(RegisterProblem(header_line, column, f"the header has no {column} column (a "
                                            f"register's {role} need {', '.join(names(columns))})",
                                            _origin(file, sheet, header_line)))
    for index, column in enumerate(header):
        if not column:
            continue
        if column not in known and column not in GUIDANCE_COLUMNS:
            problems.append(RegisterProblem(header_line, header_cells[index],
                                            f"{header_cells[index]!r} is not a column of a register's {role}; "
                                            f"the columns are {', '.join(names(columns))}",
                                            _origin(file, sheet, header_line)))
        elif header.count(column) > 1 and header.index(column) == index:
            problems.append(RegisterProblem(header_line, column, f"more than one column is called {column}",
                                            _origin(file, sheet, header_line)))
    rows = getattr(tables, role)
    for number, cells in data:
        spare = [i for i, cell in enumerate(cells) if cell and (i >= len(header) or not header[i])]
        if spare:
            problems.append(RegisterProblem(number, None, f"there is a value in column {spare[0] + 1}, which has "
                                            "no header", _origin(file, sheet, number)))
        rows.append(RegisterRow(file, sheet, number, {column: cells[i] if i < len(cells) else ""
                                                      for i, column in enumerate(header) if column in known}))


def _origin(file: str, sheet: str | None, line: int) -> str:
    return f"{file}:{line}" if sheet is None else f"{file}:{sheet}!{line}"
