"""Sources: the plan documents as printed, with the lines the extracts use marked, the rows that
cite a line, and the data-quality findings with links to their lines."""
import streamlit as st

from components.query_cache import run_query
from perfdash.plans.contract import FINDING_CATEGORIES, SEVERITIES
from perfdash.views.sources import (
    SOURCE_URL_TEXT,
    SourceUnavailable,
    citation_counts,
    cited_lines,
    citing_rows,
    findings_table,
    line_window,
    read_lines,
    render_lines,
)

st.title("Sources")
documents = run_query("sources_documents")
files = list(documents["source_file"])
describe = documents.set_index("source_file")


def _clear_line():
    st.session_state["line"] = None  # a line number belongs to the document it was chosen in


document_tab, findings_tab = st.tabs(["Document", "Data-quality findings"], key="view", bind="query-params")

with document_tab:
    picker, line_box, whole_box = st.columns([4, 2, 2], vertical_alignment="bottom")
    # The option is the file name itself, so the URL parameter "file" is the file name.
    file = picker.selectbox("Source document (file)", options=files, key="file", bind="query-params",
                            on_change=_clear_line)
    line = line_box.number_input("Go to line", min_value=1, step=1, value=None, key="line", bind="query-params",
                                 placeholder="Line number")
    whole = whole_box.toggle("Show whole document", key="whole", bind="query-params",
                             help="Otherwise the 40 lines either side of the chosen line are shown.")
    try:
        lines = read_lines(file, files)
    except SourceUnavailable as problem:
        st.error(str(problem), icon=":material/error:")
        st.stop()
    st.markdown(f"**{describe.loc[file, 'council_name']}** · {describe.loc[file, 'title']} "
                f"({describe.loc[file, 'period_label']})")
    st.caption(f"{len(lines):,} lines. "
               "Lines marked “▶ used” feed the extracts; “⚑ finding” marks a data-quality finding; "
               "“◆ cited line” is the line you opened.")
    citations = run_query("sources_citations", file=file)
    used, flagged = cited_lines(citations)
    focus = int(line) if line is not None else None
    if focus is not None and focus > len(lines):
        st.warning(f"This document has {len(lines):,} lines, so there is no line {focus:,}. "
                   "The whole document is shown; choose a line number within it.")
        focus = None

    if focus is not None:
        st.subheader(f"Line {focus}")
        st.code(lines[focus - 1] or "(blank line)", language=None, wrap_lines=True)
        rows = citing_rows(citations, focus)
        if rows.empty:
            st.info("No extract row cites this line.")
        else:
            st.markdown(f"**{len(rows)} extract rows cite this line.**")
            st.dataframe(rows, hide_index=True, key="citing")
    first, last = line_window(len(lines), focus, whole=whole)
    where = "whole document" if (first, last) == (1, len(lines)) else f"lines {first}–{last} around line {focus}"
    st.html(render_lines(lines, first, last, used, flagged, focus, caption=f"{file}: {where}"))
    with st.expander("What the extracts take from this document"):
        st.dataframe(citation_counts(citations), hide_index=True, key="citation-counts")

with findings_tab:
    st.markdown("What is inconsistent or unreadable in the plans themselves. Findings are flagged, never "
                "fixed; each links to the line it is about.")
    plan_box, severity_box, category_box = st.columns(3)
    plans = plan_box.multiselect("Plan", options=list(documents["plan_id"]), key="fplan", bind="query-params",
                                 placeholder="All plans")
    severities = severity_box.multiselect("Severity", options=list(SEVERITIES), key="severity",
                                          bind="query-params", placeholder="All severities")
    categories = category_box.multiselect("Category", options=sorted(FINDING_CATEGORIES), key="category",
                                          bind="query-params", placeholder="All categories",
                                          help="; ".join(f"{k}: {v}" for k, v in FINDING_CATEGORIES.items()))
    findings = run_query("sources_findings", plans=plans, severities=severities, categories=categories)
    st.markdown(f"**{len(findings)} findings** match.")
    if findings.empty:
        st.info("No finding matches these filters.")
    else:
        st.dataframe(findings_table(findings), hide_index=True, key="findings", row_height=60,
                     column_config={"Source line": st.column_config.LinkColumn(
                         "Source line", display_text=SOURCE_URL_TEXT, help="Opens the line in its document"),
                         "Finding": st.column_config.TextColumn(width="large")})
