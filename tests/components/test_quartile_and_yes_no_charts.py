"""Quartile bands (stacked to 100%, each band named by words and pattern, with its year and source)
and Yes/No profiles (answers in words, never an empty chart)."""
import pandas as pd

from components.chart_layout import MIN_TEXT_SIZE
from components.definition_panel import definition_lines, escaped
from components.quartile_charts import build_quartile_bands, build_quartile_comparison
from components.yes_no_charts import build_yes_no_profile
from perfdash.views.quartiles import quartile_bands
from tests.views.test_quartiles import band


def leicester_and_nwl():
    return quartile_bands(pd.DataFrame([
        band("lcc", "bvpp", 2001, "Top quartile", 1, 39), band("lcc", "bvpp", 2001, "Middle two quartiles", 2, 27),
        band("lcc", "bvpp", 2001, "Bottom quartile", 3, 34), band("lcc", "bvpp", 2002, "Top quartile", 1, 29),
        band("lcc", "bvpp", 2002, "Middle two quartiles", 2, 44), band("lcc", "bvpp", 2002, "Bottom quartile", 3, 27),
        band("nwl", "delivery", 2005, "Top quartile", 1, 25)]))


def totals(figure, position_axis):
    sums = {}
    for trace in figure.data:
        positions = trace.x if position_axis == "x" else trace.y
        shares = trace.y if position_axis == "x" else trace.x
        for where, share in zip(positions, shares):
            sums[where] = sums.get(where, 0) + share
    return sums


def test_each_year_stacks_to_the_whole_from_the_bottom_quartile_up():
    bands = leicester_and_nwl()
    figure = build_quartile_bands(bands[bands["council_id"] == "lcc"])
    assert totals(figure, "x") == {"2001/02": 100, "2002/03": 100}
    assert [trace.name for trace in figure.data] == ["Bottom quartile", "Middle quartiles", "Top quartile"]
    assert figure.layout.barmode == "stack" and list(figure.layout.yaxis.range) == [0, 100]
    assert figure.layout.yaxis.title.text == "Share of comparable indicators (%)"
    assert figure.layout.xaxis.title.text == "Financial year"


def test_every_band_says_its_share_year_and_source_and_has_its_own_pattern():
    bands = leicester_and_nwl()
    figure = build_quartile_comparison(bands)
    patterns = [trace.marker.pattern.shape for trace in figure.data]
    assert len(set(patterns)) == len(patterns), "no two bands differ by colour alone"
    for trace in figure.data:
        assert all(text.endswith(("%", "not split")) for text in trace.text)
        assert all("Source: " in hover and ".txt:" in hover for hover in trace.hovertext)
        assert trace.textfont.size >= MIN_TEXT_SIZE
    assert figure.layout.uniformtext.minsize >= MIN_TEXT_SIZE
    assert totals(figure, "y") == {"Lcc · 2001/02": 100, "Lcc · 2002/03": 100, "Nwl · 2005/06": 100}
    rest = next(trace for trace in figure.data if trace.name == "Not split by the plan")
    assert list(rest.text) == ["75% not split"] and "2005/06" in rest.hovertext[0]


def test_no_bands_say_so_in_the_title():
    empty = leicester_and_nwl().iloc[0:0]
    assert build_quartile_comparison(empty).layout.title.text.endswith("none printed")


def yes_no_rows(actual=None):
    rows = [{"indicator_id": "x", "code": "BV200b", "title": "LDS milestones met", "unit": "yes_no",
             "profile": "snapshot", "polarity": "higher", "quarter": q, "kind": "target", "value": None,
             "value_text": "Yes", "source": "f:1017", "origin": "plan"} for q in (None, 1, 2, 3, 4)]
    if actual:
        rows.append({**rows[1], "kind": "actual", "value": 0.0, "value_text": actual, "origin": "store"})
    return pd.DataFrame(rows)


def test_a_yes_no_profile_shows_each_targeted_answer_in_words():
    figure = build_yes_no_profile(yes_no_rows())
    drawn = [(x, y, text) for trace in figure.data if trace.mode == "markers+text"
             for x, y, text in zip(trace.x, trace.y, trace.text)]
    assert sorted(drawn) == sorted((column, "Target", "Yes") for column in ("Q1", "Q2", "Q3", "Q4", "Year"))
    assert any("none recorded" in (trace.text or [""])[0] for trace in figure.data if trace.mode == "text")
    assert figure.layout.yaxis.title.text == "Answer (Yes/No)"


def test_a_recorded_no_is_shown_with_its_status_in_words_and_another_shape():
    statuses = pd.DataFrame({"quarter": [1], "rag": ["red"], "rag_reason": ["No against a target of Yes"]})
    figure = build_yes_no_profile(yes_no_rows(actual="No"), statuses)
    no = next(trace for trace in figure.data if trace.mode == "markers+text" and "No" in trace.text[0])
    yes = next(trace for trace in figure.data if trace.mode == "markers+text" and "Yes" in trace.text[0])
    assert list(no.x) == ["Q1"] and list(no.y) == ["Actual"]
    assert no.text[0] == "No ✖" and "Off target: No against a target of Yes" in no.hovertext[0]
    assert no.marker.symbol != yes.marker.symbol


def test_words_from_a_plan_or_register_are_never_read_as_markdown():
    row = {"code": None, "title": "[click](http://example.org) ![x](http://example.org/i.png) **bold**",
           "definition": "Local", "national_title": None, "unit_words": "count", "polarity_words": "Higher is better",
           "plan_title": "Plan", "source": "p.txt:1", "note": None}
    text = "\n".join(definition_lines(row))
    assert "](" not in text.replace("\\](", "").replace("\\]\\(", "")
    assert "\\[click\\]\\(http\\:" in text and "\\*\\*bold\\*\\*" in text
    assert escaped(None) == ""
