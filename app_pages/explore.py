"""Explore: browse and download any extract, read the data dictionary, or ask in SQL."""
import streamlit as st

from components.query_cache import run_table_query, sql_console
from components.ui import sidebar_filters
from components.url_state import url_selectbox, url_text_input
from perfdash.db.console import ConsoleError, list_examples
from perfdash.exports import dictionary_rows, downloads_of
from perfdash.plans.contract import TABLES

ROW_CAP = 5_000

filters = sidebar_filters(theme=False)
st.title("Explore the data")
browse_tab, dictionary_tab, console_tab = st.tabs(["Browse and download", "Data dictionary", "SQL console"],
                                                  key="view", bind="query-params")


def downloads(frame, stem: str, key: str) -> None:
    # Each file is built only when its button is pressed (data is a callable), and pressing one
    # needs no rerun: building them all on every run cost more than the rest of the page.
    for column, download in zip(st.columns(3), downloads_of(frame, stem)):
        column.download_button(download.label, download.build, download.file_name, download.mime,
                               key=f"{key}-{download.extension}", on_click="ignore", icon=":material/download:")


with browse_tab:
    table = url_selectbox("Table", options=list(TABLES), key="table", default="indicators",
                          help="Every table of the data contract; see the Data dictionary tab.")
    search = url_text_input("Contains text", key="contains", placeholder="e.g. BV12, sickness, Melton")
    matching = int(run_table_query("explore_count", table, councils=filters.councils, search=search)["matching"][0])
    rows = run_table_query("explore_rows", table, councils=filters.councils, search=search, limit=ROW_CAP)
    shown = f"{len(rows):,} of {matching:,} matching rows" + (f" (capped at {ROW_CAP:,})" if matching > ROW_CAP else "")
    st.caption(f"{TABLES[table].description} Showing {shown}. Sort by clicking a column heading.")
    st.dataframe(rows, hide_index=True, key="browse")
    downloads(rows, table, "browse")

with dictionary_tab:
    chosen = st.selectbox("Table", options=list(TABLES), key="dictionary-table")
    st.markdown(TABLES[chosen].description)
    st.dataframe(dictionary_rows(chosen), hide_index=True, key="dictionary")
    st.caption("Full rules, units and themes: docs/DATA.md in the project.")

with console_tab:
    st.markdown("Ask your own question in SQL. One `SELECT` at a time, read-only, over a private copy of "
                f"the extracts; results stop at {ROW_CAP:,} rows and queries at 5 seconds.")
    examples = dict(list_examples())

    def use_example() -> None:
        st.session_state["sql"] = examples.get(st.session_state["example"], "")

    st.selectbox("Start from an example", options=list(examples), index=None, key="example",
                 on_change=use_example, placeholder="Choose an example query")
    sql = st.text_area("SQL", key="sql", height=180, placeholder="SELECT * FROM indicators WHERE code = 'BV12'")
    if st.button("Run query", type="primary", key="run", icon=":material/play_arrow:"):
        try:
            st.session_state["console_result"] = sql_console().run(sql)
            st.session_state.pop("console_error", None)
        except ConsoleError as error:
            st.session_state["console_error"] = str(error)
            st.session_state.pop("console_result", None)
    if "console_error" in st.session_state:
        st.error(st.session_state["console_error"], icon=":material/block:")
    elif "console_result" in st.session_state:
        result = st.session_state["console_result"]
        st.caption(f"{result.summary()} in {result.elapsed_ms:,.0f} ms")
        st.dataframe(result.dataframe, hide_index=True, key="console-table")
        downloads(result.dataframe, "query-result", "console")
    st.caption("Tables: " + ", ".join(f"`{name}`" for name in TABLES))

