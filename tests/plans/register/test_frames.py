"""What a register becomes: contract-shaped frames, warnings as findings, known indicators reused."""
import math

import pandas as pd
import pytest

from perfdash.plans.check import check_tables
from perfdash.plans.contract import TABLES
from perfdash.plans.register import read_register, validate_register
from perfdash.plans.register.build import EXTRA_COLUMNS
from tests.plans.register.helpers import PLAN, check, row, xlsx_bytes

NWL = {"council_id": "nw-leicestershire", "council_name": "", "tier": "", "parent_council_id": "",
       "plan_id": "nwl-delivery-2007", "plan_title": "", "theme": ""}


def _rows(frame: pd.DataFrame) -> list[dict]:
    return [{k: (None if v is pd.NA or (isinstance(v, float) and math.isnan(v)) else v) for k, v in r.items()}
            for r in frame.to_dict("records")]


def test_every_frame_has_exactly_the_contract_columns_then_its_extras(known):
    report = check([row(profile="cumulative", q1_target="10%", q2_target="20%", q3_target="30%", q4_target="52%",
                        baseline_year="2023/24", baseline_value="55%")], known)
    assert report.ok
    for table, frame in report.frames.items():
        assert list(frame.columns) == [*TABLES[table].columns, *EXTRA_COLUMNS[table]], table
    assert not report.frames["quality_findings"].empty  # the 52% target is worse than the 55% baseline


def test_a_new_councils_frames_pass_the_contract_beside_the_bundled_extracts(known, committed_tables):
    report = check([row(ref="KPI1", profile="cumulative", q1_target="13%", q2_target="26%", q3_target="39%",
                        q4_target="50%", baseline_year="2023/24", baseline_value="48%"),
                    row(ref="KPI2", unit="count", annual_target="1,200", priority="A greener district")], known)
    assert report.ok, report.summary()
    tables = {table: list(rows) for table, rows in committed_tables.items()}
    for table, frame in report.frames.items():
        tables[table] += _rows(frame[list(TABLES[table].columns)])
    assert check_tables(tables) == []


def test_values_are_annual_quarterly_and_baseline_rows_citing_the_line_and_source_text(known):
    report = check([row(), row(ref="KPI2", profile="cumulative", annual_target="40%", q1_target="10%",
                           q2_target="20%", q3_target="30%", q4_target="40%", baseline_year="2023/24",
                           baseline_value="38.5%")], known)
    values = report.frames["indicator_values"]
    kpi2 = values[values["indicator_id"] == f"{PLAN}:KPI2"]
    assert sorted(zip(kpi2["kind"], kpi2["year_start"], kpi2["quarter"].astype("float").fillna(0), kpi2["value"])) == [
        ("baseline", 2023, 0, 38.5), ("target", 2024, 0, 40.0), ("target", 2024, 1, 10.0), ("target", 2024, 2, 20.0),
        ("target", 2024, 3, 30.0), ("target", 2024, 4, 40.0)]
    assert set(kpi2["source"]) == set(kpi2["origin"]) == {"register.csv:3"}
    assert set(kpi2["source_note"]) == {"Waste Data Flow"}


def test_excel_rows_cite_their_sheet_and_row(known):
    tables = read_register([("hunts.xlsx", xlsx_bytes({"indicators": [row(), row(ref="KPI2")]}))])
    report = validate_register(tables, known)
    assert report.frames["indicators"]["origin"].tolist() == ["hunts.xlsx:indicators!2", "hunts.xlsx:indicators!3"]
    bad = validate_register(read_register([("hunts.xlsx", xlsx_bytes({"indicators": [row(year="2024")]}))]), known)
    assert [str(p).split(":", 2)[:2] for p in bad.problems] == [["hunts.xlsx", "indicators!2, column year"]]


@pytest.mark.parametrize("cells, category, column", [
    ({"profile": "cumulative", "annual_target": "98%", "q1_target": "30%", "q2_target": "60%", "q3_target": "86%",
      "q4_target": "97%"}, "profile_q4_mismatch", "q4_target"),
    ({"unit": "count", "profile": "per_quarter", "annual_target": "1,200", "q1_target": "300", "q2_target": "300",
      "q3_target": "300", "q4_target": "200"}, "per_quarter_sum_mismatch", "annual_target"),
    ({"annual_target": "40%", "baseline_year": "2023/24", "baseline_value": "45%"}, "target_wrong_direction",
     "annual_target"),
    ({"unit": "days", "polarity": "lower", "annual_target": "9", "baseline_year": "2023/24", "baseline_value": "8"},
     "target_wrong_direction", "annual_target"),
])
def test_doubtful_targets_are_imported_with_a_warning_and_a_quality_finding(known, cells, category, column):
    report = check([row(ref="KPI1"), row(ref="KPI2", **cells)], known)
    assert report.ok
    assert [(w.line, w.column) for w in report.warnings] == [(3, column)]
    findings = report.frames["quality_findings"]
    assert findings[["finding_id", "category", "severity", "indicator_id", "source"]].values.tolist() == [
        [f"{PLAN}:KPI2:2024/25:{category}", category, "warning", f"{PLAN}:KPI2", "register.csv:3"]]
    assert findings["message"].iloc[0] == report.warnings[0].message
    assert "warning" in report.summary()


def test_targets_that_agree_raise_no_warning(known):
    report = check([row(profile="cumulative", annual_target="98%", q1_target="30%", q2_target="60%",
                        q3_target="86%", q4_target="98.0%", baseline_year="2023/24", baseline_value="97%"),
                    row(ref="KPI2", unit="count", profile="per_quarter", annual_target="1,200", q1_target="300",
                        q2_target="300", q3_target="300", q4_target="300")], known)
    assert report.ok and report.warnings == [] and report.frames["quality_findings"].empty


def test_a_new_year_of_a_bundled_indicator_resolves_to_its_id_and_brings_targets_only(known):
    rows = [row(**NWL, ref="BV9", title="Percentage of Council Tax Collected", year="2008/09",
                profile="cumulative", annual_target="98.5%"),
            row(**NWL, ref="BVP66c*", title="Tenants with more than seven weeks arrears", year="2008/09",
                polarity="lower", annual_target="2%"),
            row(**NWL, ref="no-of-community-civic-events-delivered", title="Community & Civic Events",
                unit="count", year="2008/09", annual_target="40")]
    report = check(rows, known)
    assert report.ok, report.summary()
    assert report.frames["indicators"].empty and report.frames["councils"].empty and report.frames["plans"].empty
    values = report.frames["indicator_values"]
    assert values["indicator_id"].tolist() == ["nwl-delivery-2007:BV9", "nwl-delivery-2007:BV66c",
                                               "nwl-delivery-2007:no-of-community-civic-events-delivered"]
    assert set(values["period"]) == {"2008/09"} and report.counts["known_indicators"] == 3


def test_a_new_indicator_in_a_bundled_plan_gets_an_id_by_the_bundled_rule(known):
    report = check([row(**{**NWL, "theme": "Safer Communities"}, ref="LPI 7", title="Planning appeals allowed",
                        polarity="lower", year="2008/09", annual_target="30%")], known)
    assert report.frames["indicators"]["indicator_id"].tolist() == ["nwl-delivery-2007:LPI7"]


def test_importing_the_same_register_again_brings_the_same_rows_and_nothing_new(known):
    rows = [row(ref="KPI1"), row(ref="KPI2", unit="count", annual_target="1,200")]
    first = check(rows, known)
    after = {table: pd.concat([known[table], first.frames[table][list(TABLES[table].columns)]], ignore_index=True)
             if table in first.frames else known[table] for table in known}
    again = check(rows, after)
    assert again.ok
    assert again.frames["indicators"].empty and again.frames["councils"].empty and again.frames["plans"].empty
    pd.testing.assert_frame_equal(again.frames["indicator_values"], first.frames["indicator_values"])


def test_an_excel_percentage_cell_is_read_as_the_percentage_it_shows(known):
    import io

    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(xlsx_bytes({"register": [row(annual_target=0.52)]})))
    cell = workbook["register"].cell(row=2, column=list(row()).index("annual_target") + 1)
    cell.number_format = "0%"
    buffer = io.BytesIO()
    workbook.save(buffer)
    report = validate_register(read_register([("hunts.xlsx", buffer.getvalue())]), known)
    assert report.frames["indicator_values"][["value", "value_text"]].values.tolist() == [[52.0, "52%"]]
