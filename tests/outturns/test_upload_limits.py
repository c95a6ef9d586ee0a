"""Outturns files too big to take are refused before they are parsed, with a plain reason: the
hostile files are built here in a temporary folder. No timing is asserted; memory is, where the
point of a limit is that the file is never held whole."""
from __future__ import annotations

import io
import re
import tomllib
import tracemalloc
import zipfile

import pytest

from perfdash import paths
from perfdash.cli import main as cli
from perfdash.outturns import table_reader
from perfdash.outturns.table_reader import (
    MAX_DATA_ROWS,
    MAX_FILE_BYTES,
    MAX_UNPACKED_BYTES,
    UnreadableTable,
    read_path,
    read_table,
)

HEADER = b"council_id,indicator,year,quarter,value,comment\n"
ROW = b"nw-leicestershire,BV9,2007/08,1,30.5%,\n"


def refusal(data: bytes, name: str) -> str:
    with pytest.raises(UnreadableTable) as raised:
        read_table(data, name)
    return str(raised.value)


def bomb_xlsx(unpacked_bytes: int) -> bytes:
    """A small zip that says it is a workbook, whose sheet XML unpacks to `unpacked_bytes` of
    highly compressible rows, written in chunks so the test itself stays small in memory."""
    buffer = io.BytesIO()
    row = b'<row><c t="inlineStr"><is><t>nw-leicestershire</t></is></c></row>'
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(b"<worksheet><sheetData>")
            chunk = row * 16_384
            for _ in range(unpacked_bytes // len(chunk) + 1):
                sheet.write(chunk)
            sheet.write(b"</sheetData></worksheet>")
    return buffer.getvalue()


def test_a_workbook_that_would_unpack_to_gigabytes_is_refused_without_opening_it(monkeypatch):
    data = bomb_xlsx(MAX_UNPACKED_BYTES + 10 * 1024 * 1024)
    assert len(data) < MAX_FILE_BYTES  # small on the wire: only the unpacked size gives it away
    import openpyxl

    def never(*_args, **_kwargs):
        raise AssertionError("openpyxl was asked to open a workbook that should have been refused")

    monkeypatch.setattr(openpyxl, "load_workbook", never)
    message = refusal(data, "outturns.xlsx")
    assert re.fullmatch(r"outturns\.xlsx would unpack to \d+ MB, more than the 50 MB an outturns workbook may; "
                        r"save just the outturns sheet as a new \.xlsx, or as CSV", message), message


def test_a_million_row_csv_is_refused_at_the_row_limit_in_bounded_memory():
    data = HEADER + b"x\n" * 1_000_000  # 2 MB: under the size limit, so the row count must stop it
    assert len(data) < MAX_FILE_BYTES
    tracemalloc.start()
    try:
        message = refusal(data, "outturns.csv")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert message == ("outturns.csv has more than 20,000 data rows, the most one file may hold; "
                       "split it into smaller files (one council or one quarter each)")
    assert peak < 60 * 1024 * 1024  # a million rows as lists of cells would take several hundred MB


def test_a_realistic_million_row_csv_is_over_the_size_limit():
    data = HEADER + ROW * 1_000_000
    assert refusal(data, "national.csv") == (
        "national.csv is larger than 5 MB, the most one file may be; "
        "split it into smaller files (one council or one quarter each)")


def test_the_row_limit_counts_data_rows_not_the_header_or_blank_lines():
    data = HEADER + b"\n" * 50 + ROW * MAX_DATA_ROWS
    assert len(read_table(data, "outturns.csv")) == MAX_DATA_ROWS
    assert "more than 20,000 data rows" in refusal(data + ROW, "outturns.csv")


def test_a_workbook_with_too_many_rows_is_refused_while_reading():
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(["council_id", "indicator", "year", "quarter", "value"])
    for _ in range(MAX_DATA_ROWS + 1):
        sheet.append(["nw-leicestershire", "BV9", "2007/08", 1, 30.5])
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert "more than 20,000 data rows" in refusal(buffer.getvalue(), "outturns.xlsx")


def test_a_flood_of_blank_rows_is_refused():
    data = HEADER + ROW + b",,,,,\n" * 150_000
    assert len(data) < MAX_FILE_BYTES
    assert refusal(data, "outturns.csv").startswith("outturns.csv goes on past row 100,000 (blank rows count too)")


def test_a_csv_row_with_thousands_of_cells_is_refused():
    data = HEADER + ROW + b"," * 5_000 + b"\n"
    assert refusal(data, "outturns.csv").startswith("outturns.csv has more than 50 columns in row 3")


def test_a_huge_file_on_disk_is_refused_without_reading_it_all(tmp_path):
    path = tmp_path / "huge.csv"
    with path.open("wb") as handle:  # a sparse gigabyte: no disk used, but 1 GB if read whole
        handle.write(HEADER)
        handle.truncate(1024 ** 3)
    assert len(table_reader.read_limited(path)) == MAX_FILE_BYTES + 1
    with pytest.raises(UnreadableTable, match="huge.csv is larger than 5 MB"):
        read_path(path)


def test_import_actuals_refuses_a_huge_file_and_writes_nothing(tmp_path, capsys):
    path = tmp_path / "huge.csv"
    with path.open("wb") as handle:
        handle.write(HEADER)
        handle.truncate(1024 ** 3)
    store = tmp_path / "actuals.duckdb"
    tracemalloc.start()
    try:
        code = cli.main(["import-actuals", str(path), "--store", str(store), "--user", "tester"])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    err = capsys.readouterr().err
    assert code == 1
    assert "import failed, nothing was written" in err and "huge.csv is larger than 5 MB" in err
    assert peak < 256 * 1024 * 1024  # the gigabyte was never read


def test_the_upload_limit_in_the_server_config_matches_the_reader():
    config = tomllib.loads((paths.ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] * 1024 * 1024 == MAX_FILE_BYTES


def test_the_limits_are_documented():
    doc = (paths.ROOT / "docs" / "ACTUALS_STORE.md").read_text(encoding="utf-8")
    section = doc[doc.index("### Size limits"):]
    for shown in (f"{MAX_FILE_BYTES // 2**20} MB", f"{MAX_DATA_ROWS:,}", f"{table_reader.MAX_ROW_NUMBER:,}",
                  f"| {table_reader.MAX_COLUMNS} |", f"{MAX_UNPACKED_BYTES // 2**20} MB"):
        assert shown in section, shown
