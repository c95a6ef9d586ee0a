"""The Priorities page in real Chromium: direct load, filters, URL restore, a scenario upload,
screenshots and an axe scan."""
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import screenshot, wait_for_app

pytestmark = pytest.mark.e2e

NWL = "North West Leicestershire District Council"
SCENARIO = b"""format: perfdash-priority-workshop/1
council: nw-leicestershire
note: Cabinet away day
criteria:
  - {name: Community impact, weight: 2}
  - {name: Statutory duty, weight: 1}
scores:
  "nwl-delivery-2007:9": {Community impact: 5, Statutory duty: 5}
"""

# The workshop's first priority after the upload, as the chart names it on its right-hand side (the
# name may run onto a second line).
TOP_OF_THE_WORKSHOP = re.compile(r"1\. 9 · Improve Community\s*Safety ▲")


def no_exception(page):
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)


def open_tab(page, name):
    page.get_by_role("tab", name=name).click()
    wait_for_app(page)


def test_priorities_load_by_direct_url_and_follow_the_council_filter(app_url, page):
    page.goto(f"{app_url}/priorities")
    wait_for_app(page)
    no_exception(page)
    main = page.locator('[data-testid="stMain"]')
    expect(main.get_by_role("heading", name="Priorities", exact=True)).to_be_visible()
    expect(main.get_by_text("Scrutiny gaps").first).to_be_visible()
    headings = main.locator('[data-testid="stHeading"]')
    expect(headings.filter(has_text="Leicester City Council").first).to_be_visible()

    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_role("combobox").first.click()
    page.get_by_role("option", name=NWL).click()
    page.keyboard.press("Escape")
    wait_for_app(page)
    no_exception(page)
    expect(headings.filter(has_text=NWL).first).to_be_visible()
    expect(headings.filter(has_text=re.compile(r"^Leicester City Council:"))).to_have_count(0)
    expect(page).to_have_url(re.compile(r"[?&]council="))
    screenshot(page, "priorities-list-nwl")


def test_the_url_restores_the_filters_and_the_workshop_council(app_url, page):
    page.goto(f"{app_url}/priorities?council=leicestershire&gaps=true&tab=Ranking+workshop"
              f"&wc=nw-leicestershire")
    wait_for_app(page)
    no_exception(page)
    expect(page.get_by_role("tab", name="Ranking workshop")).to_have_attribute("aria-selected", "true")
    expect(page.get_by_role("combobox", name="Council for the workshop")).to_have_value(NWL)
    page.get_by_role("tab", name="Priorities and what serves them").click()
    wait_for_app(page)
    expect(page.get_by_role("switch", name="Show only scrutiny gaps")).to_be_checked()
    headings = page.locator('[data-testid="stMain"] [data-testid="stHeading"]')
    expect(headings.filter(has_text=re.compile(r"^Leicestershire County Council:")).first).to_be_visible()
    expect(headings.filter(has_text=re.compile("^" + re.escape(NWL + ":")))).to_have_count(0)
    open_tab(page, "Ranking workshop")
    chart = page.locator('[data-testid="stPlotlyChart"]').first
    chart.wait_for()
    expect(chart).to_contain_text("Put tenants first", use_inner_text=True)
    screenshot(page, "priorities-workshop-nwl")


def test_a_scenario_upload_restores_a_meetings_ranking(app_url, page):
    page.goto(f"{app_url}/priorities?tab=Ranking+workshop")
    wait_for_app(page)
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(
        files=[{"name": "meeting.yaml", "mimeType": "application/x-yaml", "buffer": SCENARIO}])
    wait_for_app(page)
    page.get_by_text("Restored the scenario in meeting.yaml").wait_for()
    no_exception(page)
    expect(page).to_have_url(re.compile(r"[?&]wc="))
    # The meeting's note is back in its box, ready to edit, not merely printed somewhere on the page.
    expect(page.get_by_label("Note for the record")).to_have_value("Cabinet away day")
    expect(page.locator('[data-testid="stPlotlyChart"]').first).to_contain_text(TOP_OF_THE_WORKSHOP,
                                                                                 use_inner_text=True)
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(
        files=[{"name": "broken.yaml", "mimeType": "application/x-yaml", "buffer": b"council: [oops"}])
    wait_for_app(page)
    page.get_by_text("broken.yaml was not restored, and nothing has changed").wait_for()
    expect(page.locator('[data-testid="stPlotlyChart"]').first).to_contain_text(TOP_OF_THE_WORKSHOP,
                                                                                 use_inner_text=True)
    screenshot(page, "priorities-workshop-upload")


@pytest.mark.parametrize("query", ["", "?tab=Ranking+workshop&wc=nw-leicestershire"])
def test_priorities_page_passes_axe(app_url, page, query):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(f"{app_url}/priorities{query}")
    wait_for_app(page)
    page.locator('[data-testid="stPlotlyChart"], [data-testid="stDataFrame"]').locator("visible=true").first.wait_for()
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": [
        "wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}})
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, [(v["id"], v["help"], [n["target"] for n in v["nodes"][:3]]) for v in serious]
