"""The board pack as a PowerPoint deck (python-pptx): 16:9 slides, native editable charts (chart
data, not pictures) with titles and axis titles, tables in type of at least 14 pt cut into slides
that hold them, one slide for each red indicator, and an appendix listing every indicator.

Every slide has a real title placeholder (so PowerPoint's accessibility checker and screen readers
find it) and a footer with the council, the quarter and "Slide n of N". Text is set as plain runs:
an officer's comment shows exactly as typed.
"""
from __future__ import annotations

import io
from collections.abc import Sequence

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Inches, Pt

from perfdash.boardpack import paging
from perfdash.boardpack.content import (
    APPENDIX_HEADER,
    DEMO_WARNING,
    SCORECARD_HEADER,
    BoardPack,
    RedIndicator,
    TableRow,
)
from perfdash.boardpack.pptx_cells import write_cell
from perfdash.boardpack.pptx_chart import FONT, add_chart
from perfdash.palette import RAG_STYLES

SLIDE_W, SLIDE_H = 13.333, 7.5          # inches: 16:9
MARGIN = 0.4
CONTENT_W = SLIDE_W - 2 * MARGIN
TABLE_PT = 14                           # no table text smaller than this
BLACK, WHITE = RGBColor(0, 0, 0), RGBColor(0xFF, 0xFF, 0xFF)
HEADER_FILL, GROUP_FILL = RGBColor(0xD9, 0xD9, 0xD9), RGBColor(0xF2, 0xF2, 0xF2)
TITLE_ONLY, TITLE_SLIDE = 5, 0          # layouts of python-pptx's default template
TABLE_TOP, TABLE_BOTTOM = 1.2, 6.55     # inches
SCORECARD_WIDTHS = (4.23, 1.1, 1.1, 1.5, 1.45, 1.45, 1.7)
APPENDIX_WIDTHS = (4.4, 1.6, 1.8, 4.73)
COMMENT_PT, COMMENT_BOX_H = 16, 1.4


def _rgb(colour: str) -> RGBColor:
    return RGBColor.from_string(colour.lstrip("#"))


def _style_run(run, size: float, bold: bool = False, italic: bool = False, colour: RGBColor = BLACK) -> None:
    run.font.name, run.font.size, run.font.bold, run.font.italic = FONT, Pt(size), bold, italic
    run.font.color.rgb = colour


def _write(frame, paragraphs: Sequence[tuple[str, float, bool]], align=PP_ALIGN.LEFT) -> None:
    """Plain text into a text frame, one (text, size, bold) per paragraph."""
    frame.word_wrap = True
    frame.clear()
    for n, (text, size, bold) in enumerate(paragraphs):
        paragraph = frame.paragraphs[0] if n == 0 else frame.add_paragraph()
        paragraph.alignment = align
        run = paragraph.add_run()
        run.text = text
        _style_run(run, size, bold)


def _text_box(slide, x: float, y: float, w: float, h: float, paragraphs, align=PP_ALIGN.LEFT):
    box = slide.shapes.add_textbox(Inches(x), Inches(y), Inches(w), Inches(h))
    _write(box.text_frame, paragraphs, align)
    return box


def _titled_slide(deck, title: str):
    slide = deck.slides.add_slide(deck.slide_layouts[TITLE_ONLY])
    shape = slide.shapes.title
    shape.left, shape.top, shape.width, shape.height = Inches(MARGIN), Inches(0.25), Inches(CONTENT_W), Inches(0.9)
    size = paging.fitting_size(title, CONTENT_W, 0.9, (28, 24, 20, 18))
    _write(shape.text_frame, [(title, size, True)])
    shape.text_frame.vertical_anchor = MSO_ANCHOR.TOP
    return slide


def _table(slide, header: Sequence[str], rows, widths: Sequence[float], top: float) -> None:
    """A table of plain text at TABLE_PT: a bold shaded header, group rows spanning every column."""
    shape = slide.shapes.add_table(len(rows) + 1, len(header), Inches(MARGIN), Inches(top),
                                   Inches(sum(widths)), Inches(0.4 * (len(rows) + 1)))
    table = shape.table
    table.first_row = True
    table.horz_banding = False
    for n, width in enumerate(widths):
        table.columns[n].width = Inches(width)
    for n, text in enumerate(header):
        write_cell(table.cell(0, n), text, TABLE_PT, True, FONT, str(HEADER_FILL))
    for r, row in enumerate(rows, start=1):
        if row.is_group:
            table.cell(r, 0).merge(table.cell(r, len(header) - 1))
            write_cell(table.cell(r, 0), row.cells[0], TABLE_PT, True, FONT, str(GROUP_FILL))
            continue
        for n, text in enumerate(row.cells):
            write_cell(table.cell(r, n), text, TABLE_PT, False, FONT, str(WHITE))
    for r, row in enumerate([None, *rows]):
        cells = header if row is None else row.cells
        table.rows[r].height = Emu(int(Pt(paging.row_height_pt(cells, widths, TABLE_PT))))


def _paged_tables(deck, title: str, header, rows, widths, note: str | None = None, carry_groups: bool = True,
                  first_slide=None, first_top: float = TABLE_TOP) -> None:
    """`rows` on as many slides as they need; a page that starts inside a group repeats the group's
    row, marked "continued". With `first_slide`, the first page goes on it, from `first_top`."""
    bottom = TABLE_BOTTOM - (0.45 if note else 0)
    available = (bottom - TABLE_TOP) * 72
    header_pt = paging.row_height_pt(header, widths, TABLE_PT)
    first_available = available - (first_top - TABLE_TOP) * 72
    pages = paging.page_rows(rows, lambda row: row.cells, widths, TABLE_PT, available, header_pt,
                             first_available if first_slide is not None else None)
    group = None
    for n, page in enumerate(pages, start=1):
        shown = list(page)
        if carry_groups and group is not None and not shown[0].is_group:
            shown.insert(0, TableRow((f"{group.cells[0]} (continued)",), is_group=True))
        for row in page:
            if row.is_group:
                group = row
        named = f"{title} ({n} of {len(pages)})" if len(pages) > 1 else title
        if n == 1 and first_slide is not None:
            slide, top = first_slide, first_top
        else:
            slide, top = _titled_slide(deck, named), TABLE_TOP
        _table(slide, header, shown, widths, top)
        if note:
            _text_box(slide, MARGIN, bottom + 0.05, CONTENT_W, 0.4, [(note, 14, False)])


def _title_slide(deck, pack: BoardPack) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[TITLE_SLIDE])
    slide.shapes.title.left, slide.shapes.title.top = Inches(MARGIN + 0.4), Inches(1.4)
    slide.shapes.title.width, slide.shapes.title.height = Inches(CONTENT_W - 0.8), Inches(1.6)
    _write(slide.shapes.title.text_frame, [(pack.council_name, 40, True), ("Performance board pack", 32, False)])
    subtitle = slide.placeholders[1]
    subtitle.left, subtitle.top, subtitle.width, subtitle.height = (Inches(MARGIN + 0.4), Inches(3.3),
                                                                     Inches(CONTENT_W - 0.8), Inches(2.6))
    lines = [(f"{pack.quarter_label}: {pack.months}", 28, True), (pack.data_as_at, 20, False),
             (f"Indicators grouped by {pack.grouping_words}", 20, False)]
    if pack.demo:
        lines.append((DEMO_WARNING, 20, True))
    _write(subtitle.text_frame, lines)


def _headline_slide(deck, pack: BoardPack) -> None:
    slide = _titled_slide(deck, f"Headline counts: {pack.quarter_label}")
    width = (CONTENT_W - 0.2 * (len(pack.counts) - 1)) / len(pack.counts)
    for n, count in enumerate(pack.counts):
        x = MARGIN + n * (width + 0.2)
        box = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Inches(x), Inches(1.2), Inches(width), Inches(1.5))
        box.fill.solid()
        box.fill.fore_color.rgb = WHITE
        box.line.color.rgb = _rgb(RAG_STYLES[count.status][0])
        box.line.width = Pt(4)
        _write(box.text_frame, [(str(count.count), 44, True), (f"{count.icon} {count.words}", 18, True)],
               PP_ALIGN.CENTER)
        box.text_frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    _text_box(slide, MARGIN, 2.75, CONTENT_W, 0.45,
              [(f"Above: every indicator of the council. Below: by {pack.grouping_words}.", 16, False)])
    widths = (CONTENT_W - 6 * 1.15, *([1.15] * 6))
    _paged_tables(deck, f"Headline counts by {pack.grouping_words}", pack.group_counts_header, pack.group_counts,
                  widths, carry_groups=False, first_slide=slide, first_top=3.25)


def _red_slides(deck, red: RedIndicator) -> None:
    slide = _titled_slide(deck, red.heading)
    add_chart(slide, red, MARGIN, 1.2, 6.9, 3.55, _write)
    facts = [f"{label}: {words}" for label, words in red.facts()]
    size = paging.fitting_size("\n".join(facts), 5.4, 3.55, (16, 15, 14))
    box = _text_box(slide, MARGIN + 7.1, 1.2, 5.4, 3.55, [])
    frame = box.text_frame
    frame.clear()
    for n, (label, words) in enumerate(red.facts()):
        paragraph = frame.paragraphs[0] if n == 0 else frame.add_paragraph()
        for text, bold in ((f"{label}: ", True), (words, False)):
            run = paragraph.add_run()
            run.text = text
            _style_run(run, size, bold)
    pieces = paging.split_text(red.comment, CONTENT_W, COMMENT_PT, 2, 14, padding_in=0.3)
    _action_box(slide, red, pieces[0], 4.85, COMMENT_BOX_H, more=len(pieces) > 1)
    _text_box(slide, MARGIN, 6.3, CONTENT_W, 0.7, [("Sources. " + ". ".join(red.sources), 14, False)])
    for n, piece in enumerate(pieces[1:], start=2):
        more = _titled_slide(deck, f"{red.heading}: corrective action ({n} of {len(pieces)})")
        _action_box(more, red, piece, 1.2, 5.3, more=n < len(pieces))


def _action_box(slide, red: RedIndicator, comment: str, top: float, height: float, more: bool) -> None:
    box = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Inches(MARGIN), Inches(top), Inches(CONTENT_W), Inches(height))
    box.fill.solid()
    box.fill.fore_color.rgb = WHITE
    box.line.color.rgb, box.line.width = BLACK, Pt(2)
    frame = box.text_frame
    frame.vertical_anchor = MSO_ANCHOR.TOP
    lines = [("Corrective action: the officer's comment", 16, True), (comment + (" …continued" if more else ""),
                                                                     COMMENT_PT, False),
             (red.given_by, 14, False)]
    _write(frame, lines)


def _footers(deck, pack: BoardPack) -> None:
    total = len(deck.slides)
    left = f"{pack.council_name} · {pack.quarter_label} board pack" + (" · DEMONSTRATION DATA" if pack.demo else "")
    for n, slide in enumerate(deck.slides, start=1):
        if n > 1:
            _text_box(slide, MARGIN, 7.05, CONTENT_W - 2.0, 0.4, [(left, 14, pack.demo)])
        _text_box(slide, SLIDE_W - MARGIN - 1.9, 7.05, 1.9, 0.4, [(f"Slide {n} of {total}", 14, False)],
                  PP_ALIGN.RIGHT)


def build_deck(pack: BoardPack) -> Presentation:
    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(SLIDE_W), Inches(SLIDE_H)
    deck.core_properties.title = pack.title
    deck.core_properties.subject = f"{pack.council_name}, {pack.quarter_label}"
    _title_slide(deck, pack)
    _headline_slide(deck, pack)
    note = ("Value is the quarter's outturn, or the year to date where the target is cumulative. "
            "Where each value and target comes from: see the appendix.")
    _paged_tables(deck, f"Scorecard by {pack.grouping_words}", SCORECARD_HEADER, pack.scorecard, SCORECARD_WIDTHS,
                  note=note)
    if not pack.reds:
        slide = _titled_slide(deck, "Red indicators")
        _text_box(slide, MARGIN, 1.3, CONTENT_W, 1.0, [(f"No indicator is red in {pack.quarter_label}.", 20, False)])
    for red in pack.reds:
        _red_slides(deck, red)
    _paged_tables(deck, "Appendix: every indicator", APPENDIX_HEADER, pack.appendix, APPENDIX_WIDTHS,
                  carry_groups=False)
    _footers(deck, pack)
    return deck


def pptx_bytes(pack: BoardPack) -> bytes:
    """The deck as the bytes of a .pptx file."""
    buffer = io.BytesIO()
    build_deck(pack).save(buffer)
    return buffer.getvalue()
