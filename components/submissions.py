"""Submitting outturns: what an outturns file may name, and the history of every submission."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from components.query_cache import run_query
from perfdash.exports import to_csv_bytes
from perfdash.outturns.catalogue import Catalogue
from perfdash.views.record import GRID_LABELS, history_rows, history_table


def import_catalogue() -> Catalogue:
    """What an outturns file may name: indicators and the years their plans profile."""
    return Catalogue(indicators=run_query("import_catalogue"), fetch=run_query)


def grid_columns() -> dict:
    """Labels for the entry grid, each naming the template column it stands for."""
    return {column: st.column_config.Column(label, help=f"The template's `{column}` column")
            for column, label in GRID_LABELS.items()}


def submissions_table(history: pd.DataFrame, key: str) -> None:
    """Every submission, newest first, with the value it replaced and who made it; CSV too.
    Comments are table cells, which show text as typed."""
    if history.empty:
        st.caption("Nothing has been recorded for this quarter yet.")
        return
    st.dataframe(history_table(history), hide_index=True, key=f"{key}-table", placeholder="—")
    st.download_button("Download the history as CSV", to_csv_bytes(history_rows(history)),
                       file_name="outturn-history.csv", mime="text/csv", icon=":material/download:",
                       key=f"{key}-csv")
