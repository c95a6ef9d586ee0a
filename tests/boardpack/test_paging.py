"""How the deck decides what fits (perfdash.boardpack.paging), held against real font metrics: a
table row is never given fewer lines than its text wraps to in Arial's metrics (Liberation Sans,
metric-compatible), so PowerPoint never grows a row past the slide's foot."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from pptx import Presentation

from perfdash.boardpack import paging
from perfdash.boardpack.pptx import TABLE_PT

LIBERATION = Path("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf")
LIBERATION_BOLD = Path("/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf")


def real_lines(text: str, width_in: float, font) -> int:
    """Greedy word wrap with the font's own advance widths, as PowerPoint wraps."""
    limit = (width_in - paging.CELL_PADDING_IN) * 72
    lines = 0
    for paragraph in text.split("\n"):
        line = ""
        lines += 1
        for word in paragraph.split(" "):
            candidate = f"{line} {word}" if line else word
            if font.getlength(candidate) <= limit:
                line = candidate
                continue
            if line:
                lines += 1
            line = word
            while font.getlength(line) > limit:  # a word longer than the cell breaks within itself
                cut = max(n for n in range(1, len(line) + 1) if font.getlength(line[:n]) <= limit)
                line = line[cut:]
                lines += 1
    return lines


def test_estimated_lines_are_never_fewer_than_the_real_wrap(pptx_file):
    fonts = pytest.importorskip("PIL.ImageFont")
    if not LIBERATION.is_file():
        pytest.skip("Liberation Sans (fonts-liberation) is not installed")
    regular = fonts.truetype(str(LIBERATION), TABLE_PT)
    bold = fonts.truetype(str(LIBERATION_BOLD if LIBERATION_BOLD.is_file() else LIBERATION), TABLE_PT)
    deck = Presentation(io.BytesIO(pptx_file))
    checked = 0
    for slide in deck.slides:
        for shape in slide.shapes:
            if not shape.has_table:
                continue
            widths = [column.width / 914400 for column in shape.table.columns]
            for r, row in enumerate(shape.table.rows):
                cells = list(row.cells)
                spans = [sum(widths)] if cells[0].is_merge_origin else widths
                for cell, width in zip(cells, spans):
                    font = bold if r == 0 or cells[0].is_merge_origin else regular
                    assert paging.lines_needed(cell.text, width, TABLE_PT) >= real_lines(cell.text, width, font), \
                        cell.text
                    checked += 1
    assert checked > 200


def test_pages_hold_every_row_once_in_order():
    rows = [f"row {n} " + "word " * (n % 7) * 6 for n in range(60)]
    pages = paging.page_rows(rows, lambda row: (row,), [3.0], 14, 300, 20)
    assert [row for page in pages for row in page] == rows
    for page in pages:
        assert sum(paging.row_height_pt((row,), [3.0], 14) for row in page) + 20 <= 300 or len(page) == 1


def test_a_row_too_tall_for_any_page_still_gets_a_page_of_its_own():
    tall = "word " * 400
    pages = paging.page_rows(["short", tall, "short"], lambda row: (row,), [2.0], 14, 200, 20)
    assert [tall] in pages and len(pages) == 3


def test_split_text_keeps_every_word_and_paragraph():
    text = "First paragraph " * 30 + "\nSecond, with a-very-long-address-that-cannot-break-anywhere-at-all-in-a-cell"
    pieces = paging.split_text(text, 3.0, 14, 2, 4)
    assert len(pieces) > 2
    assert "".join(pieces).replace(" ", "").replace("\n", "") == text.replace(" ", "").replace("\n", "")
    assert all(paging.lines_needed(piece, 3.0, 14) <= 4 for piece in pieces[1:])


def test_the_largest_size_that_fits_is_chosen():
    assert paging.fitting_size("short", 5, 1, (28, 20, 14)) == 28
    assert paging.fitting_size("word " * 60, 5, 1, (28, 20, 14)) == 14
