"""Trends quarter by quarter: each chosen indicator's recorded (or printed) quarterly outturns over
every year, with its RAG status, and SPC beside it where there are ten quarters or more."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from components.query_cache import assessed_quarters
from components.spc_charts import build_xmr_chart
from components.spc_icons import assurance_icon, icon_img, icon_words, variation_icon
from components.trend_charts import build_quarterly_status_chart
from components.ui import show_chart, table_alternative
from perfdash.polarity import unit_label
from perfdash.spc import verdicts, xmr
from perfdash.store.errors import StoreError
from perfdash.views.spc import quarterly_series, xmr_table
from perfdash.views.trends import quarterly_rows, quarterly_table


def quarterly_section(series: pd.DataFrame) -> None:
    """`series` is the page's annual series (queries/trends_series.sql): its indicators and councils."""
    chosen = series.drop_duplicates("indicator_id")[["indicator_id", "council_id", "code", "title", "unit",
                                                      "polarity"]]
    found = []
    st.subheader("Quarter by quarter")
    for indicator in chosen.itertuples():
        try:
            assessed = assessed_quarters(indicator.council_id)
        except StoreError as error:
            st.warning(f"The quarterly outturns cannot be shown: {error}", icon=":material/warning:")
            return
        rows = quarterly_rows(assessed, indicator.indicator_id)
        if not rows.empty:
            found.append((indicator, assessed, rows))
    if not found:
        st.caption("None of these indicators has quarterly outturns, recorded or printed.")
        return
    st.caption("Each quarter's outturn as the RAG rule compares it with the quarter's target (the year to date "
               "for a cumulative profile), with its status, over every year recorded.")
    for indicator, assessed, rows in found:
        name = f"{indicator.code} · {indicator.title}" if isinstance(indicator.code, str) else indicator.title
        unit = unit_label(indicator.unit)
        show_chart(build_quarterly_status_chart(rows, f"{name}: quarterly outturns against target ({unit})"),
                   key=f"quarters-{indicator.indicator_id}")
        table_alternative(quarterly_table(rows), file_name=f"quarters-{indicator.indicator_id.replace(':', '-')}.csv",
                          label=f"quarterly outturns of {name}", key=f"quarters-{indicator.indicator_id}")
        _spc(indicator, assessed, rows, name, unit)


def _spc(indicator, assessed: pd.DataFrame, rows: pd.DataFrame, name: str, unit: str) -> None:
    last = rows.iloc[-1]
    points = quarterly_series(assessed, int(last["year_start"]), int(last["quarter"]))
    points = points[(points["indicator_id"] == indicator.indicator_id) & points["value"].notna()]
    if len(points) < xmr.MIN_POINTS:
        st.caption(f"**SPC:** {verdicts.FALLBACK_WORDS} ({len(points)} of {xmr.MIN_POINTS} quarters recorded).")
        return
    targets = points["target"].dropna()
    result = xmr.xmr(points["value"].tolist(), points["period"].tolist(), polarity=indicator.polarity or "neutral",
                     target=float(targets.iloc[-1]) if len(targets) else None)
    words = icon_words(result.variation, result.assurance, result.points[-1].direction, target=result.target,
                       polarity=result.polarity)
    icons = (icon_img(variation_icon(result.variation, result.points[-1].direction), words[0]) + " "
             + icon_img(assurance_icon(result.assurance, variation=result.variation), words[1]))
    st.markdown(f"{icons} **SPC ({len(points)} quarters):** {words[0]}. {words[1]}.", unsafe_allow_html=True)
    show_chart(build_xmr_chart(result, f"{name}: XmR chart of the quarter's own outturn ({unit})", indicator.unit),
               key=f"xmr-{indicator.indicator_id}")
    table_alternative(xmr_table(result), file_name=f"xmr-{indicator.indicator_id.replace(':', '-')}.csv", label=f"XmR figures of {name}",
                      key=f"xmr-{indicator.indicator_id}")
