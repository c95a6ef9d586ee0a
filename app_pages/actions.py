"""Actions and milestones: who is responsible, the outcome and resources, NW Leicestershire's
quarterly milestones and Melton's progress with its derived status."""
from functools import partial

import streamlit as st

from components.action_charts import build_status_chart
from components.figure_cache import cached_figure
from components.query_cache import run_query, shaped_query
from components.ui import (
    kpi_card,
    show_chart,
    sidebar_filters,
    table_alternative,
)
from perfdash.exports import to_csv_bytes
from perfdash.views.actions import (
    actions_table,
    headline_counts,
    progress_actions,
    progress_council_label,
    quarter_grid,
    reported_progress_table,
    status_examples,
    status_rule_summary,
    status_summary,
)
from perfdash.views.sources import SOURCE_URL_TEXT

filters = sidebar_filters()
officers = run_query("actions_officers", councils=filters.councils)
with st.sidebar:
    chosen_officers = st.multiselect(
        "Responsible officer", options=list(officers["responsible"]), key="officer", bind="query-params",
        placeholder="All officers", help="Officers as each plan names them. Leave empty to include everyone.")
    search = st.text_input("Search actions", key="q", bind="query-params", placeholder="e.g. scrutiny or CCTV",
                           help="Finds the words in an action's title, outcome, resources, milestones or progress.")

st.title("Actions and milestones")
st.markdown("What each council planned to do, who is responsible, the outcome it expects and the resources "
            "it set aside. Each action links to the line of the plan it starts on.")

chosen = {"councils": filters.councils, "theme": filters.theme, "officers": chosen_officers,
          "search": (search or "").strip()}
actions = run_query("actions_list", **chosen)
for column, (label, number, help_text) in zip(st.columns(5), headline_counts(actions)):
    kpi_card(column, label, f"{number:,}", help_text)
if actions.empty:
    st.info("No action matches these filters. Clear the search, or choose other councils, theme or officers.")
    st.stop()

GRID_ROWS_SHOWN = 200  # a printed-style table; longer lists belong in the download
SOURCE_COLUMN = st.column_config.LinkColumn("Source line", display_text=SOURCE_URL_TEXT,
                                            help="Opens the line on the Sources page")
def all_actions() -> None:
    """Every action that matches, with its source line, and the CSV."""
    st.dataframe(shaped_query("actions_list", actions_table, **chosen), hide_index=True, key="actions",
                 row_height=60,
                 column_config={"Source line": SOURCE_COLUMN, "Action": st.column_config.TextColumn(width="large")})
    st.download_button("Download these actions (CSV)", partial(to_csv_bytes, actions), on_click="ignore",
                       file_name="actions.csv", mime="text/csv", key="actions-csv", icon=":material/download:")


def quarterly_milestones() -> None:
    """NW Leicestershire's Q1–Q4 milestones, as the plan prints them."""
    grid = shaped_query("actions_list", quarter_grid, **chosen)
    if grid.empty:
        st.info("No action with quarterly milestones matches these filters. North West Leicestershire's "
                "delivery plan is the one plan that sets Q1–Q4 milestones.")
    else:
        st.markdown(f"**{len(grid)} actions** with milestones for each quarter of 2007/08 "
                    "(financial year April 2007 to March 2008), as the plan prints them.")
        if len(grid) > GRID_ROWS_SHOWN:
            st.caption(f"Showing the first {GRID_ROWS_SHOWN} of {len(grid):,}; choose a council or search in the "
                       "sidebar to narrow them, or download every action from the first tab.")
        st.table(grid.head(GRID_ROWS_SHOWN), hide_index=True, border="horizontal")


def progress_status() -> None:
    """Melton's reported progress, with the status read from its words."""
    reported = shaped_query("actions_list", progress_actions, **chosen)
    if reported.empty:
        st.info("No action of a plan that reports progress matches these filters. Of the bundled plans, "
                "Melton's improvement plan is the one that reports progress against its actions.")
    else:
        summary = status_summary(reported)
        show_chart(cached_figure(build_status_chart, summary, progress_council_label(reported)), key="status-chart")
        table_alternative(summary, file_name="progress-status-summary.csv", label="actions by status (number of "
                          "actions)", key="status-summary")
        with st.expander("How the status is read from the progress text", expanded=True):
            st.markdown("The plan prints progress as free text; the status is derived from its words. The "
                        "rules are checked in this order and the first that matches wins:")
            st.markdown("\n".join(f"{n}. {line}" for n, line in enumerate(status_rule_summary(), start=1)))
            st.markdown("Matching ignores case and finds the words anywhere in the progress text. Some "
                        "progress texts from the plan, and the status each is given:")
            st.dataframe(status_examples(), hide_index=True, key="status-examples",
                         column_config={"Example of progress text": st.column_config.TextColumn(width="large"),
                                        "Why": st.column_config.TextColumn(width="large")})
            st.caption("Actions without progress text show “– No progress reported”. The status is read from "
                       "the words, not stated by the plan: always read the progress text beside it.")
        st.dataframe(shaped_query("actions_list", reported_progress_table, **chosen), hide_index=True,
                     key="progress", row_height=60, column_config={"Source line": SOURCE_COLUMN})


# Only the open tab runs (a tab bound to the URL reruns the page when chosen): the 14,000-row
# table of the first tab is not sent while another is open, nor the others with it.
TABS = {"All actions": all_actions, "Quarterly milestones (NW Leicestershire)": quarterly_milestones,
        "Progress status (Melton)": progress_status}
for tab, draw in zip(st.tabs(list(TABS), key="tab", bind="query-params"), TABS.values()):
    if tab.open:
        with tab:
            draw()
