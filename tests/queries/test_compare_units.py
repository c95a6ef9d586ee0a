"""Compare never compares different units: a code printed in two units (BV64: a count in one plan,
a percentage in another) is compared and counted apart in each unit."""
import pandas as pd
import pytest

from perfdash.db import database as queries
from perfdash.views.compare import shared_verdicts
from tests.fixtures import PLANS, indicator, value, write_extracts

ALL = ["leicester", "leicestershire", "nw-leicestershire", "melton"]
MELTON_PLAN = {**PLANS[0], "plan_id": "mel", "council_id": "melton", "title": "Melton plan", "source_file": "mel.txt"}


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    folder = tmp_path_factory.mktemp("extracts")
    indicators = [
        indicator("nwl:BV64", "nw-leicestershire", "nwl", "BV64", "Vacant dwellings returned", unit="count"),
        indicator("mel:BV64", "melton", "mel", "BV64", "Empty homes back in use", unit="count"),
        indicator("lcc:BV64", "leicester", "lcc", "BV64", "Empty homes brought back into use", unit="percent"),
    ]
    values = [
        value("nwl:BV64", "nw-leicestershire", 2005, "actual", 4),
        value("nwl:BV64", "nw-leicestershire", 2007, "target", 20),
        value("mel:BV64", "melton", 2005, "actual", 12),
        value("mel:BV64", "melton", 2007, "target", 10),
        value("lcc:BV64", "leicester", 2001, "actual", 5.63, "5.63%"),
        value("lcc:BV64", "leicester", 2005, "target", 4.5, "4.5%"),
    ]
    write_extracts(folder, plans=PLANS + [MELTON_PLAN], indicators=indicators, indicator_values=values)
    return queries.open_database(folder)


def test_other_councils_are_only_those_printing_the_code_in_the_same_unit(database):
    shared = queries.run_named(database, "compare_shared_indicators", councils=ALL, top_codes=None)
    by_council = shared.set_index("council_id")
    # NW Leicestershire's count is compared with Melton's count only, never with Leicester's 5.63%.
    assert by_council.loc["nw-leicestershire", "others_highest"] == 12
    assert by_council.loc["melton", "others_lowest"] == 4
    assert pd.isna(by_council.loc["leicester", "others_highest"])
    assert set(shared["units_of_code"]) == {2}
    verdicts = shared_verdicts(shared).set_index("council_id")
    assert verdicts.loc["leicester", "against_other_councils"] == "Not comparable"
    assert verdicts.loc["melton", "against_other_councils"] == "Better than the others"


def test_the_view_rule_agrees_when_the_sql_range_is_absent(database):
    shared = queries.run_named(database, "compare_shared_indicators", councils=ALL, top_codes=None)
    from_sql = shared_verdicts(shared)
    from_python = shared_verdicts(shared.drop(columns=["others_highest", "others_lowest"]))
    columns = ["council_id", "others_highest", "others_lowest", "against_other_councils"]
    pd.testing.assert_frame_equal(from_sql[columns].sort_values("council_id", ignore_index=True),
                                  from_python[columns].sort_values("council_id", ignore_index=True))


def test_counts_against_target_are_kept_apart_by_unit(database):
    counts = queries.run_named(database, "compare_shared_against_target", councils=ALL, top_codes=None)
    assert sorted(zip(counts["code"], counts["unit"], counts["indicators"])) == [
        ("BV64", "count", 2), ("BV64", "percent", 1)]

