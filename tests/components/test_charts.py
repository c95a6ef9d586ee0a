"""The pure figure builders: titles, units, the data drawn, and text a user can read."""
import re

import numpy as np
import pandas as pd
import pytest

from components.action_charts import build_status_chart
from components.compare_charts import (
    build_ambition_chart,
    build_shared_comparison,
    build_theme_matrix,
)
from components.profile_charts import build_code_profiles, build_quarterly_profile
from components.trend_charts import build_trend_chart
from components.workshop_charts import build_rank_slope
from perfdash.views import workshop as ws
from perfdash.views.actions import status_summary
from tests.views.test_rules import _series


def test_trend_chart_draws_actuals_as_a_line_and_targets_as_markers():
    figure = build_trend_chart(_series())
    modes = {trace.name: trace.mode for trace in figure.data}
    assert modes == {"NWL · BV12 — Actual": "lines+markers", "NWL · BV12 — Target": "markers"}
    target = next(t for t in figure.data if t.name.endswith("Target"))
    assert list(target.y) == [9.5] and target.marker.symbol == "diamond-open"
    assert "days" in figure.layout.title.text and figure.layout.yaxis.title.text == "days"
    assert "f.txt:2007" in target.hovertext[0]


def _profile_rows(profile):
    rows = [{"indicator_id": "x", "code": "BV9", "title": "Council tax collected", "unit": "percent",
             "profile": profile, "polarity": "higher", "quarter": q, "kind": "target", "value": v,
             "value_text": f"{v}%", "source": "f:992", "origin": "plan"}
            for q, v in [(None, 98.0), (1, 30.5), (2, 60.0), (3, 86.8), (4, 98.0)]]
    rows.append({**rows[1], "kind": "actual", "value": 29.0, "value_text": "29.0%", "origin": "store"})
    return pd.DataFrame(rows)


def _statuses(*rows):
    return pd.DataFrame([{"quarter": q, "actual": a, "rag": r, "basis": "year to date", "rag_reason": "why"}
                         for q, a, r in rows])


def test_quarterly_profile_draws_the_profile_annual_line_and_actuals_with_their_status():
    figure = build_quarterly_profile(_profile_rows("cumulative"),
                                     _statuses((1, 29.0, "red"), (2, 59.0, "amber"), (3, 87.0, "green")))
    profile, annual, *actuals = figure.data
    assert list(profile.y) == [30.5, 60.0, 86.8, 98.0] and profile.fill == "tozeroy"
    assert list(annual.y) == [98.0, 98.0] and annual.line.dash == "dash"
    drawn = {tuple(t.x): (list(t.y), list(t.text), t.marker.symbol) for t in actuals}
    # Each status has its own shape as well as its icon and words, so colour is never needed.
    assert drawn == {("Q1",): ([29.0], ["✖ Off target"], "x"),
                     ("Q2",): ([59.0], ["▲ Slightly off target"], "triangle-up"),
                     ("Q3",): ([87.0], ["✔ On target"], "circle")}
    assert "BV9 · Council tax collected" in figure.layout.title.text
    assert "year to date" in figure.layout.title.text and "%" in figure.layout.title.text
    assert figure.layout.yaxis.rangemode == "tozero"


def test_quarterly_profile_without_outturns_draws_no_actuals():
    assert [t.name for t in build_quarterly_profile(_profile_rows("cumulative")).data] == [
        "Quarterly target", "Annual target"]


def test_trend_chart_labels_each_actual_with_its_status():
    series = _series().assign(rag=lambda f: ["red" if k == "actual" else None for k in f["kind"]])
    actual = next(t for t in build_trend_chart(series).data if t.name.endswith("Actual"))
    assert actual.mode == "lines+markers+text" and set(actual.text) == {"✖ Off target"}


def test_profile_types_draw_differently():
    assert build_quarterly_profile(_profile_rows("per_quarter")).data[0].type == "bar"
    assert build_quarterly_profile(_profile_rows("snapshot")).data[0].line.shape == "hv"


def test_theme_matrix_prints_each_count():
    matrix = pd.DataFrame([
        {"council_name": "A", "common_theme": "Housing", "total": 3, "priorities": 1},
        {"council_name": "B", "common_theme": "Housing", "total": 1, "priorities": 0},
        {"council_name": "B", "common_theme": "Safer communities", "total": 2, "priorities": 2},
    ])
    figure = build_theme_matrix(matrix, "total")
    heatmap = figure.data[0]
    assert heatmap.z.tolist() == [[3, 0], [1, 2]] and heatmap.texttemplate == "%{text}"
    assert "count" in figure.layout.title.text


def test_shared_comparison_has_a_panel_per_code_with_its_unit():
    shared = pd.DataFrame([
        {"code": "BV12", "title": "Sickness", "unit": "days", "polarity": "lower", "council_name": n,
         "actual": a, "target": t, "actual_period": "2006/07", "actual_text": str(a), "actual_source": "s:1",
         "target_period": "2007/08", "target_text": str(t), "target_source": "s:2"}
        for n, a, t in [("A", 9.0, 8.5), ("B", 11.0, None)]])
    figure = build_shared_comparison(shared)
    bars = [t for t in figure.data if t.type == "bar"]
    assert [list(b.y) for b in bars] == [[9.0], [11.0]]
    assert sum(t.type == "scatter" for t in figure.data) == 1
    assert figure.layout.yaxis.title.text == "days"


def test_shared_comparison_of_many_councils_counts_against_target_in_words_and_patterns():
    counts = pd.DataFrame([{"code": "BV12", "title": "Sickness", "unit": "days", "polarity": "lower",
                            "councils_sharing": 300, "shared_codes": 150, "indicators": 300, "better": 120,
                            "same": 5, "worse": 150, "not_comparable": 25}])
    figure = build_shared_comparison(counts, per_council=False)
    assert [trace.name for trace in figure.data] == ["Better than target", "Same as target", "Worse than target",
                                                    "Not comparable"]
    assert [list(trace.x) for trace in figure.data] == [[120], [5], [150], [25]]
    assert list(figure.data[0].y) == ["BV12 Sickness (days, lower is better)"]
    assert len({trace.marker.pattern.shape for trace in figure.data}) == 4  # not colour alone
    assert figure.layout.barmode == "stack"
    assert "(count of indicators)" in figure.layout.title.text.replace("<br>", " ")


def test_ambition_chart_words_each_bar():
    frame = pd.DataFrame({"ambition_percent": [10.0, -5.0, None], "label": ["a", "b", "c"]})
    bar = build_ambition_chart(frame, "Ambition").data[0]
    assert list(bar.y) == ["b", "a"] and list(bar.text) == ["-5.0% accepts decline", "+10.0% stretch"]


def test_code_profiles_draw_a_profile_line_or_an_annual_level_per_council():
    rows = [{"council_name": "NWL", "period": "2007/08", "quarter": q, "value": v, "value_text": str(v),
             "unit": "days", "source": "n:994"} for q, v in [(1, 2.4), (2, 4.8), (3, 7.2), (4, 9.5)]]
    rows.append({"council_name": "Leicester", "period": "2003/04", "quarter": None, "value": 10.0,
                 "value_text": "10", "unit": "days", "source": "l:5"})
    figure = build_code_profiles(pd.DataFrame(rows), "BV12")
    by_name = {trace.name: trace for trace in figure.data}
    assert list(by_name["NWL 2007/08 — quarterly target"].y) == [2.4, 4.8, 7.2, 9.5]
    assert list(by_name["Leicester 2003/04 — annual target"].y) == [10.0, 10.0]
    assert "BV12" in figure.layout.title.text and "days" in figure.layout.title.text


# --- every chart: readable text, a title, and axes that say what they measure --------------------

def _shared_rows():
    return pd.DataFrame([
        {"code": "BV12", "title": "Working days lost to sickness per employee", "unit": "days", "polarity": "lower",
         "council_name": n, "actual": a, "target": t, "actual_period": "2006/07", "actual_text": str(a),
         "actual_source": "s:1", "target_period": "2007/08", "target_text": str(t), "target_source": "s:2"}
        for n, a, t in [("North West Leicestershire District Council", 9.0, 8.5), ("Leicester City Council", 11.0, None)]])


def _against_target_rows():
    return pd.DataFrame([{"code": "BV12", "title": "Sickness", "unit": "days", "polarity": "lower",
                          "councils_sharing": 300, "shared_codes": 150, "indicators": 300, "better": 120,
                          "same": 5, "worse": 150, "not_comparable": 25}])


def _matrix_rows():
    return pd.DataFrame([{"council_name": "A", "common_theme": "Housing", "total": 3},
                         {"council_name": "B", "common_theme": "Safer communities", "total": 2}])


def _code_profile_rows():
    return pd.DataFrame([{"council_name": "NWL", "period": "2007/08", "quarter": q, "value": v, "value_text": str(v),
                          "unit": "days", "source": "n:994"} for q, v in [(1, 2.4), (2, 4.8)]])


def _status_rows():
    return status_summary(pd.DataFrame({"status": ["Completed", "Delayed", None]}))


def _ranking():
    rows = pd.DataFrame({"priority_id": ["p:1", "p:2"], "ref": ["1", "2"], "plan_rank": [1, 2],
                         "title": ["Put tenants first in the Housing options process", "Improve Community Safety"]})
    return ws.rank_priorities(ws.Scenario("c", {"Impact": 1.0}, {"p:2": {"Impact": 5}}), rows)


# (name, figure builder, where the figure names its measure, the unit it must name)
CHARTS = [
    ("trend", lambda: build_trend_chart(_series()), "yaxis", "days"),
    ("quarterly profile", lambda: build_quarterly_profile(
        _profile_rows("cumulative"), _statuses((1, 29.0, "red"), (4, 99.0, "green"))), "yaxis", "%"),
    ("code profiles", lambda: build_code_profiles(_code_profile_rows(), "BV12"), "yaxis", "days"),
    ("theme matrix", lambda: build_theme_matrix(_matrix_rows(), "total"), "colorbar", "Count"),
    ("shared comparison", lambda: build_shared_comparison(_shared_rows()), "yaxis", "days"),
    ("shared against target", lambda: build_shared_comparison(_against_target_rows(), per_council=False),
     "xaxis", "(count)"),
    ("ambition", lambda: build_ambition_chart(
        pd.DataFrame({"ambition_percent": [250.0, -40.0], "label": ["a", "b"]}), "Ambition"), "xaxis", "%"),
    ("action status", lambda: build_status_chart(_status_rows()), "xaxis", "Number of actions"),
    ("workshop slope", lambda: build_rank_slope(_ranking()), "yaxis", "1 = first priority"),
    ("workshop slope, meeting mode", lambda: build_rank_slope(_ranking(), font_size=20), "yaxis",
     "1 = first priority"),
]
EMPTY_CHARTS = [
    ("no trend", lambda: build_trend_chart(_series().assign(value=None))),
    ("no shared codes", lambda: build_shared_comparison(_shared_rows().head(0))),
    ("no ambition", lambda: build_ambition_chart(pd.DataFrame({"ambition_percent": [None], "label": ["a"]}), "A")),
]


def _font_sizes(node, path=""):
    """Every font size set anywhere in a figure's JSON, with where it is set."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "size" and path.rsplit(".", 1)[-1].endswith("font"):
                yield f"{path}.size", value
            else:
                yield from _font_sizes(value, f"{path}.{key}")
    elif isinstance(node, (list, tuple)):
        for index, value in enumerate(node):
            yield from _font_sizes(value, f"{path}[{index}]")


def _texts(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _texts(value)
    elif isinstance(node, (list, tuple, np.ndarray)):
        for value in node:
            yield from _texts(value)


@pytest.mark.parametrize("make", [make for _, make, *_ in CHARTS + EMPTY_CHARTS],
                         ids=[name for name, *_ in CHARTS + EMPTY_CHARTS])
def test_every_text_in_every_chart_is_at_least_12_px(make):
    figure = make().to_plotly_json()
    assert figure["layout"]["font"]["size"] >= 12
    small = [(where, size) for where, size in _font_sizes(figure)
             if not (isinstance(size, (int, float)) and size >= 12)]
    assert not small, small
    for text in _texts(figure):
        # plotly draws <sup>, <sub> and <small> at 70% of the size around them.
        assert not re.search(r"<(sup|sub|small)>", text), text
        assert all(int(px) >= 12 for px in re.findall(r"font-size:\s*(\d+)px", text)), text


def _axes(layout):
    return {name: axis for name, axis in layout.items() if re.fullmatch(r"[xy]axis\d*", name)}


@pytest.mark.parametrize("make, measure, unit", [(make, measure, unit) for _, make, measure, unit in CHARTS],
                         ids=[name for name, *_ in CHARTS])
def test_every_chart_has_a_title_and_titled_axes_that_name_the_unit(make, measure, unit):
    layout = make().to_plotly_json()["layout"]
    assert layout["title"]["text"].strip()
    axes = _axes(layout)
    assert {"xaxis", "yaxis"} <= set(axes)
    untitled = [name for name, axis in axes.items()
                if axis.get("visible", True) and not axis.get("title", {}).get("text", "").strip()]
    assert not untitled, untitled
    if measure == "colorbar":
        figure = make()
        measured = figure.data[0].colorbar.title.text
    else:
        measured = " ".join(axis["title"]["text"] for name, axis in axes.items() if name.startswith(measure))
    assert unit in measured


@pytest.mark.parametrize("make", [make for _, make in EMPTY_CHARTS], ids=[name for name, _ in EMPTY_CHARTS])
def test_a_chart_with_nothing_to_draw_says_so_and_shows_no_empty_axes(make):
    layout = make().to_plotly_json()["layout"]
    assert re.search(r"no |none|nothing", layout["title"]["text"])
    assert all(axis.get("visible") is False for axis in _axes(layout).values())


def test_ambition_bars_of_one_indicator_with_several_targets_each_get_their_own_row():
    frame = pd.DataFrame({"ambition_percent": [10.0, 20.0, 5.0], "label": ["NWL · BV9", "NWL · BV9", "NWL · BV12"],
                          "target_period": ["2007/08", "2008/09", "2007/08"]})
    bar = build_ambition_chart(frame, "Ambition").data[0]
    assert list(bar.y) == ["NWL · BV12", "NWL · BV9 (2007/08)", "NWL · BV9 (2008/09)"]


def test_workshop_slope_names_a_long_made_up_ref_briefly():
    ranking = _ranking().assign(ref=["CAT-strong-inclusive-communities-3", "2"])
    names = list(build_rank_slope(ranking).layout.yaxis.ticktext)
    assert any(name.startswith(("1. CAT-strong-…", "2. CAT-strong-…")) for name in names), names
    assert all(len(line) <= 30 for name in names for line in name.split("<br>")), names
