"""Quarterly profiles: each indicator's Q1-Q4 target profile for a council and year."""
import streamlit as st

from components.charts import build_code_profiles, build_quarterly_profile
from components.data import run_query
from components.ui import council_names, show_chart, sidebar_filters, table_alternative
from perfdash.profiles import findings_for, page_count, page_of, profile_table, year_options

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
council = controls[0].selectbox("Council", options=list(dict.fromkeys(years["council_id"])), format_func=names.get,
                                key="pc", bind="query-params")
year_labels = year_options(years, council)
year = controls[1].selectbox("Financial year", options=list(year_labels), format_func=year_labels.get,
                             key="year", bind="query-params")

profiles = run_query("profiles_quarterly", council=council, year=year, theme=filters.theme, search=filters.search)
if profiles.empty:
    st.info("No quarterly profile matches these filters. Clear the search or choose another theme.")
    st.stop()
findings = run_query("profiles_findings", council=council)
indicator_ids = list(dict.fromkeys(profiles["indicator_id"]))
pages = page_count(len(indicator_ids))
page = controls[2].number_input(f"Page (of {pages})", min_value=1, max_value=pages, value=1, step=1, key="page",
                                bind="query-params")
shown = page_of(indicator_ids, int(page))
st.caption(f"{names[council]}, {year_labels[year]}: showing {len(shown)} of {len(indicator_ids)} indicators "
           "with a quarterly profile, in the plan's order.")

grid = st.columns(3)
for index, indicator_id in enumerate(shown):
    with grid[index % 3].container(border=True):
        one = profiles[profiles["indicator_id"] == indicator_id]
        show_chart(build_quarterly_profile(one), key=f"profile-{indicator_id}")
        for line in findings_for(findings, indicator_id):
            st.caption(line)

table_alternative(profile_table(profiles).drop(columns=["indicator_id"]), file_name=f"profiles-{council}-{year}.csv",
                  label="every profile on this page's filters", key="profiles")

st.subheader("The same national code across councils")
codes = run_query("profiles_codes")
code = st.selectbox("National code", options=list(codes["code"]), index=None, key="pcode", bind="query-params",
                    placeholder="Choose a code, e.g. BV12",
                    format_func=lambda c: f"{c} · {codes.set_index('code').loc[c, 'title']}")
if code:
    across = run_query("profiles_by_code", code=code)
    st.caption("Only some plans profile targets by quarter; a council without a profile shows its annual "
               "target as a dotted level.")
    show_chart(build_code_profiles(across, code), key="by-code")
    table_alternative(across.drop(columns=["indicator_id", "council_id"]), file_name=f"profiles-{code}.csv",
                      label=f"{code} targets across councils", key="by-code")
