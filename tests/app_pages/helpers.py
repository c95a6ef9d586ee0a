"""Shared AppTest helpers: run a page of the app as a user would reach it."""
from __future__ import annotations

import json
from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def run_page(page: str, **query_params) -> AppTest:
    """Open the app, go to `page` (e.g. "app_pages/trends.py") with URL parameters, and run it
    through app.py, as a browser visit does."""
    app = AppTest.from_file(APP, default_timeout=60)
    for key, value in query_params.items():
        app.query_params[key] = value
    app.switch_page(page)
    app.run()
    return app


COMPARE_TABS = ["Theme matrix", "Shared indicators", "Target ambition", "County and districts", "Quartile position"]


def run_compare_tab(tab: str, **query_params) -> AppTest:
    """The Compare page opened on one tab: only the open tab runs and is drawn."""
    return run_page("app_pages/compare.py", tab=tab, **query_params)


def assert_drawn_cleanly(app: AppTest) -> None:
    assert not app.exception, [e.message for e in app.exception]
    assert not app.error, [e.value for e in app.error]


def chart_specs(app: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in app.get("plotly_chart")]


def trace_values(trace: dict, axis: str = "y") -> list:
    """A trace's values, decoding plotly's binary arrays."""
    import base64

    import numpy as np

    values = trace.get(axis)
    if isinstance(values, dict) and "bdata" in values:
        return np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"]).tolist()
    return list(values or [])


def table_with(app: AppTest, column: str):
    """The first data frame on the page that has `column` (AppTest does not expose data frame keys)."""
    for frame in app.dataframe:
        if column in frame.value.columns:
            return frame.value
    raise AssertionError(f"no table with a {column!r} column; tables have "
                         f"{[list(f.value.columns) for f in app.dataframe]}")
