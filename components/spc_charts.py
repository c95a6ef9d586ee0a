"""The XmR chart of an SPC result: values, mean, process limits and the special-cause points,
each marked by shape, colour and a text label. Pure: result in, plotly Figure out."""
from __future__ import annotations

import plotly.graph_objects as go

from components.chart_layout import MIN_TEXT_SIZE, apply_layout, subtitle
from perfdash.palette import OKABE_ITO
from perfdash.polarity import format_value, unit_label
from perfdash.spc import verdicts, xmr

GREY = "#6B6B6B"
# point type: (colour, marker symbol, text label). Shape and label carry the meaning; colour helps.
POINT_STYLES = {
    xmr.COMMON_CAUSE: (GREY, "circle", ""),
    xmr.IMPROVEMENT: (OKABE_ITO[0], "diamond", "Improvement"),
    xmr.CONCERN: (OKABE_ITO[5], "square", "Concern"),
    xmr.NEITHER: (OKABE_ITO[3], "triangle-up", "Change"),
}
MEAN_COLOUR, LIMIT_COLOUR, TARGET_COLOUR = OKABE_ITO[7], GREY, OKABE_ITO[2]
LABEL_COLOUR = "#1F1F1F"  # text labels at 4.5:1 or more on white; orange and pink text would not be


def _segments(result: xmr.XmrResult) -> list[list[xmr.Point]]:
    segments: dict[int, list[xmr.Point]] = {}
    for point in result.points:
        segments.setdefault(point.segment, []).append(point)
    return list(segments.values())


def _run_labels(result: xmr.XmrResult, marked: list[xmr.Point], label: str) -> list[str]:
    """The label on the first point of each run of neighbouring points of one type, so a run of
    seven reads as one labelled signal rather than seven overlapping words."""
    position = {p.period: i for i, p in enumerate(result.points)}
    labels, previous = [], None
    for point in marked:
        here = position[point.period]
        labels.append("" if previous is not None and here == previous + 1 else label)
        previous = here
    return labels


def _hover(point: xmr.Point, unit: str | None) -> str:
    words = verdicts.rules_words(point.rules) if point.rules else "common cause"
    return f"{point.period}: <b>{format_value(point.value, unit)}</b><br>{words}"


def _line(figure: go.Figure, points: list[xmr.Point], value: float, name: str, dash: str, colour: str,
          first: bool) -> None:
    figure.add_trace(go.Scatter(
        x=[p.period for p in points], y=[value] * len(points), mode="lines", name=name, legendgroup=name,
        showlegend=first, line={"color": colour, "width": 2, "dash": dash}, hoverinfo="skip"))


def build_xmr_chart(result: xmr.XmrResult, title: str, unit: str | None = None) -> go.Figure:
    """Values as a line with markers; each segment's mean (solid) and limits (dashed), broken at a
    change point; the target when there is one; special-cause points by type, the first of each run
    labelled. Below MIN_POINTS points there are no limits, and the title says to read RAG and
    direction of travel instead."""
    figure = go.Figure()
    periods = [p.period for p in result.points]
    figure.add_trace(go.Scatter(
        x=periods, y=[p.value for p in result.points], mode="lines+markers", name="Value",
        line={"color": GREY, "width": 2}, marker={"color": GREY, "size": 7, "symbol": "circle"},
        hovertext=[_hover(p, unit) for p in result.points], hoverinfo="text"))
    limited = [segment for segment in _segments(result) if segment[0].lower_limit is not None]
    for index, segment in enumerate(limited):
        first = index == 0
        _line(figure, segment, segment[0].mean, "Mean", "solid", MEAN_COLOUR, first)
        _line(figure, segment, segment[0].upper_limit, "Process limits", "dash", LIMIT_COLOUR, first)
        _line(figure, segment, segment[0].lower_limit, "Process limits", "dash", LIMIT_COLOUR, False)
    if result.target is not None and periods:
        figure.add_trace(go.Scatter(
            x=periods, y=[result.target] * len(periods), mode="lines",
            name=f"Target {format_value(result.target, unit)}",
            line={"color": TARGET_COLOUR, "width": 2, "dash": "dashdot"}, hoverinfo="skip"))
    for point_type, (colour, symbol, label) in POINT_STYLES.items():
        marked = [p for p in result.points if p.rules and p.point_type == point_type]
        if point_type == xmr.COMMON_CAUSE or not marked:
            continue
        figure.add_trace(go.Scatter(
            x=[p.period for p in marked], y=[p.value for p in marked], mode="markers+text",
            name=f"Special cause: {label.lower()}", text=_run_labels(result, marked, label),
            textposition="top center",
            textfont={"size": MIN_TEXT_SIZE + 1, "color": LABEL_COLOUR},
            marker={"color": colour, "symbol": symbol, "size": 13, "line": {"color": "#FFFFFF", "width": 1}},
            hovertext=[_hover(p, unit) for p in marked], hoverinfo="text"))
    words = verdicts.variation_words(result.variation, result.variation_direction)
    if result.variation == xmr.TOO_FEW_POINTS:
        words += subtitle(verdicts.FALLBACK_WORDS)
    else:
        words += ". " + verdicts.assurance_words(result.assurance, variation=result.variation,
                                                 target=result.target, polarity=result.polarity)
    apply_layout(figure, f"{title}{subtitle(words)}")
    label = unit_label(unit)
    figure.update_layout(
        xaxis={"title": {"text": "Period"}, "type": "category", "automargin": True},
        yaxis={"title": {"text": f"Value ({label})" if label else "Value"}},
        legend={"yref": "container", "y": 0, "yanchor": "bottom"}, margin={"t": 110, "b": 150}, height=580)
    return figure
