"""Council performance dashboard: the entrypoint. It sets up the page and hands over to the
chosen page; every page draws itself from the data layer and components."""
from __future__ import annotations

import logging

import streamlit as st

from components.demo_mode import demo_switch
from components.errors import show_plain_error
from components.landing import landing_page
from components.process_tuning import tune_garbage_collector

st.set_page_config(page_title="Council performance dashboard", page_icon=":material/monitoring:",
                   layout="wide", initial_sidebar_state="expanded")

# A flat list: Streamlit's section headers put a <div> inside the navigation <ul>, which
# fails WCAG 1.3.1 (axe: list, listitem).
PAGES = [
    st.Page("app_pages/scorecard.py", title="Scorecard", icon=":material/leaderboard:", url_path="scorecard"),
    st.Page("app_pages/overview.py", title="Overview", icon=":material/dashboard:", url_path="overview"),
    st.Page("app_pages/trends.py", title="Trends", icon=":material/show_chart:", url_path="trends"),
    st.Page("app_pages/profiles.py", title="Quarterly profiles", icon=":material/stacked_bar_chart:",
            url_path="profiles"),
    st.Page("app_pages/exceptions.py", title="Exceptions report", icon=":material/report:", url_path="exceptions"),
    st.Page("app_pages/record.py", title="Record outturns", icon=":material/edit_note:", url_path="record"),
    st.Page("app_pages/compare.py", title="Compare councils", icon=":material/compare_arrows:",
            url_path="compare"),
    st.Page("app_pages/priorities.py", title="Priorities", icon=":material/format_list_numbered:",
            url_path="priorities"),
    st.Page("app_pages/actions.py", title="Actions and milestones", icon=":material/checklist:", url_path="actions"),
    st.Page("app_pages/explore.py", title="Explore and SQL", icon=":material/table_view:", url_path="explore"),
    st.Page("app_pages/sources.py", title="Sources", icon=":material/description:", url_path="sources"),
    st.Page("app_pages/glossary.py", title="Glossary", icon=":material/menu_book:", url_path="glossary"),
]

# "/" is a hidden landing page that opens the Scorecard, so that /scorecard is a link of its own too.
landing = landing_page(PAGES[0])
page = st.navigation([landing, *PAGES])
try:
    if page is not landing:  # the landing page only hands over, with the URL's ?demo= still unbound
        demo_switch()
    page.run()
except Exception as error:  # noqa: BLE001 - the last line of defence: log it, explain it plainly
    logging.getLogger("perfdash").exception("Page %s failed", page.title)
    show_plain_error(error)
tune_garbage_collector()  # once per process, after the first run has loaded what the server keeps
