"""Quarterly profile charts: one indicator's Q1-Q4 target profile with its actuals and their RAG
status, and one national code's profiles across councils. Pure: data frame in, plotly Figure out."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from components.chart_layout import (
    TITLE_LINE_PX,
    apply_layout,
    layout_settings,
    subtitle,
    title_lines,
    wrap,
)
from perfdash.palette import OKABE_ITO, RAG_STYLES
from perfdash.polarity import polarity_words, unit_label

PROFILE_WORDS = {
    "cumulative": "year to date",
    "per_quarter": "per quarter",
    "snapshot": "level at quarter end",
}
# Profile charts stand three to a row: about 300 px each on a 1280 px wide screen.
PROFILE_TITLE_WIDTH = 28
PROFILE_SUBTITLE_WIDTH = 34
PROFILE_TITLE_SIZE = 14
QUARTERS = ["Q1", "Q2", "Q3", "Q4"]
RAG_SYMBOLS = {"green": "circle", "amber": "triangle-up", "red": "x", "no_target": "circle-open",
               "no_data": "circle-open"}


def _status_traces(statuses: pd.DataFrame) -> list[go.Scatter]:
    """Quarterly actuals, one trace per RAG status: a shape, icon and words for each, so colour
    is never the only signal. `statuses` holds quarter, actual, rag, basis and rag_reason."""
    traces = []
    drawn = statuses[statuses["actual"].notna()]
    for status, rows in drawn.groupby("rag", sort=False):
        colour, icon, words = RAG_STYLES[status]
        traces.append(go.Scatter(
            x=[f"Q{int(q)}" for q in rows["quarter"]], y=rows["actual"], mode="markers+text",
            name=f"Actual: {icon} {words}", text=[f"{icon} {words}"] * len(rows),
            # Labels lean inwards at the ends so the first and last quarters' words stay inside the chart.
            textposition=[{1: "top right", 4: "top left"}.get(int(q), "top center") for q in rows["quarter"]],
            marker={"symbol": RAG_SYMBOLS[status], "size": 15, "color": colour, "line": {"width": 2,
                                                                                      "color": "#000000"}},
            # Column by column: itertuples builds a tuple of all forty columns of a judged quarter.
            hovertext=[f"Q{int(quarter)} actual ({basis}): <b>{actual:,.2f}</b><br>{icon} {words}: {reason}"
                       for quarter, basis, actual, reason in zip(rows["quarter"], rows["basis"], rows["actual"],
                                                                 rows["rag_reason"])],
            hoverinfo="text", showlegend=False))
    return traces


def _profile_trace(rows: pd.DataFrame, profile: str | None, colour: str) -> go.BaseTraceType:
    quarters = [f"Q{int(q)}" for q in rows["quarter"]]
    hover = [f"Q{int(quarter)} target: <b>{text}</b><br>{source}"
             for quarter, text, source in zip(rows["quarter"], rows["value_text"], rows["source"])]
    if profile == "per_quarter":
        return go.Bar(x=quarters, y=rows["value"], name="Quarterly target", marker_color=colour,
                      hovertext=hover, hoverinfo="text", showlegend=False)
    shape = "hv" if profile == "snapshot" else "linear"
    return go.Scatter(x=quarters, y=rows["value"], name="Quarterly target", mode="lines+markers",
                      line={"color": colour, "width": 3, "shape": shape},
                      marker={"symbol": "diamond-open", "size": 12, "line": {"width": 2}},
                      fill="tozeroy" if profile == "cumulative" else None,
                      hovertext=hover, hoverinfo="text", showlegend=False)


def profile_title(meta: dict, width: int = PROFILE_TITLE_WIDTH) -> str:
    """Code and title, wrapped for a chart a third of the page wide, over a subtitle naming the
    unit, the profile type and the polarity."""
    code = meta.get("code") if isinstance(meta.get("code"), str) else None
    name = f"{code} · " if code else ""
    facts = (f"{unit_label(meta.get('unit'))} · {PROFILE_WORDS.get(meta.get('profile'), 'profile not stated')} · "
             f"{polarity_words(meta.get('polarity')).lower()}")
    return wrap(name + meta["title"], width) + subtitle(wrap(facts, PROFILE_SUBTITLE_WIDTH, 2))


def build_quarterly_profile(profile: pd.DataFrame, statuses: pd.DataFrame | None = None) -> go.Figure:
    """One indicator's Q1-Q4 target profile drawn as its profile type reads, the annual target
    as a dashed reference line, and quarterly actuals with their RAG status.
    `profile` holds one indicator's rows of queries/profiles_quarterly.sql; `statuses` holds its
    assessed quarters (perfdash.rag.status.assess_quarters): the actual compared (year to date
    for cumulative profiles) and its status, drawn as a shape plus icon and words."""
    meta = profile.iloc[0].to_dict()
    targets = profile[(profile["kind"] == "target") & profile["quarter"].notna() & profile["value"].notna()]
    traces = [_profile_trace(targets.sort_values("quarter"), meta.get("profile"), OKABE_ITO[0])]
    annual = profile[(profile["kind"] == "target") & profile["quarter"].isna() & profile["value"].notna()]
    if not annual.empty:
        first = annual.iloc[0]
        traces.append(go.Scatter(
            x=["Q1", "Q4"], y=[first["value"]] * 2, mode="lines", name="Annual target",
            line={"color": "#000000", "dash": "dash", "width": 2}, showlegend=False,
            hovertext=[f"Annual target: <b>{first['value_text']}</b><br>{first['source']}"] * 2, hoverinfo="text"))
    if statuses is not None and not statuses.empty:
        traces += _status_traces(statuses)
    title = profile_title(meta)
    layout = layout_settings(title, height=400)
    layout["title"]["font"] = {"size": PROFILE_TITLE_SIZE}
    layout["margin"] = {**layout["margin"], "t": 30 + TITLE_LINE_PX * title_lines(title), "b": 40}
    # Half a quarter of room at each end, so Q1's label clears the y axis's and end labels stay inside.
    layout["xaxis"] = {**layout["xaxis"], "title": {"text": "Quarter"}, "type": "category", "categoryorder": "array",
                       "categoryarray": QUARTERS, "range": [-0.5, 3.5]}
    layout["yaxis"] = {**layout["yaxis"], "title": {"text": unit_label(meta.get("unit"))}, "rangemode": "tozero"}
    # One construction: each update_* call on a built figure validates again.
    return go.Figure(data=traces, layout=layout)


def build_code_profiles(across: pd.DataFrame, code: str) -> go.Figure:
    """One national code across councils: a line per council and year through its quarterly
    targets, or a dotted level for a council that sets only an annual target."""
    figure = go.Figure()
    unit = across["unit"].dropna().iloc[0] if across["unit"].notna().any() else None
    groups = list(across.groupby(["council_name", "period"], sort=True))
    for index, ((council, period), rows) in enumerate(groups):
        colour = OKABE_ITO[index % len(OKABE_ITO)]
        quarterly = rows[rows["quarter"].notna()].sort_values("quarter")
        hover = [f"{council} {period} {'Q' + str(int(r.quarter)) if pd.notna(r.quarter) else 'annual'} target: "
                 f"<b>{r.value_text}</b><br>{r.source}" for r in (quarterly if len(quarterly) else rows).itertuples()]
        if len(quarterly):
            figure.add_trace(go.Scatter(
                x=[f"Q{int(q)}" for q in quarterly["quarter"]], y=quarterly["value"], mode="lines+markers",
                name=f"{council} {period} — quarterly target", line={"color": colour, "width": 3},
                marker={"symbol": "diamond-open", "size": 12}, hovertext=hover, hoverinfo="text"))
        else:
            level = rows.iloc[0]
            figure.add_trace(go.Scatter(
                x=["Q1", "Q4"], y=[level["value"]] * 2, mode="lines", name=f"{council} {period} — annual target",
                line={"color": colour, "width": 3, "dash": "dot"}, hovertext=hover * 2, hoverinfo="text"))
    return apply_layout(figure, f"{code}: target profiles across councils ({unit_label(unit)})", height=480,
                        xaxis={"categoryorder": "array", "categoryarray": QUARTERS, "title": {"text": "Quarter"}},
                        yaxis={"title": {"text": unit_label(unit)}, "rangemode": "tozero"})
