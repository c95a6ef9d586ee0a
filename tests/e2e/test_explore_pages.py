"""The Explore page in real Chromium: browse by URL, and a console query."""
import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import screenshot, wait_for_app

pytestmark = pytest.mark.e2e


def test_browse_view_restores_from_the_url(page, app_url, committed_tables):
    priorities = committed_tables["priorities"]
    expected = sum(row["council_id"] == "nw-leicestershire" for row in priorities)
    assert 0 < expected < len(priorities)  # the council filter must narrow the table
    page.goto(f"{app_url}/explore?table=priorities&council=nw-leicestershire")
    wait_for_app(page)
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    expect(page.get_by_text(f"{expected:,} of {expected:,} matching rows")).to_have_count(1)
    screenshot(page, "explore-browse")


def test_console_query_runs_and_a_refusal_is_explained(page, app_url):
    page.goto(f"{app_url}/explore")
    wait_for_app(page)
    page.get_by_role("tab", name="SQL console").click()
    editor = page.get_by_role("textbox", name="SQL", exact=True)
    editor.fill("select count(*) as indicators from indicators where council_id = 'nw-leicestershire'")
    page.get_by_role("button", name="Run query").click()
    wait_for_app(page)
    page.get_by_text("(1 row)").wait_for()
    screenshot(page, "explore-console")

    editor.fill("COPY indicators TO '/tmp/x.csv'")
    page.get_by_role("button", name="Run query").click()
    wait_for_app(page)
    alert = page.locator('[data-testid="stAlertContentError"]')
    expect(alert).to_contain_text("COPY")
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
