"""The ranking workshop's slope (bump) chart: the plan's own ranking on the left, the workshop's
on the right, one line per priority. Pure: data frame in, plotly Figure out.

Movement is carried by words and line style as well as colour: up is a solid blue line with
"▲", down a dashed vermillion line with "▼", no change a dotted grey line with "=".
Each priority is named at both ends as the tick labels of a y axis on that side, so plotly keeps
room for the names in the margins and they are never cut or laid over the lines.
"""
from __future__ import annotations

import plotly.graph_objects as go

from components.chart_layout import layout_settings, short, wrap
from perfdash.palette import BASE_FONT_SIZE, OKABE_ITO

MOVES = {
    # direction: (colour, dash, legend words)
    "up": (OKABE_ITO[0], "solid", "▲ Moved up"),
    "down": (OKABE_ITO[5], "dash", "▼ Moved down"),
    "same": ("#595959", "dot", "= No change"),
}
ARROWS = {"up": "▲", "down": "▼", "same": "="}
LEFT, RIGHT = "Plan's ranking", "Workshop ranking"
LABEL_WIDTH = 30  # characters on a line of a priority's name
REF_LENGTH = 12
RANK_PX = 52      # height of one rank: room for a name on two lines


def _direction(plan_rank: int, workshop_rank: int) -> str:
    return "up" if workshop_rank < plan_rank else "down" if workshop_rank > plan_rank else "same"


def build_rank_slope(ranking, left_label: str = LEFT, font_size: int = BASE_FONT_SIZE,
                     label_length: int = 52):
    """`ranking` has ref, title, plan_rank, workshop_rank and weighted_score (the columns of
    perfdash.views.workshop.rank_priorities). Rank 1 is at the top on both sides."""
    count = len(ranking)
    traces, shown = [], set()
    left_names, right_names = {}, {}
    for row in ranking.itertuples():
        plan_rank, workshop_rank = int(row.plan_rank), int(row.workshop_rank)
        direction = _direction(plan_rank, workshop_rank)
        colour, dash, words = MOVES[direction]
        # A ref is a short number in most plans, but some print none and get a long made-up one.
        label = f"{short(str(row.ref), REF_LENGTH)} · {short(row.title, label_length)}"
        # On two lines, so both sides together leave the lines most of a laptop screen's width.
        left_names[plan_rank] = wrap(f"{plan_rank}. {label}", LABEL_WIDTH, 2)
        right_names[workshop_rank] = f"{wrap(f'{workshop_rank}. {label}', LABEL_WIDTH, 2)} {ARROWS[direction]}"
        traces.append(go.Scatter(
            x=[0, 1], y=[plan_rank, workshop_rank], mode="lines+markers",
            line={"color": colour, "dash": dash, "width": 3}, marker={"size": 12, "color": colour},
            name=words, legendgroup=direction, showlegend=direction not in shown,
            hovertext=[f"<b>{label}</b><br>{left_label}: {plan_rank}",
                       f"<b>{label}</b><br>{RIGHT}: {workshop_rank} (score {row.weighted_score:.2f} of 5)"],
            hoverinfo="text"))
        shown.add(direction)
    # The right-hand axis needs a trace of its own to be drawn; this one shows nothing.
    traces.append(go.Scatter(x=[1] * count, y=sorted(right_names), yaxis="y2", mode="markers",
                             marker={"opacity": 0}, showlegend=False, hoverinfo="skip"))
    ranks = {"tickmode": "array", "range": [count + 0.5, 0.5], "zeroline": False, "showgrid": False,
             "automargin": True, "tickfont": {"size": font_size}}
    layout = layout_settings(f"{left_label} against the workshop's ranking (rank, 1 = first priority)",
                             height=max(420, RANK_PX * count + 240))
    layout.update(
        font={**layout["font"], "size": font_size},
        hoverlabel={"font_size": font_size},
        # The legend sits at the foot of the chart, under the axis title.
        legend={"orientation": "h", "x": 0, "y": 0, "yref": "container", "yanchor": "bottom"},
        margin={**layout["margin"], "l": 20, "r": 20, "b": 90 + font_size * 2},
        xaxis={"title": {"text": "Ranking"}, "tickmode": "array", "tickvals": [0, 1],
               "ticktext": [left_label, RIGHT], "range": [-0.05, 1.05], "showgrid": False, "zeroline": False},
        yaxis={**ranks, "title": {"text": f"{left_label} (1 = first priority)"}, "side": "left",
               "tickvals": sorted(left_names), "ticktext": [left_names[r] for r in sorted(left_names)]},
        yaxis2={**ranks, "title": {"text": "Workshop rank (1 = first priority)"}, "side": "right",
                "overlaying": "y", "tickvals": sorted(right_names),
                "ticktext": [right_names[r] for r in sorted(right_names)]},
    )
    # One construction: adding traces one by one slows down as the list grows.
    return go.Figure(data=traces, layout=layout)
