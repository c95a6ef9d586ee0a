"""The Priorities page in real Chromium: direct load, filters, URL restore, a scenario upload,
screenshots and an axe scan."""
from urllib.parse import parse_qs, urlparse

import pytest

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


def no_exception(page):
    assert page.locator('[data-testid="stException"]').count() == 0


def open_tab(page, name):
    page.get_by_role("tab", name=name).click()
    wait_for_app(page)


def test_priorities_load_by_direct_url_and_follow_the_council_filter(app_url, page):
    page.goto(f"{app_url}/priorities")
    wait_for_app(page)
    no_exception(page)
    main = page.locator('[data-testid="stMain"]')
    assert main.get_by_role("heading", name="Priorities", exact=True).is_visible()
    assert main.get_by_text("Scrutiny gaps").first.is_visible()
    before = main.locator('[data-testid="stHeading"]').all_inner_texts()
    assert any("Leicester City Council" in text for text in before)

    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_role("combobox").first.click()
    page.get_by_role("option", name=NWL).click()
    page.keyboard.press("Escape")
    wait_for_app(page)
    no_exception(page)
    after = main.locator('[data-testid="stHeading"]').all_inner_texts()
    assert any(NWL in text for text in after) and not any(text.startswith("Leicester City Council:") for text in after)
    assert "council" in parse_qs(urlparse(page.url).query)
    screenshot(page, "priorities-list-nwl")


def test_the_url_restores_the_filters_and_the_workshop_council(app_url, page):
    page.goto(f"{app_url}/priorities?council=leicestershire&gaps=true&tab=Ranking+workshop"
              f"&wc=nw-leicestershire")
    wait_for_app(page)
    no_exception(page)
    assert page.get_by_role("tab", name="Ranking workshop").get_attribute("aria-selected") == "true"
    assert page.get_by_role("combobox", name="Council for the workshop").input_value() == NWL
    page.get_by_role("tab", name="Priorities and what serves them").click()
    wait_for_app(page)
    assert page.get_by_role("switch", name="Show only scrutiny gaps").is_checked()
    headings = page.locator('[data-testid="stMain"] [data-testid="stHeading"]').all_inner_texts()
    assert any(text.startswith("Leicestershire County Council:") for text in headings)
    assert not any(text.startswith(NWL + ":") for text in headings)
    open_tab(page, "Ranking workshop")
    chart = page.locator('[data-testid="stPlotlyChart"]').first
    chart.wait_for()
    assert "Put tenants first" in chart.inner_text()
    screenshot(page, "priorities-workshop-nwl")


def test_a_scenario_upload_restores_a_meetings_ranking(app_url, page):
    page.goto(f"{app_url}/priorities?tab=Ranking+workshop")
    wait_for_app(page)
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(
        files=[{"name": "meeting.yaml", "mimeType": "application/x-yaml", "buffer": SCENARIO}])
    wait_for_app(page)
    page.get_by_text("Restored the scenario in meeting.yaml").wait_for()
    no_exception(page)
    assert "wc=" in page.url
    assert page.get_by_text("Cabinet away day").count() >= 1 or \
        page.get_by_label("Note for the record").input_value() == "Cabinet away day"
    chart_text = page.locator('[data-testid="stPlotlyChart"]').first.inner_text()
    assert "1. 9 · Improve Community Safety ▲" in chart_text
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(
        files=[{"name": "broken.yaml", "mimeType": "application/x-yaml", "buffer": b"council: [oops"}])
    wait_for_app(page)
    page.get_by_text("broken.yaml was not restored, and nothing has changed").wait_for()
    assert "1. 9 · Improve Community Safety ▲" in page.locator('[data-testid="stPlotlyChart"]').first.inner_text()
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
