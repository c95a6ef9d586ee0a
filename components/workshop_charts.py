"""The ranking workshop's slope (bump) chart: the plan's own ranking on the left, the workshop's
on the right, one line per priority. Pure: data frame in, plotly Figure out.

Movement is carried by words and line style as well as colour: up is a solid blue line with
"▲", down a dashed vermillion line with "▼", no change a dotted grey line with "=".
"""
from __future__ import annotations

import plotly.graph_objects as go

from perfdash.palette import BASE_FONT_SIZE, FONT_FAMILY, OKABE_ITO

MOVES = {
    # direction: (colour, dash, legend words)
    "up": (OKABE_ITO[0], "solid", "▲ Moved up"),
    "down": (OKABE_ITO[5], "dash", "▼ Moved down"),
    "same": ("#595959", "dot", "= No change"),
}
LEFT, RIGHT = "Plan's ranking", "Workshop ranking"


def _short(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def _direction(plan_rank: int, workshop_rank: int) -> str:
    return "up" if workshop_rank < plan_rank else "down" if workshop_rank > plan_rank else "same"


def build_rank_slope(ranking, left_label: str = LEFT, font_size: int = BASE_FONT_SIZE,
                     label_length: int = 42):
    """`ranking` has ref, title, plan_rank, workshop_rank and weighted_score (the columns of
    perfdash.views.workshop.rank_priorities). Rank 1 is at the top on both sides."""
    count = len(ranking)
    traces, annotations, shown = [], [], set()
    for row in ranking.itertuples():
        plan_rank, workshop_rank = int(row.plan_rank), int(row.workshop_rank)
        direction = _direction(plan_rank, workshop_rank)
        colour, dash, words = MOVES[direction]
        label = f"{row.ref} · {_short(row.title, label_length)}"
        traces.append(go.Scatter(
            x=[left_label, RIGHT], y=[plan_rank, workshop_rank], mode="lines+markers",
            line={"color": colour, "dash": dash, "width": 3}, marker={"size": 12, "color": colour},
            name=words, legendgroup=direction, showlegend=direction not in shown,
            hovertext=[f"<b>{label}</b><br>{left_label}: {plan_rank}",
                       f"<b>{label}</b><br>{RIGHT}: {workshop_rank} (score {row.weighted_score:.2f} of 5)"],
            hoverinfo="text"))
        shown.add(direction)
        arrow = {"up": "▲", "down": "▼", "same": "="}[direction]
        annotations += [
            {"x": left_label, "y": plan_rank, "text": f"{plan_rank}. {label}", "xanchor": "right", "xshift": -14,
             "showarrow": False, "font": {"size": font_size - 2}},
            {"x": RIGHT, "y": workshop_rank, "text": f"{workshop_rank}. {label} {arrow}", "xanchor": "left",
             "xshift": 14, "showarrow": False, "font": {"size": font_size - 2}}]
    # One call each: adding traces and annotations one by one slows down as the list grows.
    figure = go.Figure(data=traces, layout={"annotations": annotations})
    figure.update_yaxes(title_text="Rank (1 = first priority)", tickmode="array",
                        tickvals=list(range(1, count + 1)), range=[count + 0.5, 0.5], zeroline=False)
    figure.update_xaxes(title_text="Ranking", type="category", categoryorder="array",
                        categoryarray=[left_label, RIGHT])
    figure.update_layout(
        title={"text": f"{left_label} against the workshop's ranking (rank, 1 = first priority)",
               "x": 0, "xanchor": "left"},
        font={"family": FONT_FAMILY, "size": font_size},
        height=max(420, 34 * count + 200),
        margin={"l": 40 + 8 * label_length, "r": 60 + 8 * label_length, "t": 80, "b": 60},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0},
        hoverlabel={"font_size": font_size})
    return figure
