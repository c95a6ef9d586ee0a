"""Scorecard: the leadership team's landing page. A council's quarter in headline counts and one
table by priority or theme (value, target, RAG, short and long trend, SPC where there are enough
points), and the board pack to take away as PowerPoint or PDF."""
import streamlit as st

from components.meeting_mode import meeting_mode
from components.quarter_picker import quarter_picker
from components.query_cache import demo_mode, rag_rules
from components.scorecard import (
    board_pack_downloads,
    group_section,
    load_scorecard,
    open_on_latest_quarter,
    pack_request,
)
from components.status_display import status_counts, status_rule_explainer
from components.ui import council_names
from components.url_state import url_selectbox
from perfdash.views import scorecard as sc
from perfdash.views import status_rule

present = meeting_mode()
st.title("Scorecard")
if not present:  # in the meeting room the counts come first
    st.markdown("How the council's indicators stand this quarter: how many are on target, slightly off or off "
                "target, for the council and for each priority or theme; then every indicator with its value, "
                "target, status, short trend (against last quarter), long trend (against the same quarter last "
                "year) and, where there are at least 10 quarters of outturns, its SPC variation and assurance. "
                "Icons and words carry every status; colour only helps.")

names = council_names()
open_on_latest_quarter(list(names))
chosen = quarter_picker()
if chosen is None:
    st.stop()
council, year, quarter = chosen
grouping = url_selectbox("Group indicators by", options=list(sc.GROUPINGS), key="group", default=sc.PRIORITY,
                         format_func=sc.GROUPINGS.get)
view = load_scorecard(council, year, quarter, grouping)
card = view.card
if not present:
    status_rule_explainer(rag_rules(), council, names.get(council), status_rule.indicators_of(card.rows))
if card.rows.empty or card.rows["actual"].isna().all():
    st.info(f"No outturns are recorded for {card.label} yet. Editors record them on the Record outturns page.")
    st.stop()

st.subheader(f"{card.label}: {len(card.rows)} indicators")
st.caption(sc.data_as_at_line(card.rows)
           + (". Demonstration data: generated outturns, not real figures." if demo_mode() else ""))
status_counts(view.counts)

st.subheader(f"Counts by {sc.GROUPINGS[grouping].lower()}")
st.dataframe(view.group_counts, hide_index=True, key="group-counts")

if not present:
    st.subheader("The board pack")
    st.markdown(f"The same figures as slides and as a printable PDF: headline counts, the scorecard by "
                f"{sc.GROUPINGS[grouping].lower()}, a page for each of the {len(card.reds())} red indicators with "
                "its chart and corrective action, and an appendix of every indicator and its sources. "
                "The files are made when you press a button; that takes a few seconds.")
    board_pack_downloads(pack_request(card, names.get(council, council)))

for number, section in enumerate(view.sections):
    group_section(section, key=f"group-{number}")
