"""Glossary: the words of the plans and of this dashboard, in plain English."""
import streamlit as st

from perfdash.views.glossary import load_glossary

st.title("Glossary")
st.markdown("The abbreviations the plans use, and the words this dashboard uses for targets and status. "
            "Each national indicator's own definition is shown beside its chart on the Trends and Quarterly "
            "profiles pages.")

for section in load_glossary():
    st.header(section["title"])
    for entry in section["entries"]:
        heading = f"{entry['term']}: {entry['stands_for']}" if entry["stands_for"] else entry["term"]
        st.subheader(heading, anchor=entry["term"].lower().replace(" ", "-"))
        st.markdown(entry["explanation"])
        if entry["example"]:
            st.caption(entry["example"])
