"""The layout every chart shares, and the text helpers the chart builders use. Pure: no
Streamlit here. Every chart's text is at least MIN_TEXT_SIZE px (WCAG: small chart text is hard
to read on a projector and when zoomed out); a subtitle uses `subtitle()`, never <sup>, which
plotly draws at 70% of the title's size."""
from __future__ import annotations

import plotly.graph_objects as go

from perfdash.palette import BASE_FONT_SIZE, FONT_FAMILY

MIN_TEXT_SIZE = 12
SUBTITLE_SIZE = 13
# Plotly never wraps a title: one longer than its chart is cut at the edge. A full-width chart is
# at least about 800 px wide on a laptop, which holds about this many characters of title.
TITLE_WIDTH = 80
TITLE_LINE_PX = 24


def title_lines(title: str) -> int:
    return title.count("<br>") + 1


def layout_settings(title: str, height: int = 520, title_width: int = TITLE_WIDTH) -> dict:
    """The layout every chart shares: a left-aligned title, wrapped so that it is never cut at
    the chart's edge and given the room its lines need, our font, axes whose margins grow to hold
    their labels, and the legend below."""
    text = title if "<" in title else wrap(title, title_width)
    return {
        # Hung from the top, so a title of several lines grows down into the room kept for it.
        # plotly.js hangs a title of several lines about a line higher than a one-line title.
        "title": {"text": text, "x": 0, "xanchor": "left", "yref": "container", "yanchor": "top",
                  "y": 1 - (12 if "<br>" not in text else 26) / height, "font": {"size": BASE_FONT_SIZE}},
        "font": {"family": FONT_FAMILY, "size": BASE_FONT_SIZE},
        "height": height,
        "legend": {"orientation": "h", "yanchor": "top", "y": -0.15, "x": 0},
        "margin": {"l": 60, "r": 20, "t": 46 + TITLE_LINE_PX * title_lines(text), "b": 60},
        "hoverlabel": {"font_size": BASE_FONT_SIZE},
        "xaxis": {"automargin": True},
        "yaxis": {"automargin": True},
    }


def apply_layout(figure: go.Figure, title: str, height: int = 520, **changes) -> go.Figure:
    """The shared layout on a built figure; `changes` (xaxis=..., margin=...) add to its settings in
    the same update, since each update of a built figure validates it again."""
    settings = layout_settings(title, height)
    for name, extra in changes.items():
        settings[name] = {**settings.get(name, {}), **extra} if isinstance(extra, dict) else extra
    figure.update_layout(**settings)
    return figure


def empty_chart(title: str, height: int = 300) -> go.Figure:
    """A chart with nothing to draw: the title says why, and no empty axes are shown."""
    return apply_layout(go.Figure(), title, height, xaxis={"visible": False}, yaxis={"visible": False})


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
