"""The pre-filled register: a council's indicators for next year, which import back unchanged."""
import pandas as pd
import pytest

from perfdash.plans.register import (
    read_register,
    register_template,
    template_bytes,
    validate_register,
)
from perfdash.plans.register.columns import INDICATOR_COLUMNS, names, parse_target


def _target(last: str, unit: str) -> str:
    """Last year's target again where the register can hold it as written, else a plain figure
    (the plans print some targets as prose, "fifteen" or "97.40% Annual target")."""
    _, shown, problem = parse_target(last, unit)
    if shown and not problem:
        return shown
    return "Yes" if unit == "yes_no" else "50%" if unit == "percent" else "1"


def _filled(template: pd.DataFrame) -> pd.DataFrame:
    """The template with next year's targets set as a performance officer would."""
    filled = template.copy()
    last = filled["last_annual_target"].fillna("").str.replace(r"\s*\(\d{4}/\d{2}\)$", "", regex=True)
    filled["annual_target"] = [_target(text, unit) for text, unit in zip(last, filled["unit"])]
    return filled


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_filled_template_validates_cleanly_and_names_the_same_indicators(known, fmt):
    template = register_template(known, "nw-leicestershire", 2008)
    data = template_bytes(_filled(template), fmt)
    report = validate_register(read_register([(f"nwl-2008-09.{fmt}", data)]), known)
    assert report.problems == [], report.summary()
    assert report.frames["indicators"].empty and report.frames["councils"].empty  # nothing new is created
    bundled = known["indicators"]
    expected = set(bundled[bundled["plan_id"] == "nwl-delivery-2007"]["indicator_id"])
    targets = report.frames["indicator_values"]
    assert set(targets[targets["kind"] == "target"]["indicator_id"]) == expected
    assert set(targets[targets["kind"] == "target"]["period"]) == {"2008/09"}


def test_the_template_has_one_row_per_indicator_with_metadata_and_blank_targets(known):
    template = register_template(known, "nw-leicestershire", 2008)
    assert list(template.columns) == [*names(INDICATOR_COLUMNS), "last_annual_target"]
    bundled = known["indicators"].set_index("indicator_id")
    assert len(template) == (bundled["plan_id"] == "nwl-delivery-2007").sum()
    assert set(template["year"]) == {"2008/09"}
    assert template[["annual_target", "q1_target", "q2_target", "q3_target", "q4_target"]].isna().all().all()
    bv9 = template.set_index("ref").loc["BV9"]
    assert (bv9["unit"], bv9["polarity"], bv9["profile"]) == tuple(
        bundled.loc["nwl-delivery-2007:BV9", ["unit", "polarity", "profile"]])
    # The plan's own order: BV9 is printed first in its table (line 992), before BV10 and BV12.
    assert template["ref"].tolist().index("BV9") < template["ref"].tolist().index("BV12")


def test_the_guidance_column_shows_the_last_annual_target_and_its_year(known):
    values = known["indicator_values"]
    printed = values[(values["indicator_id"] == "nwl-delivery-2007:BV9") & (values["kind"] == "target")
                     & values["quarter"].isna()].iloc[0]
    template = register_template(known, "nw-leicestershire", 2008).set_index("ref")
    assert template.loc["BV9", "last_annual_target"] == f"{printed['value_text']} ({printed['period']})"


def test_a_template_for_the_plan_year_itself_shows_no_target_from_that_year(known):
    template = register_template(known, "nw-leicestershire", 2007).set_index("ref")
    assert pd.isna(template.loc["BV9", "last_annual_target"])


def test_the_excel_template_has_a_bold_frozen_header_on_an_indicators_sheet(known):
    import io

    import openpyxl

    data = template_bytes(register_template(known, "leicestershire", 2008), "xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    assert sheet.title == "indicators" and sheet.freeze_panes == "A2" and sheet["A1"].font.bold


def test_a_council_whose_plans_hold_no_indicators_gets_the_header_alone(known):
    """Every bundled council's plans now hold indicators, so one is made bare here."""
    bare = {**known, "indicators": known["indicators"][known["indicators"]["council_id"] != "melton"]}
    template = register_template(bare, "melton", 2010)
    assert template.empty and "annual_target" in template.columns


def test_meltons_template_lists_the_indicators_its_improvement_plan_prints(known):
    template = register_template(known, "melton", 2010)
    expected = known["indicators"][known["indicators"]["council_id"] == "melton"]
    assert len(template) == len(expected) > 0 and set(template["council_id"]) == {"melton"}


def test_an_unknown_council_or_a_plan_of_another_council_is_refused(known):
    with pytest.raises(ValueError, match="not a known council"):
        register_template(known, "huntingdonshire", 2024)
    with pytest.raises(ValueError, match="not a plan of leicester"):
        register_template(known, "leicester", 2004, plan_id="nwl-delivery-2007")


def test_an_unknown_format_is_refused(known):
    with pytest.raises(ValueError, match="csv, xlsx"):
        template_bytes(register_template(known, "leicestershire", 2008), "ods")


@pytest.mark.parametrize("council, plan", [("leicester", "leicester-bvpp-2003"), ("leicester", "leicester-corporate-2003"),
                                           ("leicestershire", None)])
def test_every_bundled_plans_template_round_trips(known, council, plan):
    template = register_template(known, council, 2004 if council == "leicester" else 2008, plan_id=plan)
    report = validate_register(read_register([("t.csv", template_bytes(_filled(template), "csv"))]), known)
    assert report.problems == [], report.summary()
    assert report.counts["known_indicators"] == len(template) and report.frames["indicators"].empty
    assert template["ref"].is_unique
