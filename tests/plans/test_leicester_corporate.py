"""The Leicester Interim Corporate Plan 2003 parser against the plan's own lines."""
import copy
import re

import pytest

from perfdash.plans.contract import FINDING_CATEGORIES, TABLES
from perfdash.plans.curated import CuratedDataError, load_curated
from perfdash.plans.document import load_document
from perfdash.plans.leicester_corporate import extract as parser
from perfdash.plans.leicester_corporate import phrases, tables
from perfdash.plans.leicester_corporate.indicators import Extraction

PLAN = "leicester-corporate-2003"
DOCUMENT = load_document(PLAN)


@pytest.fixture(scope="module")
def output():
    return parser.extract(DOCUMENT)


def _indicator(output, suffix):
    return next(row for row in output["indicators"] if row["indicator_id"] == f"{PLAN}:{suffix}")


def _values(output, suffix, kind):
    return [row for row in output["indicator_values"] if row["indicator_id"] == f"{PLAN}:{suffix}"
            and row["kind"] == kind]


def _line(row):
    return int(row["source"].rsplit(":", 1)[1])


# --- helpers, on phrases copied from the plan ---

@pytest.mark.parametrize("phrase, years", [
    (" by 2006 (BV 2).", (2005,)),                    # line 136: the plan runs to March 2006
    (" in 2005 (BV82a).", (2005,)),                   # line 169
    (" by 31 st March 2005. (NB this includes Libraries)", (2004,)),  # line 201
    (" of asset valuations and property reviews by April 2004", (2003,)),  # line 231
    ("To open Braunstone Leisure Centre by Autumn 2004.", (2004,)),  # line 202
    ("04/05", (2004,)),                               # line 142, Interim column
    (" in 2005/06.", (2005,)),                        # line 160
    (" jobs 2004-2006 in 88 enterprises.", (2005,)),  # line 196
    (" affordable homes each year.", (2003, 2004, 2005)),  # line 209
    ("2000 survey", (2000,)),                         # line 188
    (" (QP8).", ()),
])
def test_read_when_dates_the_plans_phrases(phrase, years):
    assert phrases.read_when(phrase) == years


@pytest.mark.parametrize("phrase, figure", [
    ("to 40% in 2005", "40%"),
    ("level 5 of the equality standard for local government by 2006", "level 5"),
    ("to 6 per 1,000", "6 per 1,000"),
    ("94 jobs 2004-2006", "94"),
    ("to XX,000 by 2006", "XX,000"),
    ("£4M by 2006", "£4M"),
    ("4.5 % of empty dwellings", "4.5 %"),
])
def test_first_figure_skips_years_and_keeps_the_printed_unit(phrase, figure):
    assert phrases.first_figure(phrase).group(0).strip() == figure


@pytest.mark.parametrize("printed, value, readable", [
    ("29.9 per 1000", 29.9, True), ("7 per 1,000", 7.0, True), ("Level 2", 2.0, True),
    ("17 days", 17.0, True), ("4,333,587", 4333587.0, True), ("New PI", None, True),
    ("Baseline data still being collected.", None, True), ("XX%", None, False), ("XX,000", None, False),
])
def test_read_value(printed, value, readable):
    assert phrases.read_value(printed) == (value, readable)


def test_clean_strips_html_and_the_split_hyphen():
    assert phrases.clean("<i>Supported by</i> anti- social  behaviour") == "Supported by anti-social behaviour"


# --- structure ---

def test_priorities_are_every_row_in_plan_order(output):
    keys = [row["priority_id"].split(":", 1)[1] for row in output["priorities"]]
    assert keys[:4] == ["D.1", "D.2", "D.3", "CSY.1"]
    assert keys[-5:] == ["CI.1", "CI.2", "CI.3", "CI.4", "CI.5"]  # "Cl. 2" prints a letter l
    assert len(keys) == len(set(keys)) == 37
    assert all(row["rank"] is None and row["timeframe"] is None for row in output["priorities"])


def test_a_row_without_a_ref_after_a_full_sentence_is_a_priority_of_its_own(output):
    unreferenced = [row for row in output["priorities"] if _line(row) == 170]
    assert [row["title"] for row in unreferenced] == ["Improve the cleanliness of the City Centre."]
    assert unreferenced[0]["priority_id"] == f"{PLAN}:18"


def test_wrapped_priority_text_is_joined(output):
    titles = {row["priority_id"].split(":", 1)[1]: row["title"] for row in output["priorities"]}
    assert titles["HS.4"].endswith("a health living environment")  # lines 211-212
    assert titles["CI.4"] == ("Effective investment in employees to enable the Council priorities to be met "
                              "and setting a positive example to other employers.")  # lines 235-236
    assert titles["EN.4"].endswith("reduce our environmental impact.")  # lines 174-183


def test_themes_are_the_aims_and_survive_page_breaks(output):
    themes = {row["priority_id"].split(":", 1)[1]: row["theme"] for row in output["priorities"]}
    assert themes["CSY.1"] == "Community Safety"
    assert themes["EN.4"] == "Environment"  # its table restarts at line 172 with no heading
    assert themes["RS.2"] == "Safeguarding the Rights and Interests of Citizens"  # after the break at 219
    assert themes["CI.5"] == "Continuous Improvement"


def test_split_header_reads_its_years_from_the_second_line():
    header, last = tables._header(DOCUMENT, 172)
    assert (header.baseline_year, header.interim_year, last) == (2001, 2004, 173)


# --- figures, spot-checked against the document ---

def test_recycling_target_and_baseline(output):
    indicator = _indicator(output, "BV82a")
    assert (indicator["ref"], indicator["unit"], indicator["polarity"]) == ("BV82a", "percent", "higher")
    assert indicator["priority_id"] == f"{PLAN}:EN.3"
    [target] = _values(output, "BV82a", "target")
    [baseline] = _values(output, "BV82a", "baseline")
    assert (target["value"], target["year_start"], target["period"], _line(target)) == (40.0, 2005, "2005/06", 169)
    assert (baseline["value_text"], baseline["year_start"], _line(baseline)) == ("9.7%", 2001, 169)


def test_burglary_interim_is_dated_by_its_note(output):
    [interim] = _values(output, "PSA7", "interim")
    assert (interim["value"], interim["period"], _line(interim)) == (23.6, "2004/05", 142)
    [baseline] = _values(output, "PSA7", "baseline")
    assert (baseline["value_text"], baseline["value"]) == ("29.9 per 1000", 29.9)


def test_a_note_on_the_next_line_dates_a_wrapped_cell_and_a_percent_on_a_count_is_flagged(output):
    [interim] = _values(output, "crimes-committed-in-the-city-centre", "interim")
    assert (interim["value_text"], interim["value"], interim["period"]) == ("3%", None, "2003/04")  # "(03/04)" on 143
    assert any(f["category"] == "unit_mismatch" and "'3%'" in f["message"] for f in output["quality_findings"])


def test_a_target_in_millions_of_pounds_is_stored_in_pounds(output):
    """Line 231: "To save £4M by 2006": the M is part of the figure, so the target is £4,000,000."""
    [target] = _values(output, "savings-against-2001-02-expenditure", "target")
    assert (target["value"], target["value_text"], target["period"], _line(target)) == (4_000_000.0, "£4M",
                                                                                        "2005/06", 231)
    assert not any(f["category"] == "unit_mismatch" and "£4M" in f["message"] for f in output["quality_findings"])


def test_a_figure_on_a_continuation_line_is_cited_there(output):
    [baseline] = _values(output, "LCEN21", "baseline")
    assert (baseline["value_text"], baseline["value"], _line(baseline)) == ("17 days", 17.0, 167)


def test_cultural_participation_reads_three_figures(output):
    by_kind = {(row["kind"], row["year_start"]): row["value"] for row in output["indicator_values"]
               if row["indicator_id"] == f"{PLAN}:LCAL22"}
    assert by_kind == {("baseline", 2000): 4422432.0, ("baseline", 2001): 4333587.0, ("target", 2004): 4963320.0}


def test_equality_standard_levels(output):
    values = {row["kind"]: (row["value_text"], row["value"]) for row in _values(output, "BV2", "baseline")
              + _values(output, "BV2", "interim") + _values(output, "BV2", "target")}
    assert values == {"baseline": ("Level 2", 2.0), "interim": ("Level 3", 3.0), "target": ("level 5", 5.0)}


def test_placeholder_targets_keep_their_text_and_are_flagged(output):
    [target] = _values(output, "LCED13", "target")
    assert (target["value_text"], target["value"]) == ("XX,000", None)
    flagged = [f for f in output["quality_findings"] if f["category"] == "unparseable_value"]
    assert {f["indicator_id"] for f in flagged} >= {f"{PLAN}:LCED13", f"{PLAN}:BV38"}


def test_a_note_that_disagrees_with_the_column_heading_is_flagged(output):
    [baseline] = _values(output, "LCHS8", "baseline")
    assert (baseline["value_text"], baseline["period"]) == ("750", "2002/03")  # "750 (02/03)", line 211
    assert any(f["indicator_id"] == f"{PLAN}:LCHS8" and "(02/03)" in f["message"]
               for f in output["quality_findings"])


def test_each_year_gives_a_target_for_every_plan_year(output):
    years = [row["year_start"] for row in _values(output, "affordable-homes-provided", "target")]
    assert years == [2003, 2004, 2005]


# --- every row against the contract and the page ---

def test_value_text_stands_on_the_cited_line(output):
    for row in output["indicator_values"]:
        assert row["value_text"] in DOCUMENT.line(_line(row)), row


def test_rows_have_exactly_the_contract_columns_and_unique_keys(output):
    for table, rows in output.items():
        columns = set(TABLES[table].columns) - {"finding_id"}
        assert all(set(row) == columns for row in rows), table
    keys = [(r["indicator_id"], r["year_start"], r["quarter"], r["kind"]) for r in output["indicator_values"]]
    assert len(keys) == len(set(keys))
    ids = [row["indicator_id"] for row in output["indicators"]]
    assert len(ids) == len(set(ids))
    assert all(f["category"] in FINDING_CATEGORIES for f in output["quality_findings"])


def test_every_bracketed_code_in_a_target_is_an_indicator_or_a_finding(output):
    """A code the curation forgot would otherwise vanish silently."""
    refs = {row["ref"] for row in output["indicators"] if row["ref"]}
    quotes = " ".join(entry["quote"] for entry in load_curated(PLAN)["findings"])
    start, end = DOCUMENT.find("Part 2 Priorities"), DOCUMENT.find("Part 3 Delivering")
    for number, text in DOCUMENT.numbered(start, end):
        targets = (text.split("\t") + [""] * 7)[3]
        for code in re.findall(r"\((?:linked to )?([A-Z][A-Za-z ]*\d+[a-z]?)\)", targets):
            assert code in refs or code in quotes, f"line {number}: ({code})"


def test_extract_is_deterministic(output):
    assert parser.extract(DOCUMENT) == output


def test_a_figure_curated_into_the_wrong_column_is_refused():
    curated = copy.deepcopy(load_curated(PLAN))
    recycling = next(entry for entry in curated["indicators"] if entry.get("ref", {}).get("quote") == "BV82a")
    recycling["interim"] = recycling.pop("baseline")  # 9.7% is printed in the Baseline column
    run = Extraction(DOCUMENT, curated)
    with pytest.raises(CuratedDataError, match="interim column of line 169"):
        run.values(recycling, run.indicator(recycling))


# ---- actions: "How we will achieve it", with the milestones and targets as printed ----------

def _action(output, ref):
    [action] = [row for row in output["actions"] if row["priority_id"] == f"{PLAN}:{ref}"]
    return action


def test_every_priority_row_with_a_how_cell_is_an_action(output):
    actions = output["actions"]
    assert len(actions) == 37 == len(output["priorities"])
    assert [row["action_id"] for row in actions] == [f"{PLAN}:A{n:03d}" for n in range(1, 38)]
    assert [row["priority_id"] for row in actions] == [row["priority_id"] for row in output["priorities"]]
    for row in actions:
        assert row["title"] and row["status"] is None and row["key_priority"]


def test_milestones_are_the_headline_milestones_as_printed(output):
    """Line 188 (JR.1): "To complete Neighbourhood Community Plans by March 2004. To improve ..."."""
    assert "To complete Neighbourhood Community Plans by March 2004." in DOCUMENT.line(188)
    jr1 = _action(output, "JR.1")
    assert jr1["milestones"].startswith("To complete Neighbourhood Community Plans by March 2004.")
    assert jr1["outcome"].startswith("Reduction in social exclusion")
    assert _action(output, "EN.3")["milestones"] == ("To increase the % of household waste which is recycled to 40% "
                                                    "in 2005 (BV82a).")
    assert _action(output, "JR.2")["milestones"] is None  # its Headline Milestones cell is empty


def test_a_sentence_split_across_two_rows_is_joined_back(output):
    """Line 188 ends JR.1's How cell "... Supporting the establishment of community" and line 189 opens
    JR.2's with "enterprises.": the fragment ends JR.1's sentence."""
    assert DOCUMENT.line(188).split("\t")[2].endswith("Supporting the establishment of community")
    assert DOCUMENT.line(189).split("\t")[2].strip().startswith("enterprises.")
    assert _action(output, "JR.1")["title"].endswith("Supporting the establishment of community enterprises.")
    assert _action(output, "JR.2")["title"].startswith("Work with partners to create new jobs")


def test_cells_wrapped_over_lines_read_as_one_text(output):
    """EN.4 (lines 174-183) wraps its cells word by word; CI.4 (235-236) over two lines."""
    en4 = _action(output, "EN.4")
    assert (en4["title"], en4["milestones"]) == ("Maintain EMAS registration.",
                                                "To meet the EMAS targets for environmental improvement.")
    assert en4["key_priority"].startswith("Wherever possible we will make continuous, measurable progress")
    ci4 = _action(output, "CI.4")
    assert "Human Resources Strategy" in ci4["title"] and "Effective employment practices" in ci4["title"]


def test_a_code_printed_inside_a_word_is_read_as_curated(output):
    assert "The Leic(PSA7) ester Generation Framework Masterplan" in DOCUMENT.line(195)
    jr3 = _action(output, "JR.3")
    assert "implement The Leicester (PSA7) Generation Framework Masterplan" in jr3["milestones"]
    assert "Leic(PSA7)" not in jr3["milestones"]


def test_no_action_text_starts_mid_sentence(output):
    assert [row["title"] for row in output["actions"] if row["title"][:1].islower()] == []
