"""Profiles' panels get their own rows, split once: every shown indicator, in the shown order,
and an empty frame with the same columns for one that has no rows."""
from __future__ import annotations

import pandas as pd

from perfdash.views.profiles import by_indicator


def test_each_indicator_gets_its_rows_and_one_without_rows_an_empty_frame():
    frame = pd.DataFrame({"indicator_id": ["b", "a", "b", "c"], "quarter": [1, 1, 2, 1],
                          "value": [10.0, 5.0, 20.0, 7.0]})
    split = by_indicator(frame, ["b", "z", "a"])
    assert list(split) == ["b", "z", "a"]
    assert split["b"]["value"].tolist() == [10.0, 20.0] and split["a"]["value"].tolist() == [5.0]
    assert split["z"].empty and list(split["z"].columns) == list(frame.columns)
    assert "c" not in split
