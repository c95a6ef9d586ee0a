"""Compare councils: theme matrix, shared indicators, target ambition and the two-tier view."""
import streamlit as st

from components.charts import build_ambition_chart, build_shared_comparison, build_theme_matrix
from components.data import run_query
from components.ui import show_chart, sidebar_filters, table_alternative
from perfdash.comparison import add_ambition, ambition_by_theme, shared_verdicts

filters = sidebar_filters()
st.title("Compare councils")

matrix_tab, shared_tab, ambition_tab, tier_tab = st.tabs(
    ["Theme matrix", "Shared indicators", "Target ambition", "County and districts"], key="tab",
    bind="query-params")

with matrix_tab:
    measure = st.segmented_control("Count", options=["Total", "Priorities", "Indicators", "Actions"],
                                   default="Total", key="measure", bind="query-params")
    matrix = run_query("compare_theme_matrix", councils=filters.councils)
    show_chart(build_theme_matrix(matrix, (measure or "Total").lower()), key="matrix")
    table_alternative(matrix, file_name="theme-matrix.csv", label="theme matrix", key="matrix")

with shared_tab:
    st.markdown("Indicators with the same national code in more than one council. *Better* and *worse* "
                "are read with each indicator's polarity.")
    shared = shared_verdicts(run_query("compare_shared_indicators", councils=filters.councils))
    if shared.empty:
        st.info("The chosen councils share no national indicator code.")
    else:
        show_chart(build_shared_comparison(shared), key="shared")
        st.dataframe(shared[["code", "council_name", "title", "unit", "polarity", "actual_period", "actual_shown",
                             "target_period", "target_shown", "against_target", "against_other_councils",
                             "actual_source", "target_source"]],
                     hide_index=True, key="shared-table",
                     column_config={"actual_shown": "Latest actual", "target_shown": "Next target",
                                    "against_target": "Actual vs target",
                                    "against_other_councils": "Actual vs other councils"})
        table_alternative(shared, file_name="shared-indicators.csv", label="shared indicators", key="shared")

with ambition_tab:
    st.markdown("How far each target moves from its starting point (the last actual before it, or the "
                "printed baseline). Positive means the target asks for improvement.")
    ambition = add_ambition(run_query("compare_target_ambition", councils=filters.councils, theme=filters.theme))
    if ambition.empty:
        st.info("No target with a starting point matches these filters.")
    else:
        by_theme = ambition_by_theme(ambition)
        st.dataframe(by_theme, hide_index=True, key="ambition-theme",
                     column_config={"common_theme": "Common theme", "targets": "Targets measured",
                                    "median_ambition_percent": "Median ambition (%)",
                                    "stretch": "Stretching", "accepts_decline": "Accepting decline"})
        show_chart(build_ambition_chart(ambition, "Target ambition per indicator (% change asked)"), key="ambition")
        table_alternative(ambition.drop(columns=["hover"]), file_name="target-ambition.csv",
                          label="target ambition", key="ambition")

with tier_tab:
    st.markdown("Leicestershire County Council and its districts serve the same residents. What does each "
                "plan under each common theme?")
    tiers = run_query("compare_two_tier")
    tiers["examples"] = tiers["examples"].map(lambda titles: "; ".join(titles))
    show_chart(build_theme_matrix(tiers, "total"), key="tiers")
    st.dataframe(tiers, hide_index=True, key="tier-table")
