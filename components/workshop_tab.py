"""The Priorities page's ranking workshop tab: pick a council, set criteria and weights, score its
priorities 0-5, see the workshop order against the plan's as a slope chart and a table, and save
or restore the scenario as YAML. The scoring and the scenario files are perfdash/views/workshop.py
and perfdash/views/workshop_files.py; this module only reads widgets and draws."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from components.figure_cache import cached_figure
from components.query_cache import run_query
from components.ui import show_chart, table_alternative
from components.url_state import url_selectbox
from components.workshop_charts import build_rank_slope
from perfdash.views import workshop as ws
from perfdash.views import workshop_files as wf

INTRO = ("Score each priority from 0 (none) to 5 (highest) on each criterion and set the weights. "
         "The workshop order is the weighted average score, highest first; equal scores keep the "
         "plan's own order. Save the scenario to YAML and upload it again to carry on later.")


def _restore(priorities: pd.DataFrame) -> None:
    upload = st.session_state.get("ws_upload")
    if upload is not None:
        problems = wf.apply_upload(st.session_state, upload.getvalue(), ws.known_by_council(priorities), "wc")
        st.session_state["ws_upload_result"] = (upload.name, problems)


def _change_criteria(version: int) -> None:
    new = ws.criteria_from_text(st.session_state.get(f"ws_names_{version}", ""))
    problems = ws.criteria_problems(new)
    st.session_state["ws_criteria_problems"] = problems
    if not problems:
        st.session_state["ws_base"] = ws.with_criteria(st.session_state["ws_current"], new)
        st.session_state["ws_version"] = version + 1


def _upload_panel(listed: pd.DataFrame) -> None:
    st.file_uploader("Restore a saved scenario (YAML)", type=["yaml", "yml"], key="ws_upload", on_change=_restore,
                     args=(listed,), max_upload_size=1,
                     help=f"A file saved from this page, at most {wf.MAX_SCENARIO_BYTES // 1024} KB.")
    result = st.session_state.get("ws_upload_result")
    if result and result[1]:
        st.error(f"The scenario in {result[0]} was not restored, and nothing has changed. Problems found:\n\n"
                 + "\n".join(f"- {problem}" for problem in result[1]), icon=":material/error:")
    elif result:
        st.success(f"Restored the scenario in {result[0]}.", icon=":material/check_circle:")


def workshop_tab(listed: pd.DataFrame, councils: list[str], names: dict[str, str], curated_params: dict,
                 big: bool) -> None:
    """Draw the workshop. `listed` holds every council's priorities (queries/priorities_list.sql),
    `councils` every council in the order the picker lists them, `curated_params` the curated
    links as bound parameters, and `big` is meeting mode (larger chart text)."""
    st.markdown(INTRO)
    with_priorities = ws.councils_with_priorities(listed, councils)
    if not with_priorities:
        st.info("No council in these extracts has priorities to rank.")
        return
    council = url_selectbox("Council for the workshop", options=with_priorities, key="wc",
                            default=with_priorities[0], format_func=names.get)
    rows = ws.workshop_rows(run_query("priorities_table", councils=[council], theme=None, **curated_params), council)
    score_label, plan_label = ws.plan_order_words(rows)
    base = st.session_state.get("ws_base")
    if base is None or base.council != council:
        st.session_state["ws_base"] = base = ws.default_scenario(council)
        st.session_state["ws_version"] = st.session_state.get("ws_version", 0) + 1
    version = st.session_state["ws_version"]
    _upload_panel(listed)

    left, right = st.columns([1, 2.6], gap="large")
    with left:
        st.subheader("Criteria and weights")
        weights = st.data_editor(ws.weights_table(base), key=f"ws_weights_{version}", hide_index=True,
                                 disabled=["Criterion"], column_config={"Weight": st.column_config.NumberColumn(
                                     "Weight", min_value=0.0, max_value=100.0, step=0.5,
                                     help="How much this criterion counts; 0 leaves it out.")})
        with st.expander("Change the criteria"):
            st.text_area("One criterion per line", value="\n".join(base.criteria), key=f"ws_names_{version}")
            st.button("Use these criteria", on_click=_change_criteria, args=(version,), key=f"ws_apply_{version}")
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
                           "plan_rank": score_label, **score_config})

    current = ws.scenario_from_tables(council, weights, scores, note, created)
    st.session_state["ws_current"] = current
    st.download_button("Download this scenario (YAML)",
                       lambda scenario=current: wf.scenario_to_yaml(scenario).encode("utf-8"),
                       file_name=f"priority-workshop-{council}.yaml", mime="application/x-yaml", key="ws-download",
                       on_click="ignore", icon=":material/download:")

    problems = ws.weight_problems(current.criteria)
    if problems:
        st.error(" ".join(problems), icon=":material/error:")
        return
    ranking = ws.rank_priorities(current, rows)
    show_chart(cached_figure(build_rank_slope, ranking, left_label=plan_label, font_size=20 if big else 16),
               key="ws-slope")
    table = ws.ranking_table(ranking, plan_label)
    st.dataframe(table, hide_index=True, key="ws-ranking")
    table_alternative(table, file_name=f"priority-workshop-{council}.csv", label="workshop ranking",
                      key="ws-ranking-alt")
