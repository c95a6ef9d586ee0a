"""Exception cards in real Chromium: an officer's comment written as Markdown or HTML reaches the
page as the characters typed (no image is fetched, no link is live, no heading appears), and the
card's figures, the Gap among them, are never cut off on a laptop-width screen. Its own server and
store in a temporary folder."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from perfdash.store.outturns import Outturn
from tests.e2e.conftest import app_with_outturns, screenshot, wait_for_app

pytestmark = pytest.mark.e2e

NWL = "nw-leicestershire"
HOSTILE = "![x](http://example.org/a.png) **bold** [link](http://example.org/b) <b>html</b>\n# Heading"


@pytest.fixture(scope="module")
def cards_app(tmp_path_factory):
    # BV9 27 against a Q1 profile of 30.5; BV10 12.25 against 32.6: long gaps, both off target.
    with app_with_outturns(tmp_path_factory.mktemp("cards"), [
        Outturn("nwl-delivery-2007:BV9", NWL, 2007, 1, 27.0, "27.0%", HOSTILE),
        Outturn("nwl-delivery-2007:BV10", NWL, 2007, 1, 12.25, "12.25%", "=HYPERLINK(\"http://example.org\")"),
    ]) as url:
        yield url


def test_a_comment_in_markdown_is_shown_as_typed_and_fetches_nothing(cards_app, page):
    outside = []
    page.on("request", lambda request: outside.append(request.url) if "example.org" in request.url else None)
    page.goto(f"{cards_app}/exceptions?council_q={NWL}&year=2007&quarter=1")
    wait_for_app(page)
    main = page.locator('[data-testid="stMain"]')
    expect(main.get_by_text("**bold**", exact=False)).to_be_visible()
    expect(main.get_by_text("![x](http://example.org/a.png)", exact=False)).to_be_visible()
    expect(main.get_by_text("<b>html</b>", exact=False)).to_be_visible()
    expect(main.locator('img[src*="example.org"]')).to_have_count(0)
    expect(main.locator('a[href*="example.org"]')).to_have_count(0)
    expect(main.get_by_role("heading", name="Heading", exact=True)).to_have_count(0)
    expect(main.get_by_role("link", name="link", exact=True)).to_have_count(0)
    assert outside == []


def test_no_figure_on_a_card_is_cut_off_at_laptop_width(cards_app, page):
    page.set_viewport_size({"width": 1024, "height": 900})
    page.goto(f"{cards_app}/exceptions?council_q={NWL}&year=2007&quarter=1")
    wait_for_app(page)
    gaps = page.locator('[data-testid="stMetric"]').filter(has_text="Gap")
    expect(gaps).to_have_count(2)
    expect(gaps.first).to_contain_text("20.35 points")
    expect(gaps.first).to_contain_text("below target (62.4% of target)")
    clipped = page.evaluate("""() => [...document.querySelectorAll(
            '[data-testid="stMetricValue"], [data-testid="stMetricDelta"], [data-testid="stMetricLabel"]')]
        .flatMap((box) => [box, ...box.querySelectorAll("*")])
        .filter((element) => element.scrollWidth > element.clientWidth + 1)
        .map((element) => element.innerText)""")
    assert clipped == []
    screenshot(page, "exception-cards-1024")
