"""Melton Improvement Plan Appendix A: the action parser against the real source lines."""
import pytest

from perfdash.plans.document import load_document
from perfdash.plans.melton import extract as melton

PLAN_ID = "melton-improvement-2009"


@pytest.fixture(scope="module")
def document():
    return load_document(PLAN_ID)


@pytest.fixture(scope="module")
def parsed(document):
    return melton.extract(document)


@pytest.fixture(scope="module")
def by_line(parsed):
    return {int(row["source"].rsplit(":", 1)[1]): row for row in parsed["actions"]}


# Progress texts copied from the plan, with the status the rule must give.
@pytest.mark.parametrize("progress, status", [
    ("Completed MPG Nov 2009. Completed", "Completed"),                                   # line 6
    ("Completed. Work on 2010 report commenced.", "Completed"),                           # line 14: next cycle
    ("Completed consultation. Draft approved by PFA March 2010", "In progress"),          # line 11: a step only
    ("Remains outstanding. New Build approach agreed.", "Delayed"),                       # line 22
    ("Members request Timetable extended Review September, 2010 in light of known budgetary position.",
     "Delayed"),                                                                          # line 26
    ("Delayed due to IT difficulties.", "Delayed"),                                       # line 183
    ("Progress slow \"This is Leicestershire\" evidence base for Countywide SCS has a silo approach.",
     "Delayed"),                                                                          # line 154
    ("Milestones required. Achieved.", "Completed"),                                      # line 148
    ("Melton has achieved Decent Homes Standard. This was checked by auditors again March 2010.",
     "Completed"),                                                                        # line 81
    ("Audit completed March 2010. Draft strategy propared May 2010.", "In progress"),     # lines 155-157
    ("Work in Progress. Milestones met.", "In progress"),                                 # line 95
    ("Timetable approved. Actions commenced.", "In progress"),                            # line 13
    ("Work to commence on this as part of the outcomes of the Workforce Strategy.", "Not started"),  # line 21
    ("At analysis stage only.", "Not started"),                                           # line 190
    ("Shared service options explored where appropriate and extended e.g. Legal Services.",
     "Unknown"),                                                                          # line 181: not a delay
    ("Community Safety Planning.", "Unknown"),                                            # line 93
    ("", "Unknown"),
    (None, "Unknown"),
])
def test_derive_status_on_real_progress_texts(progress, status):
    assert melton.derive_status(progress) == status


def test_clean_text_strips_html_lists_and_bullets(document):
    milestones = document.line(20).split("\t")[5]
    cleaned = melton.clean_text(milestones)
    assert cleaned.startswith("-Initial Consultation with TUs Sept 09. -Management Team approval Dec 09.")
    assert "<" not in cleaned and "  " not in cleaned
    assert melton.clean_text("Develop SEF for Ofsted inspection 12-15 <sup>th</sup> November.") == \
        "Develop SEF for Ofsted inspection 12-15 th November."
    assert melton.clean_text("Implement Fire &amp; Rescue Service") == "Implement Fire & Rescue Service"


def test_split_cells_drops_bullet_cells_and_page_numbers(document):
    line_24 = melton.split_cells(document.line(24))
    assert len(line_24) == 7 and line_24[5].startswith("Efficiency Strategy Reviewed Mar 2010")
    line_46 = melton.split_cells(document.line(46))
    assert line_46[-1] == ""  # the page number "1" in the Progress cell


def test_is_new_action_tells_wrapped_lines_from_new_rows(document):
    def fields(number):
        cells = melton.split_cells(document.line(number))
        return {name: text for name, text in zip(melton.FULL_LAYOUT, cells) if text}
    assert melton.is_new_action(fields(18))          # empty first cell, new action under the same priority
    assert not melton.is_new_action(fields(8))       # only "Completed." in Progress
    assert not melton.is_new_action(fields(36))      # "approach." continues the Resources cell


def test_sections_give_the_theme(by_line):
    assert by_line[6]["theme"] == "Leadership and vision"
    assert by_line[31]["theme"] == "Improving Services"
    assert by_line[168]["theme"] == "New ways of working"


def test_first_action_fields(by_line):
    row = by_line[6]
    assert row["action_id"] == f"{PLAN_ID}:A001"
    assert row["key_priority"] == "Declining satisfaction results"
    assert row["title"] == "Full report on 2008/09 Place Survey"
    assert row["resources"] == "MPG oversight"
    assert row["responsible"] == "CMT"
    assert row["milestones"] == "Report completed by December 2009 Action Plan developed Mar 2010"
    assert row["status"] == "Completed"


def test_empty_key_priority_is_carried_down(by_line):
    assert by_line[18]["key_priority"] == "Corporate Governance"
    assert by_line[18]["responsible"] == "HFS"
    assert by_line[21]["key_priority"] == "Workforce planning"


def test_wrapped_lines_join_the_action_above(by_line):
    assert by_line[7]["progress"].endswith("Response disappointing. Completed.")
    assert by_line[7]["status"] == "Completed"
    assert by_line[34]["resources"] == "Partner's resources aligned to P&P approach."
    assert 8 not in by_line and 36 not in by_line


def test_caa_rows_without_resources_column(by_line):
    row = by_line[67]
    assert row["responsible"] == "CW [HPIG])"
    assert row["milestones"] == "April 2011"
    assert row["resources"] is None
    assert row["outcome"].startswith("NI 155 – Increase number of affordable homes delivered to 1470")
    assert row["common_theme"] == "Housing"


def test_scrambled_region_is_read_back_into_its_rows(by_line):
    teenage = by_line[108]
    assert teenage["key_priority"].startswith("Reduce level of teenage pregnancies")
    assert teenage["outcome"] == ("NI 112 – Reduce under 18 conception to 20.9 per 1000 15 – 17 year old "
                                  "young women – LAA2")
    older = by_line[111]
    assert older["outcome"].endswith("who say they receive help to stay independent – LAA2")
    assert by_line[109]["key_priority"] == older["key_priority"]


def test_every_action_has_status_only_with_progress(parsed):
    for row in parsed["actions"]:
        assert (row["status"] is None) == (row["progress"] is None)
        assert row["title"] and row["common_theme"]


def test_action_ids_follow_document_order_and_are_unique(parsed):
    ids = [row["action_id"] for row in parsed["actions"]]
    assert ids == [f"{PLAN_ID}:A{n:03d}" for n in range(1, len(ids) + 1)]
    assert len(ids) == 100


def test_findings_flag_the_garbled_regions(parsed):
    flagged = {(f["category"], int(f["source"].rsplit(":", 1)[1])) for f in parsed["quality_findings"]}
    assert ("garbled_region", 108) in flagged
    assert ("garbled_region", 100) in flagged
    assert ("duplicate_row", 44) in flagged


def test_extract_is_deterministic(document, parsed):
    assert melton.extract(document) == parsed


# ---- milestones that are only a year ----------------------------------------------------------

@pytest.mark.parametrize("line, title_start", [
    (136, "Implement business plan for delivering travel information"),   # A075, rural transport
    (147, "Total Place to pilot using social marketing"),                  # A080, social marketing
])
def test_a_milestone_of_only_a_year_is_kept(document, by_line, line, title_start):
    """Lines 136 and 147 print "2011" alone in the Milestones cell; it is the due date, not a page number."""
    assert document.line(line).split("\t")[4].strip() == "2011"
    action = by_line[line]
    assert action["title"].startswith(title_start) and action["milestones"] == "2011"


def test_page_numbers_are_still_dropped(document):
    assert document.line(46).split("\t")[-1] == "1" and melton.split_cells(document.line(46))[-1] == ""
    assert melton.is_page_number("1 1") and not melton.is_page_number("2011") and not melton.is_page_number("")


# ---- indicators in the Outcome column ---------------------------------------------------------

def _indicator(parsed, code):
    return next(row for row in parsed["indicators"] if row["code"] == code)


def _values(parsed, indicator_id):
    return {(row["kind"], row["year_start"]): row for row in parsed["indicator_values"]
            if row["indicator_id"] == indicator_id}


def test_the_issues_national_and_local_indicators_are_read(parsed):
    codes = {row["code"] for row in parsed["indicators"]}
    assert {"NI155", "NI4", "NI6", "NI21", "NI185", "NI192", "NI165", "NI123", "NI112", "NI139", "NI8",
            "LI12"} <= codes
    assert len(parsed["indicators"]) >= 20 and len(parsed["indicator_values"]) >= 23


def test_ni4_baseline_and_target_from_the_wrapped_outcome_cell(document, parsed):
    """Line 71 prints "NI4 - Increase residents perception of their ability to influence"; the row wraps
    to line 73: "decisions about their locality from 27.2% to 32.2%"."""
    assert "from 27.2% to 32.2%" in document.line(73)
    ni4 = _indicator(parsed, "NI4")
    assert (ni4["ref"], ni4["unit"], ni4["polarity"], ni4["source"].rsplit(":", 1)[1]) == ("NI4", "percent",
                                                                                          "higher", "71")
    values = _values(parsed, ni4["indicator_id"])
    assert (values[("baseline", 2008)]["value"], values[("target", 2010)]["value"]) == (27.2, 32.2)
    assert values[("target", 2010)]["source"].endswith(":73")


@pytest.mark.parametrize("code, printed, value, line", [
    ("NI155", "1470", 1470.0, 67), ("NI192", "50.25%", 50.25, 98), ("LI12", "251", 251.0, 126),
    ("NI123", "785", 785.0, 106), ("NI112", "20.9", 20.9, 114), ("NI185", "7.84%", 7.84, 97),
])
def test_2010_11_targets_stand_in_the_outcome_cell_of_their_line(document, parsed, code, printed, value, line):
    outcome = melton.split_cells(document.line(line))[2]
    assert printed in outcome
    target = _values(parsed, _indicator(parsed, code)["indicator_id"])[("target", 2010)]
    assert (target["value_text"], target["value"], target["source"]) == (printed, value, document.source(line))


def test_fires_target_holds_for_each_year_the_line_names(document, parsed):
    assert "to 11.7 in each of the following years: 2009/10, 2010/11 and 2011/12" in document.line(75)
    fires = next(row for row in parsed["indicators"] if row["title"].startswith("Accidental fires"))
    assert fires["unit"] == "rate_per_10000" and fires["polarity"] == "lower" and fires["code"] is None
    values = _values(parsed, fires["indicator_id"])
    assert sorted(values) == [("target", 2009), ("target", 2010), ("target", 2011)]
    assert {row["value"] for row in values.values()} == {11.7}


def test_indicators_without_a_printed_target_are_flagged(parsed):
    flagged = {f["indicator_id"] for f in parsed["quality_findings"] if f["category"] == "missing_target"}
    assert _indicator(parsed, "NI57")["indicator_id"] in flagged and _indicator(parsed, "LI7")["indicator_id"] in flagged
    assert _indicator(parsed, "NI4")["indicator_id"] not in flagged


def test_a_curated_figure_outside_the_outcome_cell_is_refused(document):
    from perfdash.plans.curated import CuratedDataError, load_curated
    from perfdash.plans.melton.indicators import extract_indicators

    curated = dict(load_curated(PLAN_ID))
    curated["indicators"] = [{"title": "Test", "line": 67, "unit": "count", "polarity": "higher",
                              "common_theme": "Housing",
                              "values": [{"value_text": "1470", "kind": "target", "year": 2010, "line": 67,
                                          "column": "milestones"}]}]
    with pytest.raises(CuratedDataError, match="not in the milestones cell of line 67"):
        extract_indicators(document, curated, lambda line: {"milestones": "April 2011", "outcome": "to 1470"})
