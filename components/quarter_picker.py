"""The council, financial year and quarter that the quarterly-cycle pages report or record, kept
in the URL so a view can be shared by link."""
from __future__ import annotations

import streamlit as st

from components.query_cache import shaped_query
from components.ui import council_names
from components.url_state import url_selectbox
from perfdash.plans.values import period_label
from perfdash.views.filters import years_by_council


def quarter_picker(key_prefix: str = "") -> tuple[str, int, int] | None:
    """Council, financial year and quarter, from the councils and years with targets (bundled or
    imported from a register). The choices live in the URL."""
    years = shaped_query("cycle_target_years", years_by_council)
    if not years:
        st.info("No council has targets yet, so there is nothing to record or report against. An editor can "
                "import a council's targets from a KPI register on the Record outturns page.")
        return None
    names = council_names()
    councils = list(years)
    columns = st.columns(3)
    council = url_selectbox("Council", options=councils, key=f"{key_prefix}council_q", container=columns[0],
                            default=councils[0], format_func=names.get)
    year_list = years[council]
    year = url_selectbox("Financial year", options=year_list, key=f"{key_prefix}year", container=columns[1],
                         default=year_list[-1], format_func=period_label)
    quarter = url_selectbox("Quarter", options=[1, 2, 3, 4], key=f"{key_prefix}quarter", container=columns[2],
                            default=1, format_func=lambda q: f"Q{q}")
    return council, int(year), int(quarter)
