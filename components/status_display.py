"""Statuses as readers see them: icon and words (never colour alone), the count of each, and the
rule that decides them explained in plain words on the page."""
from __future__ import annotations

import streamlit as st

from perfdash.palette import RAG_STYLES
from perfdash.rag.rule import RagRules
from perfdash.views.status_rule import how_status_is_decided


def rag_label(status: str) -> str:
    """Icon and words for a status, e.g. "✖ Off target"."""
    _, icon, words = RAG_STYLES[status]
    return f"{icon} {words}"


def status_counts(counts: dict[str, int]) -> None:
    """One card per status: icon, words and count, so colour is never needed. The cards sit in a
    row that wraps, each as wide as its words, so no status is cut short on a narrow screen."""
    with st.container(horizontal=True):
        for status, count in counts.items():
            st.metric(rag_label(status), count, border=True, width="content")


def status_rule_explainer(rules: RagRules, council_id: str, council_name: str | None = None,
                          indicators=(), expanded: bool = False) -> None:
    """An expander, "How status is decided", with the rule and this council's tolerances in words."""
    with st.expander("How status is decided", expanded=expanded, icon=":material/help:"):
        lines = how_status_is_decided(rules, council_id, council_name, indicators)
        st.markdown("\n".join(f"- {line}" for line in lines))
