"""Charts that compare councils: the theme matrix, shared national indicators and target
ambition. Pure: data frame in, plotly Figure out."""
from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from components.chart_layout import apply_layout, short
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
        colorbar={"title": {"text": "count"}},
    ))
    figure.update_xaxes(tickangle=-30)
    return apply_layout(figure, f"Theme matrix: number of {words} by council and common theme (count)",
                        height=max(360, 110 * len(table.index) + 220))


def build_shared_comparison(shared: pd.DataFrame, per_council: bool = True) -> go.Figure:
    """For each shared national code, each council's latest actual (bar) and next target
    (diamond), one panel per code and unit, so a code printed in two units is never drawn on one
    axis; `shared` holds shared_verdicts rows.
    With per_council=False (too many councils to draw one by one), `shared` holds
    compare_shared_against_target rows instead, and one stacked bar per code counts the councils'
    indicators better than, the same as or worse than their own target."""
    if shared.empty:
        return apply_layout(go.Figure(), "Shared indicators: none to compare", height=300)
    if not per_council:
        return _shared_against_target(shared)
    # Plain records, grouped by code and unit in the rows' order: a few hundred rows at most, where
    # pandas' per-group overhead would cost more than the drawing.
    by_code: dict[tuple[str, str], list[dict]] = {}
    for record in shared.to_dict("records"):
        by_code.setdefault((record["code"], record["unit"]), []).append(record)
    columns = min(3, len(by_code))
    rows_needed = math.ceil(len(by_code) / columns)
    figure = make_subplots(rows=rows_needed, cols=columns, subplot_titles=[
        f"{code} {short(rows[0]['title'], 40)}<br><sup>{unit_label(rows[0]['unit'])}"
        f" · {polarity_words(rows[0]['polarity']).lower()}</sup>" for (code, _), rows in by_code.items()])
    councils = sorted(shared["council_name"].unique())
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
    # Panel n (from 0, by row) has y axis n + 1; one update for all is cheaper than one per panel.
    figure.update_layout({f"yaxis{index + 1 if index else ''}": {"title": {"text": unit_label(rows[0]["unit"])}}
                          for index, rows in enumerate(by_code.values())})
    figure.update_annotations(font_size=BASE_FONT_SIZE - 2)
    return apply_layout(figure, "Shared indicators: latest actual (bar) and next target (◇), in each indicator's "
                                "unit", height=max(380, 340 * rows_needed))


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
    figure.update_layout(barmode="stack")
    figure.update_yaxes(autorange="reversed")
    figure.update_xaxes(title_text="Councils' indicators (count)")
    return apply_layout(figure, "Shared indicators: councils' latest actual against their own next target "
                                "(count of indicators)", height=max(360, 48 * len(counts) + 200))


def build_ambition_chart(ambition: pd.DataFrame, title: str) -> go.Figure:
    """Horizontal bars of target ambition in percent: right of zero asks for improvement,
    left of zero accepts a decline. The words are printed on each bar as well."""
    data = ambition.dropna(subset=["ambition_percent"]).sort_values("ambition_percent")
    if data.empty:
        return apply_layout(go.Figure(), title + ": nothing to measure", height=300)
    words = ["stretch" if v > 0 else "no change" if v == 0 else "accepts decline" for v in data["ambition_percent"]]
    colours = [OKABE_ITO[0] if v > 0 else "#6B6B6B" if v == 0 else OKABE_ITO[5] for v in data["ambition_percent"]]
    figure = go.Figure(go.Bar(
        x=data["ambition_percent"], y=data["label"], orientation="h", marker_color=colours,
        text=[f"{v:+.1f}% {w}" for v, w in zip(data["ambition_percent"], words)], textposition="auto",
        hovertext=data["hover"] if "hover" in data else None, hoverinfo="text" if "hover" in data else None,
    ))
    figure.update_xaxes(title_text="Change asked of the target, % of starting value (positive = improvement)",
                        zeroline=True, zerolinewidth=2, zerolinecolor="#000000")
    return apply_layout(figure, title, height=max(360, 34 * len(data) + 160))
