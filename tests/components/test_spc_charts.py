"""The XmR chart and the SPC icons: what a reader sees, without Streamlit."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from components import spc_icons
from components.chart_layout import MIN_TEXT_SIZE
from components.spc_charts import build_xmr_chart
from perfdash.palette import OKABE_ITO
from perfdash.spc import verdicts, xmr

BASE = [10.0, 12.0] * 5      # mean 11, limits 5.68 and 16.32 (tests/spc/series.py)
SVG = "{http://www.w3.org/2000/svg}"


def traces(figure, name):
    return [t for t in figure.data if t.name == name]


def chart(values, polarity="higher", **kwargs):
    periods = [f"Q{n % 4 + 1} {2000 + n // 4}" for n in range(len(values))]
    change = kwargs.pop("change_at", None)
    result = xmr.xmr(values, periods, polarity=polarity, change_points=[periods[change]] if change else (),
                     **kwargs)
    return result, build_xmr_chart(result, "Council tax collected", "percent")


def test_mean_and_limits_are_drawn_at_their_values():
    _, figure = chart(BASE + [11.0])
    (mean,) = traces(figure, "Mean")
    upper, lower = traces(figure, "Process limits")
    assert all(y == pytest.approx(11.0) for y in mean.y) and len(mean.y) == 11
    assert {round(upper.y[0], 2), round(lower.y[0], 2)} == {5.95, 16.05}   # 11 points now: by hand mr 1.9
    assert upper.line.dash == "dash" and mean.line.dash == "solid"


def test_special_cause_points_differ_by_shape_colour_and_label():
    # 20 is above the limit (a concern where lower is better); then 7 below the mean (an improvement).
    result, figure = chart(BASE + [20.0] + [9.0] * 7, polarity="lower", baseline=10)
    (concern,) = traces(figure, "Special cause: concern")
    (improvement,) = traces(figure, "Special cause: improvement")
    (values,) = traces(figure, "Value")
    assert list(concern.x) == [result.points[10].period]
    assert len(improvement.x) == 7
    symbols = {values.marker.symbol, concern.marker.symbol, improvement.marker.symbol}
    colours = {values.marker.color, concern.marker.color, improvement.marker.color}
    assert len(symbols) == 3 and len(colours) == 3
    assert {concern.marker.color, improvement.marker.color} <= set(OKABE_ITO)
    assert concern.text == ("Concern",)
    assert improvement.text[0] == "Improvement" and set(improvement.text[1:]) == {""}   # one label per run


def test_a_neutral_signal_is_marked_as_a_change():
    _, figure = chart(BASE + [20.0], polarity="neutral", baseline=10)
    (change,) = traces(figure, "Special cause: change")
    assert change.text == ("Change",) and change.marker.symbol not in ("circle", "diamond", "square")


def test_title_says_the_verdicts_and_the_axis_its_unit():
    _, figure = chart(BASE + [20.0], baseline=10, target=4.0)
    title = figure.layout.title.text
    assert title.startswith("Council tax collected")
    assert verdicts.VARIATION_WORDS[xmr.IMPROVEMENT] in title and verdicts.ASSURANCE_WORDS[xmr.PASS] in title
    assert figure.layout.yaxis.title.text == "Value (%)"
    assert traces(figure, "Target 4%")[0].y[0] == 4.0


def test_every_text_is_at_least_twelve_pixels():
    _, figure = chart(BASE + [20.0] + [9.0] * 7, baseline=10)
    assert figure.layout.font.size >= MIN_TEXT_SIZE
    sizes = [int(s) for s in re.findall(r"font-size:(\d+)px", figure.layout.title.text)]
    assert sizes and min(sizes) >= MIN_TEXT_SIZE
    assert all(t.textfont.size is None or t.textfont.size >= MIN_TEXT_SIZE for t in figure.data)


def test_limits_break_at_a_change_point():
    _, figure = chart(BASE + [20.0, 22.0] * 5, change_at=10)
    means = traces(figure, "Mean")
    assert [round(t.y[0], 2) for t in means] == [11.0, 21.0]
    assert [len(t.x) for t in means] == [10, 10]
    assert [t.showlegend for t in means] == [True, False]


def test_under_ten_points_there_are_no_limits_and_the_chart_says_so():
    _, figure = chart(BASE[:9])
    assert traces(figure, "Process limits") == [] and traces(figure, "Mean") == []
    assert "read the RAG status and the direction of travel" in figure.layout.title.text


# --- icons ---------------------------------------------------------------------------------------

def parse(svg: str):
    return ET.fromstring(svg)


ALL_ICONS = ([("variation", v, d) for v in xmr.VARIATIONS for d in (-1, 0, 1)]
             + [("assurance", a, 0) for a in xmr.ASSURANCES])


def draw(kind, verdict, direction):
    return (spc_icons.variation_icon(verdict, direction) if kind == "variation"
            else spc_icons.assurance_icon(verdict))


@pytest.mark.parametrize(("kind", "verdict", "direction"), ALL_ICONS)
def test_every_icon_has_alt_text_in_words(kind, verdict, direction):
    root = parse(draw(kind, verdict, direction))
    title = root.find(f"{SVG}title").text
    assert root.get("role") == "img" and root.get("aria-label") == title
    words = verdicts.VARIATION_WORDS if kind == "variation" else verdicts.ASSURANCE_WORDS
    assert title.startswith(words[verdict])


def _marks(svg: str) -> tuple:
    """What an icon shows apart from colour: its outline shape, its letter and its paths."""
    root = parse(svg)
    shapes = tuple(child.tag.replace(SVG, "") for child in root if child.tag != f"{SVG}title")
    letters = tuple(t.text for t in root.iter(f"{SVG}text"))
    dashed = tuple(bool(e.get("stroke-dasharray")) for e in root)
    paths = tuple(p.get("d") for p in root.iter(f"{SVG}path"))
    return shapes, letters, dashed, paths


def test_no_two_verdicts_look_alike_without_colour():
    distinct = ([("variation", v, d) for v in (xmr.IMPROVEMENT, xmr.CONCERN, xmr.NEITHER) for d in (-1, 1)]
                + [("variation", xmr.COMMON_CAUSE, 0), ("variation", xmr.TOO_FEW_POINTS, 0)]
                + [("assurance", a, 0) for a in xmr.ASSURANCES])
    drawn = {_marks(draw(*icon)) for icon in distinct}
    assert len(drawn) == len(distinct)


def test_special_cause_icons_point_the_way_the_values_moved():
    up = parse(spc_icons.variation_icon(xmr.CONCERN, 1)).find(f"{SVG}path").get("d")
    down = parse(spc_icons.variation_icon(xmr.CONCERN, -1)).find(f"{SVG}path").get("d")
    assert up.startswith("M24 3") and down.startswith("M24 45")
    assert "values higher" in spc_icons.variation_icon(xmr.NEITHER, 1)


@pytest.mark.parametrize(("kind", "verdict", "direction"), ALL_ICONS)
def test_icon_colours_meet_contrast_on_white(kind, verdict, direction):
    root = parse(draw(kind, verdict, direction))
    fills = [e.get("fill") for e in root if e.tag in (f"{SVG}circle", f"{SVG}rect")]
    outline = [e.get("stroke") for e in root if e.get("stroke")]
    for colour in [f for f in fills if f != "#FFFFFF"] + outline:
        assert spc_icons.contrast(colour, "#FFFFFF") >= 3.0, colour        # WCAG 1.4.11, graphics
    for text in root.iter(f"{SVG}text"):
        background = next((f for f in fills if f != "#FFFFFF"), "#FFFFFF")
        assert spc_icons.contrast(text.get("fill"), background) >= 4.5     # the letter reads as text


def test_no_assurance_says_why():
    assert "fewer than 10 points" in spc_icons.assurance_icon(xmr.NO_ASSURANCE, variation=xmr.TOO_FEW_POINTS)
    assert "there is no target" in spc_icons.assurance_icon(xmr.NO_ASSURANCE, polarity="higher")
    assert "neither higher nor lower" in spc_icons.assurance_icon(xmr.NO_ASSURANCE, target=3, polarity="neutral")


def test_icon_words_and_an_img_tag_carry_the_meaning():
    words = spc_icons.icon_words(xmr.IMPROVEMENT, xmr.HIT_OR_MISS, 1)
    assert words == (verdicts.VARIATION_WORDS[xmr.IMPROVEMENT], verdicts.ASSURANCE_WORDS[xmr.HIT_OR_MISS])
    tag = spc_icons.icon_img(spc_icons.variation_icon(xmr.IMPROVEMENT, 1), words[0])
    assert tag.startswith('<img src="data:image/svg+xml;base64,') and f'alt="{words[0]}"' in tag


def test_alt_text_is_escaped():
    svg = spc_icons._svg('a "quoted" <b> & word', "", 48)
    assert parse(svg).find(f"{SVG}title").text == 'a "quoted" <b> & word'
