"""Automated axe checks of every page against WCAG 2.2 AA. No serious or critical violation may
come from our content; any from the framework must be listed in docs/ACCESSIBILITY.md."""
from pathlib import Path

import pytest

from tests.e2e.conftest import wait_for_app
from tests.e2e.test_deep_links import registered_pages

pytestmark = pytest.mark.e2e

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# Every page registered in app.py, read from it, so a new page is scanned too.
PAGES = [page["url_path"] for page in registered_pages()]
STATEMENT = Path(__file__).resolve().parents[2] / "docs" / "ACCESSIBILITY.md"


def framework_exceptions() -> set[str]:
    """Rule ids the accessibility statement lists as coming from Streamlit itself."""
    lines = STATEMENT.read_text(encoding="utf-8").splitlines()
    return {line.split("`")[1] for line in lines if line.startswith("| `") and "framework" in line.lower()}


def serious_violations(page) -> list:
    """axe's serious and critical WCAG 2.2 AA violations on the page as it stands, less the
    framework exceptions the accessibility statement lists."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    allowed = framework_exceptions()
    serious = [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3])
               for v in results.response["violations"]
               if v["impact"] in ("serious", "critical") and v["id"] not in allowed]
    return serious


@pytest.mark.parametrize("path", PAGES)
def test_no_serious_or_critical_violation(page, app_url, path):
    page.goto(f"{app_url}/{path}")
    wait_for_app(page)
    # Charts draw after the script finishes: scan once every chart on the page has drawn.
    page.wait_for_function("""() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
        .every((chart) => chart.querySelector('.main-svg'))""")
    assert serious_violations(page) == []
