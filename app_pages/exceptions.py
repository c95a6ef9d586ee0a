"""Exceptions report for the Performance Monitoring Board: what is off target, why, and since when."""
import streamlit as st

from components.cycle import (
    PRINT_STYLES,
    direction_label,
    exception_card,
    quarter_picker,
    rag_label,
    status_counts,
)
from components.query_cache import assessed_quarters, rag_rules
from perfdash.rag import rule as rag
from perfdash.rag import status as quarter_status

CARDS_SHOWN = 25  # the Board reads the worst first; the rest are in the table and CSV

st.html(PRINT_STYLES)
st.title("Exceptions report")
st.markdown("Red and amber indicators for the chosen quarter, worst first: target, actual and gap, the "
            "direction of travel, the officer's comment, and the status quarter by quarter. "
            "Status is decided by one rule, set out in `docs/RAG_RULE.md`; icons and words carry it, "
            "colour only helps. To print, use your browser's Print command: the sidebar and buttons are "
            "left off the printout, and an open table prints with it.")

chosen = quarter_picker()
if chosen is None:
    st.stop()
council, year, quarter = chosen
label = quarter_status.quarter_label(year, quarter)

rules = rag_rules()
assessed = assessed_quarters(council)
table = quarter_status.status_table(assessed, year, quarter)
if table.empty or table["actual"].isna().all():
    st.info(f"No outturns are recorded for {label} yet. Editors record them on the Record outturns page.")
    st.stop()

st.subheader(f"{label}: status of {len(table)} indicators")
status_counts(quarter_status.counts(table))

found = quarter_status.exceptions(assessed, year, quarter)
st.subheader(f"Exceptions: {len(found)} red or amber")
if found.empty:
    st.success(f"✔ No indicator is red or amber in {label}.")
for row in found.head(CARDS_SHOWN).itertuples():
    exception_card(row)
if len(found) > CARDS_SHOWN:
    st.caption(f"The {CARDS_SHOWN} worst are shown as cards; all {len(found)} are in the table below and the CSV.")

report = found.assign(
    rag=found["rag"].map(rag_label), direction=found["direction"].map(direction_label),
    direction_last_year=found["direction_last_year"].map(direction_label),
)[["code", "title", "unit", "polarity", "rag", "target", "actual", "gap", "basis", "direction",
   "direction_last_year", "off_target_since", "comment", "submitted_by", "history", "rule", "target_source"]]
with st.expander(f"All {len(found)} exceptions as a table", expanded=len(found) > CARDS_SHOWN):
    st.dataframe(report, hide_index=True, key="exceptions-table")
st.download_button("Download the exceptions as CSV", report.to_csv(index=False).encode("utf-8"),
                   file_name=f"exceptions-{council}-{year}-Q{quarter}.csv", mime="text/csv",
                   icon=":material/download:", key="exceptions-csv")

with st.expander(f"Every indicator in {label}", expanded=False):
    everything = table.assign(rag=table["rag"].map(rag_label), direction=table["direction"].map(direction_label))
    st.dataframe(everything[["code", "title", "unit", "polarity", "target", "actual", "rag", "direction", "basis",
                             "rag_reason", "target_source"]],
                 hide_index=True, key="all-status")

st.subheader("What if the rule were different?")
st.markdown("The same outturns judged under other tolerances, or under another council's configured rule. "
            "Only the configured rule sets the status shown above.")
kind = st.radio("Compare", ["Other tolerances", "Other councils' rules"], horizontal=True, key="whatif")
scenarios = rag.tolerance_scenarios(rules) if kind == "Other tolerances" else {
    "As configured": rules, **rag.council_style_scenarios(rules)}
quarter_rows = assessed[(assessed["year_start"] == year) & (assessed["quarter"] == quarter)]
compared = rag.what_if(quarter_rows, scenarios)
named = compared.merge(table[["indicator_id", "code", "title"]], on="indicator_id").drop(columns="indicator_id")
tally = {name: quarter_status.counts(compared.rename(columns={name: "rag"})) for name in scenarios}
st.dataframe({name: {rag_label(s): n for s, n in counts.items()} for name, counts in tally.items()},
             key="whatif-counts")
st.dataframe(named.assign(**{name: named[name].map(rag_label) for name in scenarios}).rename(
    columns={"code": "Code", "title": "Indicator"})[["Code", "Indicator", *scenarios]], hide_index=True,
    key="whatif-table")
