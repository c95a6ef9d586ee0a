"""The board pack as PDF, read back with pypdf: A4 landscape pages numbered "Page n of N", the
same content as the deck with numbers as text, charts as vectors (no images), typed text as typed."""
from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from perfdash.boardpack.pdf import board_pack_html, css_string
from tests.boardpack import stores

A4_LANDSCAPE = (841.89, 595.28)  # points


@pytest.fixture(scope="module")
def reader(pdf_file):
    return PdfReader(io.BytesIO(pdf_file))


@pytest.fixture(scope="module")
def pages(reader):
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def test_every_page_is_a4_landscape_and_numbered(reader, pages):
    for page in reader.pages:
        assert abs(float(page.mediabox.width) - A4_LANDSCAPE[0]) < 1
        assert abs(float(page.mediabox.height) - A4_LANDSCAPE[1]) < 1
    for n, text in enumerate(pages, start=1):
        assert f"Page {n} of {len(pages)}" in text
        assert "North West Leicestershire" in text  # the footer


def test_the_cover_names_council_quarter_and_data_as_at(pages, pack):
    assert pack.council_name in pages[0] and "Q2 2007/08: July to September 2007" in pages[0]
    assert pack.data_as_at in pages[0]


def test_each_red_indicator_has_a_page_with_its_figures_as_text_and_its_comment(pages, pack, reds):
    assert len(pack.reds) == len(reds)
    for red in pack.reds:
        page = next((p for p in pages if " ".join(red.heading.split()) in p), None)
        assert page is not None, red.heading
        assert f"{red.value} ({red.basis})" in page and red.target in page
        # Markdown and HTML as typed (a long address may wrap at a line end).
        assert "".join(stores.comment_for(red.indicator_id).split()) in "".join(page.split())
        assert red.given_by in page
        assert red.chart_title in page  # the chart's own title is text in the vector drawing


def test_charts_are_vectors_not_images(reader, pack):
    assert all(not page.images for page in reader.pages)
    # Each red page draws its chart: the Value and Target legend and the Quarter axis title are text.
    drawn = [p for p in (" ".join(page.extract_text().split()) for page in reader.pages)
             if "value against target by quarter" in p]
    assert len(drawn) == len(pack.reds) and all("Quarter" in p and "Target" in p for p in drawn)


def test_the_pdf_holds_the_same_tables_as_the_deck(pages, pack):
    text = " ".join(pages)
    for row in pack.appendix:
        assert " ".join(row.cells[0].split()) in text
    for count in pack.counts:
        assert f"{count.icon} {count.words}" in text


def test_typed_text_is_escaped_in_the_html_never_markup(pack):
    page = board_pack_html(pack)
    assert "<b>from October</b>" not in page and "&lt;b&gt;from October&lt;/b&gt;" in page
    assert "<img" not in page and "http://example.invalid" in page  # the address is shown, never fetched
    assert re.search(r"url\(|@import", page) is None


def test_a_footer_cannot_break_out_of_its_css_string():
    quoted = css_string('Council"; } body { display: none } </style><script>')
    assert quoted.startswith('"') and quoted.endswith('"') and quoted.count('"') == 2
    assert "<" not in quoted and "}" not in quoted


def test_the_listing_tables_set_a_width_for_every_column():
    from perfdash.boardpack.content import APPENDIX_HEADER, SCORECARD_HEADER
    from perfdash.boardpack.pdf import APPENDIX_WIDTHS, SCORECARD_WIDTHS

    for header, widths in ((SCORECARD_HEADER, SCORECARD_WIDTHS), (APPENDIX_HEADER, APPENDIX_WIDTHS)):
        assert len(widths) == len(header) and sum(widths) == 100


def test_a_red_indicator_with_twelve_quarters_keeps_to_one_page(tmp_path):
    """Twelve quarters once squeezed the figures beside the chart into a sliver that ran over three
    pages, the heading alone on the first."""
    from perfdash.boardpack.pdf import pdf_bytes
    from perfdash.boardpack.source import load_board_pack
    from perfdash.rag.settings import load_rules

    store = stores.spc_store(tmp_path)
    pack = load_board_pack(stores.connection_for(store), load_rules(), stores.NWL, 2007, 4)
    red = next(r for r in pack.reds if r.indicator_id == stores.SPC_INDICATOR)
    assert len(red.periods) == 12
    pages = [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf_bytes(pack))).pages]
    heading = " ".join(red.heading.split())
    page = next(p for p in pages if heading in p)
    for label, words in red.facts():
        assert " ".join(words.split()) in page, label
    assert "The chart's figures" in page and red.given_by in page and "Sources." in page
    following = pages[pages.index(page) + 1]
    assert "Corrective action" not in following and red.given_by not in following


def _texts(data: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages]


def test_parts_laid_out_side_by_side_make_the_same_numbered_pages_as_the_whole(pack, pdf_file):
    """The command lays the parts out in worker processes and stamps the page numbers once they are
    joined; the pages must read exactly as the whole document laid out in one pass."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from perfdash.boardpack.pdf import pdf_bytes

    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("fork")) as pool:
        joined = pdf_bytes(pack, pool)
    whole, parts = _texts(pdf_file), _texts(joined)
    assert parts == whole
    assert all(text.count(f"Page {n} of {len(parts)}") == 1 for n, text in enumerate(parts, start=1))
    reader = PdfReader(io.BytesIO(joined))
    assert reader.metadata.title == pack.title
    bookmarks = [item.title for item in reader.outline if not isinstance(item, list)]
    assert "Appendix: every indicator" in bookmarks and any(red.heading in bookmarks for red in pack.reds)


def test_a_long_scorecard_is_cut_in_two_at_the_group_nearest_its_middle():
    from perfdash.boardpack.content import TableRow
    from perfdash.boardpack.pdf import SPLIT_SCORECARD_ROWS, _halves

    def group(rows: int, name: str) -> list[TableRow]:
        return [TableRow((name,), is_group=True)] + [TableRow((f"{name} {n}", "1")) for n in range(rows)]

    long = tuple(group(30, "A") + group(40, "B") + group(60, "C"))
    assert len(long) >= SPLIT_SCORECARD_ROWS
    first, second = _halves(long)
    assert first + second == long and second[0].cells == ("C",)  # C starts at row 72, nearest 66
    short = tuple(group(10, "A") + group(10, "B"))
    assert _halves(short) == [short]
    one_group = tuple(group(SPLIT_SCORECARD_ROWS, "A"))
    assert _halves(one_group) == [one_group]
