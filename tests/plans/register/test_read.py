"""Reading a register: which table is which, and every row's file line or sheet row."""
import pytest

from perfdash.plans.register import UnreadableRegister, read_register
from tests.plans.register.helpers import PLAN, csv_bytes, row, xlsx_bytes


def test_csv_rows_are_numbered_as_file_lines_with_the_header_as_line_1():
    data = csv_bytes([row(ref="KPI1"), row(ref="KPI2")]).replace(b"\n", b"\n\n", 1)  # a blank line 2
    tables = read_register([("register.csv", data)])
    assert [(r.get("ref"), r.line, r.origin) for r in tables.indicators] == [
        ("KPI1", 3, "register.csv:3"), ("KPI2", 4, "register.csv:4")]
    assert tables.problems == []


def test_headers_ignore_case_spaces_and_hyphens():
    data = csv_bytes([row()]).replace(b"annual_target", b" Annual Target ").replace(b"q1_target", b"Q1-target")
    tables = read_register([("register.csv", data)])
    assert tables.problems == []
    assert tables.indicators[0].get("annual_target") == "52%"


def test_excel_reads_the_register_sheet_then_priorities_and_actions_with_sheet_rows():
    data = xlsx_bytes({
        "guidance": [{"read me": "fill in the register sheet"}],
        "register": [row(ref="KPI1"), row(ref="KPI2")],
        "priorities": [{"council_id": "huntingdonshire", "plan_id": PLAN, "rank": 1, "title": "Green",
                        "timeframe": "2024-2028"}],
        "actions": [{"council_id": "huntingdonshire", "plan_id": PLAN, "ref": "A1", "title": "Food waste",
                     "due": "2025-03-31", "owner": "Head of Operations", "status": "In progress"}],
    })
    tables = read_register([("hunts.xlsx", data)])
    assert tables.problems == []
    assert [r.origin for r in tables.indicators] == ["hunts.xlsx:register!2", "hunts.xlsx:register!3"]
    assert [r.get("title") for r in tables.priorities] == ["Green"]
    assert [(r.get("status"), r.origin) for r in tables.actions] == [("In progress", "hunts.xlsx:actions!2")]


def test_excel_without_a_named_sheet_reads_the_first():
    tables = read_register([("hunts.xlsx", xlsx_bytes({"Sheet1": [row()], "notes": [{"x": "y"}]}))])
    assert [r.origin for r in tables.indicators] == ["hunts.xlsx:Sheet1!2"]


def test_separate_csv_files_are_told_apart_by_their_headers():
    priorities = b"council_id,plan_id,rank,title,timeframe\nhuntingdonshire,%s,1,Green,2024-2028\n" % PLAN.encode()
    actions = (b"council_id,plan_id,ref,title,due,owner,status\n"
               b"huntingdonshire,%s,A1,Food waste,2025-03-31,Ops,Completed\n" % PLAN.encode())
    tables = read_register([("a.csv", actions), ("register.csv", csv_bytes([row()])), ("p.csv", priorities)])
    assert (len(tables.indicators), len(tables.priorities), len(tables.actions)) == (1, 1, 1)
    assert tables.actions[0].origin == "a.csv:2"


def test_missing_unknown_and_repeated_columns_are_header_problems_on_line_1():
    data = csv_bytes([row()]).replace(b"polarity", b"polarty").replace(b",source", b",ref")
    problems = read_register([("register.csv", data)]).problems
    assert {(p.line, p.column) for p in problems} == {(1, "polarity"), (1, "source"), (1, "polarty"), (1, "ref")}
    assert all(p.origin == "register.csv:1" for p in problems)


def test_a_value_under_no_header_is_a_problem_on_its_line():
    data = csv_bytes([row()]).rstrip(b"\n") + b",stray\n"
    problems = read_register([("register.csv", data)]).problems
    assert [(p.line, p.column) for p in problems] == [(2, None)]


def test_cells_made_inert_by_the_dashboards_downloads_read_as_written():
    data = csv_bytes([row(title="'=Recycling rate")])
    assert read_register([("register.csv", data)]).indicators[0].get("title") == "=Recycling rate"


@pytest.mark.parametrize("data, words", [(b"", "empty"), (b"%PDF-1.4 ...", "PDF"),
                                          (b"PK\x03\x04 not really a workbook", "not a readable Excel")])
def test_a_file_that_is_no_table_is_refused_by_name(data, words):
    with pytest.raises(UnreadableRegister, match=words) as raised:
        read_register([("register.csv", data)])
    assert "register.csv" in str(raised.value)


@pytest.mark.parametrize("name, data", [
    ("hunts.xlsx", lambda: xlsx_bytes({"indicators": [row()], "actions": [{"title": f"A{i}"} for i in range(3)]})),
    ("register.csv", lambda: csv_bytes([row(ref=f"KPI{i}") for i in range(3)])),
])
def test_every_sheet_meets_the_uploads_row_limit(monkeypatch, name, data):
    from perfdash.outturns import table_reader

    monkeypatch.setattr(table_reader, "MAX_DATA_ROWS", 2)
    with pytest.raises(UnreadableRegister, match="more than 2 data rows"):
        read_register([(name, data())])
