"""The shared pickers' lookups, shaped from their queries' rows (perfdash.views.filters)."""
from __future__ import annotations

import pandas as pd

from perfdash.views.filters import council_labels, theme_values, years_by_council


def test_council_labels_keep_the_query_order_and_leave_themes_out():
    options = pd.DataFrame({"kind": ["council", "council", "theme"], "value": ["b", "a", "Housing"],
                            "label": ["Blaby", "Ashfield", "Housing"]})
    assert council_labels(options) == {"b": "Blaby", "a": "Ashfield"}
    assert list(council_labels(options)) == ["b", "a"]


def test_themes_are_sorted_and_each_listed_once():
    options = pd.DataFrame({"kind": ["theme", "theme", "council", "theme"],
                            "value": ["Waste", "Housing", "c1", "Waste"], "label": ["", "", "Council", ""]})
    assert theme_values(options) == ["Housing", "Waste"]


def test_each_councils_years_are_its_own_earliest_first():
    years = pd.DataFrame({"council_id": ["b", "b", "a", "b"], "year_start": [2008, 2007, 2003, 2008]})
    assert years_by_council(years) == {"b": [2007, 2008], "a": [2003]}
    assert list(years_by_council(years)) == ["b", "a"]
