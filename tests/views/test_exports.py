"""Downloads: Excel cannot run a formula hidden in the data; every format round-trips; no file is
built until it is asked for."""
import io

import openpyxl
import pandas as pd
import pytest

from perfdash import exports
from perfdash.exports import (
    dictionary_rows,
    downloads_of,
    neutralise,
    to_csv_bytes,
    to_excel_bytes,
    to_parquet_bytes,
)

FRAME = pd.DataFrame({"title": ["=HYPERLINK(\"http://x\")", "+1", "-1.8%", "@SUM(A1)", "Plain"],
                      "value": [1.0, 2.0, -1.8, 4.0, None]})


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@x", "\t=1"])
def test_formula_starts_are_neutralised(text):
    assert neutralise(text) == "'" + text


def test_other_values_are_unchanged():
    assert neutralise("BV12") == "BV12" and neutralise(-1.8) == -1.8 and neutralise(None) is None


def test_excel_download_holds_no_formula_and_keeps_numbers():
    book = openpyxl.load_workbook(io.BytesIO(to_excel_bytes(FRAME)))
    sheet = book.active
    cells = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert cells[0].startswith("'=") and cells[3].startswith("'@") and cells[4] == "Plain"
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    assert [row[1] for row in sheet.iter_rows(min_row=2, max_row=3, values_only=True)] == [1.0, 2.0]


def test_csv_and_parquet_keep_the_text_exactly():
    assert pd.read_csv(io.BytesIO(to_csv_bytes(FRAME)))["title"].tolist()[2] == "-1.8%"
    assert pd.read_parquet(io.BytesIO(to_parquet_bytes(FRAME)))["title"].tolist() == FRAME["title"].tolist()


def test_downloads_are_named_and_hold_what_the_formats_give():
    csv, excel, parquet = downloads_of(FRAME, "indicators")
    assert [(d.label, d.file_name, d.extension) for d in (csv, excel, parquet)] == [
        ("CSV", "indicators.csv", "csv"), ("Excel", "indicators.xlsx", "xlsx"),
        ("Parquet", "indicators.parquet", "parquet")]
    assert csv.mime == "text/csv" and excel.mime == exports.EXCEL_MIME
    assert csv.build() == to_csv_bytes(FRAME) and parquet.build() == to_parquet_bytes(FRAME)
    sheet = openpyxl.load_workbook(io.BytesIO(excel.build()))["indicators"]
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)][:2] == ["'=HYPERLINK(\"http://x\")", "'+1"]


def test_downloads_are_built_only_when_asked_for(monkeypatch):
    built = []
    for name in ("to_csv_bytes", "to_excel_bytes", "to_parquet_bytes"):
        monkeypatch.setattr(exports, name, lambda *args, name=name: built.append(name) or b"")
    downloads = downloads_of(FRAME, "t")
    assert built == []
    downloads[1].build()
    assert built == ["to_excel_bytes"]


def test_dictionary_rows_come_from_the_contract():
    rows = dictionary_rows("indicator_values").set_index("Column")
    assert rows.loc["kind", "Allowed values"] == "actual, target, baseline, interim, estimate"
    assert rows.loc["indicator_id", "Part of the key"] == "yes"
