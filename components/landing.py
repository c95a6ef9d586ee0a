"""The app's root address, "/": a hidden page that opens the home page at its own address.

Streamlit serves the page marked default=True only at "/" and drops its url_path (the page's
public pathname is ""), so /overview gave a "Page not found" dialog. With this landing page as the
default, every named page works by its own link, and "/" opens the home page: the Scorecard, the
leadership team's landing page (app.py's first page).
"""
from __future__ import annotations

import streamlit as st
from streamlit.navigation.page import StreamlitPage


def landing_page(home: StreamlitPage) -> StreamlitPage:
    """A hidden default page that switches to `home`, keeping the URL's parameters."""

    def open_home() -> None:
        # app.py draws no widget on this page, so no parameter is bound yet and all pass on
        # (Streamlit refuses to set one bound to a widget, such as the demonstration switch's).
        kept = [(key, value) for key in st.query_params for value in st.query_params.get_all(key)]
        st.switch_page(home, query_params=kept)

    return st.Page(open_home, title=home.title, icon=home.icon, url_path="home", default=True,
                   visibility="hidden")
