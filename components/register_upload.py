"""The KPI register on the Record page: next year's pre-filled register to download, and an upload
checked row by row and imported all or nothing (docs/REGISTER.md)."""
from __future__ import annotations

import streamlit as st

from components.auth import NotAnEditor, require_editor
from components.query_cache import real_store, run_table_query
from perfdash.plans.register import UnreadableRegister, read_register, register_template, template_bytes, \
    validate_register
from perfdash.plans.values import period_label
from perfdash.store.errors import StoreError
from perfdash.store.plans import PlanStore
from perfdash.views.register_upload import known_tables, register_preview

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def register_section(council: str, council_name: str, year_start: int) -> None:
    """Download a council's register for a year; upload a register, preview it, import it."""
    known = known_tables(lambda table: run_table_query("plans_table", table))
    year = st.selectbox("Targets for the financial year", options=[year_start + step for step in (0, 1, 2)],
                        format_func=period_label, key="register-year",
                        help="A register for a new year adds that year's targets to the same indicators.")
    template = register_template(known, council, year)
    st.caption(f"{len(template)} indicators of {council_name}, with the last known annual target beside each "
               "(column last_annual_target). Fill in the targets in Excel and upload the file below.")
    columns = st.columns(2)
    stem = f"register-{council}-{period_label(year).replace('/', '-')}"
    columns[0].download_button("Download the register (Excel)", lambda: template_bytes(template, "xlsx"),
                               file_name=f"{stem}.xlsx", mime=XLSX, icon=":material/download:",
                               key="register-xlsx", on_click="ignore")
    columns[1].download_button("Download the register (CSV)", lambda: template_bytes(template, "csv"),
                               file_name=f"{stem}.csv", mime="text/csv", icon=":material/download:",
                               key="register-csv", on_click="ignore")

    nonce = st.session_state.setdefault("register_nonce", 0)
    if "register_result" in st.session_state:
        st.success(st.session_state.pop("register_result"), icon=":material/check_circle:")
    uploaded = st.file_uploader("A completed register (CSV or Excel)", type=["csv", "xlsx"],
                                key=f"register-upload-{nonce}")
    if uploaded is None:
        return
    try:
        tables = read_register([(uploaded.name, uploaded.getvalue())])
    except UnreadableRegister as error:
        st.error(f"Nothing was imported: {error}", icon=":material/error:")
        return
    report = validate_register(tables, known)
    st.caption("Lines count the header as line 1, as a spreadsheet numbers its rows.")
    st.dataframe(register_preview(tables, report), hide_index=True, key="register-preview", placeholder="—")
    if report.ok:
        st.info(report.summary().splitlines()[0], icon=":material/fact_check:")
    else:
        st.error(f"{len(report.problems)} problem(s); nothing will be imported until the file is corrected.",
                 icon=":material/error:")
        st.text("\n".join(f"- {problem}" for problem in report.problems))  # cells as typed: plain text
    if st.button("Import this register", type="primary", disabled=not report.ok, key="register-import"):
        try:
            writer = require_editor()  # the role is checked again at the moment of writing
            result = PlanStore(real_store()).import_frames(report.frames, uploaded.name, uploaded.getvalue(), writer)
        except (NotAnEditor, StoreError) as refusal:
            st.error(f"Nothing was imported: {refusal}")
        else:
            st.session_state["register_result"] = result.summary()
            st.session_state["register_nonce"] = nonce + 1
            st.rerun()
