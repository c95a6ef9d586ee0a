"""Reading and checking an uploaded quarterly-outturns file, and the template that feeds it.

Every test runs against the committed extracts, so the indicators named here are the real
ones: NW Leicestershire's delivery plan profiles 2007/08 by quarter, the other plans do not.
"""
import csv
import io
import textwrap

import openpyxl
import pytest

from perfdash import paths
from perfdash.db import database as queries
from perfdash.outturns.catalogue import Catalogue
from perfdash.outturns.import_file import Outturn, validate_file
from perfdash.outturns.table_reader import UnreadableTable, read_table
from perfdash.outturns.template import template_csv, template_frame, template_xlsx
from perfdash.plans.values import parse_number

HEADER = "council_id,indicator,year,quarter,value,comment\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"


@pytest.fixture(scope="module")
def connection():
    return queries.open_database(paths.extracts_dir())


@pytest.fixture(scope="module")
def catalogue(connection):
    return Catalogue.from_connection(connection)


def check(catalogue, text, filename="outturns.csv"):
    return validate_file(textwrap.dedent(text).lstrip("\n").encode("utf-8"), filename, catalogue)


def problems(report):
    return [str(problem) for problem in report.problems]


def xlsx_from_csv(text):
    """A workbook with the CSV's cells at the same rows; cells that look like numbers are numbers."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row_number, cells in enumerate(csv.reader(io.StringIO(textwrap.dedent(text).lstrip("\n"))), start=1):
        for column_number, cell in enumerate(cells, start=1):
            try:
                value = int(cell) if cell.isdigit() else float(cell)
            except ValueError:
                value = cell or None
            sheet.cell(row=row_number, column=column_number, value=value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- Accepted ----------------------------------------------------------------------------------

def test_accepted_forms_of_codes_numbers_answers_quarters_and_headers(catalogue):
    report = check(catalogue, """
        Council_ID , INDICATOR,Year , Quarter,  Value ,Comment,title
        nw-leicestershire,BV9,2007/08,1,98.0%,Good quarter,ignored
        nw-leicestershire,nwl-delivery-2007:number-of-leisure-centre-visits-in-total,2007/08,Q2,"1,089,000",,
        nw-leicestershire,BV200a,2007/08,q3,Yes,,
        nw-leicestershire,bv200b,2007-08,4,no,,
        nw-leicestershire,BV 109(a),2007/2008,Q1,67,,
    """)
    assert problems(report) == []
    assert report.ok and report.rows_read == 5
    assert report.outturns[0] == Outturn(2, "nw-leicestershire", "nwl-delivery-2007:BV9", 2007, 1, 98.0, "98.0%",
                                         "Good quarter")
    assert [(o.indicator_id, o.quarter, o.value, o.value_text, o.comment) for o in report.outturns[1:]] == [
        ("nwl-delivery-2007:number-of-leisure-centre-visits-in-total", 2, 1089000.0, "1,089,000", None),
        ("nwl-delivery-2007:BV200a", 3, 1.0, "Yes", None),
        ("nwl-delivery-2007:BV200b", 4, 0.0, "No", None),
        ("nwl-delivery-2007:BV109a", 1, 67.0, "67", None),
    ]


def test_indicators_that_measure_a_change_may_be_negative(catalogue):
    report = check(catalogue, """
        council_id,indicator,year,quarter,value,comment
        nw-leicestershire,BV84b,2007/08,4,-1.8%,Percentage change from the previous year
        nw-leicestershire,BV184b,2007/08,1,-3,
    """)
    assert problems(report) == []
    assert [o.value for o in report.outturns] == [-1.8, -3.0]


def test_blank_lines_are_skipped_and_rows_keep_their_spreadsheet_numbers(catalogue):
    report = check(catalogue, HEADER + "\n".join([
        "nw-leicestershire,BV9,2007/08,1,30.1%,",
        "",
        ",,,,,",
        "nw-leicestershire,BV10,2007/08,1,abc,",
    ]))
    assert report.rows_read == 2
    assert problems(report) == ["row 5, value: 'abc' is not a number"]


def test_summary_of_a_ready_file_names_the_council_year_and_quarter(catalogue):
    report = check(catalogue, """
        council_id,indicator,year,quarter,value,comment
        nw-leicestershire,BV9,2007/08,1,30.1%,
        nw-leicestershire,BV10,2007/08,1,31%,
    """)
    assert report.summary() == "2 rows ready: nw-leicestershire 2007/08 Q1"


# --- Rejected, one rule at a time --------------------------------------------------------------

def test_unknown_council(catalogue):
    report = check(catalogue, HEADER + "rutland,BV9,2007/08,1,30%,\n")
    assert problems(report) == ["row 2, council_id: 'rutland' is not a council "
                                "(use one of leicester, leicestershire, melton, nw-leicestershire)"]
    assert not report.ok and report.outturns == []


def test_unknown_indicator_is_looked_up_within_the_rows_council(catalogue):
    report = check(catalogue, """
        council_id,indicator,year,quarter,value,comment
        nw-leicestershire,BV999,2007/08,1,30%,
        melton,BV9,2007/08,1,30%,
        leicester,nwl-delivery-2007:BV9,2007/08,1,30%,
    """)
    assert problems(report) == [
        "row 2, indicator: nw-leicestershire has no indicator 'BV999'",
        "row 3, indicator: melton has no indicator 'BV9'",
        "row 4, indicator: nwl-delivery-2007:BV9 is an indicator of nw-leicestershire, not leicester",
    ]


def test_ambiguous_indicator_names_the_candidates(catalogue):
    report = check(catalogue, HEADER + "leicester,PSA7,2007/08,1,4.5,\n")
    assert problems(report) == [
        "row 2, indicator: 'PSA7' matches 2 leicester indicators "
        "(leicester-bvpp-2003:PSA7, leicester-corporate-2003:PSA7); use the full indicator_id"]


def test_quarter_outside_1_to_4(catalogue):
    report = check(catalogue, """
        council_id,indicator,year,quarter,value,comment
        nw-leicestershire,BV9,2007/08,5,30%,
        nw-leicestershire,BV9,2007/08,Q0,30%,
        nw-leicestershire,BV9,2007/08,,30%,
    """)
    assert problems(report) == [
        "row 2, quarter: '5' is not a quarter (1–4 or Q1–Q4)",
        "row 3, quarter: 'Q0' is not a quarter (1–4 or Q1–Q4)",
        "row 4, quarter: is empty; write 1–4 or Q1–Q4",
    ]


def test_a_year_the_indicator_has_no_target_for_is_refused(catalogue):
    report = check(catalogue, """
        council_id,indicator,year,quarter,value,comment
        nw-leicestershire,BV9,2007/08,1,30%,
        nw-leicestershire,BV9,2007/08,2,60%,
        nw-leicestershire,BV9,2008/09,1,30%,
        leicester,BV184,2007/08,1,3%,
    """)
    assert problems(report) == [
        "row 4, year: nw-leicestershire:BV9 has no target for 2008/09 (it has targets for 2007/08); "
        "import the year's targets in a register first",
        "row 5, year: leicester:BV184 has no target for 2007/08 (it has targets for 2005/06); "
        "import the year's targets in a register first",
    ]


def test_an_indicator_with_only_an_annual_target_takes_outturns_for_that_year(catalogue):
    """Leicester's Corporate Plan prints BV184 with a 2005/06 target and no quarterly profile."""
    report = check(catalogue, """
        council_id,indicator,year,quarter,value,comment
        leicester,BV184,2005/06,1,2.5%,
        leicester,LCED13,2005/06,2,40,
    """)
    assert problems(report) == []
    assert [(o.indicator_id, o.year_start, o.quarter) for o in report.outturns] == [
        ("leicester-corporate-2003:BV184", 2005, 1), ("leicester-corporate-2003:LCED13", 2005, 2)]


def test_year_not_in_a_recognisable_form(catalogue):
    report = check(catalogue, """
        council_id,indicator,year,quarter,value,comment
        nw-leicestershire,BV9,07/08,1,30%,
        nw-leicestershire,BV9,2007/09,1,30%,
        nw-leicestershire,BV9,2007-08-01,1,30%,
    """)
    assert problems(report) == [
        "row 2, year: '07/08' is not a financial year like 2007/08",
        "row 3, year: '2007/09' is not a financial year like 2007/08",
        "row 4, year: '2007-08-01' is a date (Excel may have changed it); write the financial year as text, "
        "e.g. '2007/08",
    ]


def test_value_that_is_not_a_number(catalogue):
    report = check(catalogue, """
        council_id,indicator,year,quarter,value,comment
        nw-leicestershire,BV9,2007/08,1,abc,
        nw-leicestershire,BV10,2007/08,1,,figure to follow
        nw-leicestershire,BV12,2007/08,1,Yes,
        nw-leicestershire,BV200a,2007/08,1,Maybe,
    """)
    assert problems(report) == [
        "row 2, value: 'abc' is not a number",
        "row 3, value: is empty; write the figure for this quarter",
        "row 4, value: 'Yes' is not a number",
        "row 5, value: 'Maybe' is not Yes or No",
    ]


def test_percentage_outside_0_to_100(catalogue):
    report = check(catalogue, """
        council_id,indicator,year,quarter,value,comment
        nw-leicestershire,BV9,2007/08,1,101%,
        nw-leicestershire,BV10,2007/08,1,-2,
        nw-leicestershire,BV12,2007/08,1,120,days are not a percentage
    """)
    assert problems(report) == [
        "row 2, value: 101% is outside 0–100 for a percentage",
        "row 3, value: -2 is outside 0–100 for a percentage",
    ]


def test_duplicate_row_within_the_file(catalogue):
    report = check(catalogue, """
        council_id,indicator,year,quarter,value,comment
        nw-leicestershire,BV9,2007/08,1,30%,
        nw-leicestershire,BV10,2007/08,1,31%,
        nw-leicestershire,BV9,2007/08,2,60%,
        nw-leicestershire,BV9,2007/08,1,31%,
        nw-leicestershire,nwl-delivery-2007:BV9,2007/08,Q1,32%,
    """)
    assert problems(report) == [
        "row 5: repeats row 2 (nw-leicestershire:BV9 2007/08 Q1)",
        "row 6: repeats row 2 (nw-leicestershire:BV9 2007/08 Q1)",
    ]


def test_every_problem_in_the_file_is_reported_at_once(catalogue):
    report = check(catalogue, """
        council_id,indicator,year,quarter,value,comment
        nw-leicestershire,BV9,2007/08,1,30%,
        rutland,BV9,2007/08,1,30%,
        nw-leicestershire,BV10,2007/08,7,31%,
        nw-leicestershire,BV12,2007/08,1,lots,
    """)
    assert [problem.row_number for problem in report.problems] == [3, 4, 5]
    assert [problem.column for problem in report.problems] == ["council_id", "quarter", "value"]
    assert report.summary() == "3 problems in 4 rows; nothing will be written"
    assert not report.ok


def test_one_row_can_have_several_problems(catalogue):
    report = check(catalogue, HEADER + "nw-leicestershire,BV9,2009,9,abc,\n")
    assert problems(report) == [
        "row 2, year: '2009' is not a financial year like 2007/08",
        "row 2, quarter: '9' is not a quarter (1–4 or Q1–Q4)",
        "row 2, value: 'abc' is not a number",
    ]


def test_preview_marks_each_row_ready_or_with_every_reason(catalogue):
    report = check(catalogue, """
        council_id,indicator,year,quarter,value,comment
        nw-leicestershire,BV9,2007/08,1,30%,on track
        nw-leicestershire,BV10,2007/08,Q5,abc,
    """)
    preview = report.preview()
    assert list(preview.columns) == ["Row", "Council", "Indicator", "Year", "Quarter", "Value", "Comment", "Check"]
    assert preview.to_dict("records") == [
        {"Row": 2, "Council": "nw-leicestershire", "Indicator": "BV9", "Year": "2007/08", "Quarter": "1",
         "Value": "30%", "Comment": "on track", "Check": "✔ Ready"},
        {"Row": 3, "Council": "nw-leicestershire", "Indicator": "BV10", "Year": "2007/08", "Quarter": "Q5",
         "Value": "abc", "Comment": "",
         "Check": "✖ quarter: 'Q5' is not a quarter (1–4 or Q1–Q4); value: 'abc' is not a number"},
    ]


# --- Excel ------------------------------------------------------------------------------------

def test_excel_rows_are_numbered_as_the_spreadsheet_shows_them(catalogue):
    data = xlsx_from_csv(HEADER + "\n".join([
        "nw-leicestershire,BV9,2007/08,1,30.5,",
        "",
        "nw-leicestershire,BV10,2007/08,1,abc,",
        "nw-leicestershire,BV12,2007/08,Q1,2.4,",
    ]))
    report = validate_file(data, "outturns.xlsx", catalogue)
    assert problems(report) == ["row 4, value: 'abc' is not a number"]
    assert [(o.row_number, o.value, o.quarter) for o in report.outturns] == [(2, 30.5, 1), (5, 2.4, 1)]


def test_excel_percentage_cells_are_read_as_shown(catalogue):
    data = xlsx_from_csv(HEADER + "nw-leicestershire,BV9,2007/08,1,0.98,\n")
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    workbook.active["E2"].number_format = "0.0%"
    buffer = io.BytesIO()
    workbook.save(buffer)
    report = validate_file(buffer.getvalue(), "outturns.xlsx", catalogue)
    assert [(o.value, o.value_text) for o in report.outturns] == [(98.0, "98%")]


# --- Unreadable files -------------------------------------------------------------------------

@pytest.mark.parametrize("data, filename, message", [
    (b"", "outturns.csv", "outturns.csv is empty"),
    (b"\n\n  \n", "outturns.csv", "outturns.csv is empty"),
    (PNG, "outturns.csv", "outturns.csv is a PNG image, not a CSV or Excel file"),
    (bytes(range(256)), "outturns.csv", "outturns.csv is not a CSV or Excel file (it holds binary data)"),
    (b"PK\x03\x04 not really a workbook", "outturns.xlsx",
     "outturns.xlsx is not a readable Excel workbook; it may be damaged. Save it again as .xlsx or CSV."),
    (b"nw-leicestershire,BV9,2007/08,1,30%\n", "outturns.csv",
     "outturns.csv has no header row: the first row should name the columns "
     "council_id, indicator, year, quarter, value"),
    (b"council_id,indicator,value\nnw-leicestershire,BV9,30%\n", "outturns.csv",
     "the file is missing the columns year, quarter (it needs council_id, indicator, year, quarter, value)"),
    (HEADER.encode(), "outturns.csv", "outturns.csv has a header row but no data rows"),
])
def test_unreadable_files_are_one_file_level_problem(catalogue, data, filename, message):
    with pytest.raises(UnreadableTable) as raised:
        read_table(data, filename)
    assert str(raised.value) == message
    report = validate_file(data, filename, catalogue)
    assert problems(report) == [f"file: {message}"]
    assert not report.ok and report.rows_read == 0
    assert report.summary() == "1 problem in 0 rows; nothing will be written"


def test_read_table_gives_text_cells_and_spreadsheet_row_numbers():
    frame = read_table(b" Council_ID ,indicator,year,quarter,value\r\n\r\nleicester,BV12,2005/06,1,3\r\n",
                       "x.csv")
    assert frame.to_dict("records") == [{"council_id": "leicester", "indicator": "BV12", "year": "2005/06",
                                         "quarter": "1", "value": "3", "_row": 3}]


# --- The template -----------------------------------------------------------------------------

def filled_in(frame):
    """The template as someone fills it in: the printed target where it is a figure, else 0 or Yes."""
    def figure(row):
        if row["unit"] == "yes_no":
            return "Yes"
        return row["target"] if parse_number(row["target"]) is not None else "0"
    frame = frame.copy()
    frame["value"] = frame.apply(figure, axis=1)
    return frame


def nwl_template(connection, catalogue, quarter, current=None):
    targets = queries.run_named(connection, "import_quarter_targets", council="nw-leicestershire", year=2007,
                                quarter=quarter)
    return template_frame(catalogue, targets, "nw-leicestershire", 2007, quarter, current)


def test_template_lists_the_councils_indicators_with_a_target_in_plan_order(connection, catalogue):
    frame = nwl_template(connection, catalogue, 1)
    # 52 with a Q1-Q4 profile, and BV183a, printed with only an annual target (2.5 weeks).
    assert frame.set_index("indicator").loc["BV183a", "target"] == "2.5 weeks"
    assert list(frame.columns) == ["council_id", "indicator", "title", "unit", "polarity", "basis", "target",
                                   "ytd_target", "ytd_so_far", "year", "quarter", "value", "comment"]
    assert len(frame) == 53
    assert frame.iloc[0].to_dict() == {
        "council_id": "nw-leicestershire", "indicator": "BV9", "title": "Percentage of Council Tax Collected",
        "unit": "percent", "polarity": "higher", "basis": "this quarter alone; the year to date is added up",
        "target": "30.5%", "ytd_target": "30.5%", "ytd_so_far": "", "year": "2007/08", "quarter": 1,
        "value": "", "comment": ""}
    assert frame["indicator"].tolist()[:4] == ["BV9", "BV10", "BV12", "BV106"]
    assert "nwl-delivery-2007:total-no-of-gp-referrals" in frame["indicator"].tolist()  # no code: the id
    assert frame.set_index("indicator").loc["BV106", "basis"] == "this quarter alone"


def test_a_cumulative_quarter_shows_its_own_target_beside_the_year_to_date(connection, catalogue):
    """BV9's printed profile is 30.5% by Q1 and 60.0% by Q2 (line 992): Q2's own share is 29.5%."""
    row = nwl_template(connection, catalogue, 2).set_index("indicator").loc["BV9"]
    assert (row["target"], row["ytd_target"]) == ("29.5%", "60.0%")
    per_quarter = nwl_template(connection, catalogue, 2).set_index("indicator").loc["BV106"]
    assert (per_quarter["target"], per_quarter["ytd_target"]) == ("60%", "")


def test_a_template_row_set_against_the_year_to_date_target_is_flagged(connection, catalogue):
    """Typing Q4's year-to-date 98.0% into BV9's quarter-alone cell is the false green the own target stops."""
    report = check(catalogue, """
        council_id,indicator,year,quarter,value,comment
        nw-leicestershire,BV9,2007/08,4,98.0%,
        nw-leicestershire,BV12,2007/08,4,2.3 days,
    """)
    assert report.ok and report.needs_confirmation
    assert [str(w) for w in report.warnings] == [
        "row 2, value: nw-leicestershire:BV9: 98.0% is more than 3 times this quarter's own target of 11.2; "
        "check it is the figure for this quarter alone, then confirm"]
    assert report.preview().set_index("Row").loc[2, "Check"].startswith("⚠ Check:")
    assert "1 unusual value to confirm" in report.summary()


def test_template_prefills_the_latest_recorded_values(connection, catalogue):
    import pandas as pd

    current = pd.DataFrame([{"indicator_id": "nwl-delivery-2007:BV9", "value_text": "31.2%", "comment": "Q1 in"}])
    frame = nwl_template(connection, catalogue, 1, current).set_index("indicator")
    assert (frame.loc["BV9", "value"], frame.loc["BV9", "comment"]) == ("31.2%", "Q1 in")
    assert frame.loc["BV10", "value"] == ""


@pytest.mark.parametrize("quarter", [1, 4])
@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_filled_in_template_validates_cleanly(connection, catalogue, kind, quarter):
    frame = filled_in(nwl_template(connection, catalogue, quarter))
    data = template_csv(frame) if kind == "csv" else template_xlsx(frame)
    report = validate_file(data, f"template.{kind}", catalogue)
    assert problems(report) == []
    assert report.ok and len(report.outturns) == len(frame) == 53
    assert report.summary() == f"53 rows ready: nw-leicestershire 2007/08 Q{quarter}"
    if quarter == 4:  # Excel's formula guard puts an apostrophe before -1.8%; it must read back as -1.8
        assert {o.indicator_id: o.value for o in report.outturns}["nwl-delivery-2007:BV84b"] == -1.8


def test_template_workbook_has_a_bold_frozen_header(connection, catalogue):
    data = template_xlsx(nwl_template(connection, catalogue, 1))
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert sheet.freeze_panes == "A2"
    assert all(cell.font.bold for cell in sheet[1])
    assert [cell.value for cell in sheet[1]][:2] == ["council_id", "indicator"]


def test_template_rows_left_blank_are_not_reported_and_not_errors(catalogue):
    report = check(catalogue, """
        council_id,indicator,year,quarter,value,comment
        nw-leicestershire,BV9,2007/08,1,30.1%,
        nw-leicestershire,BV10,2007/08,1,,
    """)
    assert report.ok
    assert [o.indicator_id for o in report.outturns] == ["nwl-delivery-2007:BV9"]
    assert report.left_blank == [3]
    assert report.preview()["Check"].tolist() == ["✔ Ready", "– Left blank: not recorded"]
    assert report.summary().endswith("1 row left blank, not recorded")


# --- Values typed as no council would type them -------------------------------------------------

LEISURE = "nwl-delivery-2007:number-of-leisure-centre-visits-in-total"


def value_problems(catalogue, indicator, *values):
    rows = "".join(f'nw-leicestershire,{indicator},2007/08,{n},"{v}",\n' for n, v in enumerate(values, start=1))
    return problems(check(catalogue, HEADER + rows))


def test_the_values_from_the_issue_are_refused_with_the_reason(catalogue):
    assert value_problems(catalogue, "BV12", "1e308", "1_000", "١٢٣", "−5") == [
        "row 2, value: '1e308' is in scientific notation; write the figure out in plain digits",
        "row 3, value: '1_000' has '_' in it; write the figure as 1000 or 1,000",
        "row 4, value: '١٢٣' is written in Arabic-Indic digits; type the figure with the digits 0-9",
        "row 5, value: '−5' has a '−' (minus sign) where a minus is typed as '-'",
    ]


def test_a_minus_only_where_the_indicator_can_be_negative(catalogue):
    assert value_problems(catalogue, "BV12", "-5") == [
        "row 2, value: -5 is below zero, and this indicator (days) cannot be negative"]
    assert value_problems(catalogue, "BV84b", "-1.8%", "-0.5") == []  # a percentage change


def test_commas_only_between_thousands(catalogue):
    assert value_problems(catalogue, LEISURE, "1,089,000", "1089000", "12,000") == []
    assert value_problems(catalogue, LEISURE, "1,00", "2,5", "10,00,000") == [
        f"row {n}, value: {text!r} has a comma out of place; commas may only separate thousands (1,089,000), "
        "and decimals take a point (2.5)" for n, text in ((2, "1,00"), (3, "2,5"), (4, "10,00,000"))]


def test_a_percent_sign_only_for_a_percentage_and_units_only_their_own(catalogue):
    assert value_problems(catalogue, "BV12", "12%", "7.2 weeks") == [
        "row 2, value: '12%' has a % sign, but this indicator is measured in days, not a percentage",
        "row 3, value: '7.2 weeks' has 'weeks' after the figure, but this indicator is measured in days "
        "(only 'day' or 'days' may follow it)",
    ]
    # The units the plans print, as the template shows them, are taken.
    assert value_problems(catalogue, "BV12", "7.2 days", "2.4") == []
    assert value_problems(catalogue, "BV82bii", "2700t") == []
    assert value_problems(catalogue, "BV86", "£50.91") == []
    assert value_problems(catalogue, "BV9", "£50") == [
        "row 2, value: '£50' has a £ sign, but this indicator is measured in a percentage"]


@pytest.mark.parametrize("text", ["inf", "nan", "+5", "(1,234)", "5 5", "1.2.3", "0x10"])
def test_anything_else_is_not_a_number(catalogue, text):
    assert value_problems(catalogue, LEISURE, text) == [f"row 2, value: {text!r} is not a number"]


def test_a_non_breaking_space_is_named(catalogue):
    assert value_problems(catalogue, LEISURE, "1\u00a0089\u00a0000") == [
        "row 2, value: '1\\xa0089\\xa0000' has a no-break space in it; write the figure without spaces, "
        "as in 1,089,000"]


def test_absurd_magnitudes_are_refused(catalogue):
    # BV12's plan prints at most 11.07 days; the leisure centres at most 1,119,850 visits.
    assert value_problems(catalogue, "BV12", "11070", "11071") == [
        "row 3, value: 11071 is over 1,000 times the largest target or outturn printed for this indicator "
        "(11.07); check the units and the decimal point"]
    assert value_problems(catalogue, LEISURE, "1,119,850,000", "1,119,850,001") == [
        "row 3, value: 1,119,850,001 is over 1,000 times the largest target or outturn printed for this "
        "indicator (1,119,850); check the units and the decimal point"]


def test_a_figure_over_a_trillion_is_refused_even_without_a_printed_figure(catalogue):
    indicators = catalogue.indicators.copy()
    indicators.loc[indicators["indicator_id"] == LEISURE, "largest_figure"] = None
    bare = Catalogue(indicators, catalogue.fetch)
    assert value_problems(bare, LEISURE, "999,999,999,999") == []
    assert value_problems(bare, LEISURE, "1,000,000,000,001") == [
        "row 2, value: 1,000,000,000,001 is larger than any figure a council reports (over 1,000,000,000,000); "
        "check the digits"]


def test_excel_numbers_are_read_in_plain_digits(catalogue):
    data = xlsx_from_csv(HEADER + "nw-leicestershire,BV9,2007/08,1,0.00001,\n"
                         + "nw-leicestershire,BV12,2007/08,1,1e308,\n")
    report = validate_file(data, "outturns.xlsx", catalogue)
    assert [(o.value, o.value_text) for o in report.outturns] == [(0.00001, "0.00001")]
    assert problems(report) == ["row 3, value: 1" + "0" * 308 + " is larger than any figure a council reports "
                                "(over 1,000,000,000,000); check the digits"]
