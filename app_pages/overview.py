"""Overview: what the dashboard holds for each council, and the way into each page. This quarter's
performance is on the Scorecard, the leadership team's landing page; the Overview points to it first."""
import streamlit as st

from components.query_cache import run_query
from components.ui import kpi_card, sidebar_filters
from perfdash.views.overview import coverage_table, headline_totals

filters = sidebar_filters()
st.title("Council performance dashboard")
st.markdown("Plans from four Leicestershire councils, turned into figures you can trace to the line "
            "they were printed on.")
with st.container(border=True, key="scorecard-pointer"):
    st.markdown("**How are we doing this quarter?** The Scorecard counts the indicators on and off target for "
                "the council and each priority, shows every indicator's value, target, status and trends, and "
                "gives the board pack as PowerPoint or PDF. This page counts what the plans hold.")
    st.page_link("app_pages/scorecard.py", label="Open the Scorecard", icon=":material/leaderboard:")

summary = run_query("overview_council_summary")
summary = summary[summary["council_id"].isin(filters.councils)]
totals = headline_totals(summary)

cards = st.columns(len(totals))
for column, (label, value, help_text) in zip(cards, totals):
    kpi_card(column, label, f"{value:,}", help_text)

st.subheader("What we hold for each council")
st.dataframe(coverage_table(summary), hide_index=True, key="coverage")

st.subheader("Go to")
links = st.columns(3)
links[0].page_link("app_pages/trends.py", label="Trends: actuals and targets over the years", icon=":material/show_chart:")
links[1].page_link("app_pages/profiles.py", label="Quarterly profiles: Q1–Q4 targets", icon=":material/stacked_bar_chart:")
links[2].page_link("app_pages/compare.py", label="Compare councils: themes, shared indicators, ambition",
                   icon=":material/compare_arrows:")

st.subheader("Source documents")
plans = run_query("overview_plans")
st.dataframe(plans[plans["council_id"].isin(filters.councils)].drop(columns=["council_id"]), hide_index=True,
             key="plans", column_config={"council_name": "Council", "title": "Plan", "plan_type": "Type",
                                         "period_label": "Period", "source_file": "Our copy",
                                         "original_file": "Original file", "plan_id": "Plan id"})
