"""Consistency checks across and within plans: figures stated twice with different values or
dates, stated counts against the rows listed, and the same code in two plans of one council."""
import re

import pytest

from perfdash.plans.consistency import (
    load_statements,
    row_findings,
    statement_findings,
)
from perfdash.plans.curated import CuratedDataError
from perfdash.plans.document import load_document

NEW_CATEGORIES = ("restated_differently", "differs_across_plans", "stated_count_mismatch")


def findings_of(tables, category):
    return [f for f in tables["quality_findings"] if f["category"] == category]


def line_of(finding):
    return int(finding["source"].rsplit(":", 1)[1])


def test_every_curated_statement_stands_on_its_line():
    statements = load_statements()
    quoted = [s for figure in statements["figures"] for s in figure["statements"]] + statements["counts"]
    for statement in quoted:
        line = load_document(statement["plan_id"]).line(statement["line"])
        assert re.sub(r"\s+", " ", statement["quote"]).lower() in re.sub(r"\s+", " ", line).lower()


def test_rent_stated_as_3_and_8_percent_is_listed_in_both_plans(parsed_tables):
    rent = [f for f in findings_of(parsed_tables, "differs_across_plans") if "rent from properties" in f["message"]]
    assert sorted((f["plan_id"], line_of(f)) for f in rent) == [
        ("leicester-bvpp-2003", 899), ("leicester-corporate-2003", 231)]
    for finding in rent:
        text = load_document(finding["plan_id"]).line(line_of(finding))
        assert ("3%" if finding["plan_id"] == "leicester-corporate-2003" else "8%") in text
        assert "3%" in finding["message"] and "8%" in finding["message"]


def test_health_centres_due_by_2006_and_by_2004_05_is_listed_as_a_date_that_differs(parsed_tables):
    centres = [f for f in findings_of(parsed_tables, "differs_across_plans") if "centres" in f["message"]]
    assert sorted(line_of(f) for f in centres) == [158, 1122]
    assert all("due date differs" in f["message"] for f in centres)
    indicator_ids = {row["indicator_id"] for row in parsed_tables["indicators"]}
    corporate = [f for f in centres if f["plan_id"] == "leicester-corporate-2003"]
    assert corporate[0]["indicator_id"] in indicator_ids, "shown beside the extracted indicator"


def test_twelve_psa_targets_with_thirteen_listed_is_a_count_mismatch(parsed_tables):
    [finding] = findings_of(parsed_tables, "stated_count_mismatch")
    assert line_of(finding) == 114
    assert "twelve targets" in load_document("leicester-bvpp-2003").line(114)
    listed = [row for row in parsed_tables["indicators"]
              if row["plan_id"] == "leicester-bvpp-2003" and re.fullmatch(r"PSA\d+", row.get("code") or "")]
    assert len(listed) != 12
    assert f"lists {len(listed)} PSA targets" in finding["message"]


def test_the_new_findings_reference_known_indicators(parsed_tables):
    indicator_ids = {row["indicator_id"] for row in parsed_tables["indicators"]}
    for finding in parsed_tables["quality_findings"]:
        if finding["category"] in NEW_CATEGORIES and finding["indicator_id"] is not None:
            assert finding["indicator_id"] in indicator_ids


def curated(tmp_path, text):
    file = tmp_path / "consistency.yaml"
    file.write_text(text, encoding="utf-8")
    return load_statements.__wrapped__(file)


def test_a_quote_not_on_its_line_is_refused_naming_the_file_and_key(tmp_path):
    with pytest.raises(CuratedDataError, match=r"consistency.yaml: counts\[0\]: quote 'The PSA is made up of "
                                               r"twelve targets' is not on line 115"):
        curated(tmp_path, """
counts:
  - {plan_id: leicester-bvpp-2003, quote: "The PSA is made up of twelve targets", line: 115, states: 12,
     items: PSA targets, code_pattern: "PSA\\\\d+"}
""")


def test_a_statement_missing_a_key_is_refused(tmp_path):
    with pytest.raises(CuratedDataError, match=r"figures\[0\].statements\[1\]: lacks due_year"):
        curated(tmp_path, """
figures:
  - figure: Rent
    statements:
      - {plan_id: leicester-corporate-2003, quote: "To increase the rent from properties by 3% by 2004", line: 231,
         value: 3, unit: percent, by: "2004", due_year: 2004}
      - {plan_id: leicester-corporate-2003, quote: "To increase the rent from properties by 3% by 2004", line: 231,
         value: 3, unit: percent, by: "2004"}
""")


def test_statements_that_agree_give_no_finding_and_one_plan_is_a_restatement(parsed_tables):
    rent = {"plan_id": "leicester-corporate-2003", "quote": "To increase the rent from properties by 3% by 2004",
            "line": 231, "value": 3, "unit": "percent", "by": "2004", "due_year": 2004}
    agree = {"figures": [{"figure": "Rent", "statements": [rent, dict(rent)]}], "counts": []}
    assert statement_findings(agree, parsed_tables) == []
    twice = {"figures": [{"figure": "Rent", "statements": [rent, {**rent, "value": 5}]}], "counts": []}
    assert [f["category"] for f in statement_findings(twice, parsed_tables)] == ["restated_differently"] * 2


# --- from the extracted rows ------------------------------------------------------------------

def tables(indicators, values):
    plans = [{"plan_id": "a", "title": "Plan A", "council_id": "c"}, {"plan_id": "b", "title": "Plan B",
                                                                        "council_id": "c"}]
    return {"plans": plans, "indicators": indicators, "indicator_values": values}


def indicator(plan, code, unit="percent", title=None):
    return {"indicator_id": f"{plan}:{code}", "council_id": "c", "plan_id": plan, "code": code,
            "title": title or code, "unit": unit, "ref": code}


def annual(plan, code, kind, year, value):
    return {"indicator_id": f"{plan}:{code}", "kind": kind, "year_start": year, "quarter": None, "value": value,
            "value_text": f"{value:g}%", "source": f"{plan}.txt:{year - 2000}"}


def test_one_code_with_two_targets_for_a_year_in_two_plans_is_listed_in_each():
    found = row_findings(tables([indicator("a", "BV9"), indicator("b", "BV9")],
                                [annual("a", "BV9", "target", 2004, 98), annual("b", "BV9", "target", 2004, 97),
                                 annual("a", "BV9", "target", 2005, 99), annual("b", "BV9", "target", 2005, 99)]))
    assert sorted((f["indicator_id"], f["category"], f["source"]) for f in found) == [
        ("a:BV9", "differs_across_plans", "a.txt:4"), ("b:BV9", "differs_across_plans", "b.txt:4")]
    assert "2004/05 target is 98% here but 97% in Plan B" in next(f for f in found if f["plan_id"] == "a")["message"]


def test_figures_in_different_units_or_of_different_kinds_are_not_compared():
    found = row_findings(tables([indicator("a", "BV64", "count"), indicator("b", "BV64", "percent")],
                                [annual("a", "BV64", "target", 2004, 20), annual("b", "BV64", "target", 2004, 5)]))
    assert found == []
    found = row_findings(tables([indicator("a", "BV9"), indicator("b", "BV9")],
                                [annual("a", "BV9", "target", 2004, 98), annual("b", "BV9", "actual", 2004, 95)]))
    assert found == []


def test_the_same_title_twice_in_one_plan_with_different_figures_is_a_restatement():
    found = row_findings(tables([indicator("a", None, title="Visits"), {**indicator("a", None, title="visits"),
                                                                       "indicator_id": "a:visits-2"}],
                                [annual("a", None, "target", 2007, 30),
                                 {**annual("a", None, "target", 2007, 31), "indicator_id": "a:visits-2"}]))
    assert [f["category"] for f in found] == ["restated_differently"] * 2
    assert all("elsewhere in this plan" in f["message"] for f in found)

