"""Quartile bands: the share of a council's comparable indicators in each quartile band, stacked
to 100% for each year a plan prints, with the year and the source on every band. Pure: rows of
perfdash.views.quartiles.quartile_bands in, plotly Figure out."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from components.chart_layout import apply_layout, wrap
from perfdash.palette import OKABE_ITO
from perfdash.views.quartiles import NOT_SPLIT_ORDER

# band_order: (colour, fill pattern, legend words). The pattern and the words inside each band say
# which band it is, so colour is never the only signal.
BAND_STYLES = {
    1: (OKABE_ITO[2], "", "Top quartile"),
    2: (OKABE_ITO[4], ".", "Middle quartiles"),
    3: (OKABE_ITO[5], "x", "Bottom quartile"),
    4: ("#BBBBBB", "-", "Band named otherwise"),
    NOT_SPLIT_ORDER: ("#E6E6E6", "/", "Not split by the plan"),
}
# Drawn from the bottom of each bar up: bottom quartile first, the top quartile on top.
_STACK_ORDER = (3, 2, 4, NOT_SPLIT_ORDER, 1)
SHARE_AXIS = "Share of comparable indicators (%)"
TEXT_SIZE = 14
# Plotly shrinks text that does not fit a band; never below 12 px (it is shown, and on hover).
_UNIFORM_TEXT = {"minsize": 12, "mode": "show"}


def _band_text(row) -> str:
    share = f"{row.share_percent:g}%"
    return share if row.printed else f"{share} not split"


def _hover(rows: pd.DataFrame) -> list[str]:
    return [f"<b>{r.council_name}</b> {r.period}<br>{r.band}: <b>{r.value_text or f'{r.share_percent:g}%'}</b>"
            f"{'' if r.printed else ' (the rest, not split by the plan)'}<br>Source: {r.plan_title}<br>{r.source}"
            for r in rows.itertuples()]


def _traces(bands: pd.DataFrame, horizontal: bool) -> list[go.Bar]:
    """One trace per band, in stacking order, each bar at its row's `position`."""
    traces = []
    for order in _STACK_ORDER:
        rows = bands[bands["band_order"] == order]
        if rows.empty:
            continue
        colour, pattern, words = BAND_STYLES[order]
        names = sorted(set(rows["band"]))
        shares, where = rows["share_percent"].tolist(), rows["position"].tolist()
        traces.append(go.Bar(
            x=shares if horizontal else where, y=where if horizontal else shares,
            orientation="h" if horizontal else "v", name=" / ".join(names) if order == 4 else words,
            marker={"color": colour, "line": {"color": "#000000", "width": 1},
                    "pattern": {"shape": pattern, "fillmode": "overlay", "fgcolor": "#000000", "fgopacity": 0.3,
                                "size": 8}},
            legendrank=order, text=[_band_text(r) for r in rows.itertuples()], textposition="inside",
            insidetextanchor="middle", textfont={"color": "#000000", "size": TEXT_SIZE},
            hovertext=_hover(rows), hoverinfo="text"))
    return traces


def build_quartile_bands(bands: pd.DataFrame) -> go.Figure:
    """One council's quartile bands over the financial years its plans print: a bar for each
    year, stacked to 100% from the bottom quartile up to the top quartile."""
    council = bands["council_name"].iloc[0] if len(bands) else "No council"
    title = f"{council}: share of its comparable indicators in each quartile band, by year (%)"
    if bands.empty:
        return apply_layout(go.Figure(), title + ": none printed", height=300)
    frame = bands.assign(position=bands["period"])
    years = list(dict.fromkeys(frame.sort_values("year_start")["period"]))
    figure = go.Figure(_traces(frame, horizontal=False))
    # The legend beside the bars, not below them, where it met the axis title.
    return apply_layout(figure, title, height=460, barmode="stack", uniformtext=_UNIFORM_TEXT,
                        legend={"traceorder": "normal", "orientation": "v", "x": 1.02, "xanchor": "left",
                                "y": 1, "yanchor": "top"},
                        xaxis={"title": {"text": "Financial year"}, "type": "category", "categoryorder": "array",
                               "categoryarray": years},
                        yaxis={"title": {"text": SHARE_AXIS}, "range": [0, 100]})


def build_quartile_comparison(bands: pd.DataFrame) -> go.Figure:
    """Councils side by side: a bar for each council and year a plan prints, stacked to 100% from
    the bottom quartile to the top quartile."""
    title = "Quartile position: share of each council's comparable indicators in each quartile band (%)"
    if bands.empty:
        return apply_layout(go.Figure(), title + ": none printed", height=300)
    frame = bands.assign(position=[f"{council} · {period}" for council, period in
                                   zip(bands["council_name"], bands["period"])])
    labels = list(dict.fromkeys(frame.sort_values(["council_name", "year_start"])["position"]))
    figure = go.Figure(_traces(frame, horizontal=True))
    return apply_layout(figure, title, height=max(320, 56 * len(labels) + 220), barmode="stack",
                        uniformtext=_UNIFORM_TEXT, legend={"traceorder": "normal"},
                        xaxis={"title": {"text": SHARE_AXIS}, "range": [0, 100]},
                        yaxis={"title": {"text": "Council and financial year"}, "type": "category",
                               "categoryorder": "array", "categoryarray": labels[::-1],
                               "tickmode": "array", "tickvals": labels,
                               "ticktext": [wrap(label, 30, 2) for label in labels]})
