"""The board pack as PowerPoint, reopened with python-pptx as an officer's PowerPoint would open it."""
from __future__ import annotations

import io

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Emu, Pt

from perfdash.boardpack.pptx import build_deck, pptx_bytes
from perfdash.polarity import unit_label
from tests.boardpack import stores


@pytest.fixture(scope="module")
def deck(pptx_file):
    return Presentation(io.BytesIO(pptx_file))


def shape_texts(slide) -> list[str]:
    texts = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            texts.append(shape.text_frame.text)
        if shape.has_table:
            texts += [cell.text for row in shape.table.rows for cell in row.cells]
        if shape.has_chart and shape.chart.has_title:
            texts.append(shape.chart.chart_title.text_frame.text)
    return texts


def deck_text(deck) -> list[list[str]]:
    return [shape_texts(slide) for slide in deck.slides]


def test_the_deck_reopens_as_16_by_9_and_every_slide_has_a_title(deck):
    assert deck.slide_width * 9 == deck.slide_height * 16 or abs(deck.slide_width / deck.slide_height - 16 / 9) < 1e-3
    titles = [slide.shapes.title.text_frame.text for slide in deck.slides]
    assert all(titles)
    assert titles[0].startswith("North West Leicestershire")


def test_the_title_slide_names_council_quarter_and_data_as_at(deck, quarter_store):
    text = "\n".join(deck_text(deck)[0])
    newest = max(quarter_store.latest()["submitted_at"])
    assert "North West Leicestershire" in text and "Q2 2007/08" in text and "July to September 2007" in text
    assert f"Data as at {newest:%d %B %Y %H:%M}" in text


def test_every_red_indicator_has_a_slide_with_its_comment_who_and_when(deck, reds):
    slides = ["\n".join(texts) for texts in deck_text(deck)]
    for row in reds.itertuples():
        name = f"{row.code} {row.title}" if isinstance(row.code, str) else row.title
        slide = next((s for s in slides if s.startswith(f"✖ Off target: {name}")), None)
        assert slide is not None, name
        assert stores.comment_for(row.indicator_id) in slide
        assert f"Given by {stores.OFFICER} on {row.submitted_at:%d %B %Y}" in slide
        assert "Sources. Value: import q2.csv row" in slide
        assert "Gap:" in slide and "Short trend:" in slide and "Long trend:" in slide


def test_charts_are_native_editable_charts_with_titles_and_axis_titles(deck, pack):
    charts = [shape for slide in deck.slides for shape in slide.shapes if shape.has_chart]
    pictures = [shape for slide in deck.slides for shape in slide.shapes if shape.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert len(charts) == len(pack.reds) and not pictures
    units = stores.indicators().set_index("indicator_id")["unit"]
    for shape, red in zip(charts, pack.reds):
        chart = shape.chart
        assert chart.has_title and chart.chart_title.text_frame.text == red.chart_title
        assert chart.value_axis.has_title and chart.category_axis.has_title
        assert chart.category_axis.axis_title.text_frame.text == "Quarter"
        axis_title = chart.value_axis.axis_title.text_frame.text
        label = unit_label(units[red.indicator_id])
        assert axis_title.startswith("Value") and (label in axis_title or units[red.indicator_id] == "yes_no")
        series = {s.name: list(s.values) for s in chart.plots[0].series}
        assert series["Value"] == list(red.actuals) and series["Target"] == list(red.targets)
        assert list(chart.plots[0].categories) == list(red.periods)
        assert shape._element.nvGraphicFramePr.cNvPr.get("descr")  # alt text


def test_table_type_is_at_least_14_points(deck):
    sizes = [run.font.size for slide in deck.slides for shape in slide.shapes if shape.has_table
             for row in shape.table.rows for cell in row.cells for paragraph in cell.text_frame.paragraphs
             for run in paragraph.runs]
    assert sizes and all(size is not None and size >= Pt(14) for size in sizes)


def test_tables_stop_above_the_footer(deck):
    footer_top = Emu(int(7.05 * 914400))
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.has_table:
                assert shape.top + sum(row.height for row in shape.table.rows) <= footer_top


def test_the_scorecard_and_appendix_list_every_indicator(deck, status):
    tables = [(slide.shapes.title.text_frame.text, [cell.text for shape in slide.shapes if shape.has_table
                                                    for row in shape.table.rows for cell in row.cells])
              for slide in deck.slides]
    for heading in ("Scorecard by council priority", "Appendix: every indicator"):
        cells = [c for title, found in tables if title.startswith(heading) for c in found]
        for row in status.itertuples():
            assert any(cell.endswith(row.title) for cell in cells), (heading, row.title)


def test_slides_are_numbered_n_of_total(deck):
    total = len(deck.slides)
    for n, texts in enumerate(deck_text(deck), start=1):
        assert f"Slide {n} of {total}" in texts


def test_the_same_data_gives_the_same_slide_text(pack, deck):
    again = Presentation(io.BytesIO(pptx_bytes(pack)))
    assert deck_text(again) == deck_text(deck)


def test_a_long_comment_continues_on_the_next_slide_and_loses_nothing(pack):
    import dataclasses

    long_comment = " ".join(f"Step {n}: recruit, train and review caseloads weekly." for n in range(1, 41))
    red = dataclasses.replace(pack.reds[0], comment=long_comment)
    deck = build_deck(dataclasses.replace(pack, reds=(red,)))
    boxes = [shape.text_frame.paragraphs[1].text for slide in deck.slides for shape in slide.shapes
             if shape.has_text_frame and shape.text_frame.text.startswith("Corrective action")]
    assert len(boxes) > 1
    shown = " ".join(box.removesuffix(" …continued") for box in boxes)
    assert shown.split() == long_comment.split()


@pytest.mark.parametrize("text, bold", [("BV9 Percentage of Council Tax Collected", False), ("Priority 1: <A & B>", True),
                                        ("bell\x07 and tab\t kept", False), ("", False)])
def test_a_table_cell_written_directly_is_the_xml_python_pptx_makes(text, bold):
    from lxml import etree
    from pptx import Presentation
    from pptx.dml.color import RGBColor
    from pptx.enum.text import PP_ALIGN
    from pptx.util import Inches, Pt

    from perfdash.boardpack.pptx_cells import write_cell
    from perfdash.boardpack.pptx_chart import FONT

    deck = Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[5])
    cells = slide.shapes.add_table(1, 2, Inches(1), Inches(1), Inches(4), Inches(1)).table
    made, direct = cells.cell(0, 0), cells.cell(0, 1)
    frame = made.text_frame  # the library's own properties, as the deck used to write every cell
    frame.word_wrap = True
    frame.clear()
    run = frame.paragraphs[0].add_run()
    frame.paragraphs[0].alignment = PP_ALIGN.LEFT
    run.text = text
    run.font.name, run.font.size, run.font.bold, run.font.italic = FONT, Pt(14), bold, False
    run.font.color.rgb = RGBColor(0, 0, 0)
    made.fill.solid()
    made.fill.fore_color.rgb = RGBColor(0xD9, 0xD9, 0xD9)
    write_cell(direct, text, 14, bold, FONT, "D9D9D9")
    assert etree.tostring(direct._tc) == etree.tostring(made._tc)
