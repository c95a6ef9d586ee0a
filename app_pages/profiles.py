"""Quarterly profiles: each indicator's Q1-Q4 target profile for a council and year."""
import streamlit as st

from components.definition_panel import show_definition
from components.figure_cache import cached_figure
from components.meeting_mode import meeting_mode
from components.profile_charts import build_code_profiles, build_quarterly_profile
from components.query_cache import run_query, shaped_query, year_outturns
from components.status_display import rag_label
from components.ui import (
    SOURCE_LINK_CONFIG,
    council_names,
    show_chart,
    sidebar_filters,
    table_alternative,
    with_source_links,
)
from components.url_state import url_number_input, url_selectbox
from components.yes_no_charts import build_yes_no_profile
from perfdash.views.definitions import definitions_for
from perfdash.views.profiles import (
    by_indicator,
    findings_by_indicator,
    page_count,
    page_of,
    profile_table,
    year_options,
)

# The across-councils table in the users' words; year_start repeats the year, so it is hidden.
ACROSS_LABELS = {"council_name": "Council", "title": "Indicator", "unit": "Unit", "polarity": "Polarity",
                 "profile": "Profile", "period": "Year", "year_start": None, "quarter": "Quarter",
                 "value": "Target", "value_text": "As printed", "source": "Source line"}

meeting_mode()
filters = sidebar_filters(search=True)
st.title("Quarterly target profiles")
st.markdown("Each panel is one indicator's Q1–Q4 target, drawn as the plan reads it: a rising line for "
            "year-to-date targets, bars for targets per quarter, steps for a level held at quarter end. "
            "The dashed line is the annual target. Plan inconsistencies are listed under each panel.")

years = run_query("profiles_years", councils=filters.councils)
if years.empty:
    st.info("None of the chosen councils' plans sets quarterly target profiles.")
    st.stop()
names = council_names()
controls = st.columns(3)
councils = list(dict.fromkeys(years["council_id"]))
council = url_selectbox("Council", options=councils, key="pc", container=controls[0], default=councils[0],
                        format_func=names.get)
year_labels = year_options(years, council)
year = url_selectbox("Financial year", options=list(year_labels), key="year", container=controls[1],
                     default=list(year_labels)[-1], format_func=year_labels.get)

profiles = run_query("profiles_quarterly", council=council, year=year, theme=filters.theme, search=filters.search)
if profiles.empty:
    st.info("No quarterly profile matches these filters. Clear the search or choose another theme.")
    st.stop()
findings = run_query("profiles_findings", council=council)
outturns = year_outturns(council, year)
indicator_ids = list(dict.fromkeys(profiles["indicator_id"]))
pages = page_count(len(indicator_ids))
page = url_number_input(f"Page (of {pages})", key="page", min_value=1, max_value=pages, container=controls[2],
                        value=1, step=1)
shown = page_of(indicator_ids, page)
st.caption(f"{names[council]}, {year_labels[year]}: showing {len(shown)} of {len(indicator_ids)} indicators "
           "with a quarterly profile, in the plan's order.")

definitions = definitions_for(run_query("indicator_definitions", indicator_ids=shown)).set_index("indicator_id",
                                                                                           drop=False)
panel_profiles, panel_outturns = by_indicator(profiles, shown), by_indicator(outturns, shown)
found = findings_by_indicator(findings)
grid = st.columns(3)
for index, indicator_id in enumerate(shown):
    with grid[index % 3].container(border=True):
        one = panel_profiles[indicator_id]
        statuses = panel_outturns[indicator_id]
        # A Yes/No profile has answers, not numbers: drawn as words, not as an empty line.
        draw = build_yes_no_profile if (one["unit"] == "yes_no").all() else build_quarterly_profile
        show_chart(cached_figure(draw, one, statuses), key=f"profile-{indicator_id}")
        show_definition(definitions.loc[indicator_id].to_dict())
        for line in found.get(indicator_id, []):
            st.caption(line)

listed = shaped_query("profiles_quarterly", profile_table, council=council, year=year, theme=filters.theme,
                      search=filters.search)
table_alternative(with_source_links(listed.drop(columns=["indicator_id"])),
                  file_name=f"profiles-{council}-{year}.csv", label="every profile on this page's filters",
                  key="profiles", column_config=SOURCE_LINK_CONFIG)

if not outturns.empty:
    status_rows = outturns.assign(Quarter=outturns["quarter"].map(lambda q: f"Q{int(q)}"),
                                  Status=outturns["rag"].map(rag_label))
    table_alternative(status_rows.rename(columns={"code": "Code", "title": "Indicator", "unit": "Unit",
                                                  "polarity": "Polarity", "actual": "Actual", "target": "Target",
                                                  "basis": "Basis", "rag_reason": "Reason", "origin": "Origin",
                                                  "target_source": "Target source"})[
        ["Code", "Indicator", "Unit", "Polarity", "Quarter", "Actual", "Target", "Basis", "Status", "Reason",
         "Origin", "Target source"]],
        file_name=f"outturns-{council}-{year}.csv", label="outturns and their RAG status", key="outturns")

st.subheader("The same national code across councils")
codes = run_query("profiles_codes")
code_titles = dict(zip(codes["code"], codes["title"]))
code = url_selectbox("National code", options=list(code_titles), key="pcode", placeholder="Choose a code, e.g. BV12",
                     format_func=lambda c: f"{c} · {code_titles[c]}")
if code:
    across = run_query("profiles_by_code", code=code)
    st.caption("Only some plans profile targets by quarter; a council without a profile shows its annual "
               "target as a dotted level.")
    show_chart(cached_figure(build_code_profiles, across, code), key="by-code")
    table_alternative(across.drop(columns=["indicator_id", "council_id"]), file_name=f"profiles-{code}.csv",
                      label=f"{code} targets across councils", key="by-code", column_config=ACROSS_LABELS)
