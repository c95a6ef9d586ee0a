"""Record outturns: editors download a pre-filled template, upload it or type into a grid, check
every row, then record the lot in one all-or-nothing write."""
import streamlit as st

from components.auth import NotAnEditor, require_editor, sign_in_panel
from components.quarter_picker import quarter_picker
from components.query_cache import demo_mode, rag_rules, real_store, run_query
from components.status_display import status_rule_explainer
from components.submissions import grid_columns, import_catalogue, submissions_table
from components.ui import council_names
from perfdash.outturns import import_file as actuals_import
from perfdash.outturns import template as outturns_template
from perfdash.rag import status as quarter_status
from perfdash.store.outturns import StoreError
from perfdash.views import record as record_view

st.title("Record outturns")
st.markdown("Each quarter, services report their outturns here. Enter **the figure for the quarter alone**: "
            "for year-to-date (cumulative) profiles the dashboard adds the quarters up. Every row is checked "
            "before anything is written, and the whole file is recorded or none of it. A revision never "
            "overwrites: the earlier value is kept in the history below.")

if demo_mode():
    st.warning("Demonstration mode is on. Switch off “Show demonstration outturns” in the sidebar to record "
               "real outturns; demonstration figures come only from `python manage.py demo-actuals`.")
    st.stop()

editor = sign_in_panel()
if editor is None:
    st.info("Viewing the dashboard is open to everyone. Recording outturns needs an editor sign-in.")
    st.stop()

chosen = quarter_picker()
if chosen is None:
    st.stop()
council, year, quarter = chosen
label = quarter_status.quarter_label(year, quarter)
nonce = st.session_state.setdefault("record_nonce", 0)
if "record_result" in st.session_state:
    st.success(st.session_state.pop("record_result"), icon=":material/check_circle:")

catalogue = import_catalogue()
targets = run_query("import_quarter_targets", council=council, year=year, quarter=quarter)
long = run_query("status_council_quarters", council=council, indicator_ids=None)
template = record_view.quarter_template(catalogue, targets, long, council, year, quarter)

st.subheader(f"1. The template for {label}")
st.caption(f"{len(template)} indicators with a target this quarter, in the plan's order, with the printed target "
           "and any value already recorded.")
downloads = st.columns(2)
downloads[0].download_button("Download template (CSV)", outturns_template.template_csv(template),
                             file_name=f"outturns-{council}-{year}-Q{quarter}.csv", mime="text/csv",
                             icon=":material/download:", key="template-csv")
downloads[1].download_button("Download template (Excel)", outturns_template.template_xlsx(template),
                             file_name=f"outturns-{council}-{year}-Q{quarter}.xlsx",
                             mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                             icon=":material/download:", key="template-xlsx")
status_rule_explainer(rag_rules(), council, council_names().get(council))

st.subheader("2. Enter the figures")
how = st.radio("How will you enter them?", ["Upload the completed template", "Type them into a grid"],
               horizontal=True, key="record_how")
report, entered_from = None, "grid"
if how == "Upload the completed template":
    uploaded = st.file_uploader("Completed template (CSV or Excel)", type=["csv", "xlsx"], key=f"upload-{nonce}")
    if uploaded is not None:
        report = actuals_import.validate_file(uploaded.getvalue(), uploaded.name, catalogue)
        entered_from = f"upload {uploaded.name}"
else:
    edited = st.data_editor(template, hide_index=True, key=f"grid-{nonce}", column_config=grid_columns(),
                            disabled=[c for c in template.columns if c not in ("value", "comment")])
    report = record_view.grid_report(edited, catalogue)

if report is not None:
    st.subheader("3. Check, then record")
    st.caption("Row numbers count the header as row 1, as a spreadsheet does.")
    st.dataframe(report.preview(), hide_index=True, key="preview", placeholder="—")
    elsewhere = record_view.other_quarters(report, council, year, quarter)
    if elsewhere:
        st.warning(f"Some rows are for another council or quarter than {label}: {', '.join(elsewhere)}. Each row "
                   "is recorded for the council and quarter it names.", icon=":material/warning:")
    if not report.ok:
        st.error(f"**{report.summary()}**", icon=":material/error:")
        st.text("\n".join(f"- {problem}" for problem in report.problems))  # cells as typed: plain text
    else:
        st.info(report.summary(), icon=":material/fact_check:")
    if st.button(f"Record {len(report.outturns)} outturns as {editor}", type="primary", disabled=not report.ok,
                 key="record"):
        try:
            writer = require_editor()  # the role is checked again at the moment of writing
            result = real_store().record(record_view.outturns_to_record(report, entered_from), writer)
        except NotAnEditor as refusal:
            st.error(f"Nothing was written: {refusal}")
        except StoreError as error:
            st.error(f"Nothing was written: {error}")
        else:
            st.session_state["record_result"] = result.summary()
            st.session_state["record_nonce"] = nonce + 1
            st.rerun()

st.subheader(f"History for {label}")
submissions_table(real_store().history(council, year, quarter), key="history")
