"""The performance pages in real headless Chromium: load, filter, share by URL, screenshot."""
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import screenshot, wait_for_app

pytestmark = pytest.mark.e2e

PLOT = ".js-plotly-plot"


def open_page(page, url: str) -> None:
    page.goto(url)
    wait_for_app(page)


def assert_clean(page) -> None:
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    expect(page.get_by_text("Something went wrong")).to_have_count(0)


def chart_titles(page) -> list[str]:
    return page.locator(f"{PLOT} .gtitle").all_text_contents()


@pytest.mark.parametrize("path, has_chart", [("overview", False), ("trends", True), ("profiles", True),
                                              ("compare", True)])
def test_page_loads_by_direct_url_and_draws(page, app_url, path, has_chart):
    open_page(page, f"{app_url}/{path}")
    assert_clean(page)
    if has_chart:
        page.locator(PLOT).first.wait_for(state="visible")
        expect(page.locator(f"{PLOT} .main-svg").first).to_be_attached()
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
    titles = page.locator(f"{PLOT} .gtitle")
    expect(titles.first).to_have_text(re.compile(r"^BV12"))
    expect(titles.filter(has_not_text=re.compile(r"^BV12"))).to_have_count(0)
    after = chart_titles(page)
    assert after != before
    expect(page).to_have_url(re.compile(r"[?&]q=BV12"))

    shared = page.context.new_page()
    open_page(shared, page.url)
    expect(shared.locator(f"{PLOT} .gtitle")).to_have_text(after)
    expect(shared.get_by_label("Find an indicator by code or title")).to_have_value("BV12")
    screenshot(shared, "performance-profiles-bv12")


def test_trends_council_filter_narrows_the_indicators_and_survives_the_url(page, app_url):
    open_page(page, f"{app_url}/trends?council=leicestershire")
    assert_clean(page)
    legend = page.locator(f"{PLOT} .legendtext")
    expect(legend.first).to_have_text(re.compile(r"^Leicestershire County Council"))
    expect(legend.filter(has_not_text=re.compile(r"^Leicestershire County Council"))).to_have_count(0)

    open_page(page, f"{app_url}/trends?council=nw-leicestershire&ind=nwl-delivery-2007:BV9")
    expect(page.locator(f"{PLOT} .gtitle").filter(has_text="BV9").first).to_be_visible()
    # The hover text is in the chart's data, not the page: wait until it carries the figure and its source line.
    page.wait_for_function("""() => [...document.querySelectorAll('.js-plotly-plot')]
        .flatMap(p => (p.data || []).flatMap(t => t.hovertext || []))
        .some(text => text.includes('94.09%')
                      && text.includes('nw-leicestershire_council-delivery-plan_2007-10.txt:992'))""")


def test_compare_tab_is_kept_in_the_url(page, app_url):
    open_page(page, f"{app_url}/compare")
    page.get_by_role("tab", name="Shared indicators").click()
    wait_for_app(page)
    expect(page).to_have_url(re.compile(r"[?&]tab="))
    shared = page.context.new_page()
    open_page(shared, page.url)
    expect(shared.get_by_role("tab", name="Shared indicators")).to_have_attribute("aria-selected", "true")


def test_a_deep_link_on_a_fresh_server_gets_the_full_app(browser):
    """The first visit to a fresh server may be a shared link to a page: it must still get the
    app's navigation and wide layout, not the bare page script."""
    from tests.e2e.conftest import start_app, watch_script_runs

    process, url = start_app()
    try:
        context = browser.new_context(viewport={"width": 1600, "height": 1000})
        watch_script_runs(context)
        fresh = context.new_page()
        open_page(fresh, f"{url}/trends")
        navigation = fresh.locator('[data-testid="stSidebarNav"]')
        expect(navigation).to_contain_text("Quarterly profiles")
        expect(navigation).to_contain_text("Compare councils")
        container = fresh.locator('[data-testid="stMainBlockContainer"]')
        expect(container).to_be_visible()
        assert container.bounding_box()["width"] > 1000
        fresh.locator(PLOT).first.wait_for(state="visible")
        context.close()
    finally:
        process.terminate()
        process.wait(timeout=10)
