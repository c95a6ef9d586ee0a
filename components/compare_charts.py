"""Charts that compare councils: the theme matrix, shared national indicators and target
ambition. Pure: data frame in, plotly Figure out."""
from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from components.chart_layout import (
    apply_layout,
    empty_chart,
    layout_settings,
    short,
    subtitle,
    wrap,
)
from perfdash.palette import BASE_FONT_SIZE, OKABE_ITO, RAG_STYLES, SEQUENTIAL
from perfdash.polarity import polarity_words, unit_label
from perfdash.views.compare import AGAINST_TARGET_WORDS

# Colour, and a fill pattern so that colour is never alone; the words are in the legend and on hover.
_AGAINST_TARGET_STYLES = {
    "better": (RAG_STYLES["green"][0], ""),
    "same": (OKABE_ITO[4], "."),
    "worse": (RAG_STYLES["red"][0], "x"),
    "not_comparable": (RAG_STYLES["no_data"][0], "/"),
}


def build_theme_matrix(matrix: pd.DataFrame, measure: str = "total") -> go.Figure:
    """Councils x common themes heat map with the count printed in every cell."""
    words = {"total": "priorities, indicators and actions", "priorities": "priorities",
             "indicators": "indicators", "actions": "actions"}[measure]
    table = matrix.pivot_table(index="council_name", columns="common_theme", values=measure,
                               aggfunc="sum", fill_value=0)
    figure = go.Figure(go.Heatmap(
        z=table.values, x=list(table.columns), y=list(table.index), colorscale=SEQUENTIAL,
        text=table.values, texttemplate="%{text}", textfont={"size": BASE_FONT_SIZE},
        hovertemplate="%{y}<br>%{x}<br>%{z} " + words + "<extra></extra>",
        colorbar={"title": {"text": "Count"}},
    ))
    return apply_layout(figure, f"Theme matrix: number of {words} by council and common theme (count)",
                        height=max(360, 110 * len(table.index) + 260),
                        xaxis={"tickangle": -30, "title": {"text": "Common theme"}},
                        yaxis={"title": {"text": "Council"}})


# The shared-indicator panels, in px: each panel's plot, the room under it for the council names and
# the axis title, and above it for the panel's title; the gap between rows holds both.
_PANEL_PX = 220
_PANEL_FOOT_PX = 110
_PANEL_TITLE_PX = 70
_PANEL_GAP_PX = _PANEL_FOOT_PX + _PANEL_TITLE_PX


def build_shared_comparison(shared: pd.DataFrame, per_council: bool = True) -> go.Figure:
    """For each shared national code, each council's latest actual (bar) and next target
    (diamond), one panel per code and unit, so a code printed in two units is never drawn on one
    axis; `shared` holds shared_verdicts rows.
    With per_council=False (too many councils to draw one by one), `shared` holds
    compare_shared_against_target rows instead, and one stacked bar per code counts the councils'
    indicators better than, the same as or worse than their own target."""
    if shared.empty:
        return empty_chart("Shared indicators: none to compare")
    if not per_council:
        return _shared_against_target(shared)
    # Plain records, grouped by code and unit in the rows' order: a few hundred rows at most, where
    # pandas' per-group overhead would cost more than the drawing.
    by_code: dict[tuple[str, str], list[dict]] = {}
    for record in shared.to_dict("records"):
        by_code.setdefault((record["code"], record["unit"]), []).append(record)
    councils = sorted(shared["council_name"].unique())
    # A panel needs about 90 px per council for its wrapped name; a full-width chart is at least ~800 px.
    columns = max(1, min(3, len(by_code), 800 // (90 * len(councils) + 90)))
    rows_needed = math.ceil(len(by_code) / columns)
    plot_area = rows_needed * _PANEL_PX + (rows_needed - 1) * _PANEL_GAP_PX
    figure = make_subplots(
        rows=rows_needed, cols=columns, horizontal_spacing=0.1 if columns > 1 else 0.2,
        vertical_spacing=_PANEL_GAP_PX / plot_area if rows_needed > 1 else 0.3,
        subplot_titles=[wrap(f"{code} {short(rows[0]['title'], 56)}", 30, 2) + subtitle(wrap(
            f"{unit_label(rows[0]['unit'])} · {polarity_words(rows[0]['polarity']).lower()}", 34, 2))
            for (code, _), rows in by_code.items()])
    colours = {name: OKABE_ITO[i % len(OKABE_ITO)] for i, name in enumerate(councils)}
    # Traces are collected and added in one call (plotly re-validates the figure on each add_trace),
    # with one bar per council, so the legend can show or hide a council in every panel, and one
    # trace for all the targets of a panel.
    traces, places = [], []
    in_legend: set[str] = set()
    for index, rows in enumerate(by_code.values()):
        place = (index // columns + 1, index % columns + 1)
        for item in rows:
            name = item["council_name"]
            traces.append(go.Bar(
                x=[name], y=[item["actual"]], name=f"{name} actual", marker_color=colours[name], legendgroup=name,
                showlegend=name not in in_legend,
                hovertext=f"{name} actual {item['actual_period']}: {item['actual_text']}<br>{item['actual_source']}",
                hoverinfo="text"))
            places.append(place)
            in_legend.add(name)
        targets = [item for item in rows if pd.notna(item["target"])]
        if targets:
            traces.append(go.Scatter(
                x=[t["council_name"] for t in targets], y=[t["target"] for t in targets], mode="markers",
                name="Target", marker={"symbol": "diamond-open", "size": 16, "color": "#000000", "line": {"width": 3}},
                legendgroup="target", showlegend="Target" not in in_legend,
                hovertext=[f"{t['council_name']} target {t['target_period']}: {t['target_text']}"
                           f"<br>{t['target_source']}" for t in targets],
                hoverinfo="text"))
            places.append(place)
            in_legend.add("Target")
    figure.add_traces(traces, rows=[row for row, _ in places], cols=[col for _, col in places])
    # Panel n (from 0, by row) has axes n + 1. One update for all is cheaper than one per panel.
    # Council names are wrapped onto lines, level, so they neither run into each other nor are cut.
    names = {"tickmode": "array", "tickvals": councils, "ticktext": [wrap(name, 16, 4) for name in councils],
             "tickangle": 0, "automargin": True, "title": {"text": "Council"}}
    axes = {}
    for index, rows in enumerate(by_code.values()):
        suffix = index + 1 if index else ""
        axes[f"xaxis{suffix}"] = names
        axes[f"yaxis{suffix}"] = {"title": {"text": unit_label(rows[0]["unit"])}, "automargin": True}
    figure.update_layout(axes)
    figure.update_annotations(font_size=BASE_FONT_SIZE - 2)
    title = "Shared indicators: latest actual (bar) and next target (◇), each in its own unit"
    legend_rows = math.ceil(sum(len(name) + 14 for name in councils) / 90)
    top = layout_settings(title)["margin"]["t"] + _PANEL_TITLE_PX
    bottom = _PANEL_FOOT_PX + 30 * legend_rows
    return apply_layout(figure, title, height=top + plot_area + bottom,
                        margin={"l": 60, "r": 20, "t": top, "b": bottom},
                        legend={"y": -_PANEL_FOOT_PX / plot_area, "yanchor": "top"})


def _shared_against_target(counts: pd.DataFrame) -> go.Figure:
    labels = [f"{code} {short(title, 40)} ({unit_label(unit)}, {polarity_words(polarity).lower()})"
              for code, title, unit, polarity in zip(counts["code"], counts["title"], counts["unit"],
                                                      counts["polarity"])]
    figure = go.Figure([
        go.Bar(x=counts[column], y=labels, orientation="h", name=AGAINST_TARGET_WORDS[column],
               marker={"color": colour, "pattern": {"shape": pattern, "fgcolor": "#000000"}},
               text=counts[column], textposition="inside", insidetextanchor="middle",
               hovertemplate="%{y}<br>%{x} indicators: " + AGAINST_TARGET_WORDS[column].lower() + "<extra></extra>")
        for column, (colour, pattern) in _AGAINST_TARGET_STYLES.items()])
    return apply_layout(figure, "Shared indicators: councils' latest actual against their own next target "
                                "(count of indicators)", height=max(360, 48 * len(counts) + 200), barmode="stack",
                        xaxis={"title": {"text": "Councils' indicators (count)"}},
                        yaxis={"title": {"text": "National code"}, "autorange": "reversed"})


def build_ambition_chart(ambition: pd.DataFrame, title: str) -> go.Figure:
    """Horizontal bars of target ambition in percent: right of zero asks for improvement,
    left of zero accepts a decline. The words are printed beside each bar as well, outside it,
    with room kept for them beyond the longest bar on each side."""
    data = ambition.dropna(subset=["ambition_percent"]).sort_values("ambition_percent")
    if data.empty:
        return empty_chart(title + ": nothing to measure")
    values = data["ambition_percent"]
    words = ["stretch" if v > 0 else "no change" if v == 0 else "accepts decline" for v in values]
    colours = [OKABE_ITO[0] if v > 0 else "#6B6B6B" if v == 0 else OKABE_ITO[5] for v in values]
    texts = [f"{v:+.1f}% {w}" for v, w in zip(values, words)]
    labels = _distinct(list(data["label"]), list(data["target_period"]) if "target_period" in data else None)
    figure = go.Figure(go.Bar(
        x=values, y=labels, orientation="h", marker_color=colours, text=texts, textposition="outside",
        cliponaxis=False, textfont={"color": "#1A1A1A", "size": _AMBITION_TEXT_SIZE},
        hovertext=data["hover"] if "hover" in data else None, hoverinfo="text" if "hover" in data else None,
    ))
    return apply_layout(figure, title, height=max(360, 40 * len(data) + 200),
                        xaxis={"title": {"text": "Change asked of the target (% of its starting value)<br>"
                                                 "positive = asks for improvement, negative = accepts decline"},
                               "range": _room_for_words(values.tolist(), texts), "zeroline": True,
                               "zerolinewidth": 2, "zerolinecolor": "#000000"},
                        # Labels on two lines, so the bars keep most of the chart's width.
                        yaxis={"title": {"text": "Council · indicator"}, "tickmode": "array", "tickvals": labels,
                               "ticktext": [wrap(label, 36, 2) for label in labels]})


def _distinct(labels: list[str], periods: list | None) -> list[str]:
    """Bar labels that are each drawn once: a council's indicator with targets for several years
    is named with the year of each target, so its bars do not fall on one row."""
    repeated = {label for label in labels if labels.count(label) > 1}
    named = [f"{label} ({periods[i]})" if label in repeated and periods else label for i, label in enumerate(labels)]
    seen: dict[str, int] = {}
    distinct = []
    for label in named:
        seen[label] = seen.get(label, 0) + 1
        distinct.append(label if seen[label] == 1 else f"{label} [{seen[label]}]")
    return distinct


_AMBITION_TEXT_SIZE = 14
# The narrowest plot area expected for the bars: a full-width chart on a laptop less its labels.
_AMBITION_PLOT_PX = 480


def _room_for_words(values: list[float], texts: list[str]) -> list[float]:
    """The x range, with room beyond the longest bar on each side for the words printed outside
    the bars on that side (about 0.55 of the text size per character)."""
    low, high = min(min(values), 0.0), max(max(values), 0.0)
    span = (high - low) or 1.0
    char_px = 0.55 * _AMBITION_TEXT_SIZE
    left = max((len(t) for v, t in zip(values, texts) if v < 0), default=0) * char_px + 8
    right = max((len(t) for v, t in zip(values, texts) if v >= 0), default=0) * char_px + 8
    per_px = span / max(_AMBITION_PLOT_PX - left - right, 120)
    return [low - left * per_px, high + right * per_px]
