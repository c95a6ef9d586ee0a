"""The Actions page's chart: Melton's actions counted by progress status. Pure: the summary frame
of perfdash.views.actions.status_summary in, plotly Figure out."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from components.chart_layout import layout_settings
from perfdash.views.actions import STATUS_STYLES


def build_status_chart(summary: pd.DataFrame, council_name: str = "Melton Borough Council") -> go.Figure:
    """Horizontal bars of actions per status; the icon and words are on the axis and each bar
    prints its count, so colour is never the only cue."""
    statuses = [label.split(" ", 1)[1] for label in summary["Status"]]
    bar = go.Bar(
        x=summary["Actions"], y=summary["Status"], orientation="h",
        marker_color=[STATUS_STYLES[s][1] for s in statuses],
        text=[f"{n} actions" if n != 1 else "1 action" for n in summary["Actions"]], textposition="outside",
        textfont={"color": "#1A1A1A"},
        hovertemplate="%{y}: %{x} actions<extra></extra>", cliponaxis=False,
    )
    layout = layout_settings(f"{council_name}: actions by progress status (number of actions)", height=400)
    layout["xaxis"] = {**layout["xaxis"], "title": {"text": "Number of actions"}, "rangemode": "tozero"}
    layout["yaxis"] = {**layout["yaxis"], "title": {"text": "Progress status"}, "autorange": "reversed"}
    # Room on the right for the count printed beyond the longest bar.
    layout["margin"] = {**layout["margin"], "r": 100}
    layout["showlegend"] = False
    return go.Figure(data=[bar], layout=layout)
