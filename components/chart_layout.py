"""The layout every chart shares, and the text helpers the chart builders use. Pure: no
Streamlit here. Every chart's text is at least MIN_TEXT_SIZE px (WCAG: small chart text is hard
to read on a projector and when zoomed out); a subtitle uses `subtitle()`, never <sup>, which
plotly draws at 70% of the title's size."""
from __future__ import annotations

import plotly.graph_objects as go

from perfdash.palette import BASE_FONT_SIZE, FONT_FAMILY

MIN_TEXT_SIZE = 12
SUBTITLE_SIZE = 13


def layout_settings(title: str, height: int = 520) -> dict:
    """The layout every chart shares: a left-aligned title, our font, the legend below."""
    return {
        "title": {"text": title, "x": 0, "xanchor": "left"},
        "font": {"family": FONT_FAMILY, "size": BASE_FONT_SIZE},
        "height": height,
        "legend": {"orientation": "h", "yanchor": "top", "y": -0.15, "x": 0},
        "margin": {"l": 60, "r": 20, "t": 70, "b": 60},
        "hoverlabel": {"font_size": BASE_FONT_SIZE},
    }


def apply_layout(figure: go.Figure, title: str, height: int = 520) -> go.Figure:
    figure.update_layout(**layout_settings(title, height))
    return figure


def subtitle(text: str, size: int = SUBTITLE_SIZE) -> str:
    """A second, smaller line for a title, still at least MIN_TEXT_SIZE px."""
    return f'<br><span style="font-size:{max(size, MIN_TEXT_SIZE)}px">{text}</span>'


def short(text: str, length: int) -> str:
    """The text cut to `length` characters, with an ellipsis when cut."""
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def wrap(text: str, width: int, max_lines: int = 3) -> str:
    """The text broken into lines of at most about `width` characters, for a title."""
    lines, current = [], ""
    for word in text.split():
        if current and len(current) + len(word) + 1 > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    lines.append(current)
    return "<br>".join(lines[:max_lines]) + ("…" if len(lines) > max_lines else "")
