"""Checking a register: each refusal names its line and column, and a refused register imports nothing."""
import pytest

from perfdash.plans.register import read_register, validate_register
from tests.plans.register.helpers import HEADER, HUNTS, PLAN, check, csv_bytes, row, where


def test_a_valid_register_for_a_new_council_has_frames_and_no_problems(known):
    report = check([row()], known)
    assert report.ok and report.problems == [] and report.warnings == []
    assert report.frames["councils"]["council_id"].tolist() == [HUNTS]
    assert report.frames["indicators"]["indicator_id"].tolist() == [f"{PLAN}:KPI1"]


@pytest.mark.parametrize("column, bad, words", [
    ("tier", "borough", "is not a tier"),
    ("unit", "percentage", "is not a unit"),
    ("polarity", "up", "is not a polarity"),
    ("profile", "quarterly", "is not a profile"),
    ("council_id", "", "council_id is missing"),
    ("ref", "", "ref is missing"),
    ("title", "", "title is missing"),
    ("year", "", "year is missing"),
    ("year", "2024-25", "not a financial year"),
    ("year", "2024/26", "not a financial year"),
    ("annual_target", "about 50", "not a number"),
    ("q2_target", "50 or so", "not a number"),
    ("annual_target", "120%", "outside 0-100"),
    ("annual_target", "-1%", "outside 0-100"),
    ("q1_target", "12 days", "not a number"),
    ("parent_council_id", "cambridgeshire", "not a known council"),
    ("baseline_value", "48%", "needs its baseline_year"),
    ("baseline_year", "2023/24", "needs its baseline_value"),
    ("baseline_year", "2023", "not a financial year"),
])
def test_each_refusal_names_the_bad_rows_line_and_column(known, column, bad, words):
    report = check([row(ref="KPI1"), row(**{"ref": "KPI2", column: bad}), row(ref="KPI3")], known)
    # A baseline's missing half is named where it is missing.
    named = {"baseline_value": "baseline_year", "baseline_year": "baseline_value"}.get(column, column) \
        if words.startswith("needs") else column
    assert set(where(report)) == {(3, named)}
    assert any(words in problem.message for problem in report.problems)
    assert {problem.origin for problem in report.problems} == {"register.csv:3"}
    assert report.frames == {} and not report.ok


def test_a_repeated_council_plan_ref_and_year_is_refused_on_the_second_line(known):
    report = check([row(), row(ref="KPI2"), row(annual_target="55%")], known)
    assert where(report) == [(4, "ref")]
    assert "already on line 2" in report.problems[0].message


def test_the_same_ref_in_another_year_is_the_same_indicator_not_a_repeat(known):
    report = check([row(year="2024/25"), row(year="2025/26", annual_target="55%")], known)
    assert report.ok
    assert report.frames["indicators"]["indicator_id"].tolist() == [f"{PLAN}:KPI1"]
    assert sorted(report.frames["indicator_values"]["period"]) == ["2024/25", "2025/26"]


def test_every_problem_is_reported_at_once_in_file_order(known):
    report = check([row(unit="percentage"), row(ref="KPI2", year="24/25", tier="borough")], known)
    assert where(report) == [(2, "unit"), (3, "tier"), (3, "year")]
    assert "nothing was imported" in report.summary()
    assert "register.csv:3, column year:" in report.summary()


def test_a_parent_council_described_in_the_same_register_is_known():
    county = row(council_id="cambridgeshire", council_name="Cambridgeshire County Council", tier="county",
                 plan_id="cambs-plan-2024", plan_title="Business plan")
    report = check([row(parent_council_id="cambridgeshire"), county])
    assert report.ok
    assert report.frames["councils"].set_index("council_id")["parent_council_id"].to_dict() == {
        HUNTS: "cambridgeshire", "cambridgeshire": None}


def test_a_new_council_needs_its_name_and_tier_and_a_new_plan_its_title(known):
    report = check([row(council_name="", tier="", plan_title="")], known)
    assert where(report) == [(2, "council_name"), (2, "tier"), (2, "plan_title")]


def test_a_new_indicator_must_be_described_the_same_way_every_year(known):
    report = check([row(), row(year="2025/26", unit="count", annual_target="1,200")], known)
    assert where(report) == [(3, "unit")]
    assert "on line 2" in report.problems[0].message


def test_a_known_indicators_unit_or_polarity_cannot_be_changed(known):
    bv9 = row(council_id="nw-leicestershire", council_name="", tier="", plan_id="nwl-delivery-2007",
              plan_title="", ref="BV9", title="Council tax collected", unit="days", polarity="lower",
              annual_target="10")
    report = check([bv9], known)
    assert where(report) == [(2, "unit"), (2, "polarity")]
    assert "already known with unit percent" in report.problems[0].message


def test_a_known_council_keeps_its_tier(known):
    report = check([row(council_id="melton", council_name="", tier="county")], known)
    assert where(report) == [(2, "tier")]


def test_a_known_plan_belongs_to_its_own_council(known):
    report = check([row(plan_id="nwl-delivery-2007", plan_title="")], known)
    assert where(report) == [(2, "plan_id")]


def test_figures_are_read_as_a_spreadsheet_shows_them(known):
    rows = [row(ref="A", unit="count", annual_target="1,200", profile="per_quarter", q1_target="300",
                q2_target="300", q3_target="300", q4_target="300"),
            row(ref="B", unit="days", polarity="lower", annual_target="9.5 days"),
            row(ref="C", unit="gbp", polarity="lower", annual_target="£52.29"),
            row(ref="D", unit="yes_no", annual_target="yes")]
    report = check(rows, known)
    assert report.ok, report.summary()
    values = report.frames["indicator_values"].set_index(["indicator_id", "quarter"], drop=False)
    annual = values[values["quarter"].isna()].set_index("indicator_id")
    assert annual["value"].to_dict() == {f"{PLAN}:A": 1200.0, f"{PLAN}:B": 9.5, f"{PLAN}:C": 52.29,
                                         f"{PLAN}:D": pytest.approx(float("nan"), nan_ok=True)}
    assert annual.loc[f"{PLAN}:D", "value_text"] == "Yes"


def test_a_blank_or_not_set_target_records_nothing(known):
    report = check([row(annual_target="", q1_target="N/A", q2_target="TBC")], known)
    assert report.ok and report.frames["indicator_values"].empty


def test_an_indicator_without_any_theme_rule_is_refused_at_common_theme(known):
    report = check([row(theme="Our green future")], known)
    assert where(report) == [(2, "common_theme")]
    assert "Environment, waste & streetscene" in report.problems[0].message  # the allowed themes are listed


def test_common_theme_follows_the_bundled_theme_maps_then_the_national_code(known):
    rows = [row(ref="A", theme="Environment"),                       # Leicester BVPP's theme map
            row(ref="B", theme="Safer Communities"),                 # a common theme's own name
            row(ref="C", theme="Our own heading", code="BV 9"),      # the code's theme in known indicators
            row(ref="D", theme="Our own heading", common_theme="housing")]  # given, any case
    report = check(rows, known)
    assert report.ok, report.summary()
    themes = report.frames["indicators"].set_index("ref")["common_theme"].to_dict()
    assert themes == {"A": "Environment, waste & streetscene", "B": "Safer communities",
                      "C": "Corporate health & value for money", "D": "Housing"}
    assert report.frames["indicators"].set_index("ref").loc["C", "code"] == "BV9"


def test_a_council_with_only_annual_targets_imports_annual_values_only(known):
    rows = [row(ref="KPI1", annual_target="52%"), row(ref="KPI2", unit="count", annual_target="1,200"),
            row(ref="KPI3", unit="days", polarity="lower", profile="", annual_target="8")]
    report = check(rows, known)
    assert report.ok and report.warnings == []
    values = report.frames["indicator_values"]
    assert len(values) == 3 and values["quarter"].isna().all() and (values["kind"] == "target").all()


PRIORITIES = (f"council_id,plan_id,rank,title,timeframe,theme\n"
              f"{HUNTS},{PLAN},1,A greener district,2024-2028,\n"
              f"{HUNTS},{PLAN},2,Homes for all,2024-2028,Housing\n")
ACTIONS = (f"council_id,plan_id,ref,title,due,owner,status,priority\n"
           f"{HUNTS},{PLAN},A1,Weekly food waste,2025-03-31,Head of Operations,in progress,A greener district\n"
           f"{HUNTS},{PLAN},A 2,Review the plan,2025,Chief Executive,Delayed,Homes for all\n")


def _with_sheets(rows, priorities=PRIORITIES, actions=ACTIONS, known=None):
    files = [("register.csv", csv_bytes(rows)), ("priorities.csv", priorities.encode()),
             ("actions.csv", actions.encode())]
    return validate_register(read_register(files), known)


def test_priorities_and_actions_are_linked_and_imported(known):
    report = _with_sheets([row(priority="A greener district"), row(ref="KPI2", priority="Jobs for local people")],
                          known=known)
    assert report.ok, report.summary()
    priorities = report.frames["priorities"].set_index("title")
    assert priorities.loc["A greener district", "priority_id"] == f"{PLAN}:1"
    assert priorities.loc["Homes for all", "common_theme"] == "Housing"
    # A priority an indicator names but no sheet row has is made from its title, with its indicator's theme.
    assert priorities.loc["Jobs for local people", ["priority_id", "common_theme", "origin"]].tolist() == [
        f"{PLAN}:jobs-for-local-people", "Environment, waste & streetscene", "register.csv:3"]
    indicators = report.frames["indicators"].set_index("ref")["priority_id"].to_dict()
    assert indicators == {"KPI1": f"{PLAN}:1", "KPI2": f"{PLAN}:jobs-for-local-people"}
    actions = report.frames["actions"].set_index("action_id")
    assert actions.loc[f"{PLAN}:A1", ["status", "responsible", "due", "priority_id", "common_theme"]].tolist() == [
        "In progress", "Head of Operations", "2025-03-31", f"{PLAN}:1", "Environment, waste & streetscene"]
    assert actions.loc[f"{PLAN}:A2", "common_theme"] == "Housing"


def test_priority_and_action_problems_name_their_own_file_line_and_column(known):
    priorities = PRIORITIES + f"{HUNTS},{PLAN},x,Jobs,2024,Our heading\n{HUNTS},other-plan,4,Growth,,Housing\n"
    actions = ACTIONS.replace("Delayed", "Halfway") + f"{HUNTS},{PLAN},A1,Again,,,,\n"
    report = _with_sheets([row(priority="A greener district")], priorities, actions, known)
    assert [(p.origin, p.column) for p in report.problems] == [
        ("priorities.csv:4", "rank"), ("priorities.csv:5", "plan_id"),
        ("actions.csv:3", "status"), ("actions.csv:4", "ref"), ("actions.csv:4", "common_theme")]
    assert report.frames == {}


def test_a_column_missing_from_the_header_is_one_problem_not_one_per_row(known):
    data = csv_bytes([row(ref="KPI1"), row(ref="KPI2"), row(ref="KPI3", unit="percentage")],
                     header=tuple(c for c in HEADER if c != "year"))
    report = validate_register(read_register([("register.csv", data)]), known)
    assert where(report) == [(1, "year"), (4, "unit")]
