"""Priorities: each plan's priorities in its own order, what serves them, scrutiny gaps, and a
ranking workshop for leadership meetings."""
import streamlit as st

from components.meeting_mode import meeting_mode
from components.priority_links import curated_priority_links
from components.query_cache import run_query, shaped_query
from components.ui import council_names, kpi_card, sidebar_filters, source_link
from components.url_state import url_selectbox
from components.workshop_tab import workshop_tab
from perfdash.exports import to_csv_bytes
from perfdash.plans.curated import CuratedDataError
from perfdash.views import priorities as pr

present = meeting_mode()
filters = sidebar_filters()
names = council_names()
everyone = list(names)
try:
    curated = curated_priority_links()
except CuratedDataError as error:
    st.error(f"The curated priority links could not be used, so only the links the extracts hold are shown. "
             f"{error}", icon=":material/error:")
    curated = []
curated_params = pr.link_params(curated)
# Every council is passed as NULL: a short cache key, the same for "none chosen" and "all chosen".
councils = None if set(filters.councils) >= set(everyone) else filters.councils
table = shaped_query("priorities_table", pr.with_scrutiny, councils=councils, theme=filters.theme, **curated_params)

with st.sidebar:
    big = st.toggle("Meeting mode: larger text", key="big", bind="query-params",
                    help="Larger text and chart labels for a big screen.")
if big:
    st.html("<style>[data-testid='stMain'] p, [data-testid='stMain'] li {font-size: 1.3rem;}"
            "[data-testid='stMain'] h1 {font-size: 3rem;}</style>")

st.title("Priorities")


def priorities_listing() -> None:
    """Each council's priorities in the plan's order, the scrutiny gaps, and what serves one priority."""
    shown = table
    st.markdown("Each council's priorities in the plan's own order; sub-priorities (↳) sit under their parent. "
                "**Stated** links are printed in the plan; **same theme** links are only inferred from the "
                "common theme. A priority no stated indicator measures is a **scrutiny gap**.")
    gaps = int((~shown["measured"]).sum())
    cards = st.columns(4)
    kpi_card(cards[0], "Priorities", f"{len(shown)}", "Priorities matching the filters.")
    kpi_card(cards[1], "Ranked by the plan", f"{int(shown['ranked_by_plan'].sum())}",
             "Priorities the plan itself puts in a numbered order.")
    kpi_card(cards[2], "⚠ Scrutiny gaps", f"{gaps}", "Priorities with no stated indicator measuring them.")
    kpi_card(cards[3], "Indicators stated", f"{int(shown['indicators_stated'].sum())}",
             "Links from a priority to an indicator that the plan states (counted per priority).")
    if gaps:
        st.warning(f"⚠ {gaps} of {len(shown)} priorities have no indicator measuring them: scrutiny gaps.",
                   icon=":material/warning:")
    only_gaps = st.toggle("Show only scrutiny gaps", key="gaps", bind="query-params")
    if only_gaps:
        shown = shown[~shown["measured"]]
    if shown.empty:
        st.info("No priority matches these filters. Melton's improvement plan lists actions but no priorities; "
                "choose another council or theme.")
    drawn_councils = pr.councils_to_draw(shown, pr.COUNCILS_DRAWN)
    listed_councils = shown["council_id"].nunique()
    if listed_councils > len(drawn_councils):
        st.caption(f"Showing {len(drawn_councils)} of {listed_councils} councils — choose councils in the sidebar "
                   "to see others. The CSV download below lists every council's priorities.")
    drawn = shown[shown["council_id"].isin(drawn_councils)]
    display = pr.display_table(drawn)
    for (council_id, plan_id), group in drawn.groupby(["council_id", "plan_id"], sort=False):
        st.subheader(f"{names.get(council_id, council_id)}: {group['plan_title'].iloc[0]}")
        st.dataframe(display.loc[group.index], hide_index=True, key=f"priorities-{plan_id}",
                     column_config={"Priority": st.column_config.TextColumn(width="large")})
    if not shown.empty:
        # The CSV is made only when someone asks for it.
        st.download_button(f"Download all {len(shown)} priorities of {listed_councils} councils (CSV)",
                           lambda frame=shown: to_csv_bytes(pr.download_table(frame)),
                           file_name="priorities.csv", mime="text/csv", key="priorities-csv",
                           on_click="ignore", icon=":material/download:")

    st.subheader("What serves one priority")
    labels = dict(zip(drawn["priority_id"],
                      drawn["council_id"].map(names) + " · " + drawn["ref"] + " · " + drawn["title"]))
    chosen = url_selectbox("Priority", options=list(labels), key="p", format_func=labels.get,
                           placeholder="Choose a priority")
    if chosen:
        row = drawn[drawn["priority_id"] == chosen].iloc[0]
        rank = f"rank {int(row['rank'])} in the plan" if row["ranked_by_plan"] else "not ranked by the plan"
        timeframe = row["timeframe"] if isinstance(row["timeframe"], str) else "no delivery timeframe stated"
        st.markdown(f"**{row['title']}** ({rank}; {timeframe}). {row['scrutiny']}. "
                    f"Source: {source_link(row['source'])}")
        links = run_query("priorities_links", councils=[row["council_id"]], priority_id=chosen, **curated_params)
        for kind, words in (("indicator", "Indicators"), ("action", "Actions")):
            detail = pr.linked_items(links, kind)
            stated = detail[detail["How it is linked"] == pr.LINK_WORDS[pr.STATED]]
            inferred = detail[detail["How it is linked"] == pr.LINK_WORDS[pr.SAME_THEME]]
            st.markdown(f"**{words} stated in the plan: {len(stated)}**")
            if not stated.empty:
                st.dataframe(stated, hide_index=True, key=f"stated-{kind}")
            with st.expander(f"{words} in the same theme (inferred, not stated): {len(inferred)}"):
                st.dataframe(inferred, hide_index=True, key=f"inferred-{kind}")


def ranking_workshop() -> None:
    """The ranking workshop."""
    listed = run_query("priorities_list", councils=None, theme=None)  # NULL: every council
    workshop_tab(listed, everyone, names, curated_params, big or present)


# Only the open tab runs (a tab bound to the URL reruns the page when chosen).
TABS = {"Priorities and what serves them": priorities_listing, "Ranking workshop": ranking_workshop}
for tab, draw in zip(st.tabs(list(TABS), key="tab", bind="query-params"), TABS.values()):
    if tab.open:
        with tab:
            draw()
