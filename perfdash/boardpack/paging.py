"""How much text fits where on a slide: lines a cell's text wraps to, tables cut into slides that
hold them, and long text cut into pieces for continuation slides.

PowerPoint grows a table row to fit its text and never moves the table below it, so a slide must
be given no more rows than fit. The estimate is deliberately generous (a wide average glyph) so that
an estimated page is never longer than the real one.
"""
from __future__ import annotations

import math
from collections.abc import Sequence

AVERAGE_GLYPH_EM = 0.52   # Arial's average glyph in mixed-case text is about 0.49 em; kept wide
LINE_SPACING = 1.2
CELL_PADDING_IN = 0.2     # PowerPoint's default cell margins, left and right (0.1 in each)
CELL_PADDING_PT = 7.2     # and top and bottom (0.05 in each)


def chars_per_line(width_in: float, font_pt: float, padding_in: float = CELL_PADDING_IN) -> int:
    return max(1, int((width_in - padding_in) * 72 / (font_pt * AVERAGE_GLYPH_EM)))


def _wrapped(text: str, width_in: float, font_pt: float, padding_in: float) -> list[tuple[str, str]]:
    """Each line `text` wraps to, and what joins it to the next: a space, a line break where a
    paragraph ends, or nothing inside a word broken across lines."""
    limit = chars_per_line(width_in, font_pt, padding_in)
    lines: list[tuple[str, str]] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" "):
            while len(word) > limit:
                if line:
                    lines.append((line, " "))
                    line = ""
                lines.append((word[:limit], ""))
                word = word[limit:]
            candidate = f"{line} {word}" if line else word
            if len(candidate) <= limit:
                line = candidate
            else:
                lines.append((line, " "))
                line = word
        lines.append((line, "\n"))
    return lines


def wrap(text: str, width_in: float, font_pt: float, padding_in: float = CELL_PADDING_IN) -> list[str]:
    """The lines `text` wraps to in a box `width_in` wide: words move whole to the next line, and a
    word longer than a line (a file name) breaks where the line ends."""
    return [line for line, _ in _wrapped(text, width_in, font_pt, padding_in)]


def lines_needed(text: str, width_in: float, font_pt: float, padding_in: float = CELL_PADDING_IN) -> int:
    return len(wrap(text, width_in, font_pt, padding_in))


def text_height_pt(lines: int, font_pt: float) -> float:
    return lines * font_pt * LINE_SPACING


def row_height_pt(cells: Sequence[str], widths_in: Sequence[float], font_pt: float) -> float:
    """A table row's height: its tallest cell's lines, plus the cell margins. A row of one cell
    spans the whole table."""
    if len(cells) == 1:
        widths_in = [sum(widths_in)]
    lines = max(lines_needed(text, width, font_pt) for text, width in zip(cells, widths_in))
    return text_height_pt(lines, font_pt) + CELL_PADDING_PT


def page_rows(rows: Sequence, cells_of, widths_in: Sequence[float], font_pt: float, available_pt: float,
              header_pt: float, first_available_pt: float | None = None) -> list[list]:
    """`rows` cut into pages whose rows (below a header of `header_pt`) fit in `available_pt`
    (`first_available_pt` on the first page, when it shares its slide). `cells_of(row)` gives a
    row's cell texts. Every page has at least one row."""
    pages: list[list] = []
    page: list = []
    used = header_pt
    for row in rows:
        height = row_height_pt(cells_of(row), widths_in, font_pt)
        room = first_available_pt if first_available_pt is not None and not pages else available_pt
        if page and used + height > room:
            pages.append(page)
            page, used = [], header_pt
        page.append(row)
        used += height
    if page:
        pages.append(page)
    return pages


def split_text(text: str, width_in: float, font_pt: float, first_lines: int, later_lines: int,
               padding_in: float = CELL_PADDING_IN) -> list[str]:
    """`text` cut at line ends into a first piece of at most `first_lines` lines and later pieces of
    `later_lines`. Nothing is dropped: each piece holds its lines as they were joined."""
    lines = _wrapped(text, width_in, font_pt, padding_in)
    if len(lines) <= first_lines:
        return [text]
    cuts = [lines[:first_lines]] + [lines[i:i + later_lines] for i in range(first_lines, len(lines), later_lines)]
    pieces = []
    for piece in cuts:
        joined = ""
        for n, (line, joiner) in enumerate(piece):
            joined += line + (joiner if n < len(piece) - 1 else "")
        pieces.append(joined)
    return pieces


def fitting_size(text: str, width_in: float, height_in: float, sizes: Sequence[float],
                 padding_in: float = 0.2) -> float:
    """The largest of `sizes` at which `text` fits the box; the smallest if none does."""
    for size in sizes:
        if text_height_pt(lines_needed(text, width_in, size, padding_in), size) <= height_in * 72 - 7.2:
            return size
    return sizes[-1]


def pages_needed(count: int, per_page: int) -> int:
    return max(1, math.ceil(count / per_page))
