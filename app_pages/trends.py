"""Trends: actuals, baselines, interims and targets over financial years."""
import streamlit as st

from components.definition_panel import show_definitions
from components.figure_cache import cached_figure
from components.meeting_mode import meeting_mode
from components.quarterly_trends import quarterly_section
from components.quartile_charts import build_quartile_bands
from components.query_cache import rag_rules, run_query
from components.trend_charts import build_trend_chart
from components.ui import (
    SOURCE_LINK_CONFIG,
    show_chart,
    sidebar_filters,
    table_alternative,
    with_source_links,
)
from components.url_state import url_multiselect, url_selectbox
from perfdash.polarity import unit_label
from perfdash.views.definitions import definitions_for
from perfdash.views.quartiles import NOTE as QUARTILE_NOTE
from perfdash.views.quartiles import quartile_bands, quartile_table
from perfdash.views.trends import (
    OVERLAY_CAP,
    PICKER_CAP,
    direction_summary,
    series_table,
    with_annual_status,
)

meeting_mode()
filters = sidebar_filters(search=True)
st.title("Trends")
st.markdown("Lines join actuals; targets, baselines and interims are separate markers. Each actual is "
            "labelled with its status against that year's target (✔ on target, ▲ slightly off, ✖ off, "
            "○ no target). Hover a point, or open the table, to see the document and line each figure comes from.")
with st.expander("How the status is decided"):
    rules = rag_rules()
    tolerance = (f"{rules.default.amber_tolerance:g}% of the target" if rules.default.style == "percent_of_target"
                 else f"{rules.default.amber_tolerance:g} in the indicator's own units")
    st.markdown(
        "Each year's actual is compared with the target for the same year, reading *better* and *worse* "
        "with the indicator's polarity (whether higher or lower is better):\n\n"
        "- **✔ On target**: the actual meets the target or does better.\n"
        "- **▲ Slightly off target**: the actual is worse than the target by no more than the tolerance.\n"
        "- **✖ Off target**: the actual is worse than the target by more than the tolerance.\n"
        "- **○ No target**: the plan sets no target for that year, so there is nothing to be on or off.\n\n"
        f"The tolerance is {tolerance} unless a council or an indicator sets its own "
        f"({len(rules.councils)} councils and {len(rules.indicators)} indicators do); a yes/no indicator has no "
        "tolerance. An indicator for which neither higher nor lower is better is never off target: it is on "
        "target within the tolerance either way, and slightly off beyond it.")

picker_filters = dict(councils=filters.councils, theme=filters.theme, search=filters.search)
options = run_query("trends_indicator_picker", **picker_filters, indicator_ids=None, limit=PICKER_CAP)
matching = int(options["matching"].iloc[0]) if len(options) else 0
labels = dict(zip(options["indicator_id"], options["label"]))
capped = matching > len(labels)
shared = run_query("trends_shared_codes", councils=filters.councils, per_code=OVERLAY_CAP)

shared_titles = dict(zip(shared["code"], shared["title"]))
overlay = url_selectbox("Overlay a national code across councils", options=list(shared_titles), key="code",
                        placeholder="No overlay", format_func=lambda code: f"{code} · {shared_titles[code]}")
if overlay:
    overlaid = shared.set_index("code").loc[overlay]
    chosen = list(overlaid["indicator_ids"])
    if overlaid["councils"] > len(chosen):
        st.caption(f"{overlay} is printed by {overlaid['councils']:,} of the chosen councils; the overlay shows the "
                   f"first {len(chosen)} by council. Choose councils in the sidebar to compare others.")
else:
    if capped:
        st.info(f"{matching:,} indicators match these filters, too many to list. Choose councils in the "
                "sidebar, or find an indicator by code or title, to narrow them.", icon=":material/filter_alt:")
        # Choices from the link or earlier runs stay chosen while they match, even beyond the list.
        earlier = [i for i in st.session_state.get("ind", st.query_params.get_all("ind")) if i not in labels]
        if earlier:
            beyond = run_query("trends_indicator_picker", **picker_filters, indicator_ids=earlier, limit=None)
            labels.update(zip(beyond["indicator_id"], beyond["label"]))
    chosen = url_multiselect("Indicators", options=list(labels), key="ind", format_func=labels.get,
                             default=[] if capped else list(labels)[:1], placeholder="Choose one or more indicators")
    if capped:
        st.caption(f"The list holds the first {len(options):,} of {matching:,} matches, by code.")

if not chosen:
    if not capped:
        st.info("No indicator matches these filters. Clear the search or choose another council or theme."
                if not labels else "Choose one or more indicators to see their trends.")
    st.stop()

series = with_annual_status(run_query("trends_series", indicator_ids=chosen), rag_rules())
st.subheader("Direction of travel")
st.dataframe(direction_summary(series).drop(columns=["indicator_id"]).fillna({"Code": "—"}), hide_index=True,
             key="direction")

definitions = definitions_for(run_query("indicator_definitions", indicator_ids=chosen))
for unit, group in series.groupby("unit", sort=True):
    names = ", ".join(sorted(group["code"].dropna().unique())) or group["title"].iloc[0][:60]
    title = f"{names}: actuals and targets by financial year ({unit_label(unit)})"
    show_chart(cached_figure(build_trend_chart, group, title=title), key=f"trend-{unit}")
    table_alternative(with_source_links(series_table(group)), file_name=f"trend-{unit}.csv",
                      label=f"figures in {unit_label(unit)}", key=f"trend-{unit}", column_config=SOURCE_LINK_CONFIG)
    show_definitions(definitions[definitions["indicator_id"].isin(group["indicator_id"])], key=f"trend-{unit}")

quarterly_section(series)

st.subheader("Quartile position")
bands = quartile_bands(run_query("quartile_bands", councils=sorted(series["council_id"].unique()), max_councils=None))
if bands.empty:
    st.caption("The plans of these indicators' councils print no quartile table.")
else:
    st.caption(QUARTILE_NOTE)
    for council_id, rows in bands.groupby("council_id", sort=False):
        show_chart(cached_figure(build_quartile_bands, rows), key=f"quartiles-{council_id}")
    table_alternative(quartile_table(bands), file_name="quartile-bands.csv", label="quartile bands", key="quartiles")
