"""The NWL Council Delivery Plan parser against the real source lines and known figures."""
from __future__ import annotations

import copy
from collections import Counter

import pytest

from perfdash.plans.contract import FINDING_CATEGORIES, TABLES
from perfdash.plans.curated import load_curated
from perfdash.plans.document import load_document
from perfdash.plans.nwl import extract as nwl
from perfdash.plans.nwl.actions import FIELDS, is_continuation
from perfdash.plans.nwl.common import cells, clean_text
from perfdash.plans.nwl.finance import _total_check
from perfdash.plans.nwl.indicators import read_value, split_ref
from perfdash.plans.nwl.value_checks import unit_mark

PLAN_ID = "nwl-delivery-2007"


@pytest.fixture(scope="module")
def document():
    return load_document(PLAN_ID)


@pytest.fixture(scope="module")
def tables(document):
    return nwl.extract(document)


def line_of(row: dict) -> int:
    return int(row["source"].rsplit(":", 1)[1])


def values_of(tables, indicator_id: str) -> dict[tuple, dict]:
    return {(v["year_start"], v["quarter"], v["kind"]): v
            for v in tables["indicator_values"] if v["indicator_id"] == indicator_id}


def findings_at(tables, line: int, category: str | None = None) -> list[dict]:
    return [f for f in tables["quality_findings"]
            if line_of(f) == line and (category is None or f["category"] == category)]


# --- helpers, on literal lines copied from the document -------------------------------------

def test_clean_text_strips_html_and_collapses_whitespace():
    cell = ("<p>All projects undertaken and managed using Corporate Framework</p> "
            "<p>Better planned projects leading to a track record of delivery</p>")
    assert clean_text(cell) == ("All projects undertaken and managed using Corporate Framework "
                                "Better planned projects leading to a track record of delivery")
    assert clean_text("Deliver District and Parish Elections in May 2007. <i>Note: the work</i>") == \
        "Deliver District and Parish Elections in May 2007. Note: the work"
    assert clean_text("  ") is None


def test_cells_pads_short_rows():
    assert cells("Strategic Housing\t60", 3) == ["Strategic Housing", "60", ""]


def test_split_ref_from_ref_column_and_from_description():
    assert split_ref("BV 106", "Percentage of new homes built on previously developed land.") == \
        ("BV 106", "Percentage of new homes built on previously developed land.")
    assert split_ref("", "BV63 - Energy Efficiency – the average SAP rating of local authority owned dwellings.") == \
        ("BV63", "Energy Efficiency – the average SAP rating of local authority owned dwellings.")
    assert split_ref("", "BV 66b- The number of local authority tenants")[0] == "BV 66b"
    assert split_ref("", "BVP66c* - The percentage of local authority tenants in arrears who have had "
                         "Notices Seeking Possession served*") == \
        ("BVP66c*", "The percentage of local authority tenants in arrears who have had Notices Seeking "
                    "Possession served")
    assert split_ref("", "BV126 Domestic Burglaries per 1,000 households") == \
        ("BV126", "Domestic Burglaries per 1,000 households")
    assert split_ref("", "No. of Community & Civic Events delivered") == \
        (None, "No. of Community & Civic Events delivered")


def test_read_value_cases_printed_in_the_plan():
    assert read_value("97.40% Annual target") == (97.40, "prose")
    assert read_value("NA") == (None, None)
    assert read_value("Not set") == (None, None)
    assert read_value("Yes") == (None, None)
    assert read_value("20,000*") == (20000.0, None)
    assert read_value("4955t") == (4955.0, None)
    assert read_value("£52.29") == (52.29, None)
    assert read_value("-1.8%") == (-1.8, None)
    assert read_value("to follow") == (None, "unparseable")


def test_unit_mark():
    assert unit_mark("63%") == "%"
    assert unit_mark("67") is None
    assert unit_mark("11.07 days") == "days"
    assert unit_mark("2.5 weeks") == "weeks"
    assert unit_mark("453kg") == "kg"
    assert unit_mark("4955t") == "t"
    assert unit_mark("£50.91") == "£"


def test_is_continuation_on_rows_after_a_repeated_header(document):
    carry_on = dict(zip(FIELDS, cells(document.line(1041), len(FIELDS))))
    assert carry_on["title"] == "3- year funding agreements for partnership grants."
    assert is_continuation(carry_on, after_header=True)
    assert not is_continuation(carry_on, after_header=False)
    new_action = dict(zip(FIELDS, cells(document.line(1042), len(FIELDS))))
    assert not is_continuation(new_action, after_header=True)


# --- priorities -----------------------------------------------------------------------------

def test_priorities_are_ranked_with_timeframe_carried_down(tables):
    priorities = [p for p in tables["priorities"] if p["rank"] is not None]
    assert [p["rank"] for p in priorities] == list(range(1, 10))
    by_rank = {p["rank"]: p for p in priorities}
    assert by_rank[1]["title"] == "Put tenants first in the Housing options process"
    assert line_of(by_rank[1]) == 354
    assert by_rank[3]["timeframe"] == "2007 - 2008"
    assert by_rank[4]["timeframe"] == "2008 - 2010 (resource allocation will be reviewed during 2007/08)"
    assert by_rank[9]["timeframe"] == by_rank[4]["timeframe"]
    assert by_rank[3]["theme"] == "Internal Priorities"
    assert by_rank[9]["theme"] == "External Community priorities"
    assert by_rank[9]["common_theme"] == "Safer communities"
    assert by_rank[1]["priority_id"] == f"{PLAN_ID}:1"


# --- actions --------------------------------------------------------------------------------

def test_every_action_row_becomes_one_action_in_document_order(tables):
    actions = tables["actions"]
    assert len(actions) == 47
    assert [a["action_id"] for a in actions] == [f"{PLAN_ID}:A{n:03d}" for n in range(1, 48)]
    assert line_of(actions[0]) == 943 and actions[0]["title"] == "Embed Corporate Project Management"
    assert [line_of(a) for a in actions] == sorted(line_of(a) for a in actions)


def test_rows_running_past_a_page_break_are_joined(tables):
    by_line = {line_of(a): a for a in tables["actions"]}
    risk = by_line[949]
    assert risk["outcome"].endswith("Fully integrated approach to the management of performance and risk")
    assert risk["q3"].endswith("2) Link the reporting processes for performance and risk")
    grants = by_line[1037]
    assert grants["title"].endswith("and developing 3- year funding agreements for partnership grants.")
    assert grants["resources"] == "Partnership Grants. One-Off grants. Community Chest Grants."
    homes = by_line[1059]
    assert homes["title"].endswith("producing an asset management strategy")
    assert homes["q1"].endswith("Complete asset management strategy and PIMS software.")
    assert 953 not in by_line and 1041 not in by_line


def test_misplaced_continuation_is_moved_as_curated_and_flagged(tables):
    town_centres = next(a for a in tables["actions"] if line_of(a) == 1007)
    assert town_centres["outcome"] == "Part of revitalisation strategy"
    assert town_centres["q1"].endswith("2. Recruit Town Centre Implementation Officer as part of Planning "
                                       "Policy Team. 3. Launch Coalville Town Centre web site")
    assert town_centres["q2"] is None
    assert findings_at(tables, 1011, "garbled_region")


def test_actions_carry_theme_and_priority_link(tables):
    by_line = {line_of(a): a for a in tables["actions"]}
    housing = by_line[1058]
    assert housing["theme"] == "Enough Decent and Affordable Homes"
    assert housing["common_theme"] == "Housing"
    assert housing["priority_id"] == f"{PLAN_ID}:1"
    assert housing["responsible"] == "Head of Housing"
    assert housing["q4"] == "Refresh CHIP 2 in light of ballot outcome."
    # Two priorities on one line: printed as key_priority, no single link.
    scrutiny = by_line[947]
    assert scrutiny["key_priority"] == "Deliver Best Value Services Put Customers First"
    assert scrutiny["priority_id"] is None
    assert by_line[1125]["priority_id"] == f"{PLAN_ID}:9"


def test_no_html_remnants_in_text(tables):
    for table in ("actions", "indicators", "priorities"):
        for row in tables[table]:
            for value in row.values():
                if isinstance(value, str):
                    assert "<p>" not in value and "</" not in value and "**" not in value


# --- indicators -----------------------------------------------------------------------------

def test_bv9_figures(tables):
    bv9 = values_of(tables, f"{PLAN_ID}:BV9")
    assert bv9[(2005, None, "actual")]["value"] == 94.09
    assert bv9[(2007, None, "target")]["value_text"] == "98.00%"
    assert [bv9[(2007, q, "target")]["value"] for q in (1, 2, 3, 4)] == [30.5, 60.0, 86.8, 98.0]
    assert (2006, None, "actual") not in bv9  # the 2006/07 cell is blank
    assert all(line_of(v) == 992 for v in bv9.values())


def test_bv12_and_leisure_visits(tables):
    assert values_of(tables, f"{PLAN_ID}:BV12")[(2005, None, "actual")]["value_text"] == "11.07 days"
    visits = values_of(tables, f"{PLAN_ID}:number-of-leisure-centre-visits-in-total")
    assert [visits[(y, None, "actual")]["value"] for y in (2005, 2006)] == [1119850, 1081000]
    assert visits[(2007, None, "target")]["value"] == 1089000
    assert [visits[(2007, q, "target")]["value"] for q in (1, 2, 3, 4)] == [280000, 264000, 265000, 280000]
    assert line_of(visits[(2007, 1, "target")]) == 1112


def test_refs_and_codes(tables):
    by_code = {i["code"]: i for i in tables["indicators"] if i["code"]}
    assert by_code["BV82ai"]["ref"] == "82(a)(i)"
    assert by_code["BV106"]["ref"] == "BV 106"
    assert by_code["BV109a"]["ref"] == "BV 109(a)"
    assert by_code["BV216a"]["ref"] == "216a"
    assert by_code["BV63"]["title"].startswith("Energy Efficiency")
    assert by_code["BV66c"]["ref"] == "BVP66c*"
    assert by_code["BV63"]["theme"] == "Enough Decent and Affordable Homes"


def test_duplicated_events_row_is_one_indicator_and_a_finding(tables):
    events = [i for i in tables["indicators"] if i["title"] == "No. of Community & Civic Events delivered"]
    assert len(events) == 1 and line_of(events[0]) == 1046
    assert events[0]["theme"] == "Strong Inclusive Communities"
    values = values_of(tables, events[0]["indicator_id"])
    assert values[(2005, None, "actual")]["value_text"] == "N/A" and values[(2005, None, "actual")]["value"] is None
    assert findings_at(tables, 1108, "duplicate_row")


def test_figures_with_words_and_non_values(tables):
    rent = values_of(tables, f"{PLAN_ID}:BV66a")
    target = rent[(2007, None, "target")]
    assert (target["value"], target["value_text"]) == (97.40, "97.40% Annual target")
    assert rent[(2007, 1, "target")]["value"] is None and rent[(2007, 1, "target")]["value_text"] == "NA"
    assert any("97.40% Annual target" in f["message"] for f in findings_at(tables, 1074, "ambiguous_value"))
    lds = values_of(tables, f"{PLAN_ID}:BV200b")
    assert lds[(2005, None, "actual")]["value_text"] == "No" and lds[(2005, None, "actual")]["value"] is None
    assert values_of(tables, f"{PLAN_ID}:BV82aii")[(2005, None, "actual")]["value"] == 4955
    assert values_of(tables, f"{PLAN_ID}:BV86")[(2005, None, "actual")]["value"] == 52.29


def test_oddities_are_flagged_not_fixed(tables):
    major = values_of(tables, f"{PLAN_ID}:BV109a")
    assert major[(2007, 1, "target")]["value_text"] == "67"
    assert findings_at(tables, 1192, "unit_mismatch")
    assert values_of(tables, f"{PLAN_ID}:BV219b")[(2006, None, "actual")]["value_text"] == "57"
    assert findings_at(tables, 1201, "unit_mismatch")
    assert values_of(tables, f"{PLAN_ID}:BV214")[(2007, None, "target")]["value"] == 2
    assert findings_at(tables, 1084, "unit_mismatch")
    missing = findings_at(tables, 1076, "missing_target")
    assert missing and "Unable to set target yet" in missing[0]["message"]
    assert any("20,000*" in f["message"] for f in findings_at(tables, 1109, "ambiguous_value"))
    assert not findings_at(tables, 992)  # a clean row carries no finding


def test_curated_metadata_reaches_indicators(tables):
    by_id = {i["indicator_id"]: i for i in tables["indicators"]}
    assert (by_id[f"{PLAN_ID}:BV9"]["profile"], by_id[f"{PLAN_ID}:BV9"]["polarity"]) == ("cumulative", "higher")
    assert by_id[f"{PLAN_ID}:BV12"]["polarity"] == "lower"
    assert by_id[f"{PLAN_ID}:BV199a"]["polarity"] == "lower"
    assert by_id[f"{PLAN_ID}:number-of-leisure-centre-visits-in-total"]["profile"] == "per_quarter"
    assert by_id[f"{PLAN_ID}:number-of-leisure-centre-visits-in-total"]["common_theme"] == "Culture, leisure & sport"
    assert by_id[f"{PLAN_ID}:BV66a"]["profile"] is None
    assert by_id[f"{PLAN_ID}:BV126"]["priority_id"] == f"{PLAN_ID}:9"


def test_indicator_without_curated_entry_is_refused(document, monkeypatch):
    curated = copy.deepcopy(load_curated(PLAN_ID))
    del curated["indicators"]["BV10"]
    monkeypatch.setattr(nwl, "load_curated", lambda plan_id: curated)
    with pytest.raises(ValueError, match="BV10"):
        nwl.extract(document)


# --- narrative figures and finance -----------------------------------------------------------

def test_planning_figures_from_the_narrative(tables):
    major = values_of(tables, f"{PLAN_ID}:BV109a")
    assert (major[(2006, None, "actual")]["value"], line_of(major[(2006, None, "actual")])) == (62.0, 469)
    assert major[(2005, None, "actual")]["value_text"] == "63%"  # the table figure is kept
    disagreement = findings_at(tables, 469, "ambiguous_value")
    assert disagreement and "61%" in disagreement[0]["message"] and "63%" in disagreement[0]["message"]
    assert values_of(tables, f"{PLAN_ID}:BV109c")[(2006, None, "actual")]["value_text"] == "89%"
    assert not findings_at(tables, 471)  # 67% in both places


def test_finance_tables(tables):
    rows = {(r["table_name"], r["line_item"]): r for r in tables["finance"]}
    total = rows[("General Fund additional funding allocated", "Total")]
    assert (total["amount_gbp_000"], total["year_start"], line_of(total)) == (170.0, 2007, 743)
    assert rows[("General Fund additional funding allocated", "Strategic Housing")]["amount_gbp_000"] == 60
    cashable = rows[("Expected annual efficiency gains", "Productive Time - of which cashable")]
    assert (cashable["amount_gbp_000"], cashable["year_start"], line_of(cashable)) == (100.0, 2006, 772)
    capital = rows[("Expected annual efficiency gains", "Capital")]
    assert (capital["amount_gbp_000"], capital["value_text"]) == (None, "-")
    assert rows[("Expected annual efficiency gains", "TOTAL (thousand)")]["amount_gbp_000"] == 280
    assert all(r["kind"] == "budget" for r in tables["finance"] if r["table_name"] in (
        "General Fund additional funding allocated", "Expected annual efficiency gains"))


def test_cat_priority_outcomes_are_priorities(document, tables):
    """Section 2 lists three priority outcomes for each of six Corporate Action Teams (lines 203-249),
    e.g. "Cleaner Greener" / "Project Manager: Head of Street Management" / "- To reduce waste ..."."""
    assert document.line(219) == "Cleaner Greener" and document.line(221).startswith("Project Manager:")
    cats = [p for p in tables["priorities"] if p["rank"] is None]
    assert len(cats) == 18 and len(tables["priorities"]) == 27
    assert [p["theme"] for p in cats[::3]] == ["Local Prosperity", "Strong Inclusive Communities", "Cleaner Greener",
                                              "Housing/Homes", "Healthy", "Safer Communities"]
    waste = next(p for p in cats if p["title"].startswith("To reduce waste and increase recycling"))
    assert (waste["priority_id"], line_of(waste), waste["theme"], waste["common_theme"], waste["timeframe"]) == (
        f"{PLAN_ID}:CAT-cleaner-greener-1", 223, "Cleaner Greener", "Environment, waste & streetscene", "2007-2008")
    assert all(document.line(line_of(p)) == f"- {p['title']}" or document.line(line_of(p)) == f"- {p['title']}."
               for p in cats)
    # After the nine ranked priorities in the plan's order, and never a child of one ("." in a ref).
    assert sorted(p["order"] for p in cats) == list(range(10, 28))
    assert not any("." in p["priority_id"].split(":", 1)[1] for p in cats)


@pytest.mark.parametrize("line_item, printed, thousands, kind, year, line", [
    ("Reserves", "£0.5m", 500.0, "budget", 2007, 733),
    ("Reserves at 31 March 2007", "£800K", 800.0, "estimated_outturn", 2006, 745),
    ("Election budget", "£140,000", 140.0, "budget", 2007, 955),
    ("RESPECT budget", "£7.5k", 7.5, "budget", 2007, 1125),
    ("External funding for 'Shuttles' transport", "£35,000", 35.0, "actual", 2006, 461),
])
def test_money_printed_outside_the_tables(document, tables, line_item, printed, thousands, kind, year, line):
    [row] = [r for r in tables["finance"] if r["line_item"] == line_item]
    assert (row["value_text"], row["amount_gbp_000"], row["kind"], row["year_start"], line_of(row)) == (
        printed, thousands, kind, year, line)
    assert printed in document.line(line)


def test_finance_lines_count(tables):
    assert len(tables["finance"]) == 29


def test_total_check_flags_a_total_that_does_not_add_up(document, tables):
    growth = [dict(r) for r in tables["finance"] if r["table_name"] == "General Fund additional funding allocated"]
    assert _total_check(document, "growth", growth[:-1], growth[-1]) == []
    growth[0]["amount_gbp_000"] = 61.0
    assert _total_check(document, "growth", growth[:-1], growth[-1])[0]["source"].endswith(":743")


def test_top_quartile_share(tables):
    [row] = tables["quartile_summary"]
    assert (row["share_percent"], row["period"], line_of(row)) == (25.0, "2005/06", 827)


# --- contract conventions --------------------------------------------------------------------

def test_value_text_stands_on_the_cited_line(document, tables):
    for row in tables["indicator_values"] + tables["finance"]:
        assert row["value_text"] in document.line(line_of(row)), row


def test_keys_unique_and_columns_known(tables):
    for name, rows in tables.items():
        spec = TABLES[name]
        keys = Counter(tuple(r.get(c) for c in spec.key) for r in rows if name != "quality_findings")
        assert not [k for k, n in keys.items() if n > 1], name
        for row in rows:
            assert set(row) <= set(spec.columns), (name, set(row) - set(spec.columns))
    for finding in tables["quality_findings"]:
        assert finding["category"] in FINDING_CATEGORIES


def test_extract_is_deterministic(document, tables):
    assert nwl.extract(document) == tables
