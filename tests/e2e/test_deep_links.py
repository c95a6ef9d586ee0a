"""Every page registered in app.py opens by its own link on a freshly started server: no "Page
not found" dialog, the page's own title, its navigation link marked current, and no exception.
The pages and titles are read from app.py and the page scripts, so a new page is covered too."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import start_app, wait_for_app

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]


def registered_pages() -> list[dict]:
    """Each st.Page("app_pages/x.py", title=..., url_path=...) in app.py, with the st.title the
    script draws."""
    pages = []
    for node in ast.walk(ast.parse((ROOT / "app.py").read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "Page" and node.args
                and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
            continue
        options = {k.arg: k.value.value for k in node.keywords if isinstance(k.value, ast.Constant)}
        script = node.args[0].value
        pages.append({"script": script, "nav_title": options.get("title", Path(script).stem),
                      "url_path": options.get("url_path", Path(script).stem), "heading": _title_of(script)})
    return pages


def _title_of(script: str) -> str:
    for node in ast.walk(ast.parse((ROOT / script).read_text(encoding="utf-8"))):
        if (isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "title" and node.args
                and isinstance(node.args[0], ast.Constant)):
            return node.args[0].value
    raise AssertionError(f"{script} draws no st.title")


PAGES = registered_pages()


@pytest.fixture(scope="module")
def fresh_url():
    process, url = start_app()
    yield url
    process.terminate()
    process.wait(timeout=10)


def test_app_py_registers_the_pages_we_expect_to_reach():
    assert len(PAGES) >= 10 and {"overview", "trends", "record", "sources"} <= {p["url_path"] for p in PAGES}
    assert len({p["url_path"] for p in PAGES}) == len(PAGES)


@pytest.mark.parametrize("entry", PAGES, ids=[p["url_path"] for p in PAGES])
def test_every_page_opens_by_its_own_link(page, fresh_url, entry):
    page.goto(f"{fresh_url}/{entry['url_path']}")
    wait_for_app(page)
    main = page.locator('[data-testid="stMain"]')
    expect(main.get_by_role("heading", name=entry["heading"], exact=True)).to_be_visible()
    expect(page.get_by_text("Page not found")).to_have_count(0)
    expect(page.get_by_role("dialog")).to_have_count(0)
    expect(page).to_have_url(re.compile(rf"/{re.escape(entry['url_path'])}(\?|$)"))
    current = page.locator('[data-testid="stSidebarNav"] a[aria-current="page"]')
    expect(current).to_have_count(1)
    expect(current).to_contain_text(entry["nav_title"])
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)


def test_the_root_address_opens_overview_at_its_own_address_keeping_the_link(page, fresh_url):
    home = PAGES[0]
    page.goto(f"{fresh_url}/?council=melton")
    expect(page).to_have_url(re.compile(rf"/{home['url_path']}\?council=melton$"))
    wait_for_app(page)
    expect(page.locator('[data-testid="stMain"]').get_by_role("heading", name=home["heading"], exact=True)
           ).to_be_visible()
    expect(page.get_by_text("Page not found")).to_have_count(0)
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
