"""Reading `manage.py spc FILE`: every problem names the file, the line and the column."""
from __future__ import annotations

import pytest

from perfdash.spc.series_file import SeriesFileError, parse_series, read_series


def test_rows_are_read_in_file_order_with_extra_columns_ignored():
    series = parse_series("\ufeffPeriod, Value ,note\nQ3 2007/08,3.5,x\nQ1 2008/09,-2,\n2008/09 Q2,1e3,\n", "f.csv")
    assert series.periods == ["Q3 2007/08", "Q1 2008/09", "2008/09 Q2"]
    assert series.values == [3.5, -2.0, 1000.0]


def test_columns_may_come_in_any_order_and_blank_lines_are_skipped():
    series = parse_series("value,period\n\n4,a\n\n5,b\n", "f.csv")
    assert series.periods == ["a", "b"] and series.values == [4.0, 5.0]


@pytest.mark.parametrize(("text", "message"), [
    ("", "f.csv is empty"),
    ("\n \n", "f.csv is empty"),
    ("period,amount\na,1\n", "f.csv line 1: the header has no column value (found: period, amount)"),
    ("when,value\na,1\n", "f.csv line 1: the header has no column period"),
    ("period,value\n", "f.csv has a header but no rows"),
    ("period,value\na,1\nb,lots\n", "f.csv line 3, column 2 (value): 'lots' is not a number"),
    ("period,value\na,1\nb,1,234\n", "f.csv line 3, column 3: '234' is beyond the header's 2 columns"),
    ('period,value\na,1\nb,"1,234"\n', "f.csv line 3, column 2 (value): '1,234' is not a number"),
    ("period,value\na,nan\n", "line 2, column 2 (value): 'nan' is not a number"),
    ("period,value\na,inf\n", "line 2, column 2 (value): 'inf' is not a number"),
    ("period,value\na,\n", "f.csv line 2, column 2 (value): the value is empty"),
    ("period,value\na\n", "f.csv line 2, column 2 (value): the value is empty"),
    ("period,value\n,3\n", "f.csv line 2, column 1 (period): the period is empty"),
    ("period,value\na,1\na,2\n", "f.csv line 3, column 1 (period): 'a' is already on line 2"),
    ("x,value,period\n1,2,a\n1,oops,b\n", "f.csv line 3, column 2 (value): 'oops' is not a number"),
])
def test_problems_name_the_line_and_column(text, message):
    with pytest.raises(SeriesFileError) as raised:
        parse_series(text, "f.csv")
    assert message in str(raised.value)


def test_every_problem_is_listed_not_only_the_first():
    with pytest.raises(SeriesFileError) as raised:
        parse_series("period,value\na,x\nb,y\n", "f.csv")
    assert "line 2" in str(raised.value) and "line 3" in str(raised.value)


def test_a_missing_or_binary_file_is_said_plainly(tmp_path):
    with pytest.raises(SeriesFileError, match="there is no file"):
        read_series(tmp_path / "nope.csv")
    binary = tmp_path / "book.csv"
    binary.write_bytes(b"PK\x03\x04\xff\xfe")
    with pytest.raises(SeriesFileError, match="not a UTF-8 text file"):
        read_series(binary)
