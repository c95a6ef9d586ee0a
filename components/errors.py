"""Errors in plain English. Users never see a traceback."""
from __future__ import annotations

import streamlit as st

from perfdash.db.database import ExtractsUnreadable, QueryNotFound, QueryStopped
from perfdash.store.errors import StoreError, StoreUnreadable

STORE_FREE_PAGES = ("Compare councils", "Priorities", "Actions and milestones", "Sources",
                    "and the plans' own figures in Trends")


def plain_message(error: Exception) -> str:
    if isinstance(error, StoreUnreadable):
        return (f"This page shows recorded outturns, and the actuals store cannot be read. {error} "
                f"Pages that show only the plans still work: {', '.join(STORE_FREE_PAGES)}.")
    if isinstance(error, StoreError):
        return f"The actuals store could not be used: {error}"
    if isinstance(error, ExtractsUnreadable):
        return f"The dashboard's data is not available. {error}"
    if isinstance(error, QueryStopped):
        return f"This page asked for too much at once. {error}"
    if isinstance(error, QueryNotFound):
        return f"A query this page needs is missing from the installation. {error}"
    return ("Something went wrong while drawing this page, and it has been logged. "
            "Try changing the filters or reloading; if it happens again, tell the dashboard team "
            f"what you were doing. ({type(error).__name__})")


def show_plain_error(error: Exception) -> None:
    st.error(plain_message(error), icon=":material/error:")
