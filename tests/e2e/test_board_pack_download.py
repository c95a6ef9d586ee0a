"""The Scorecard's board pack buttons in real Chromium: the pack is made only when a button is
pressed (outside the page's script run), and what downloads is a real deck and a real PDF of the
council's quarter, with its red indicators."""
from __future__ import annotations

import io

import pytest
from playwright.sync_api import expect

from perfdash.store.outturns import Outturn
from tests.e2e.conftest import app_with_outturns, wait_for_app

pytestmark = pytest.mark.e2e

NWL = "nw-leicestershire"
SCORECARD = f"scorecard?council_q={NWL}&year=2007&quarter=1"
STEM = f"{NWL}-2007-08-Q1-board-pack"


@pytest.fixture(scope="module")
def pack_app(tmp_path_factory):
    with app_with_outturns(tmp_path_factory.mktemp("board-pack-download"), [
        Outturn("nwl-delivery-2007:BV9", NWL, 2007, 1, 27.0, "27.0%", "Billing system outage in May"),
        Outturn("nwl-delivery-2007:BV10", NWL, 2007, 1, 12.25, "12.25%", "Two large ratepayers in arrears"),
    ]) as url:
        yield url


def _download(page, label: str):
    button = page.get_by_role("button", name=label)
    expect(button).to_be_visible()
    with page.expect_download(timeout=120_000) as info:
        button.click()
    download = info.value
    return download.suggested_filename, download.path().read_bytes()


def test_the_pdf_button_downloads_the_quarters_pack(page, pack_app):
    from pypdf import PdfReader

    page.goto(f"{pack_app}/{SCORECARD}")
    wait_for_app(page)
    name, data = _download(page, "Download the board pack as PDF")
    assert name == f"{STEM}.pdf"
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    assert "North West Leicestershire" in text and "Q1 2007/08" in text
    assert "Billing system outage in May" in text and "Two large ratepayers in arrears" in text


def test_the_powerpoint_button_downloads_the_quarters_deck(page, pack_app):
    from pptx import Presentation

    page.goto(f"{pack_app}/{SCORECARD}")
    wait_for_app(page)
    name, data = _download(page, "Download the board pack as PowerPoint")
    assert name == f"{STEM}.pptx"
    deck = Presentation(io.BytesIO(data))
    text = "\n".join(shape.text_frame.text for slide in deck.slides for shape in slide.shapes
                     if shape.has_text_frame)
    assert "Q1 2007/08" in text and "Two large ratepayers in arrears" in text
    charts = [shape for slide in deck.slides for shape in slide.shapes if shape.has_chart]
    assert charts, "the deck has native charts"
