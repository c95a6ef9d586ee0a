"""Priorities: each plan's priorities in its own order, what serves them, scrutiny gaps, and a
ranking workshop for leadership meetings."""
import streamlit as st

from components.query_cache import run_query
from components.ui import (
    council_names,
    kpi_card,
    show_chart,
    sidebar_filters,
    source_link,
    table_alternative,
)
from components.url_state import url_selectbox
from components.workshop_charts import build_rank_slope
from perfdash.plans.curated import CuratedDataError
from perfdash.views import priorities as pr
from perfdash.views import workshop as ws

filters = sidebar_filters()
names = council_names()
everyone = list(names)
listed = run_query("priorities_list", councils=None, theme=None)  # NULL: every council
try:
    curated = pr.load_priority_links(known_priorities=dict(zip(listed["priority_id"].tolist(),
                                                               listed["plan_id"].tolist())),
                                     known_plans=set(run_query("priorities_plans")["plan_id"]))
    pr.check_sections(run_query("priorities_sections", **pr.link_params(curated)))
except CuratedDataError as error:
    st.error(f"The curated priority links could not be used, so only the links the extracts hold are shown. "
             f"{error}", icon=":material/error:")
    curated = []
curated_params = pr.link_params(curated)
# Every council is passed as NULL: a short cache key, the same for "none chosen" and "all chosen".
councils = None if set(filters.councils) >= set(everyone) else filters.councils
table = pr.with_scrutiny(run_query("priorities_table", councils=councils, theme=filters.theme, **curated_params))

with st.sidebar:
    big = st.toggle("Meeting mode: larger text", key="big", bind="query-params",
                    help="Larger text and chart labels for a big screen.")
if big:
    st.html("<style>[data-testid='stMain'] p, [data-testid='stMain'] li {font-size: 1.3rem;}"
            "[data-testid='stMain'] h1 {font-size: 3rem;}</style>")

st.title("Priorities")
listing_tab, workshop_tab = st.tabs(["Priorities and what serves them", "Ranking workshop"], key="tab",
                                    bind="query-params")

with listing_tab:
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
                           lambda frame=shown: pr.download_table(frame).to_csv(index=False).encode("utf-8"),
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

with workshop_tab:
    st.markdown("Score each priority from 0 (none) to 5 (highest) on each criterion and set the weights. "
                "The workshop order is the weighted average score, highest first; equal scores keep the "
                "plan's own order. Save the scenario to YAML and upload it again to carry on later.")
    present = set(listed["council_id"].unique())
    with_priorities = [c for c in everyone if c in present]
    if not with_priorities:
        st.info("No council in these extracts has priorities to rank.")
        st.stop()
    council = url_selectbox("Council for the workshop", options=with_priorities, key="wc",
                            default=with_priorities[0], format_func=names.get)
    rows = pr.workshop_rows(run_query("priorities_table", councils=[council], theme=None, **curated_params), council)
    base = st.session_state.get("ws_base")
    if base is None or base.council != council:
        st.session_state["ws_base"] = base = ws.default_scenario(council)
        st.session_state["ws_version"] = st.session_state.get("ws_version", 0) + 1
    version = st.session_state["ws_version"]

    def _restore(priorities):
        upload = st.session_state.get("ws_upload")
        if upload is not None:
            problems = ws.apply_upload(st.session_state, upload.getvalue(), pr.known_by_council(priorities), "wc")
            st.session_state["ws_upload_result"] = (upload.name, problems)

    st.file_uploader("Restore a saved scenario (YAML)", type=["yaml", "yml"], key="ws_upload", on_change=_restore,
                     args=(listed,), max_upload_size=1,
                     help=f"A file saved from this page, at most {ws.MAX_SCENARIO_BYTES // 1024} KB.")
    result = st.session_state.get("ws_upload_result")
    if result and result[1]:
        st.error(f"The scenario in {result[0]} was not restored, and nothing has changed. Problems found:\n\n"
                 + "\n".join(f"- {problem}" for problem in result[1]), icon=":material/error:")
    elif result:
        st.success(f"Restored the scenario in {result[0]}.", icon=":material/check_circle:")

    left, right = st.columns([1, 2.6], gap="large")
    with left:
        st.subheader("Criteria and weights")
        weights = st.data_editor(ws.weights_table(base), key=f"ws_weights_{version}", hide_index=True,
                                 disabled=["Criterion"], column_config={"Weight": st.column_config.NumberColumn(
                                     "Weight", min_value=0.0, max_value=100.0, step=0.5,
                                     help="How much this criterion counts; 0 leaves it out.")})

        def _change_criteria():
            names_text = st.session_state.get(f"ws_names_{version}", "")
            new = [line.strip() for line in names_text.splitlines() if line.strip()]
            problems = ws.criteria_problems(new)
            st.session_state["ws_criteria_problems"] = problems
            if not problems:
                st.session_state["ws_base"] = ws.with_criteria(st.session_state["ws_current"], new)
                st.session_state["ws_version"] = version + 1

        with st.expander("Change the criteria"):
            st.text_area("One criterion per line", value="\n".join(base.criteria), key=f"ws_names_{version}")
            st.button("Use these criteria", on_click=_change_criteria, key=f"ws_apply_{version}")
            for problem in st.session_state.get("ws_criteria_problems", []):
                st.error(problem, icon=":material/error:")
        note = st.text_area("Note for the record", value=base.note, key=f"ws_note_{version}")
        created = st.date_input("Meeting date (optional)", value=base.created, key=f"ws_created_{version}",
                                format="DD/MM/YYYY")
    with right:
        st.subheader("Scores: 0 = none, 5 = highest")
        score_config = {c: st.column_config.NumberColumn(c, min_value=ws.SCORE_MIN, max_value=ws.SCORE_MAX, step=0.5)
                        for c in base.criteria}
        scores = st.data_editor(
            ws.scores_table(base, rows), key=f"ws_scores_{version}", hide_index=True,
            disabled=["priority_id", "ref", "title", "plan_rank"],
            column_order=["ref", "title", "plan_rank", *base.criteria],
            column_config={"ref": "Ref", "title": st.column_config.TextColumn("Priority", width="medium"),
                           "plan_rank": "Plan rank" if rows["ranked_by_plan"].any() else "Plan order",
                           **score_config})

    current = ws.scenario_from_tables(council, weights, scores, note, created)
    st.session_state["ws_current"] = current
    st.download_button("Download this scenario (YAML)",
                       lambda scenario=current: ws.scenario_to_yaml(scenario).encode("utf-8"),
                       file_name=f"priority-workshop-{council}.yaml", mime="application/x-yaml", key="ws-download",
                       on_click="ignore", icon=":material/download:")

    problems = ws.weight_problems(current.criteria)
    if problems:
        st.error(" ".join(problems), icon=":material/error:")
    else:
        ranking = ws.rank_priorities(current, rows)
        left_label = "Plan's ranking" if rows["ranked_by_plan"].any() else "Plan's order"
        show_chart(build_rank_slope(ranking, left_label=left_label, font_size=20 if big else 16), key="ws-slope")
        ranking_table = ranking.rename(columns={
            "workshop_rank": "Workshop rank", "ref": "Ref", "title": "Priority", "plan_rank": left_label,
            "weighted_score": "Weighted score (0-5)", "movement": "Change from the plan", "tied": "Tie"})[
            ["Workshop rank", "Ref", "Priority", "Weighted score (0-5)", left_label, "Change from the plan", "Tie"]]
        st.dataframe(ranking_table, hide_index=True, key="ws-ranking")
        table_alternative(ranking_table, file_name=f"priority-workshop-{council}.csv", label="workshop ranking",
                          key="ws-ranking-alt")
