"""Compare councils: theme matrix, shared indicators, target ambition and the two-tier view."""
from functools import partial

import streamlit as st

from components.compare_charts import (
    build_ambition_chart,
    build_shared_comparison,
    build_theme_matrix,
)
from components.compare_tables import column_config, readable
from components.figure_cache import cached_figure
from components.quartile_charts import build_quartile_comparison
from components.query_cache import run_query
from components.ui import show_chart, sidebar_filters, table_alternative
from perfdash.exports import to_csv_bytes
from perfdash.polarity import unit_label
from perfdash.views.compare import (
    CHART_TARGETS,
    DETAIL_COUNCILS,
    add_ambition,
    codes_in_several_units,
    codes_to_draw,
    draws_each_council,
    matrix_to_draw,
    shared_verdicts,
    themes_of,
)
from perfdash.views.quartiles import NOTE as QUARTILE_NOTE
from perfdash.views.quartiles import quartile_bands, quartile_table

SHARED_COLUMNS = ["code", "council_name", "title", "unit", "polarity", "actual_period", "actual_shown",
                  "target_period", "target_shown", "against_target", "against_other_councils",
                  "actual_source", "target_source"]
SHARED_HIDDEN = ["others_highest", "others_lowest", "councils_sharing", "shared_codes", "units_of_code"]

filters = sidebar_filters()
st.title("Compare councils")


@st.fragment
def full_table(query: str, params: dict, prepare, label: str, file_name: str, key: str) -> None:
    """The whole table behind a bounded chart, read only when asked for, as a CSV download."""
    if st.button(f"Prepare the full {label} table (CSV)", key=f"{key}-full", icon=":material/table:"):
        frame = prepare(run_query(query, **params))
        st.download_button(f"Download all {len(frame):,} rows", partial(to_csv_bytes, frame), file_name=file_name,
                           mime="text/csv", key=f"{key}-full-csv", on_click="ignore", icon=":material/download:")


def theme_matrix() -> None:
    """Priorities, indicators and actions per council and common theme."""
    measure = st.segmented_control("Count", options=["Total", "Priorities", "Indicators", "Actions"],
                                   default="Total", key="measure", bind="query-params")
    matrix = run_query("compare_theme_matrix", councils=filters.councils)
    drawn, councils = matrix_to_draw(matrix)
    if len(drawn) < len(matrix):
        st.caption(f"The heat map shows the first {DETAIL_COUNCILS} by name of the {councils:,} chosen councils. "
                   "Choose councils in the sidebar to see others; the table below holds every council.")
    show_chart(cached_figure(build_theme_matrix, drawn, (measure or "Total").lower()), key="matrix")
    table_alternative(readable(matrix), file_name="theme-matrix.csv", label="theme matrix", key="matrix",
                      column_config=column_config(matrix))


def shared_indicators() -> None:
    """The national codes the chosen councils share, compared with polarity."""
    st.markdown("Indicators with the same national code in more than one council. *Better* and *worse* "
                "are read with each indicator's polarity.")
    per_council = draws_each_council(len(filters.councils))
    top_codes = codes_to_draw(len(filters.councils))
    if per_council:
        shared = shared_verdicts(run_query("compare_shared_indicators", councils=filters.councils,
                                                    top_codes=top_codes))
    else:
        shared = run_query("compare_shared_against_target", councils=filters.councils, top_codes=top_codes)
    if shared.empty:
        st.info("The chosen councils share no national indicator code.")
    else:
        shown, total = shared["code"].nunique(), int(shared["shared_codes"].iloc[0])
        if not per_council:
            st.info(f"{len(filters.councils):,} councils are compared, too many to draw one by one, so the chart "
                    "counts how many of their indicators are better or worse than their own target. Choose "
                    f"{DETAIL_COUNCILS} or fewer councils in the sidebar to see each council's figures.",
                    icon=":material/filter_alt:")
        if shown < total:
            st.caption(f"Showing {shown} of the {total:,} national codes the chosen councils share: those shared "
                       "by most of them. Prepare the full table below to download them all.")
        for code, units in codes_in_several_units(shared).items():
            st.caption(f"{code} is printed in different units by the chosen councils "
                       f"({', '.join(unit_label(unit) for unit in units)}): each unit has its own panel, and "
                       "councils are compared only with those printing the same unit.")
        show_chart(cached_figure(build_shared_comparison, shared, per_council), key="shared")
        if per_council:
            st.dataframe(readable(shared[SHARED_COLUMNS]), hide_index=True, key="shared-table",
                         column_config=column_config(shared[SHARED_COLUMNS]))
            every_column = shared.drop(columns=SHARED_HIDDEN)
            table_alternative(readable(every_column), file_name="shared-indicators.csv", label="shared indicators",
                              key="shared", column_config=column_config(every_column))
        else:
            counts = shared.drop(columns=["shared_codes"])
            table_alternative(readable(counts), file_name="shared-indicators-against-target.csv",
                              label="shared indicators against target", key="shared",
                              column_config=column_config(counts))
        if shown < total or not per_council:
            full_table("compare_shared_indicators", {"councils": filters.councils, "top_codes": None},
                       lambda rows: shared_verdicts(rows).drop(columns=SHARED_HIDDEN),
                       label="shared indicators", file_name="shared-indicators.csv", key="shared")


def target_ambition() -> None:
    """How far each target asks a council to move."""
    st.markdown("How far each target moves from its starting point (the last actual before it, or the "
                "printed baseline). Positive means the target asks for improvement.")
    ambition = add_ambition(run_query("compare_ambition_top", councils=filters.councils, theme=filters.theme,
                                      limit=CHART_TARGETS))
    if ambition.empty:
        st.info("No target with a starting point matches these filters.")
    else:
        st.dataframe(themes_of(ambition), hide_index=True, key="ambition-theme",
                     column_config={"common_theme": "Common theme", "targets": "Targets measured",
                                    "median_ambition_percent": "Median ambition (%)",
                                    "stretch": "Stretching", "accepts_decline": "Accepting decline"})
        matched = int(ambition["targets_matched"].iloc[0])
        title = "Target ambition per indicator (% change asked)"
        if matched > len(ambition):
            title += f": the {len(ambition)} largest changes of {matched:,} targets"
            st.caption(f"The chart shows the {len(ambition)} targets asking the largest change, either way, of "
                       f"the {matched:,} that match these filters; the table above counts them all. Choose "
                       "fewer councils or a common theme to see others, or prepare the full table below.")
        show_chart(cached_figure(build_ambition_chart, ambition, title), key="ambition")
        targets = ambition.drop(columns=["hover", "targets_matched", "themes"])
        table_alternative(readable(targets), file_name="target-ambition.csv", label="target ambition",
                          key="ambition", column_config=column_config(targets))
        if matched > len(ambition):
            full_table("compare_target_ambition", {"councils": filters.councils, "theme": filters.theme},
                       lambda rows: add_ambition(rows, hover=False),
                       label="target ambition", file_name="target-ambition.csv", key="ambition")


def county_and_districts() -> None:
    """The county and its districts, theme by theme."""
    st.markdown("Leicestershire County Council and its districts serve the same residents. What does each "
                "plan under each common theme?")
    tiers = run_query("compare_two_tier")
    show_chart(cached_figure(build_theme_matrix, tiers, "total"), key="tiers")
    st.dataframe(readable(tiers), hide_index=True, key="tier-table", column_config=column_config(tiers))


def quartile_position() -> None:
    """Where each council's indicators sit in the quartile tables its plan prints."""
    st.markdown(QUARTILE_NOTE)
    bands = quartile_bands(run_query("quartile_bands", councils=filters.councils, max_councils=DETAIL_COUNCILS))
    if bands.empty:
        st.caption("None of the chosen councils' plans prints a quartile table.")
    else:
        drawn, with_tables = bands["council_id"].nunique(), int(bands["councils_with_tables"].iloc[0])
        if drawn < with_tables:
            st.caption(f"Showing the first {drawn} by name of the {with_tables:,} chosen councils whose plans print "
                       f"a quartile table. Choose {DETAIL_COUNCILS} or fewer councils in the sidebar to see others, "
                       "or prepare the full table below.")
        show_chart(cached_figure(build_quartile_comparison, bands), key="quartiles")
        table_alternative(quartile_table(bands), file_name="quartile-bands.csv", label="quartile bands",
                          key="quartiles")
        if drawn < with_tables:
            full_table("quartile_bands", {"councils": filters.councils, "max_councils": None},
                       lambda rows: quartile_table(quartile_bands(rows)), label="quartile bands",
                       file_name="quartile-bands.csv", key="quartiles")


# Only the open tab runs: a tab bound to the URL reruns the page when it is chosen, so the other
# tabs' queries, figures and tables are neither made nor sent (the browser drew all five on each click).
TABS = {"Theme matrix": theme_matrix, "Shared indicators": shared_indicators, "Target ambition": target_ambition,
        "County and districts": county_and_districts, "Quartile position": quartile_position}
for tab, draw in zip(st.tabs(list(TABS), key="tab", bind="query-params"), TABS.values()):
    if tab.open:
        with tab:
            draw()
