"""SVG icons for the SPC verdicts, our own drawing (not NHS England's artwork).

Variation icons are circles, assurance icons rounded squares. Each carries a letter or a shape that
says what it means without colour (I improvement, C concern, N neither, a wave for common cause,
"<10" too few points; P pass, F fail, ? hit or miss, a dash for none), an arrow for which way the
values moved, and a <title> with the verdict in words as its alt text. Pure: strings out.
"""
from __future__ import annotations

import base64
import html

from perfdash.palette import OKABE_ITO
from perfdash.spc import verdicts, xmr

GREY = "#6B6B6B"
WHITE, BLACK = "#FFFFFF", "#000000"

# verdict: (fill colour or None for an outline, letter; "" draws the shape named in _SHAPES instead)
VARIATION_STYLES = {
    xmr.COMMON_CAUSE: (None, ""),
    xmr.IMPROVEMENT: (OKABE_ITO[0], "I"),
    xmr.CONCERN: (OKABE_ITO[5], "C"),
    xmr.NEITHER: (OKABE_ITO[3], "N"),
    xmr.TOO_FEW_POINTS: (None, "<10"),
}
ASSURANCE_STYLES = {
    xmr.PASS: (OKABE_ITO[0], "P"),
    xmr.FAIL: (OKABE_ITO[5], "F"),
    xmr.HIT_OR_MISS: (GREY, "?"),
    xmr.NO_ASSURANCE: (None, "–"),
}


def _luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    """WCAG contrast ratio of two #RRGGBB colours."""
    high, low = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def letter_colour(fill: str) -> str:
    """White or black, whichever stands out more on the fill."""
    return WHITE if contrast(WHITE, fill) >= contrast(BLACK, fill) else BLACK


def _svg(words: str, body: str, size: int) -> str:
    alt = html.escape(words, quote=True)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" viewBox="0 0 48 48" '
            f'role="img" aria-label="{alt}"><title>{alt}</title>{body}</svg>')


def _letter(text: str, colour: str) -> str:
    size = 22 if len(text) == 1 else 15
    return (f'<text x="24" y="25" text-anchor="middle" dominant-baseline="central" font-family="Arial, '
            f'sans-serif" font-weight="700" font-size="{size}" fill="{colour}">{html.escape(text)}</text>')


def _arrow(direction: int, colour: str) -> str:
    """A small triangle at the top pointing up (values higher) or at the bottom pointing down."""
    if direction > 0:
        return f'<path d="M24 3 L29 10 L19 10 Z" fill="{colour}"/>'
    if direction < 0:
        return f'<path d="M24 45 L29 38 L19 38 Z" fill="{colour}"/>'
    return ""


def variation_icon(variation: str, direction: int = 0, size: int = 48) -> str:
    """The icon for a variation verdict; `direction` (+1 / -1) adds an arrow for special cause."""
    fill, letter = VARIATION_STYLES[variation]
    words = verdicts.variation_words(variation, direction)
    if fill is None:
        dashed = ' stroke-dasharray="4 3"' if variation == xmr.TOO_FEW_POINTS else ""
        ring = f'<circle cx="24" cy="24" r="20" fill="{WHITE}" stroke="{GREY}" stroke-width="3"{dashed}/>'
        mark = (_letter(letter, BLACK) if letter else
                f'<path d="M11 24 q4.5 -8 9 0 t9 0 t9 0" fill="none" stroke="{GREY}" stroke-width="3" '
                'stroke-linecap="round"/>')
        return _svg(words, ring + mark, size)
    ink = letter_colour(fill)
    arrow = _arrow(direction, ink) if variation != xmr.COMMON_CAUSE else ""
    body = f'<circle cx="24" cy="24" r="22" fill="{fill}"/>{_letter(letter, ink)}{arrow}'
    return _svg(words, body, size)


def assurance_icon(assurance: str, size: int = 48, *, variation: str = xmr.COMMON_CAUSE,
                   target: float | None = None, polarity: str | None = None) -> str:
    """The icon for an assurance verdict; for "none" the alt text says why there is none."""
    fill, letter = ASSURANCE_STYLES[assurance]
    words = verdicts.assurance_words(assurance, variation=variation, target=target, polarity=polarity)
    if fill is None:
        body = (f'<rect x="4" y="4" width="40" height="40" rx="9" fill="{WHITE}" stroke="{GREY}" '
                f'stroke-width="3" stroke-dasharray="4 3"/>{_letter(letter, BLACK)}')
        return _svg(words, body, size)
    body = f'<rect x="2" y="2" width="44" height="44" rx="10" fill="{fill}"/>{_letter(letter, letter_colour(fill))}'
    return _svg(words, body, size)


def icon_words(variation: str, assurance: str, direction: int = 0, *, target: float | None = None,
               polarity: str | None = None) -> tuple[str, str]:
    """The two icons' meaning in words: (variation, assurance), shown beside them on the page."""
    return (verdicts.variation_words(variation, direction),
            verdicts.assurance_words(assurance, variation=variation, target=target, polarity=polarity))


def icon_img(svg: str, alt: str) -> str:
    """An <img> tag for markdown or HTML, carrying the words as alt text (an <img> hides the SVG's title)."""
    encoded = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return f'<img src="data:image/svg+xml;base64,{encoded}" alt="{html.escape(alt, quote=True)}" ' \
           f'width="40" height="40">'
