"""The actions_* and sources_* query files against small hand-made extracts."""
import pytest

from perfdash.db import database as queries
from tests.fixtures import indicator, value, write_extracts

ALL = ["leicester", "leicestershire", "nw-leicestershire", "melton"]


def _action(action_id, council_id, plan_id, title, line, **fields):
    return {"action_id": action_id, "council_id": council_id, "plan_id": plan_id, "title": title,
            "common_theme": fields.pop("common_theme", "Corporate health & value for money"),
            "source": f"{plan_id}.txt:{line}", **fields}


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    folder = tmp_path_factory.mktemp("extracts")
    actions = [
        _action("nwl:A001", "nw-leicestershire", "nwl", "Review the Scrutiny function", 947,
                responsible="Head of Policy & Performance", q1="Ensure effective training", q4="Evaluate role"),
        _action("nwl:A002", "nw-leicestershire", "nwl", "Launch the tourism campaign", 1006,
                responsible="Head of Leisure & Culture", common_theme="Culture, leisure & sport",
                outcome="More visitors to the district"),
        _action("lcc:A001", "leicester", "lcc", "Strengthen the scrutiny function", 900),
    ]
    write_extracts(
        folder,
        indicators=[indicator("nwl:BV9", "nw-leicestershire", "nwl", "BV9", "Council tax collected")],
        indicator_values=[value("nwl:BV9", "nw-leicestershire", 2005, "actual", 94.09, "94.09%", line=992),
                          value("nwl:BV9", "nw-leicestershire", 2007, "target", 30.5, "30.5%", quarter=1, line=992),
                          value("nwl:BV9", "nw-leicestershire", 2007, "target", 98.0, "98.00%", line=9920)],
        priorities=[{"priority_id": "nwl:P1", "council_id": "nw-leicestershire", "plan_id": "nwl", "rank": 1,
                     "title": "Put customers first", "common_theme": "Housing", "source": "nwl.txt:3"}],
        actions=actions,
        quality_findings=[
            {"finding_id": "nwl-001", "council_id": "nw-leicestershire", "plan_id": "nwl", "indicator_id": "nwl:BV9",
             "category": "unit_mismatch", "severity": "warning", "message": "Unit differs", "source": "nwl.txt:992"},
            {"finding_id": "lcc-001", "council_id": "leicester", "plan_id": "lcc", "indicator_id": None,
             "category": "garbled_region", "severity": "info", "message": "Garbled", "source": "lcc.txt:12"},
        ],
    )
    return queries.open_database(folder)


def run(database, name, **params):
    return queries.run_named(database, name, **params)


def actions(database, councils=ALL, theme=None, officers=(), search=""):
    return run(database, "actions_list", councils=list(councils), theme=theme, officers=list(officers),
               search=search)


def test_actions_list_returns_every_action_with_council_and_plan_names(database):
    rows = actions(database)
    assert set(rows["action_id"]) == {"nwl:A001", "nwl:A002", "lcc:A001"}
    scrutiny = rows.set_index("action_id").loc["nwl:A001"]
    assert scrutiny["council_name"] == "North West Leicestershire District Council"
    assert scrutiny["plan_title"] == "NWL plan" and scrutiny["q1"] == "Ensure effective training"
    assert scrutiny["source"] == "nwl.txt:947"


def test_actions_filter_by_council_theme_officer_and_search(database):
    assert set(actions(database, councils=["leicester"])["action_id"]) == {"lcc:A001"}
    assert list(actions(database, theme="Culture, leisure & sport")["action_id"]) == ["nwl:A002"]
    assert list(actions(database, officers=["Head of Policy & Performance"])["action_id"]) == ["nwl:A001"]
    assert set(actions(database, search="SCRUTINY")["action_id"]) == {"nwl:A001", "lcc:A001"}
    assert list(actions(database, search="visitors")["action_id"]) == ["nwl:A002"]  # found in the outcome
    assert list(actions(database, search="evaluate role")["action_id"]) == ["nwl:A001"]  # found in Q4
    assert actions(database, search="no action says this").empty


def test_officer_options_count_actions_per_officer(database):
    officers = run(database, "actions_officers", councils=["nw-leicestershire"])
    assert dict(zip(officers["responsible"], officers["actions"])) == {
        "Head of Leisure & Culture": 1, "Head of Policy & Performance": 1}
    assert run(database, "actions_officers", councils=["leicester"]).empty


def test_source_documents_are_the_plans(database):
    documents = run(database, "sources_documents")
    assert set(documents["source_file"]) == {"nwl.txt", "lcc.txt"}


def test_citations_list_every_row_citing_a_line_of_the_file(database):
    cited = run(database, "sources_citations", file="nwl.txt")
    at_992 = cited[cited["line"] == 992]
    assert sorted(at_992["extract"]) == ["Data-quality finding", "Indicator figure", "Indicator figure"]
    figure = at_992[at_992["figure"] == "30.5%"].iloc[0]
    assert figure["unit"] == "percent" and figure["polarity"] == "higher" and "Q1" in figure["label"]
    assert set(cited["line"]) == {1, 3, 947, 992, 1006, 9920}  # line 9920 is not line 992
    assert set(cited.loc[cited["extract"] == "Action", "row_id"]) == {"nwl:A001", "nwl:A002"}
    assert not cited["source"].str.startswith("lcc.txt").any()


def test_citations_match_the_file_name_exactly(database):
    assert run(database, "sources_citations", file="nwl").empty
    assert run(database, "sources_citations", file="%").empty


def test_findings_filter_by_plan_severity_and_category(database):
    def ids(**params):
        chosen = {"plans": [], "severities": [], "categories": [], **params}
        return list(run(database, "sources_findings", **chosen)["finding_id"])

    assert sorted(ids()) == ["lcc-001", "nwl-001"]
    assert ids(plans=["nwl"]) == ["nwl-001"]
    assert ids(severities=["info"]) == ["lcc-001"]
    assert ids(categories=["unit_mismatch"]) == ["nwl-001"]
    assert ids(plans=["nwl"], severities=["info"]) == []
    found = run(database, "sources_findings", plans=["nwl"], severities=[], categories=[]).iloc[0]
    assert (found["source_file"], found["line"], found["plan_title"]) == ("nwl.txt", 992, "NWL plan")
