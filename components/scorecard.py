"""The Scorecard's pieces: its data through the caches, the counts and tables by priority or
theme, and the board pack as downloads built only when their button is pressed."""
from __future__ import annotations

import html
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from components.query_cache import assessed_at, cycle_state, demo_mode, run_query
from components.spc_icons import assurance_icon, icon_img, icon_words, variation_icon
from components.status_display import status_counts
from perfdash.boardpack.content import BoardPack, build_board_pack, file_stem
from perfdash.rag import status as quarter_status
from perfdash.views import scorecard as sc

PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
COLUMN_CONFIG = {
    **{name: st.column_config.TextColumn(label) for name, label in sc.TABLE_LABELS.items()},
    "title": st.column_config.TextColumn(sc.TABLE_LABELS["title"], width="large"),
}


def open_on_latest_quarter(councils: list[str]) -> None:
    """On a first visit whose link names no council, year or quarter, point the quarter picker at
    the newest quarter with recorded outturns (the picker reads them from the URL)."""
    named = ("council_q", "year", "quarter")
    if any(key in st.query_params or key in st.session_state for key in named):
        return
    latest = run_query("scorecard_latest_quarter", councils=councils)
    if not latest.empty:
        row = latest.iloc[0]
        st.query_params.update(council_q=row["council_id"], year=str(int(row["year_start"])),
                               quarter=str(int(row["quarter"])))


@dataclass(frozen=True)
class GroupSection:
    """One priority or theme as the page draws it, made once per store state."""
    group: str
    counts: dict
    table: pd.DataFrame
    spc_lines: str


@dataclass(frozen=True)
class ScorecardView:
    """What the page draws of a council's quarter, made once per store state: the scorecard, its
    headline counts, the counts table by group and each group's section."""
    card: sc.Scorecard
    counts: dict
    group_counts: pd.DataFrame
    sections: tuple[GroupSection, ...]


@st.cache_data(max_entries=32, ttl=3600, show_spinner=False)
def _built(state: tuple, council: str, year: int, quarter: int, grouping: str) -> ScorecardView:
    # Keyed on the store's state, not on the assessed quarters: hashing 24,000 rows cost more than
    # the build on every rerun at national scale.
    card = sc.build_scorecard(assessed_at(state, council), run_query("scorecard_groups", council=council), council,
                              year, quarter, grouping)
    sections = tuple(GroupSection(group, quarter_status.counts(rows), sc.scorecard_table(rows), spc_lines(rows))
                     for group, rows in ((group, card.group_rows(group)) for group in card.groups))
    return ScorecardView(card, card.counts(), sc.group_counts(card), sections)


def load_scorecard(council: str, year: int, quarter: int, grouping: str) -> ScorecardView:
    """The council's quarter and its sections, built again only when the store, the extracts, the
    tolerances or the choices change."""
    return _built(cycle_state(), council, year, quarter, grouping)


@dataclass(frozen=True)
class PackRequest:
    """What a board pack is made from, held by the download buttons until one is pressed: the
    pack's data work (every red indicator's history and exception) is done only then."""
    state: tuple
    card: sc.Scorecard
    council_name: str
    demo: bool

    def pack(self) -> BoardPack:
        return build_board_pack(self.card, assessed_at(self.state, self.card.council_id), self.council_name,
                                self.demo)


def pack_request(card: sc.Scorecard, council_name: str) -> PackRequest:
    return PackRequest(cycle_state(), card, council_name, demo_mode())


def group_section(section: GroupSection, key: str) -> None:
    """One priority or theme: its counts as icon, word and number, then its indicators."""
    st.subheader(section.group)
    status_counts(section.counts)
    st.dataframe(section.table, hide_index=True, key=key, column_config=COLUMN_CONFIG, placeholder="–")
    if section.spc_lines:
        st.markdown(section.spc_lines, unsafe_allow_html=True)


def spc_lines(rows: pd.DataFrame) -> str:
    """The SPC icons (own SVG, with alt text) and their words for the group's indicators that have
    enough quarters, as Markdown; the table beside them says the same in words."""
    charted = rows[rows["spc_available"]]
    lines = []
    for row in charted.itertuples():
        words = icon_words(row.variation, row.assurance, int(row.variation_direction), target=row.target,
                           polarity=row.polarity)
        icons = (icon_img(variation_icon(row.variation, int(row.variation_direction)), words[0]) + " "
                 + icon_img(assurance_icon(row.assurance, variation=row.variation), words[1]))
        name = html.escape(f"{row.code} · {row.title}" if isinstance(row.code, str) else str(row.title))
        lines.append(f"{icons} **{name}:** {html.escape(words[0])}. {html.escape(words[1])}.")
    return "  \n".join(lines)


def _deck(request: PackRequest) -> bytes:
    from perfdash.boardpack.pptx import pptx_bytes  # imported on the first press, not by every visit

    return pptx_bytes(request.pack())


def _document(request: PackRequest) -> bytes:
    from perfdash.boardpack.pdf import pdf_bytes

    return pdf_bytes(request.pack())


def board_pack_downloads(request: PackRequest) -> None:
    """PowerPoint and PDF of the pack. Each file is built only when its button is pressed (data is
    a callable, run apart from the page), and pressing one needs no rerun."""
    card = request.card
    stem = file_stem(card.council_id, card.year_start, card.quarter)
    columns = st.columns(2)
    columns[0].download_button("Download the board pack as PowerPoint", lambda: _deck(request),
                               file_name=f"{stem}.pptx", mime=PPTX_MIME, on_click="ignore",
                               icon=":material/slideshow:", key="board-pack-pptx")
    columns[1].download_button("Download the board pack as PDF", lambda: _document(request),
                               file_name=f"{stem}.pdf", mime="application/pdf", on_click="ignore",
                               icon=":material/picture_as_pdf:", key="board-pack-pdf")
