"""Trend charts: annual figures over financial years, actuals as a line and targets, baselines,
interims and estimates as their own markers. Pure: data frame in, plotly Figure out."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from components.chart_layout import apply_layout, empty_chart, short
from perfdash.palette import KIND_STYLES, OKABE_ITO, RAG_STYLES
from perfdash.polarity import unit_label


def series_label(row) -> str:
    """The legend name of one indicator's series: council and code (or a short title)."""
    code = row.get("code")
    code = code if isinstance(code, str) and code else None
    name = code or short(row["title"], 40)
    return f"{row['council_name']} · {name}"


def _hover(frame: pd.DataFrame) -> list[str]:
    return [
        f"<b>{row.council_name}</b> {row.title}<br>{row.kind.title()} {row.period}: <b>{row.value_text}</b>"
        f"<br>Source: {row.plan_title}<br>{row.source}"
        for row in frame.itertuples()
    ]


def _status_icons(rows: pd.DataFrame) -> list[str] | None:
    """Each actual's RAG icon and words, printed beside it, when the rows carry a status."""
    if "rag" not in rows.columns:
        return None
    return [f"{RAG_STYLES[s][1]} {RAG_STYLES[s][2]}" if isinstance(s, str) else "" for s in rows["rag"]]


def build_trend_chart(series: pd.DataFrame, title: str | None = None) -> go.Figure:
    """Annual figures over financial years: a line for actuals, distinct markers for targets,
    baselines, interims and estimates. `series` has the columns of queries/trends_series.sql."""
    figure = go.Figure()
    numeric = series[series["value"].notna()].copy()
    units = sorted(numeric["unit"].dropna().unique())
    unit_text = ", ".join(unit_label(u) for u in units) or "no unit"
    if numeric.empty:
        return empty_chart(title or "Trend: no figures to draw")
    numeric["label"] = numeric.apply(series_label, axis=1)
    years = sorted(numeric["year_start"].unique())
    for index, (label, group) in enumerate(numeric.groupby("label", sort=True)):
        colour = OKABE_ITO[index % len(OKABE_ITO)]
        for kind, (symbol, words) in KIND_STYLES.items():
            rows = group[group["kind"] == kind].sort_values("year_start")
            if rows.empty:
                continue
            is_actual = kind == "actual"
            status_icons = _status_icons(rows) if is_actual else None
            figure.add_trace(go.Scatter(
                x=rows["year_start"], y=rows["value"], name=f"{label} — {words}",
                mode=("lines+markers+text" if status_icons else "lines+markers") if is_actual else "markers",
                text=status_icons, textposition="top center",
                line={"color": colour, "width": 3},
                marker={"symbol": symbol, "size": 11 if is_actual else 15, "color": colour,
                        "line": {"width": 2, "color": colour}},
                hovertext=_hover(rows), hoverinfo="text",
            ))
    return apply_layout(figure, title or f"Trend ({unit_text})", showlegend=True,
                        xaxis={"title": {"text": "Financial year"}, "tickmode": "array", "tickvals": years,
                               "ticktext": [f"{y}/{(y + 1) % 100:02d}" for y in years]},
                        yaxis={"title": {"text": unit_text}})


def build_quarterly_status_chart(rows: pd.DataFrame, title: str) -> go.Figure:
    """One indicator's quarters over every year: what the RAG rule compared with the target (the
    year to date for a cumulative profile) as a line, each point labelled with its status icon and
    words, and the quarter's target as its own markers. `rows` is perfdash.views.trends.quarterly_rows."""
    if rows.empty:
        return empty_chart(f"{title}: no quarterly outturns yet")
    unit = rows["unit"].iloc[0]
    figure = go.Figure()
    figure.add_trace(go.Scatter(
        x=rows["period"], y=rows["compared"], mode="lines+markers+text", name="Outturn compared with the target",
        text=_status_icons(rows), textposition="top center", line={"color": OKABE_ITO[0], "width": 3},
        marker={"size": 10, "color": OKABE_ITO[0]},
        hovertext=[f"{period}: {value:g} ({basis})" for period, value, basis in
                   zip(rows["period"], rows["compared"], rows["basis"])], hoverinfo="text"))
    targets = rows[rows["target"].notna()]
    if not targets.empty:
        symbol, words = KIND_STYLES["target"]
        figure.add_trace(go.Scatter(
            x=targets["period"], y=targets["target"], mode="markers", name=f"{words} for the quarter",
            marker={"symbol": symbol, "size": 14, "color": OKABE_ITO[5], "line": {"width": 1, "color": "#1A1A1A"}}))
    return apply_layout(figure, title, xaxis={"title": {"text": "Quarter"}},
                        yaxis={"title": {"text": unit_label(unit) or "value"}})
