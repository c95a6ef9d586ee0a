"""The performance pages in real headless Chromium: load, filter, share by URL, screenshot."""
import re

import pytest

from tests.e2e.conftest import screenshot, wait_for_app

pytestmark = pytest.mark.e2e

PLOT = ".js-plotly-plot"


def open_page(page, url: str) -> None:
    page.goto(url)
    wait_for_app(page)


def assert_clean(page) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.get_by_text("Something went wrong").count() == 0


def chart_titles(page) -> list[str]:
    return page.locator(f"{PLOT} .gtitle").all_text_contents()


@pytest.mark.parametrize("path, has_chart", [("overview", False), ("trends", True), ("profiles", True),
                                              ("compare", True)])
def test_page_loads_by_direct_url_and_draws(page, app_url, path, has_chart):
    open_page(page, f"{app_url}/{path}")
    assert_clean(page)
    if has_chart:
        page.locator(PLOT).first.wait_for(state="visible")
        assert page.locator(f"{PLOT} .main-svg").count() > 0
    else:
        page.locator('[data-testid="stDataFrame"]').first.wait_for(state="visible")
    screenshot(page, f"performance-{path}")


def test_profiles_search_updates_the_charts_and_the_url_restores_it(page, app_url):
    open_page(page, f"{app_url}/profiles")
    page.locator(PLOT).first.wait_for(state="visible")
    before = chart_titles(page)
    search = page.get_by_label("Find an indicator by code or title")
    search.fill("BV12")
    search.press("Enter")
    wait_for_app(page)
    page.wait_for_function("() => /BV12/.test(document.querySelector('.js-plotly-plot .gtitle')?.textContent)")
    after = chart_titles(page)
    assert after != before and all(title.startswith("BV12") for title in after)
    assert re.search(r"[?&]q=BV12", page.url)

    shared = page.context.new_page()
    open_page(shared, page.url)
    shared.locator(PLOT).first.wait_for(state="visible")
    assert chart_titles(shared) == after
    assert shared.get_by_label("Find an indicator by code or title").input_value() == "BV12"
    screenshot(shared, "performance-profiles-bv12")


def test_trends_council_filter_narrows_the_indicators_and_survives_the_url(page, app_url):
    open_page(page, f"{app_url}/trends?council=leicestershire")
    assert_clean(page)
    page.locator(PLOT).first.wait_for(state="visible")
    hover_names = page.locator(f"{PLOT} .legendtext").all_text_contents()
    assert hover_names and all(name.startswith("Leicestershire County Council") for name in hover_names)

    open_page(page, f"{app_url}/trends?council=nw-leicestershire&ind=nwl-delivery-2007:BV9")
    page.locator(PLOT).first.wait_for(state="visible")
    assert any("BV9" in title for title in chart_titles(page))
    hover = page.evaluate("() => document.querySelector('.js-plotly-plot').data.flatMap(t => t.hovertext || [])")
    assert any("94.09%" in text and "nw-leicestershire_council-delivery-plan_2007-10.txt:992" in text
               for text in hover)


def test_compare_tab_is_kept_in_the_url(page, app_url):
    open_page(page, f"{app_url}/compare")
    page.get_by_role("tab", name="Shared indicators").click()
    wait_for_app(page)
    assert "tab=" in page.url
    shared = page.context.new_page()
    open_page(shared, page.url)
    assert shared.get_by_role("tab", name="Shared indicators").get_attribute("aria-selected") == "true"


def test_a_deep_link_on_a_fresh_server_gets_the_full_app(browser):
    """The first visit to a fresh server may be a shared link to a page: it must still get the
    app's navigation and wide layout, not the bare page script."""
    from tests.e2e.conftest import start_app

    process, url = start_app()
    try:
        context = browser.new_context(viewport={"width": 1600, "height": 1000})
        fresh = context.new_page()
        open_page(fresh, f"{url}/trends")
        navigation = fresh.locator('[data-testid="stSidebarNav"]').inner_text()
        assert "Quarterly profiles" in navigation and "Compare councils" in navigation
        assert fresh.locator('[data-testid="stMainBlockContainer"]').bounding_box()["width"] > 1000
        fresh.locator(PLOT).first.wait_for(state="visible")
        context.close()
    finally:
        process.terminate()
        process.wait(timeout=10)
