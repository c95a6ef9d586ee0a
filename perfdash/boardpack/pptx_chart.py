"""The red slides' native chart: a PowerPoint line chart of an indicator's quarters against target,
built from chart data (editable in PowerPoint, not a picture), with a title, axis titles, round
ticks matching the PDF's chart, data labels and alt text. The value line is solid with round
markers, the target dashed with open diamonds, so the two differ without colour."""
from __future__ import annotations

from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import (
    XL_CHART_TYPE,
    XL_LABEL_POSITION,
    XL_LEGEND_POSITION,
    XL_MARKER_STYLE,
)
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.util import Inches, Pt

from perfdash.boardpack import svg_chart
from perfdash.boardpack.content import RedIndicator
from perfdash.palette import OKABE_ITO

FONT = "Arial"  # metric-compatible Liberation Sans stands in where Arial is missing
BLACK, WHITE = RGBColor(0, 0, 0), RGBColor(0xFF, 0xFF, 0xFF)


def _rgb(colour: str) -> RGBColor:
    return RGBColor.from_string(colour.lstrip("#"))


def number_format(values) -> str:
    """An Excel number format that shows every value as the pack's text does: thousands
    separated, and only the decimals the figures have (at most two)."""
    numbers = [v for v in values if v is not None]
    decimals = max((len(f"{v:.2f}".rstrip("0").split(".")[1]) for v in numbers), default=0)
    return "#,##0" + ("." + "0" * decimals if decimals else "")


def add_chart(slide, red: RedIndicator, x: float, y: float, w: float, h: float, write) -> None:
    """The chart on `slide` at (x, y), w by h inches; `write` sets a text frame's plain text."""
    data = CategoryChartData(number_format=number_format((*red.actuals, *red.targets)))
    data.categories = list(red.periods)
    data.add_series("Value", list(red.actuals))
    data.add_series("Target", list(red.targets))
    frame = slide.shapes.add_chart(XL_CHART_TYPE.LINE_MARKERS, Inches(x), Inches(y), Inches(w), Inches(h), data)
    frame._element.nvGraphicFramePr.cNvPr.set("descr", f"{red.chart_title}. {red.chart_description()}")  # alt text
    chart = frame.chart
    chart.font.size, chart.font.name = Pt(14), FONT
    chart.has_title = True
    write(chart.chart_title.text_frame, [(red.chart_title, 16, True)])
    for axis, words in ((chart.value_axis, red.value_axis_title), (chart.category_axis, "Quarter")):
        axis.has_title = True
        write(axis.axis_title.text_frame, [(words, 14, False)])
        axis.tick_labels.font.size = Pt(14)
    chart.has_legend = True
    chart.legend.position, chart.legend.include_in_layout = XL_LEGEND_POSITION.BOTTOM, False
    chart.legend.font.size = Pt(14)
    value, target = chart.plots[0].series
    value.format.line.color.rgb, value.format.line.width = _rgb(OKABE_ITO[0]), Pt(3)
    value.marker.style, value.marker.size = XL_MARKER_STYLE.CIRCLE, 9
    value.marker.format.fill.solid()
    value.marker.format.fill.fore_color.rgb = _rgb(OKABE_ITO[0])
    target.format.line.color.rgb, target.format.line.width = BLACK, Pt(2)
    target.format.line.dash_style = MSO_LINE_DASH_STYLE.DASH
    target.marker.style, target.marker.size = XL_MARKER_STYLE.DIAMOND, 9
    target.marker.format.fill.solid()
    target.marker.format.fill.fore_color.rgb = WHITE
    target.marker.format.line.color.rgb = BLACK
    labels = value.data_labels
    # Labels on the side away from the target line, so the target's markers do not cover them.
    below = sum(a < t for a, t in zip(red.actuals, red.targets) if a is not None and t is not None) > \
        sum(a > t for a, t in zip(red.actuals, red.targets) if a is not None and t is not None)
    labels.show_value, labels.font.size = True, Pt(14)
    labels.position = XL_LABEL_POSITION.BELOW if below else XL_LABEL_POSITION.ABOVE
    # The same round ticks as the PDF's chart, each shown with the decimals its step needs.
    ticks = svg_chart.nice_ticks(*_span((*red.actuals, *red.targets)))
    axis = chart.value_axis
    axis.minimum_scale, axis.maximum_scale = ticks[0], ticks[-1]
    axis.major_unit = ticks[1] - ticks[0] if len(ticks) > 1 else 1
    axis.tick_labels.number_format = number_format(ticks)
    axis.tick_labels.number_format_is_linked = False


def _span(values) -> tuple[float, float]:
    numbers = [v for v in values if v is not None]
    return (min(numbers), max(numbers)) if numbers else (0.0, 1.0)
