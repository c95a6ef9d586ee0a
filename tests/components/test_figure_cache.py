"""Figures shared between reruns and sessions: built once per distinct data, built again when the
data or the arguments change, and never confused between builders."""
from __future__ import annotations

import pickle

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest
import streamlit as st

from components.figure_cache import cached_figure, frame_digest

BUILT: list[tuple] = []


def bars(frame: pd.DataFrame, title: str = "") -> go.Figure:
    BUILT.append(("bars", title))
    return go.Figure(go.Bar(x=frame["council"], y=frame["value"]), layout={"title": {"text": title}})


def lines(frame: pd.DataFrame, extra: pd.DataFrame) -> go.Figure:
    BUILT.append(("lines", len(extra)))
    return go.Figure(go.Scatter(x=frame["council"], y=frame["value"]))


@pytest.fixture(autouse=True)
def empty_cache():
    st.cache_resource.clear()
    BUILT.clear()
    yield
    st.cache_resource.clear()


def _frame(values):
    return pd.DataFrame({"council": ["a", "b", "c"][: len(values)], "value": values})


def test_the_same_data_builds_once_and_gives_the_same_figure():
    first = cached_figure(bars, _frame([1.0, 2.0]), "Collected (%)")
    again = cached_figure(bars, _frame([1.0, 2.0]), "Collected (%)")
    assert again is first and BUILT == [("bars", "Collected (%)")]
    assert list(first.data[0].y) == [1.0, 2.0]


def test_changed_values_arguments_or_builder_build_again():
    cached_figure(bars, _frame([1.0, 2.0]), "A")
    changed = cached_figure(bars, _frame([1.0, 2.5]), "A")
    retitled = cached_figure(bars, _frame([1.0, 2.0]), "B")
    other = cached_figure(lines, _frame([1.0, 2.0]), _frame([3.0]))
    assert list(changed.data[0].y) == [1.0, 2.5] and retitled.layout.title.text == "B"
    assert isinstance(other.data[0], go.Scatter)
    assert BUILT == [("bars", "A"), ("bars", "A"), ("bars", "B"), ("lines", 1)]


def test_a_data_frame_argument_is_part_of_the_key():
    cached_figure(lines, _frame([1.0]), _frame([3.0]))
    cached_figure(lines, _frame([1.0]), _frame([3.0, 4.0]))
    cached_figure(lines, _frame([1.0]), _frame([3.0]))
    assert BUILT == [("lines", 1), ("lines", 2)]


def test_digest_tells_apart_columns_types_and_values_and_gives_up_on_cells_it_cannot_pickle():
    base = frame_digest(_frame([1.0, 2.0]))
    assert base == frame_digest(_frame([1.0, 2.0]))
    assert base != frame_digest(_frame([1.0, 2.0]).rename(columns={"value": "target"}))
    assert base != frame_digest(_frame([1, 2]))
    assert base != frame_digest(_frame([2.0, 1.0]))
    assert base != frame_digest(_frame([1.0, 2.0]).set_index("council"))
    assert frame_digest(pd.DataFrame({"cells": [[1, 2]]})) != frame_digest(pd.DataFrame({"cells": [[1, 3]]}))
    unpicklable = pd.DataFrame({"council": ["a"], "value": [1.0], "notes": [lambda: None]})
    assert frame_digest(unpicklable) is None
    cached_figure(bars, unpicklable, "lambdas")
    cached_figure(bars, unpicklable, "lambdas")
    assert BUILT == [("bars", "lambdas"), ("bars", "lambdas")]  # built each time, never kept under a wrong key


def test_keyword_arguments_are_part_of_the_key():
    cached_figure(bars, _frame([1.0]), title="A")
    cached_figure(bars, _frame([1.0]), title="A")
    cached_figure(bars, _frame([1.0]), title="B")
    assert BUILT == [("bars", "A"), ("bars", "B")]


def test_a_frame_and_its_copy_out_of_the_data_cache_share_a_digest():
    # st.cache_data hands back an unpickled copy, whose blocks are laid out differently: a chart
    # drawn from the copy on the next rerun must find the figure built from the original.
    whole = pd.DataFrame(np.arange(24).reshape(12, 2), columns=["quarter", "value"]).assign(council="a")
    copy = pickle.loads(pickle.dumps(whole))
    one, one_copy = whole[whole["quarter"] > 4], copy[copy["quarter"] > 4]
    assert pickle.dumps(one) != pickle.dumps(one_copy)  # what made the frame's pickle a poor key
    assert frame_digest(one) == frame_digest(one_copy)
    assert frame_digest(one) != frame_digest(one.assign(council="b"))
    assert frame_digest(one) != frame_digest(one.astype({"value": "float64"}))
    assert frame_digest(one) != frame_digest(one.reset_index(drop=True))
    cached_figure(lines, one, one)
    cached_figure(lines, one_copy, one_copy)
    assert BUILT == [("lines", len(one))]
