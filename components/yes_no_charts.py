"""A Yes/No indicator's quarterly profile: the answer the plan targets for each quarter and the
year, and the answers recorded, as words on a grid. Yes/No figures have no number to plot (their
value is empty and value_text holds the answer), so a line chart of them would be empty. Pure:
data frame in, plotly Figure out."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from components.chart_layout import TITLE_LINE_PX, layout_settings, title_lines
from components.profile_charts import profile_title
from perfdash.palette import OKABE_ITO, RAG_STYLES

COLUMNS = ["Q1", "Q2", "Q3", "Q4", "Year"]
ROWS = ["Target", "Actual"]
# The answer in words, with a symbol that differs in shape, so colour is never the only signal.
ANSWER_STYLES = {"yes": ("circle", OKABE_ITO[2], "Yes"), "no": ("x", OKABE_ITO[5], "No")}
OTHER_STYLE = ("square-open", "#6B6B6B")
# Yes/No questions are long sentences of wide letters: wrapped a little shorter than other panels'.
YES_NO_TITLE_WIDTH = 24


def answer(text) -> str | None:
    """'yes' or 'no' for a printed Yes/No answer, None for anything else."""
    word = str(text).strip().rstrip("*").strip().lower() if isinstance(text, str) else ""
    return word if word in ANSWER_STYLES else None


def _cells(profile: pd.DataFrame, statuses: pd.DataFrame | None) -> list[dict]:
    cells = []
    for row in profile.itertuples():
        if row.kind not in ("target", "actual") or not isinstance(row.value_text, str):
            continue
        column = "Year" if pd.isna(row.quarter) else f"Q{int(row.quarter)}"
        cells.append({"x": column, "y": "Target" if row.kind == "target" else "Actual", "text": row.value_text,
                      "hover": f"{column} {row.kind}: <b>{row.value_text}</b><br>{row.source}", "status": None})
    if statuses is not None and not statuses.empty:
        words = {int(q): (rag, reason) for q, rag, reason in zip(statuses["quarter"], statuses["rag"],
                                                                  statuses["rag_reason"])}
        for cell in cells:
            if cell["y"] == "Actual" and cell["x"].startswith("Q") and int(cell["x"][1]) in words:
                rag, reason = words[int(cell["x"][1])]
                cell["status"] = rag
                cell["hover"] += f"<br>{RAG_STYLES[rag][1]} {RAG_STYLES[rag][2]}: {reason}"
    return cells


def build_yes_no_profile(profile: pd.DataFrame, statuses: pd.DataFrame | None = None) -> go.Figure:
    """A Yes/No indicator's targets and actuals, quarter by quarter and for the year, as answers
    in words on a grid. `profile` holds one indicator's rows of queries/profiles_quarterly.sql,
    `statuses` its assessed quarters (as build_quarterly_profile takes them)."""
    meta = profile.iloc[0].to_dict()
    cells = pd.DataFrame(_cells(profile, statuses), columns=["x", "y", "text", "hover", "status"])
    cells["answer"] = [answer(text) or "other" for text in cells["text"]]
    traces = []
    for key, group in cells.groupby("answer", sort=True):
        symbol, colour, words = ANSWER_STYLES.get(key, (*OTHER_STYLE, None))
        # Panels are a third of the page wide: the answer and the status icon only; words on hover.
        texts = [(words or text) + (f" {RAG_STYLES[status][1]}" if status in RAG_STYLES else "")
                 for text, status in zip(group["text"], group["status"])]
        traces.append(go.Scatter(
            x=group["x"], y=group["y"], mode="markers+text", name=words or "Other answer", text=texts,
            textposition="middle center", textfont={"size": 14, "color": "#000000"},
            # A faint shape behind each answer: the word carries the meaning, the shape differs too.
            marker={"symbol": symbol, "size": 30, "color": colour, "opacity": 0.25, "line": {"width": 0}},
            hovertext=group["hover"], hoverinfo="text", showlegend=False))
    if not (cells["y"] == "Actual").any():
        traces.append(go.Scatter(x=["Q3"], y=["Actual"], mode="text", text=["none recorded"],
                                 textposition="middle center", hoverinfo="skip", showlegend=False,
                                 textfont={"color": "#4D4D4D"}))
    title = profile_title(meta, width=YES_NO_TITLE_WIDTH)
    layout = layout_settings(title, height=400)
    layout["margin"] = {**layout["margin"], "t": 30 + TITLE_LINE_PX * title_lines(title), "b": 80, "l": 16, "r": 24}
    layout["xaxis"] = {**layout["xaxis"], "title": {"text": "Quarter or year"}, "type": "category",
                       "categoryorder": "array", "categoryarray": COLUMNS, "range": [-0.5, len(COLUMNS) - 0.5],
                       "tickangle": 0}
    layout["yaxis"] = {**layout["yaxis"], "title": {"text": "Answer (Yes/No)", "standoff": 4}, "type": "category",
                       "categoryorder": "array", "categoryarray": ROWS[::-1], "range": [-0.6, 1.6]}
    return go.Figure(data=traces, layout=layout)
