"""A damaged actuals store: the pages that show only the plans keep working, and the pages that
show recorded outturns say plainly that the store cannot be read, which file it is and what to do."""
from __future__ import annotations

import pytest

from perfdash import paths
from tests.app_pages.helpers import assert_drawn_cleanly, run_page


@pytest.fixture
def damaged_store(tmp_path, monkeypatch):
    """Garbage bytes where the store should be, and the committed extracts."""
    store = tmp_path / "store" / "actuals.duckdb"
    store.parent.mkdir()
    store.write_bytes(b"not a DuckDB file: a copy cut short, or the wrong file put in its place\n" * 200)
    monkeypatch.setenv(paths.STORE_ENV_VAR, str(store))
    monkeypatch.setenv(paths.DEMO_STORE_ENV_VAR, str(tmp_path / "store" / "demo-actuals.duckdb"))
    monkeypatch.delenv(paths.EXTRACTS_ENV_VAR, raising=False)
    return store


@pytest.mark.parametrize("page", ["app_pages/compare.py", "app_pages/sources.py", "app_pages/priorities.py",
                                  "app_pages/trends.py", "app_pages/overview.py", "app_pages/actions.py"])
def test_pages_that_show_only_the_plans_draw_with_a_damaged_store(damaged_store, page):
    app = run_page(page)
    assert_drawn_cleanly(app)
    assert app.title, "the page drew nothing"


@pytest.mark.parametrize("page", ["app_pages/exceptions.py", "app_pages/profiles.py"])
def test_pages_that_show_recorded_outturns_say_the_store_cannot_be_read_and_what_to_do(damaged_store, page):
    app = run_page(page)
    assert not app.exception, [e.message for e in app.exception]
    messages = [error.value for error in app.error]
    assert len(messages) == 1, messages
    message = messages[0]
    assert str(damaged_store) in message
    assert "cannot be" in message and "Restore it from a backup" in message
    assert "Something went wrong" not in message
