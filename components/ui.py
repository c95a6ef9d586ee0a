"""Small UI pieces shared by the pages: filters, cards, citations and chart alternatives."""
from __future__ import annotations

from dataclasses import dataclass
from functools import partial

import pandas as pd
import streamlit as st

from components.query_cache import shaped_query
from components.url_state import url_multiselect, url_selectbox, url_text_input
from perfdash.exports import to_csv_bytes
from perfdash.views.filters import council_labels, theme_values
from perfdash.views.sources import markdown_source_link, source_url


@dataclass(frozen=True)
class Filters:
    councils: list[str]
    theme: str | None
    search: str


def council_names() -> dict[str, str]:
    return shaped_query("filters_options", council_labels)


def sidebar_filters(search: bool = False, theme: bool = True) -> Filters:
    """The one sidebar: councils, common theme (where the page's data has themes) and, where
    relevant, an indicator search.
    Each widget is bound to the URL, so a filtered view can be shared by link."""
    names = council_names()
    themes = shaped_query("filters_options", theme_values)
    with st.sidebar:
        st.header("Filters")
        chosen = url_multiselect("Councils", options=list(names), key="council", format_func=names.get,
                                 placeholder="All councils", help="Leave empty to include every council.")
        chosen_theme = url_selectbox("Common theme", options=themes, key="theme", placeholder="All themes") \
            if theme else None
        text = ""
        if search:
            text = url_text_input("Find an indicator by code or title", key="q", placeholder="e.g. BV9 or sickness")
    return Filters(councils=chosen or list(names), theme=chosen_theme, search=(text or "").strip())


def source_link(source: str | None) -> str:
    """A Markdown link that opens the cited line on the Sources page."""
    return markdown_source_link(source)


def with_source_links(frame: pd.DataFrame, source_column: str = "Source line") -> pd.DataFrame:
    """The frame with a "Show source" link beside its citations, for st.dataframe."""
    return frame.assign(**{"Show source": frame[source_column].map(source_url)})


SOURCE_LINK_CONFIG = {"Show source": st.column_config.LinkColumn(
    "Show source", display_text="Show source", help="Opens the cited line on the Sources page")}


def kpi_card(column, label: str, value: str, help_text: str) -> None:
    column.metric(label, value, help=help_text, border=True)


def show_chart(figure, key: str) -> None:
    st.plotly_chart(figure, key=key, config={"displaylogo": False})


def table_alternative(frame: pd.DataFrame, file_name: str, label: str, key: str,
                      column_config: dict | None = None) -> None:
    """The table behind a chart, with a CSV download: the accessible alternative to the chart."""
    with st.expander(f"Table and CSV: {label}", expanded=False):
        st.dataframe(frame, hide_index=True, column_config=column_config, key=f"{key}-table")
        # The CSV is made when the button is pressed, not on every rerun of the page.
        st.download_button("Download CSV", partial(to_csv_bytes, frame), file_name=file_name, on_click="ignore",
                           mime="text/csv", key=f"{key}-csv", icon=":material/download:")
