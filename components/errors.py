"""Errors in plain English. Users never see a traceback."""
from __future__ import annotations

import streamlit as st

from perfdash.db.database import ExtractsMissing, QueryNotFound


def plain_message(error: Exception) -> str:
    if isinstance(error, ExtractsMissing):
        return f"The dashboard's data is not available. {error}"
    if isinstance(error, QueryNotFound):
        return f"A query this page needs is missing from the installation. {error}"
    return ("Something went wrong while drawing this page, and it has been logged. "
            "Try changing the filters or reloading; if it happens again, tell the dashboard team "
            f"what you were doing. ({type(error).__name__})")


def show_plain_error(error: Exception) -> None:
    st.error(plain_message(error), icon=":material/error:")
