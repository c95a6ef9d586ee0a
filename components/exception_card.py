"""One red or amber indicator as the Performance Monitoring Board reads it, and the print styles
that keep each card whole on paper."""
from __future__ import annotations

import streamlit as st

from components.plain_text import officer_comment
from components.status_display import rag_label
from components.url_state import url_number_input
from components.spc_icons import assurance_icon, icon_img, icon_words, variation_icon
from perfdash.polarity import polarity_words, unit_label
from perfdash.spc import verdicts, xmr
from perfdash.views.exceptions import direction_label, figure, gap_amount, gap_side
from perfdash.views.sources import markdown_source_link

PRINT_STYLES = """
<style>
@media print {
  [data-testid="stSidebar"], [data-testid="stHeader"], [data-testid="stToolbar"],
  [data-testid="stDownloadButton"], .stButton, [data-testid="stDecoration"] {
    display: none !important;
  }
  [data-testid="stMain"] { margin-left: 0 !important; }
  [data-testid="stVerticalBlockBorderWrapper"] { break-inside: avoid; }
}
</style>
"""


def spc_verdict(row) -> None:
    """SPC beside RAG: is the latest change a signal, and can the target be relied on? Two icons
    with alt text and their words; below 10 quarters, it says SPC falls back to RAG and direction."""
    variation = getattr(row, "variation", None)
    if not isinstance(variation, str):
        return
    if variation == xmr.TOO_FEW_POINTS:
        st.caption(f"**SPC:** {verdicts.FALLBACK_WORDS} ({int(row.n_points)} of {xmr.MIN_POINTS} quarters recorded).")
        return
    words = icon_words(variation, row.assurance, int(row.variation_direction), target=row.target,
                       polarity=row.polarity)
    icons = (icon_img(variation_icon(variation, int(row.variation_direction)), words[0])
             + " " + icon_img(assurance_icon(row.assurance, variation=variation), words[1]))
    st.markdown(f"{icons} **SPC ({int(row.n_points)} quarters):** {words[0]}. {words[1]}.",
                unsafe_allow_html=True)


def exception_card(row) -> None:
    """One red or amber indicator: how far off, since when, and why. The four figures sit in a
    row that wraps, each as wide as its words, so none is cut off on a narrow screen."""
    code = f"{row.code} · " if isinstance(row.code, str) else ""
    with st.container(border=True):
        st.markdown(f"#### {rag_label(row.rag)} — {code}{row.title}")
        st.markdown(f"{unit_label(row.unit)} · {polarity_words(row.polarity)} · {row.profile or 'no'} profile · "
                    f"rule: {row.rule} · target from {markdown_source_link(row.target_source)}")
        with st.container(horizontal=True, gap="medium"):
            st.metric(f"Target ({row.basis})", figure(row.target, row.unit), width="content")
            st.metric("Actual", figure(row.actual, row.unit), width="content")
            st.metric("Gap", gap_amount(row.gap, row.unit), delta=gap_side(row.gap, row.target) or None,
                      delta_color="off", delta_arrow="off", width="content")
            st.metric("Off target since", row.off_target_since or "this quarter", width="content")
        st.markdown(f"**Against last quarter:** {direction_label(row.direction)} · "
                    f"**Against the same quarter last year:** {direction_label(row.direction_last_year)}")
        spc_verdict(row)
        officer_comment(row.comment, row.submitted_by, row.submitted_at)
        st.markdown(f"**RAG history:** {row.history}")


def card_range(total: int, per_page: int) -> tuple[int, int]:
    """Which cards to draw: all when they fit on one page, else the page chosen by number (kept in
    the URL, so a link opens the same cards)."""
    if total <= per_page:
        return 0, total
    pages = -(-total // per_page)
    page = url_number_input(f"Cards page (of {pages})", key="cards", min_value=1, max_value=pages, value=1, step=1)
    first = (page - 1) * per_page
    last = min(first + per_page, total)
    st.caption(f"Cards {first + 1}–{last} of {total}, worst first. All {total} are in the table below and its CSV.")
    return first, last
