"""Meeting mode in real Chromium at 1920x1080: ?present=1 hides the sidebar and Streamlit's chrome on
every meeting page, KPI values measure at least 48 px and every piece of text at least 20 px, the
chair steps through the exceptions with the arrow keys (the place kept in the URL, so a reload
keeps it), and the page, in meeting mode and with its decisions, passes axe's WCAG 2.2 AA checks."""
from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from perfdash.store.decisions import Decision, DecisionStore
from perfdash.store.outturns import ActualsStore, Outturn
from tests.e2e.conftest import screenshot, start_app, wait_for_app, watch_script_runs
from tests.e2e.test_accessibility import serious_violations

pytestmark = pytest.mark.e2e

NWL = "nw-leicestershire"
QUARTER = f"council_q={NWL}&year=2007&quarter=1"
MEETING_PAGES = [f"scorecard?{QUARTER}", f"exceptions?{QUARTER}", "profiles", "trends", "priorities"]
CHROME = ["stSidebar", "stHeader", "stToolbar", "stMainMenu", "stAppDeployButton", "stExpandSidebarButton"]
BV10_HEADING = "✖ Off target — BV10 · Percentage of Business Rates Collected"
BV9_HEADING = "✖ Off target — BV9 · Percentage of Council Tax Collected"

# Every visible piece of text in the main area, with the font size it is drawn at. Text in charts
# (SVG) and data grids (canvas) is drawn by their own libraries and is not page text.
TEXT_SIZES = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
  const found = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent.trim();
    const element = node.parentElement;
    if (!text || element.closest('svg, canvas, [data-testid="stDataFrame"], [hidden]')) continue;
    const box = element.getBoundingClientRect();
    const style = getComputedStyle(element);
    if (!box.width || !box.height || style.visibility === "hidden") continue;
    found.push([parseFloat(style.fontSize), text.slice(0, 40)]);
  }
  return found;
}"""
KPI_SIZES = """() => [...document.querySelectorAll('[data-testid="stMetricValue"]')].map((value) => {
  const text = [...value.querySelectorAll('*'), value].find((e) => e.childElementCount === 0 && e.textContent.trim());
  return parseFloat(getComputedStyle(text || value).fontSize);
})"""


@pytest.fixture(scope="module")
def meeting_app(tmp_path_factory):
    folder = tmp_path_factory.mktemp("meeting")
    # Q1 2007/08: BV10 12.25 against 32.6 and BV9 27 against 30.5 are both red, BV10 the worse.
    ActualsStore(folder / "actuals.duckdb").record([
        Outturn("nwl-delivery-2007:BV9", NWL, 2007, 1, 27.0, "27.0%", "Billing system outage in May"),
        Outturn("nwl-delivery-2007:BV10", NWL, 2007, 1, 12.25, "12.25%", "Two large ratepayers in arrears"),
    ], "jo.bloggs")
    DecisionStore(ActualsStore(folder / "actuals.duckdb")).record(Decision(
        NWL, "nwl-delivery-2007:BV9", 2007, 1, "Recruit two temporary staff", "Head of Revenues",
        date(2007, 9, 30)), "jo.bloggs")
    process, url = start_app({"PERFDASH_STORE": str(folder / "actuals.duckdb"),
                              "PERFDASH_DEMO_STORE": str(folder / "demo.duckdb"),
                              "PERFDASH_EDITORS": str(folder / "editors.yaml")})
    yield url
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def screen(browser):
    """A 1920x1080 meeting-room screen."""
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    watch_script_runs(context)
    page = context.new_page()
    yield page
    context.close()


def _with_present(path: str, extra: str = "") -> str:
    return f"{path}{'&' if '?' in path else '?'}present=1{extra}"


@pytest.mark.parametrize("path", MEETING_PAGES)
def test_meeting_mode_hides_the_chrome_and_sets_large_type(meeting_app, screen, path):
    screen.goto(f"{meeting_app}/{_with_present(path)}")
    wait_for_app(screen)
    expect(screen.get_by_role("button", name="Leave meeting mode")).to_be_visible()
    for testid in CHROME:
        expect(screen.locator(f'[data-testid="{testid}"]')).to_be_hidden()
    main_box = screen.locator('[data-testid="stMain"]').bounding_box()
    assert main_box["x"] == 0 and main_box["width"] == 1920  # no room kept for a sidebar
    sizes = screen.evaluate(TEXT_SIZES)
    assert sizes, "no text measured"
    assert [(size, text) for size, text in sizes if size < 20] == []
    assert all(size >= 48 for size in screen.evaluate(KPI_SIZES))
    screenshot(screen, f"meeting-mode-{path.split('?')[0]}")


def test_kpi_values_are_measured_on_the_pages_that_have_them(meeting_app, screen):
    for path in (f"exceptions?{QUARTER}", "priorities"):
        screen.goto(f"{meeting_app}/{_with_present(path)}")
        wait_for_app(screen)
        expect(screen.locator('[data-testid="stMetricValue"]').first).to_be_visible()
        # Retried until met: during a rerun the page can briefly hold its elements without the styles.
        try:
            screen.wait_for_function(f"() => {{ const k = ({KPI_SIZES})(); return k.length && Math.min(...k) >= 48; }}",
                                     timeout=30_000, polling=100)
        except PlaywrightTimeout:
            pass  # the assertion below says what was measured
        kpis = screen.evaluate(KPI_SIZES)
        assert kpis and min(kpis) >= 48, (path, kpis)


def test_the_chair_steps_through_the_exceptions_with_the_keyboard(meeting_app, screen):
    screen.goto(f"{meeting_app}/{_with_present(f'exceptions?{QUARTER}')}")
    wait_for_app(screen)
    main = screen.locator('[data-testid="stMain"]')
    expect(main.get_by_text("Exception 1 of 2", exact=True)).to_be_visible()
    expect(main.get_by_role("heading", name=BV10_HEADING)).to_be_visible()
    expect(main.get_by_role("heading", name=BV9_HEADING)).to_have_count(0)
    expect(main.get_by_role("button", name=re.compile("^Previous exception"))).to_be_disabled()

    _press_until_the_url_has(screen, "ArrowRight", "x=2")
    expect(main.get_by_text("Exception 2 of 2", exact=True)).to_be_visible()
    expect(main.get_by_role("heading", name=BV9_HEADING)).to_be_visible()
    expect(main.get_by_text("Billing system outage in May", exact=False)).to_be_visible()

    screen.reload()  # the place is in the URL
    wait_for_app(screen)
    expect(main.get_by_role("heading", name=BV9_HEADING)).to_be_visible()

    _press_until_the_url_has(screen, "ArrowLeft", "x=1")
    expect(main.get_by_role("heading", name=BV10_HEADING)).to_be_visible()


def _press_until_the_url_has(screen, key: str, step: str, presses: int = 3) -> None:
    """Press `key` until the app moves to `step`, as a chair would press again; at most `presses`
    times. CI once lost the first press after a reload on a loaded machine (the cause was not
    found; it never recurred in 30 local runs under load). The steps end at the first and last
    card, so an extra press that also arrives changes nothing."""
    moved = re.compile(rf"[?&]{re.escape(step)}(&|$)")
    for _ in range(presses):
        screen.keyboard.press(key)
        wait_for_app(screen)
        try:
            expect(screen).to_have_url(moved, timeout=10_000)
            return
        except AssertionError:
            continue
    expect(screen).to_have_url(moved)


def test_the_mouse_steps_too_and_leaving_brings_the_sidebar_back(meeting_app, screen):
    screen.goto(f"{meeting_app}/{_with_present(f'exceptions?{QUARTER}')}")
    wait_for_app(screen)
    main = screen.locator('[data-testid="stMain"]')
    main.get_by_role("button", name=re.compile("^Next exception")).click()
    wait_for_app(screen)
    expect(main.get_by_role("heading", name=BV9_HEADING)).to_be_visible()
    screen.get_by_role("button", name="Leave meeting mode").click()
    wait_for_app(screen)
    expect(screen.locator('[data-testid="stSidebar"]')).to_be_visible()
    expect(screen).not_to_have_url(re.compile(r"present=1"))
    expect(screen).to_have_url(re.compile(rf"council_q={NWL}"))  # the view is kept
    # Out of meeting mode the report lists every card again.
    expect(main.get_by_role("heading", name=BV10_HEADING)).to_be_visible()
    expect(main.get_by_role("heading", name=BV9_HEADING)).to_be_visible()


def test_meeting_mode_passes_the_accessibility_checks(meeting_app, screen):
    screen.goto(f"{meeting_app}/{_with_present(f'exceptions?{QUARTER}')}")
    wait_for_app(screen)
    expect(screen.get_by_role("button", name="Leave meeting mode")).to_be_visible()
    assert serious_violations(screen) == []


def test_the_report_shows_decisions_beside_the_cards_and_passes_the_accessibility_checks(meeting_app, page):
    page.goto(f"{meeting_app}/exceptions?{QUARTER}")
    wait_for_app(page)
    main = page.locator('[data-testid="stMain"]')
    expect(main.get_by_text("Recruit two temporary staff — owner: Head of Revenues; due 30 Sep 2007; ○ Open",
                            exact=True).first).to_be_visible()
    expect(main.get_by_role("heading", name="Decisions and actions")).to_be_visible()
    expect(main.get_by_text("Decided in Q1 2007/08: 1", exact=True)).to_be_visible()
    page.wait_for_function("""() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
        .every((chart) => chart.querySelector('.main-svg'))""")
    assert serious_violations(page) == []
