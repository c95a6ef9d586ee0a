"""Playwright: the Actions and Sources pages in real Chromium, by direct URL, with filters in the URL."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import screenshot, wait_for_app

pytestmark = pytest.mark.e2e

NWL_FILE = "nw-leicestershire_council-delivery-plan_2007-10.txt"
MELTON_FILE = "melton_improvement-plan-appendix-a_2009-10.txt"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def open_page(page, app_url: str, path: str) -> None:
    page.goto(f"{app_url}/{path}")
    wait_for_app(page)
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)


def action_metric(page):
    card = page.locator('[data-testid="stMetric"]').filter(has_text=re.compile(r"^Actions")).first
    return card.locator('[data-testid="stMetricValue"]')


def action_count(page) -> int:
    metric = action_metric(page)
    expect(metric).to_have_text(re.compile(r"^[\d,]+$"))
    return int(metric.inner_text().replace(",", ""))


def assert_accessible(page) -> None:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG}})
    serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]
               if v["impact"] in ("serious", "critical")]
    assert not serious, serious


def test_actions_page_search_filters_and_the_url_restores_it(page, app_url):
    open_page(page, app_url, "actions")
    expect(page.get_by_role("heading", name="Actions and milestones")).to_be_visible()
    everything = action_count(page)
    everything_text = action_metric(page).inner_text()
    assert everything > 100
    screenshot(page, "actions")

    search = page.get_by_label("Search actions", exact=True)
    search.fill("scrutiny")
    search.press("Enter")
    wait_for_app(page)
    page.wait_for_url(re.compile(r"[?&]q=scrutiny"))
    expect(action_metric(page)).not_to_have_text(everything_text)
    filtered = action_count(page)
    assert 0 < filtered < everything

    page.goto(page.url)
    wait_for_app(page)
    expect(page.get_by_label("Search actions", exact=True)).to_have_value("scrutiny")
    expect(action_metric(page)).to_have_text(re.compile(rf"^({filtered:,}|{filtered})$"))
    screenshot(page, "actions-search")


def test_actions_page_progress_tab_by_url(page, app_url):
    # The tab is chosen by the URL, as a shared link would.
    open_page(page, app_url, "actions?tab=Progress+status+%28Melton%29")
    expect(page.get_by_role("tab", name="Progress status (Melton)")).to_have_attribute("aria-selected", "true")
    # Plotly draws after the script finishes; give a busy machine time.
    expect(page.locator(".gtitle", has_text="actions by progress status (number of actions)")).to_be_visible(
        timeout=30_000)
    expect(page.get_by_text("How the status is read from the progress text")).to_be_visible()
    expect(page.get_by_text("the first that matches wins")).to_be_visible()
    screenshot(page, "actions-progress")
    assert_accessible(page)


def test_a_source_link_on_the_actions_page_lands_on_its_line(page, app_url):
    open_page(page, app_url, "actions?q=Review%20the%20Scrutiny%20function")
    page.get_by_role("tab", name="Quarterly milestones (NW Leicestershire)").click()
    wait_for_app(page)  # the tab's content is made by the rerun that choosing it starts
    link = page.locator('[data-testid="stTable"] a', has_text=f"{NWL_FILE}:947")
    with page.context.expect_page() as opened:  # links open the source in a new tab, keeping this view
        link.click()
    source = opened.value
    wait_for_app(source)
    expect(source).to_have_url(re.compile(r"[?&]line=947"))
    expect(source.locator('[data-testid="stException"]')).to_have_count(0)
    focus = source.locator("tr#L947")
    expect(focus).to_have_class(re.compile(r"\bfocus\b"))
    expect(focus).to_contain_text("cited line")
    expect(focus).to_be_visible()
    screenshot(source, "sources-from-action-link")


def test_sources_page_opens_a_line_and_the_url_restores_it(page, app_url):
    open_page(page, app_url, f"sources?file={NWL_FILE}&line=992")
    expect(page.get_by_role("heading", name="Line 992")).to_be_visible()
    row = page.locator("tr#L992")
    for shown in ("◆ cited line", "▶ used", "BV9"):
        expect(row).to_contain_text(shown)
    expect(page.locator("table.src-doc tr")).to_have_count(1 + 81)  # header + lines 952-1032
    screenshot(page, "sources-line")
    assert_accessible(page)

    line = page.get_by_label("Go to line", exact=True)
    line.fill("1006")
    line.press("Enter")
    wait_for_app(page)
    page.wait_for_url(re.compile(r"[?&]line=1006"))
    expect(page.get_by_role("heading", name="Line 1006")).to_be_visible()
    expect(page.locator("tr#L1006")).to_have_class(re.compile(r"\bfocus\b"))

    page.goto(page.url)
    wait_for_app(page)
    expect(page.get_by_label("Go to line", exact=True)).to_have_value("1006")
    expect(page.get_by_role("heading", name="Line 1006")).to_be_visible()

    # Another document: the line number belonged to the first one, so it is cleared.
    page.get_by_label("Source document (file)", exact=True).click()
    page.get_by_role("option", name=MELTON_FILE).click()
    wait_for_app(page)
    page.wait_for_url(re.compile(r"[?&]file=melton_"))
    expect(page).not_to_have_url(re.compile(r"[?&]line="))
    expect(page.locator("tr#L190")).to_be_visible()
    expect(page.locator("tr#L1")).to_be_visible()


@pytest.mark.parametrize("path", ["sources?view=Data-quality+findings&severity=warning"])
def test_sources_findings_tab_by_url(page, app_url, path):
    open_page(page, app_url, path)
    expect(page.get_by_text(re.compile(r"^\d+ findings")).first).to_be_visible()
    screenshot(page, "sources-findings")
    assert_accessible(page)
