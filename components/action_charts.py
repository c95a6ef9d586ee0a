"""The Actions page's chart: Melton's actions counted by progress status. Pure: the summary frame
of perfdash.views.actions.status_summary in, plotly Figure out."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from perfdash.palette import BASE_FONT_SIZE, FONT_FAMILY
from perfdash.views.actions import STATUS_STYLES


def build_status_chart(summary: pd.DataFrame, council_name: str = "Melton Borough Council") -> go.Figure:
    """Horizontal bars of actions per status; the icon and words are on the axis and each bar
    prints its count, so colour is never the only cue."""
    statuses = [label.split(" ", 1)[1] for label in summary["Status"]]
    figure = go.Figure(go.Bar(
        x=summary["Actions"], y=summary["Status"], orientation="h",
        marker_color=[STATUS_STYLES[s][1] for s in statuses],
        text=[f"{n} actions" if n != 1 else "1 action" for n in summary["Actions"]], textposition="outside",
        textfont={"color": "#1A1A1A"},
        hovertemplate="%{y}: %{x} actions<extra></extra>", cliponaxis=False,
    ))
    figure.update_yaxes(autorange="reversed", title_text=None)
    figure.update_xaxes(title_text="Number of actions", rangemode="tozero")
    figure.update_layout(
        title={"text": f"{council_name}: actions by progress status (number of actions)", "x": 0,
               "xanchor": "left"},
        font={"family": FONT_FAMILY, "size": BASE_FONT_SIZE}, height=380,
        margin={"l": 60, "r": 80, "t": 70, "b": 60}, showlegend=False)
    return figure
