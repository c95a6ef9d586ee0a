"""Every figure can be traced to the line of the plan it was printed on."""
import re

import pytest

from perfdash.plans.curated import load_curated
from perfdash.plans.document import load_catalogue, load_document

CATALOGUE = load_catalogue()
DOCUMENTS = {plan["file"]: load_document(plan["plan_id"]) for plan in CATALOGUE["plans"]}


def _cited_line(source: str) -> str:
    file, line = source.rsplit(":", 1)
    return DOCUMENTS[file].line(int(line))


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.mark.parametrize("table", ["indicator_values", "finance", "quartile_summary"])
def test_every_value_text_stands_on_its_cited_line(committed_tables, table):
    misplaced = [row for row in committed_tables[table]
                 if row["value_text"] and _squash(row["value_text"]) not in _squash(_cited_line(row["source"]))]
    assert misplaced == [], misplaced[:5]


@pytest.mark.parametrize("table", ["indicators", "priorities", "actions", "quality_findings"])
def test_every_cited_line_exists(committed_tables, table):
    for row in committed_tables[table]:
        _cited_line(row["source"])  # raises IndexError for a line past the end


def test_every_numeric_value_matches_its_printed_text(committed_tables):
    from perfdash.plans.values import parse_number

    for row in committed_tables["indicator_values"]:
        parsed = parse_number(row["value_text"])
        if row["value"] is not None and parsed is not None:
            assert parsed == pytest.approx(row["value"]), row


@pytest.mark.parametrize("plan_id", [plan["plan_id"] for plan in CATALOGUE["plans"]])
def test_every_curated_quote_stands_on_its_line(plan_id):
    """load_curated raises CuratedDataError for any quote not on its cited line."""
    curated = load_curated(plan_id)
    assert curated["plan_id"] == plan_id
