"""The Glossary page: reached at /glossary, it explains each term in plain English."""
import ast
from pathlib import Path

from perfdash.views.glossary import load_glossary
from tests.app_pages.helpers import assert_drawn_cleanly, run_page

APP = Path(__file__).resolve().parents[2] / "app.py"


def registered_pages() -> dict[str, dict]:
    """app.py's st.Page(...) calls: script -> keyword arguments."""
    pages = {}
    for node in ast.walk(ast.parse(APP.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "Page":
            pages[node.args[0].value] = {k.arg: k.value.value for k in node.keywords
                                         if isinstance(k.value, ast.Constant)}
    return pages


def test_the_glossary_is_registered_with_its_own_link():
    page = registered_pages()["app_pages/glossary.py"]
    assert page["title"] == "Glossary" and page["url_path"] == "glossary"


def test_the_page_explains_every_term_of_the_file():
    app = run_page("app_pages/glossary.py")
    assert_drawn_cleanly(app)
    assert app.title[0].value == "Glossary"
    headings = [heading.value for heading in app.subheader]
    sections = load_glossary()
    assert [h.value for h in app.header] == [section["title"] for section in sections]
    for entry in (entry for section in sections for entry in section["entries"]):
        heading = next(h for h in headings if h.split(":")[0] == entry["term"])
        if entry["stands_for"]:
            assert heading == f"{entry['term']}: {entry['stands_for']}"
    explained = " ".join(m.value for m in app.markdown)
    assert "Higher is better" in explained and "top quartile" in explained and "Year to date" in explained
