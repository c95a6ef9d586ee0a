"""A line chart of an indicator's quarters against target, drawn as SVG by hand: a vector in the
PDF with no browser or image library behind it. Its title, axis titles, tick labels and data
labels are text; a <title> and aria-label carry the chart's meaning for assistive technology.

The value line is solid with round markers, the target dashed with open diamonds, so the two
differ without colour.
"""
from __future__ import annotations

import html
import math
from collections.abc import Sequence

from perfdash.palette import OKABE_ITO

WIDTH, HEIGHT = 560, 320
LEFT, RIGHT, TOP, BOTTOM = 80, 16, 44, 100  # room for the axis titles, ticks and legend
TEXT = 14


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values covering [low, high]: steps of 1, 2 or 5 times a power of ten."""
    if not math.isfinite(low) or not math.isfinite(high):
        return [0.0, 1.0]
    if math.isclose(low, high):
        low, high = (low - 1, high + 1) if low == 0 else (low - abs(low) * 0.1, high + abs(high) * 0.1)
    raw = (high - low) / max(count - 1, 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    start = math.floor(low / step) * step
    ticks = []
    value = start
    while value <= high + step * 1e-9:
        ticks.append(round(value, 10))
        value += step
    if ticks[-1] < high:
        ticks.append(round(value, 10))
    return ticks


def text_width(words: str, size: int = TEXT) -> float:
    """About how wide `words` draws in DejaVu Sans at `size` px: its glyphs average 0.6 em."""
    return len(words) * size * 0.6


def labelled_every(step: float, widest: float, gap: float = 8) -> int:
    """Label every n-th point, so that labels `widest` px wide, `step` px apart, never overlap."""
    return max(1, math.ceil((widest + gap) / step)) if step > 0 else 1


def number_text(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _text(x: float, y: float, words: str, anchor: str = "middle", size: int = TEXT, weight: str = "normal",
          rotate: bool = False) -> str:
    turn = f' transform="rotate(-90 {x:.1f} {y:.1f})"' if rotate else ""
    return (f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}" font-weight="{weight}" '
            f'font-family="DejaVu Sans, Arial, sans-serif" fill="#000"{turn}>{html.escape(words)}</text>')


def line_chart(title: str, periods: Sequence[str], values: Sequence[float | None],
               targets: Sequence[float | None], value_axis_title: str, description: str) -> str:
    """The SVG of `values` and `targets` by period, with a title, axis titles and a legend."""
    numbers = [v for v in (*values, *targets) if v is not None]
    ticks = nice_ticks(min(numbers, default=0.0), max(numbers, default=1.0))
    if len(ticks) < 2:
        ticks = [ticks[0], ticks[0] + 1]
    low, high = ticks[0], ticks[-1]
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / max(len(periods), 1)

    def x_of(n: int) -> float:
        return LEFT + step * (n + 0.5)

    def y_of(v: float) -> float:
        return TOP + plot_h - (v - low) / (high - low) * plot_h

    parts = [_text(4, 22, title, "start", 16, "bold")]
    for tick in ticks:
        y = y_of(tick)
        parts.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" stroke="#D0D0D0"/>')
        parts.append(_text(LEFT - 6, y + 4, number_text(tick), "end"))
    parts.append(f'<line x1="{LEFT}" y1="{TOP + plot_h}" x2="{WIDTH - RIGHT}" y2="{TOP + plot_h}" stroke="#000"/>')
    parts.append(f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{TOP + plot_h}" stroke="#000"/>')
    # A period such as "Q3 2021/22" is drawn on two lines; when the quarters are many, every
    # second (or third) one is labelled, counted back from the latest, which is always labelled.
    lines = [period.split(" ", 1) if " " in period else [period] for period in periods]
    every = labelled_every(step, max((text_width(line) for two in lines for line in two), default=0))
    for n, two in enumerate(lines):
        if (len(lines) - 1 - n) % every:
            continue
        for row, line in enumerate(two):
            parts.append(_text(x_of(n), TOP + plot_h + 17 + row * (TEXT + 2), line))
    parts.append(_text(LEFT + plot_w / 2, TOP + plot_h + 52, "Quarter"))
    parts.append(_text(18, TOP + plot_h / 2, value_axis_title, rotate=True))
    # Labels on the side away from the target line, so the target's markers do not cover them.
    pairs = [(v, t) for v, t in zip(values, targets) if v is not None and t is not None]
    below = sum(v < t for v, t in pairs) > sum(v > t for v, t in pairs)
    parts += _series(targets, x_of, y_of, "#000000", dashed=True, labels=False)
    widest_value = max((text_width(number_text(v)) for v in values if v is not None), default=0)
    parts += _series(values, x_of, y_of, OKABE_ITO[0], dashed=False, labels=True, below=below,
                     every=labelled_every(step, widest_value))
    legend_y = HEIGHT - 16
    parts.append(f'<line x1="{LEFT}" y1="{legend_y - 4}" x2="{LEFT + 30}" y2="{legend_y - 4}" '
                 f'stroke="{OKABE_ITO[0]}" stroke-width="3"/>'
                 f'<circle cx="{LEFT + 15}" cy="{legend_y - 4}" r="5" fill="{OKABE_ITO[0]}"/>')
    parts.append(_text(LEFT + 36, legend_y, "Value", "start"))
    parts.append(f'<line x1="{LEFT + 110}" y1="{legend_y - 4}" x2="{LEFT + 140}" y2="{legend_y - 4}" '
                 f'stroke="#000" stroke-width="2" stroke-dasharray="6 4"/>' + _diamond(LEFT + 125, legend_y - 4))
    parts.append(_text(LEFT + 146, legend_y, "Target", "start"))
    alt = html.escape(f"{title}. {description}", quote=True)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" '
            f'height="{HEIGHT}" role="img" aria-label="{alt}"><title>{alt}</title>{"".join(parts)}</svg>')


def _diamond(x: float, y: float, r: float = 6) -> str:
    return (f'<path d="M{x:.1f} {y - r:.1f} L{x + r:.1f} {y:.1f} L{x:.1f} {y + r:.1f} L{x - r:.1f} {y:.1f} Z" '
            f'fill="#FFF" stroke="#000" stroke-width="2"/>')


def _series(values: Sequence[float | None], x_of, y_of, colour: str, dashed: bool, labels: bool,
            below: bool = False, every: int = 1) -> list[str]:
    """The line and markers of one series; with `labels`, every `every`-th value is printed (the
    latest always), so neighbouring labels never overlap. The chart's table has them all."""
    parts = []
    last = len(values) - 1
    points = [(x_of(n), y_of(v), v, (last - n) % every == 0) for n, v in enumerate(values) if v is not None]
    if len(points) > 1:
        path = " ".join(f"{'M' if n == 0 else 'L'}{x:.1f} {y:.1f}" for n, (x, y, _, _) in enumerate(points))
        dash = ' stroke-dasharray="6 4"' if dashed else ""
        parts.append(f'<path d="{path}" fill="none" stroke="{colour}" stroke-width="{2 if dashed else 3}"{dash}/>')
    for x, y, v, labelled in points:
        parts.append(_diamond(x, y) if dashed else f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="{colour}"/>')
        if labels and labelled:
            parts.append(_text(x, y + 22 if below else y - 10, number_text(v), weight="bold"))
    return parts
