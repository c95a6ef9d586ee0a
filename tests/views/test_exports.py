"""Downloads: neither Excel nor a CSV opened in a spreadsheet can run a formula hidden in the data,
numbers stay numbers; Parquet keeps text exactly; no file is built until it is asked for."""
import csv
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

FRAME = pd.DataFrame({"title": ["=HYPERLINK(\"http://x\")", "+1+1", "-1.8%", "@SUM(A1)", "Plain"],
                      "value": [1.0, 2.0, -1.8, 4.0, None]})
# Comments officers could type, each of which a spreadsheet would run (OWASP's CSV injection list).
HOSTILE = ["=1+1", "@SUM(1+1)*cmd|' /C calc'!A0", "=HYPERLINK(\"http://evil.example\",\"Click\")",
           "+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", "\t=1+1", "\r=1+1"]


@pytest.mark.parametrize("text", [*HOSTILE, "+1+1", "-", "- staff shortage"])
def test_formula_starts_are_neutralised(text):
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("text", ["-5", "-1.8%", "+2", "-1,089,000", "-0.5", "BV12", "Plain", "", " =1"])
def test_plain_numbers_and_ordinary_text_are_unchanged(text):
    assert neutralise(text) == text


def test_values_that_are_not_text_are_unchanged():
    assert neutralise(-1.8) == -1.8 and neutralise(-5) == -5 and neutralise(None) is None


def test_csv_download_neutralises_hostile_comments_and_keeps_numbers_as_numbers():
    frame = pd.DataFrame({"comment": HOSTILE, "value": [-5, -1.5, 0, 3, -2, 7, 8], "value_text": ["-5"] * 7})
    rows = list(csv.reader(io.StringIO(to_csv_bytes(frame).decode("utf-8"), newline="")))
    assert rows[0] == ["comment", "value", "value_text"]
    assert [row[0] for row in rows[1:]] == ["'" + text for text in HOSTILE]
    assert [row[1] for row in rows[1:]] == ["-5.0", "-1.5", "0.0", "3.0", "-2.0", "7.0", "8.0"]
    back = pd.read_csv(io.BytesIO(to_csv_bytes(frame)))
    assert back["value"].tolist() == [-5, -1.5, 0, 3, -2, 7, 8] and back["value_text"].tolist() == [-5] * 7


def test_column_names_are_neutralised_too():
    frame = pd.DataFrame({"=cmd|' /C calc'!A0": [1], "Plain": [2]})
    assert to_csv_bytes(frame).decode("utf-8").splitlines()[0] == "'=cmd|' /C calc'!A0,Plain"


def test_dates_booleans_and_missing_values_are_written_plainly():
    frame = pd.DataFrame({"when": pd.to_datetime(["2007-06-30 14:05"]), "ok": [True], "note": [None]})
    assert to_csv_bytes(frame) == b"when,ok,note\r\n2007-06-30 14:05:00,True,\r\n"


def test_a_line_break_inside_a_cell_cannot_split_its_row():
    frame = pd.DataFrame({"comment": ["one\rtwo", "three\nfour"], "value": [1, 2]})
    assert pd.read_csv(io.BytesIO(to_csv_bytes(frame)))["value"].tolist() == [1, 2]
    rows = list(csv.reader(io.StringIO(to_csv_bytes(frame).decode("utf-8"), newline="")))
    assert rows == [["comment", "value"], ["one\rtwo", "1"], ["three\nfour", "2"]]


def test_excel_download_holds_no_formula_and_keeps_numbers():
    book = openpyxl.load_workbook(io.BytesIO(to_excel_bytes(FRAME)))
    sheet = book.active
    cells = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert cells[0].startswith("'=") and cells[1] == "'+1+1" and cells[3].startswith("'@") and cells[4] == "Plain"
    assert cells[2] == "-1.8%"  # a plain number written as text cannot run
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    assert [row[1] for row in sheet.iter_rows(min_row=2, max_row=3, values_only=True)] == [1.0, 2.0]
    assert sheet.cell(row=3, column=2).data_type == "n"


def test_parquet_keeps_the_text_exactly():
    assert pd.read_parquet(io.BytesIO(to_parquet_bytes(FRAME)))["title"].tolist() == FRAME["title"].tolist()


def test_downloads_are_named_and_hold_what_the_formats_give():
    csv, excel, parquet = downloads_of(FRAME, "indicators")
    assert [(d.label, d.file_name, d.extension) for d in (csv, excel, parquet)] == [
        ("CSV", "indicators.csv", "csv"), ("Excel", "indicators.xlsx", "xlsx"),
        ("Parquet", "indicators.parquet", "parquet")]
    assert csv.mime == "text/csv" and excel.mime == exports.EXCEL_MIME
    assert csv.build() == to_csv_bytes(FRAME) and parquet.build() == to_parquet_bytes(FRAME)
    sheet = openpyxl.load_workbook(io.BytesIO(excel.build()))["indicators"]
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)][:2] == ["'=HYPERLINK(\"http://x\")", "'+1+1"]


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
