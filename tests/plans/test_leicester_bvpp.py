"""The Leicester BVPP 2003/04 parser against the real plan: figures spot-checked by line."""
from __future__ import annotations

from collections import defaultdict

import pytest

from perfdash.plans.contract import TABLES
from perfdash.plans.curated import load_taxonomy
from perfdash.plans.document import load_document
from perfdash.plans.leicester_bvpp.actions import is_header, timescales
from perfdash.plans.leicester_bvpp.common import cells, clean_text
from perfdash.plans.leicester_bvpp.extract import extract
from perfdash.plans.leicester_bvpp.finance import header_columns
from perfdash.plans.leicester_bvpp.indicators import figure_runs, psa_code

PLAN_ID = "leicester-bvpp-2003"
FILE = "leicester_best-value-performance-plan_2003-04.txt"


@pytest.fixture(scope="module")
def document():
    return load_document(PLAN_ID)


@pytest.fixture(scope="module")
def tables(document):
    return extract(document)


def _line(row: dict) -> int:
    file, number = row["source"].rsplit(":", 1)
    assert file == FILE
    return int(number)


def _finance(tables, table_prefix, line_item, year, kind):
    [row] = [r for r in tables["finance"] if r["table_name"].startswith(table_prefix)
             and r["line_item"] == line_item and r["year_start"] == year and r["kind"] == kind]
    return row


# --- helpers on literal lines copied from the document ---------------------------------

def test_header_columns_read_kind_and_year_from_the_revenue_header():
    header = "Department\tActual 2001/2002\tBudget 2002/2003\tEstimated outturn 2002/2003\tBudget 2003/2004"
    assert [(c.position, c.year, c.kind) for c in header_columns(header)] == [
        (1, 2001, "actual"), (2, 2002, "budget"), (3, 2002, "estimated_outturn"), (4, 2003, "budget")]


def test_figure_runs_keep_an_estimate_marker_and_skip_fragments():
    text = "economy and effective 89% 91% 92% 92% of council services. See 1a non-The target for 2003/0"
    assert [figures for _, figures in figure_runs(text)] == [["89%", "91%", "92%", "92%"]]
    assert figure_runs("of local 57.5 (e) 59.5 60 62 of council")[0][1] == ["57.5 (e)", "59.5", "60", "62"]


def test_timescales_keep_dates_as_printed():
    assert timescales("✓ To produce an overarching corporate plan ... focused on outcomes by October 03.") \
        == "by October 03"
    assert timescales("To strengthen the scrutiny function and cabinet/scrutiny working arrangements (2003/04).") \
        == "2003/04"
    assert timescales("Increase productivity by 10% over previous year.") is None


def test_is_header_tells_garbled_headers_from_rows():
    assert is_header(cells("\t\tmeasures\t\tmeasures"))
    assert is_header(cells("Trains of solvios\t-\tmeasures\tr rogross in implomonication\tmeasures"))
    assert is_header(cells("Improveme\tent measures – Ch\tief Executive's De\tepartment\t"))
    assert not is_header(cells("Schools\tImprovement measures revised in light of detailed analysis\t"))


def test_clean_text_drops_ticks_markup_and_stray_marks():
    assert clean_text(" ✓ Pathfinder status achieved January 03. ✓ Beacon status awarded April 03. ") \
        == "Pathfinder status achieved January 03. Beacon status awarded April 03."
    assert clean_text("- **Diversity** we want<br>") == "- Diversity we want"
    assert clean_text(", , ,") is None


def test_psa_code():
    assert psa_code(11) == "PSA11"


# --- the whole extract -------------------------------------------------------------------

def test_rows_carry_only_contract_columns(tables):
    for name, rows in tables.items():
        allowed = set(TABLES[name].columns)
        for row in rows:
            assert set(row) <= allowed, (name, set(row) - allowed)


def test_every_figure_is_printed_on_its_cited_line(document, tables):
    for name in ("indicator_values", "finance", "quartile_summary"):
        for row in tables[name]:
            assert row["value_text"] in document.line(_line(row)), (name, row)


def test_extract_is_deterministic(document, tables):
    assert extract(document) == tables


def test_quartile_summary_reads_the_section_5_chart(tables):
    rows = {(r["band"], r["year_start"]): r for r in tables["quartile_summary"]}
    assert len(rows) == 9
    assert rows[("Top quartile", 2003)]["share_percent"] == 42.0
    assert rows[("Bottom quartile", 2001)]["value_text"] == "34%"
    assert _line(rows[("Middle two quartiles", 2002)]) == 416
    assert rows[("Middle two quartiles", 2002)]["period"] == "2002/03"


def test_revenue_budget_figures(tables):
    row = _finance(tables, "General Fund Revenue Budget", "Capital charges", 2003, "budget")
    assert (row["amount_gbp_000"], _line(row)) == (12314.0, 563)
    row = _finance(tables, "General Fund Revenue Budget", "Social Care & Health", 2002, "estimated_outturn")
    assert row["amount_gbp_000"] == 64892.0


def test_wrapped_labels_join_the_row_that_prints_the_figures(tables):
    row = _finance(tables, "General Fund Revenue Budget by service", "Central Service to the public", 2003, "budget")
    assert (row["amount_gbp_000"], _line(row)) == (1989.0, 576)
    row = _finance(tables, "General Fund Revenue Budget by service", "Corporate Income and Expenditure",
                   2001, "actual")
    assert (row["amount_gbp_000"], row["value_text"]) == (-34658.0, "(34,658.0)")
    row = _finance(tables, "Trading operations", "TOTAL Environment, Regeneration & Development – Expenditure",
                   2001, "actual")
    assert (row["amount_gbp_000"], _line(row)) == (45576.0, 660)


def test_department_lines_add_up_to_the_printed_totals(tables):
    sums, totals = defaultdict(float), {}
    for row in tables["finance"]:
        if row["table_name"] != "General Fund Revenue Budget":
            continue
        key = (row["year_start"], row["kind"])
        if row["line_item"] == "TOTALS":
            totals[key] = row["amount_gbp_000"]
        else:
            sums[key] += row["amount_gbp_000"]
    assert len(totals) == 4
    for key, total in totals.items():
        # The plan rounds each line to £100 (2002/03 budget lines sum to 311,839.8 against 311,839.9).
        assert sums[key] == pytest.approx(total, abs=0.2)


def test_capital_programme_is_converted_from_millions(tables):
    row = _finance(tables, "Capital Programme", "Housing", 2003, "budget")
    assert (row["amount_gbp_000"], row["value_text"], _line(row)) == (24500.0, "£24.5m", 631)
    total = _finance(tables, "Capital Programme", "Total Programme 2003/04", 2003, "budget")
    assert total["amount_gbp_000"] == 73900.0


def test_trading_operations_forecast_column(tables):
    row = _finance(tables, "Trading operations", "City Cleansing – Net (Surplus)/Deficit", 2002, "estimated_outturn")
    assert (row["amount_gbp_000"], _line(row)) == (-79.0, 653)
    row = _finance(tables, "Trading operations", "Financial Services – Income", 2001, "actual")
    assert row["amount_gbp_000"] == -6959.0


def test_psa_targets_are_indicators(tables):
    psa = {r["code"]: r for r in tables["indicators"] if r["code"]}
    assert sorted(psa, key=lambda c: int(c[3:])) == [f"PSA{n}" for n in range(1, 14)]
    assert psa["PSA7"]["ref"] == "PSA Target 7" and psa["PSA7"]["polarity"] == "lower"
    assert psa["PSA13"]["title"].endswith("employment outcomes for care leavers aged 19")
    values = {(r["kind"], r["year_start"]): r for r in tables["indicator_values"]
              if r["indicator_id"] == f"{PLAN_ID}:PSA11"}
    assert values[("target", 2004)]["value"] == 180.0
    assert _line(values[("target", 2004)]) == 817


def test_appendix_iv_recovers_only_rows_with_a_legible_title(tables):
    council_tax = {(r["year_start"], r["kind"]): r["value"] for r in tables["indicator_values"]
                   if r["indicator_id"] == f"{PLAN_ID}:percentage-of-council-tax-collected"}
    assert council_tax == {(2001, "actual"): 89.0, (2002, "target"): 91.0, (2002, "actual"): 92.0,
                           (2003, "target"): 92.0}
    recovered = [v["value_text"] for v in tables["indicator_values"] if _line(v) == 1134]
    assert "96.6%" not in recovered and "57.5 (e)" not in recovered
    assert len(recovered) == 12


def test_bv12_is_not_in_the_document_and_the_finding_says_so(document, tables):
    assert not any("sickness" in line.lower() for line in document.lines)
    assert not any(r["code"] == "BV12" for r in tables["indicators"])
    garbled = [f for f in tables["quality_findings"] if f["category"] == "garbled_region" and _line(f) == 1134]
    assert len(garbled) == 1 and "BV12" in garbled[0]["message"]


def test_percentage_printed_for_a_count_is_flagged(tables):
    [mismatch] = [f for f in tables["quality_findings"] if f["category"] == "unit_mismatch"]
    assert "5.63%" in mismatch["message"] and _line(mismatch) == 1134


def test_indicators_have_curated_controlled_values(tables):
    units = set(load_taxonomy()["units"])
    themes = set(load_taxonomy()["common_themes"])
    for row in tables["indicators"]:
        assert row["unit"] in units and row["common_theme"] in themes
        assert row["polarity"] in ("higher", "lower", "neutral") and row["profile"] is None


def test_actions_follow_the_appendix_rows(tables):
    actions = tables["actions"]
    assert [a["action_id"] for a in actions] == [f"{PLAN_ID}:A{n:03d}" for n in range(1, len(actions) + 1)]
    first = actions[0]
    assert (first["key_priority"], _line(first), first["theme"]) == (
        "Performance Management Framework (PMF)", 740, "Chief Executive's Department")
    assert first["progress"].startswith("auditors as being a sound")
    by_line = {_line(a): a for a in actions}
    assert "season and guest programmers" in by_line[958]["title"]  # continued on line 961
    assert by_line[985]["title"].endswith("the pressure on landfill sites.")  # continued on line 988
    assert by_line[980]["key_priority"] == "Principal Roads"  # header printed on the same line
    assert by_line[933]["milestones"] == "by October 03"
    assert not any(1028 <= line <= 1035 for line in by_line)
    assert all(a["status"] is None for a in actions)


def test_garbled_housing_list_is_flagged(tables):
    assert any(f["category"] == "garbled_region" and _line(f) == 1028 for f in tables["quality_findings"])


def test_priorities_keep_the_plan_order(tables):
    priorities = tables["priorities"]
    assert len(priorities) == 13
    assert priorities[0]["title"].startswith("Diversity – we want to build a city")
    assert priorities[7]["title"] == "Housing – a decent home for every citizen"
    assert (priorities[12]["title"], _line(priorities[12])) == ("Community Cohesion", 190)
    assert all(p["rank"] is None for p in priorities)
