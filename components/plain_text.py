"""Text that people typed (officers' comments, editors' names) shown as plain text, never as
Markdown: an image in a comment would make every viewer's browser fetch an outside address, a link
would be live, and bold or heading text could pass itself off as the dashboard's own words.

st.text renders its body without Markdown or HTML parsing; only the label, our own words, is
Markdown. Every page that shows a comment (exceptions, history, a board pack, meeting mode) uses
these.
"""
from __future__ import annotations

import streamlit as st

from perfdash.views.exceptions import comment_text, submitted_words


def typed_text(label: str, text: str) -> None:
    """A bold label of our own, then `text` exactly as typed, on one line where it fits."""
    with st.container(horizontal=True, gap="small"):
        st.markdown(f"**{label}**", width="content")
        st.text(text)


def officer_comment(comment, submitted_by=None, submitted_at=None, label: str = "Officer's comment:") -> None:
    """The officer's comment as typed (or "No comment recorded."), with who recorded it and when."""
    typed_text(label, comment_text(comment) + submitted_words(submitted_by, submitted_at))
