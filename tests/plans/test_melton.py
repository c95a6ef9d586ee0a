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
