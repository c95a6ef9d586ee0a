"""Exceptions report for the Performance Monitoring Board: what is off target, why, and since when."""
from functools import partial

import streamlit as st

from components.decisions import (
    decision_notes,
    decision_panel,
    decisions_section,
    meeting_decisions,
)
from components.exception_card import PRINT_STYLES, card_range, exception_card
from components.meeting_mode import meeting_mode, step_through
from components.quarter_picker import quarter_picker
from components.query_cache import (
    demo_mode,
    quarter_exceptions,
    quarter_report_tables,
    quarter_status_table,
    quarter_what_if,
    rag_rules,
)
from components.status_display import status_counts, status_rule_explainer
from components.ui import council_names
from perfdash.rag import status as quarter_status
from perfdash.store.errors import StoreError
from perfdash.views import exceptions as report_view
from perfdash.views import status_rule

CARDS_PER_PAGE = 10  # the Board reads the worst first, a page of cards at a time; all are in the table and CSV
LABELS = report_view.COLUMN_LABELS

present = meeting_mode()
st.html(PRINT_STYLES)
st.title("Exceptions report")
st.markdown("Red and amber indicators for the chosen quarter, worst first: target, actual and gap, the "
            "direction of travel, the officer's comment, and the status quarter by quarter. "
            "Every status comes from one rule, explained under “How status is decided”; icons and words "
            "carry it, colour only helps. To print, use your browser's Print command: the sidebar and buttons "
            "are left off the printout, and an open table prints with it.")

chosen = quarter_picker()
if chosen is None:
    st.stop()
council, year, quarter = chosen
label = quarter_status.quarter_label(year, quarter)

rules = rag_rules()
table = quarter_status_table(council, year, quarter)
status_rule_explainer(rules, council, council_names().get(council), status_rule.indicators_of(table))
if table.empty or table["actual"].isna().all():
    st.info(f"No outturns are recorded for {label} yet. Editors record them on the Record outturns page.")
    st.stop()

st.subheader(f"{label}: status of {len(table)} indicators")
status_counts(quarter_status.counts(table))

found = quarter_exceptions(council, year, quarter)
st.subheader(f"Exceptions: {len(found)} red or amber")
if found.empty:
    st.success(f"✔ No indicator is red or amber in {label}.")
demo = demo_mode()
if present and not found.empty:
    # Meeting mode: the chair steps through the exceptions one at a time; the URL keeps the place.
    row = next(found.iloc[[step_through(len(found))]].itertuples())
    exception_card(row)
    decision_panel(row, council, year, quarter, demo)
else:
    try:
        decided = meeting_decisions(council, year, quarter) if not demo else None
    except StoreError:
        decided = None  # the decisions section below says why
    first, last = card_range(len(found), CARDS_PER_PAGE)
    for row in found.iloc[first:last].itertuples():
        exception_card(row)
        if decided is not None:
            decision_notes(row, *decided, year, quarter)

shown_table, every_status = quarter_report_tables(council, year, quarter)
with st.expander(f"All {len(found)} exceptions as a table", expanded=len(found) > CARDS_PER_PAGE):
    st.dataframe(shown_table, hide_index=True, key="exceptions-table", column_config=LABELS, placeholder="—")
# The CSV is made when the button is pressed, not on every rerun.
st.download_button("Download the exceptions as CSV", partial(report_view.report_csv, found),
                   file_name=f"exceptions-{council}-{year}-Q{quarter}.csv", mime="text/csv", on_click="ignore",
                   icon=":material/download:", key="exceptions-csv")

if not present:
    decisions_section(found, table, council, year, quarter, demo)

with st.expander(f"Every indicator in {label}", expanded=False):
    st.dataframe(every_status, hide_index=True, key="all-status", column_config=LABELS,
                 placeholder="—")

st.subheader("What if the rule were different?")
st.markdown("The same outturns judged under other tolerances, or under another council's configured rule. "
            "Only the configured rule sets the status shown above.")
kind = st.radio("Compare", report_view.WHAT_IF_KINDS, horizontal=True, key="whatif")
compared = quarter_what_if(council, year, quarter, kind)
st.dataframe(compared.counts, key="whatif-counts")
st.dataframe(compared.statuses, hide_index=True, key="whatif-table")
