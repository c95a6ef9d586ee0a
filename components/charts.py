"""Pure figure builders: data frame in, plotly Figure out. No Streamlit here, so each is
unit-tested directly. Every figure has a title and names its unit."""
from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from perfdash.palette import (
    BASE_FONT_SIZE,
    FONT_FAMILY,
    KIND_STYLES,
    OKABE_ITO,
    RAG_STYLES,
    SEQUENTIAL,
)
from perfdash.polarity import polarity_words, unit_label
from perfdash.views.compare import AGAINST_TARGET_WORDS

PROFILE_WORDS = {
    "cumulative": "year to date",
    "per_quarter": "per quarter",
    "snapshot": "level at quarter end",
}


def _layout_settings(title: str, height: int = 520) -> dict:
    """The layout every chart shares: a left-aligned title, our font, the legend below."""
    return {
        "title": {"text": title, "x": 0, "xanchor": "left"},
        "font": {"family": FONT_FAMILY, "size": BASE_FONT_SIZE},
        "height": height,
        "legend": {"orientation": "h", "yanchor": "top", "y": -0.15, "x": 0},
        "margin": {"l": 60, "r": 20, "t": 70, "b": 60},
        "hoverlabel": {"font_size": BASE_FONT_SIZE},
    }


def _layout(figure: go.Figure, title: str, height: int = 520) -> go.Figure:
    figure.update_layout(**_layout_settings(title, height))
    return figure


def series_label(row) -> str:
    code = row.get("code")
    code = code if isinstance(code, str) and code else None
    name = code or _short(row["title"], 40)
    return f"{row['council_name']} · {name}"


def _short(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def _hover(frame: pd.DataFrame) -> list[str]:
    return [
        f"<b>{row.council_name}</b> {row.title}<br>{row.kind.title()} {row.period}: <b>{row.value_text}</b>"
        f"<br>Source: {row.plan_title}<br>{row.source}"
        for row in frame.itertuples()
    ]


def build_trend_chart(series: pd.DataFrame, title: str | None = None) -> go.Figure:
    """Annual figures over financial years: a line for actuals, distinct markers for targets,
    baselines, interims and estimates. `series` has the columns of queries/trends_series.sql."""
    figure = go.Figure()
    numeric = series[series["value"].notna()].copy()
    units = sorted(numeric["unit"].dropna().unique())
    unit_text = ", ".join(unit_label(u) for u in units) or "no unit"
    if numeric.empty:
        return _layout(figure, title or "Trend: no figures to draw")
    numeric["label"] = numeric.apply(series_label, axis=1)
    years = sorted(numeric["year_start"].unique())
    for index, (label, group) in enumerate(numeric.groupby("label", sort=True)):
        colour = OKABE_ITO[index % len(OKABE_ITO)]
        for kind, (symbol, words) in KIND_STYLES.items():
            rows = group[group["kind"] == kind].sort_values("year_start")
            if rows.empty:
                continue
            is_actual = kind == "actual"
            status_icons = _status_icons(rows) if is_actual else None
            figure.add_trace(go.Scatter(
                x=rows["year_start"], y=rows["value"], name=f"{label} — {words}",
                mode=("lines+markers+text" if status_icons else "lines+markers") if is_actual else "markers",
                text=status_icons, textposition="top center",
                line={"color": colour, "width": 3},
                marker={"symbol": symbol, "size": 11 if is_actual else 15, "color": colour,
                        "line": {"width": 2, "color": colour}},
                hovertext=_hover(rows), hoverinfo="text",
            ))
    figure.update_xaxes(title_text="Financial year", tickmode="array", tickvals=years,
                        ticktext=[f"{y}/{(y + 1) % 100:02d}" for y in years])
    figure.update_yaxes(title_text=unit_text)
    figure.update_layout(showlegend=True)
    return _layout(figure, title or f"Trend ({unit_text})")


def _status_icons(rows: pd.DataFrame) -> list[str] | None:
    """Each actual's RAG icon and words, printed beside it, when the rows carry a status."""
    if "rag" not in rows.columns:
        return None
    return [f"{RAG_STYLES[s][1]} {RAG_STYLES[s][2]}" if isinstance(s, str) else "" for s in rows["rag"]]


RAG_SYMBOLS = {"green": "circle", "amber": "triangle-up", "red": "x", "no_target": "circle-open",
               "no_data": "circle-open"}


def _status_traces(statuses: pd.DataFrame) -> list[go.Scatter]:
    """Quarterly actuals, one trace per RAG status: a shape, icon and words for each, so colour
    is never the only signal. `statuses` holds quarter, actual, rag, basis and rag_reason."""
    traces = []
    drawn = statuses[statuses["actual"].notna()]
    for status, rows in drawn.groupby("rag", sort=False):
        colour, icon, words = RAG_STYLES[status]
        traces.append(go.Scatter(
            x=[f"Q{int(q)}" for q in rows["quarter"]], y=rows["actual"], mode="markers+text",
            name=f"Actual: {icon} {words}", text=[f"{icon} {words}"] * len(rows),
            # Labels lean inwards at the ends so the first and last quarters' words stay inside the chart.
            textposition=[{1: "top right", 4: "top left"}.get(int(q), "top center") for q in rows["quarter"]],
            marker={"symbol": RAG_SYMBOLS[status], "size": 15, "color": colour, "line": {"width": 2,
                                                                                      "color": "#000000"}},
            hovertext=[f"Q{int(r.quarter)} actual ({r.basis}): <b>{r.actual:,.2f}</b><br>{icon} {words}: "
                       f"{r.rag_reason}" for r in rows.itertuples()],
            hoverinfo="text", showlegend=False))
    return traces


def _profile_trace(rows: pd.DataFrame, profile: str | None, colour: str) -> go.BaseTraceType:
    quarters = [f"Q{int(q)}" for q in rows["quarter"]]
    hover = [f"Q{int(r.quarter)} target: <b>{r.value_text}</b><br>{r.source}" for r in rows.itertuples()]
    if profile == "per_quarter":
        return go.Bar(x=quarters, y=rows["value"], name="Quarterly target", marker_color=colour,
                      hovertext=hover, hoverinfo="text", showlegend=False)
    shape = "hv" if profile == "snapshot" else "linear"
    return go.Scatter(x=quarters, y=rows["value"], name="Quarterly target", mode="lines+markers",
                      line={"color": colour, "width": 3, "shape": shape},
                      marker={"symbol": "diamond-open", "size": 12, "line": {"width": 2}},
                      fill="tozeroy" if profile == "cumulative" else None,
                      hovertext=hover, hoverinfo="text", showlegend=False)


def _wrap(text: str, width: int) -> str:
    lines, current = [], ""
    for word in text.split():
        if current and len(current) + len(word) + 1 > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    lines.append(current)
    return "<br>".join(lines[:3]) + ("…" if len(lines) > 3 else "")


def profile_title(meta: dict) -> str:
    code = meta.get("code") if isinstance(meta.get("code"), str) else None
    name = f"{code} · " if code else ""
    return (f"{_wrap(name + meta['title'], 44)}<br><sup>{unit_label(meta.get('unit'))} · "
            f"{PROFILE_WORDS.get(meta.get('profile'), 'profile not stated')} · "
            f"{polarity_words(meta.get('polarity')).lower()}</sup>")


def build_quarterly_profile(profile: pd.DataFrame, statuses: pd.DataFrame | None = None) -> go.Figure:
    """One indicator's Q1-Q4 target profile drawn as its profile type reads, the annual target
    as a dashed reference line, and quarterly actuals with their RAG status.
    `profile` holds one indicator's rows of queries/profiles_quarterly.sql; `statuses` holds its
    assessed quarters (perfdash.rag.status.assess_quarters): the actual compared (year to date
    for cumulative profiles) and its status, drawn as a shape plus icon and words."""
    meta = profile.iloc[0].to_dict()
    targets = profile[(profile["kind"] == "target") & profile["quarter"].notna() & profile["value"].notna()]
    traces = [_profile_trace(targets.sort_values("quarter"), meta.get("profile"), OKABE_ITO[0])]
    annual = profile[(profile["kind"] == "target") & profile["quarter"].isna() & profile["value"].notna()]
    if not annual.empty:
        first = annual.iloc[0]
        traces.append(go.Scatter(
            x=["Q1", "Q4"], y=[first["value"]] * 2, mode="lines", name="Annual target",
            line={"color": "#000000", "dash": "dash", "width": 2}, showlegend=False,
            hovertext=[f"Annual target: <b>{first['value_text']}</b><br>{first['source']}"] * 2, hoverinfo="text"))
    if statuses is not None and not statuses.empty:
        traces += _status_traces(statuses)
    layout = _layout_settings(profile_title(meta), height=380)
    layout["title"]["font"] = {"size": BASE_FONT_SIZE}
    layout["margin"] = {**layout["margin"], "t": 110, "b": 40}
    layout["xaxis"] = {"categoryorder": "array", "categoryarray": ["Q1", "Q2", "Q3", "Q4"]}
    layout["yaxis"] = {"title": {"text": unit_label(meta.get("unit"))}, "rangemode": "tozero"}
    # One construction: each update_* call on a built figure validates again.
    return go.Figure(data=traces, layout=layout)

def build_theme_matrix(matrix: pd.DataFrame, measure: str = "total") -> go.Figure:
    """Councils x common themes heat map with the count printed in every cell."""
    words = {"total": "priorities, indicators and actions", "priorities": "priorities",
             "indicators": "indicators", "actions": "actions"}[measure]
    table = matrix.pivot_table(index="council_name", columns="common_theme", values=measure,
                               aggfunc="sum", fill_value=0)
    figure = go.Figure(go.Heatmap(
        z=table.values, x=list(table.columns), y=list(table.index), colorscale=SEQUENTIAL,
        text=table.values, texttemplate="%{text}", textfont={"size": BASE_FONT_SIZE},
        hovertemplate="%{y}<br>%{x}<br>%{z} " + words + "<extra></extra>",
        colorbar={"title": {"text": "count"}},
    ))
    figure.update_xaxes(tickangle=-30)
    return _layout(figure, f"Theme matrix: number of {words} by council and common theme (count)",
                   height=max(360, 110 * len(table.index) + 220))


def build_shared_comparison(shared: pd.DataFrame, per_council: bool = True) -> go.Figure:
    """For each shared national code, each council's latest actual (bar) and next target
    (diamond), one panel per code so each keeps its own unit; `shared` holds shared_verdicts rows.
    With per_council=False (too many councils to draw one by one), `shared` holds
    compare_shared_against_target rows instead, and one stacked bar per code counts the councils'
    indicators better than, the same as or worse than their own target."""
    if shared.empty:
        return _layout(go.Figure(), "Shared indicators: none to compare", height=300)
    if not per_council:
        return _shared_against_target(shared)
    # Plain records, grouped by code in the rows' order: a few hundred rows at most, where pandas'
    # per-group overhead would cost more than the drawing.
    by_code: dict[str, list[dict]] = {}
    for record in shared.to_dict("records"):
        by_code.setdefault(record["code"], []).append(record)
    columns = min(3, len(by_code))
    rows_needed = math.ceil(len(by_code) / columns)
    figure = make_subplots(rows=rows_needed, cols=columns, subplot_titles=[
        f"{code} {_short(rows[0]['title'], 40)}<br><sup>{unit_label(rows[0]['unit'])}"
        f" · {polarity_words(rows[0]['polarity']).lower()}</sup>" for code, rows in by_code.items()])
    councils = sorted(shared["council_name"].unique())
    colours = {name: OKABE_ITO[i % len(OKABE_ITO)] for i, name in enumerate(councils)}
    # Traces are collected and added in one call (plotly re-validates the figure on each add_trace),
    # with one bar per council, so the legend can show or hide a council in every panel, and one
    # trace for all the targets of a panel.
    traces, places = [], []
    in_legend: set[str] = set()
    for index, rows in enumerate(by_code.values()):
        place = (index // columns + 1, index % columns + 1)
        for item in rows:
            name = item["council_name"]
            traces.append(go.Bar(
                x=[name], y=[item["actual"]], name=f"{name} actual", marker_color=colours[name], legendgroup=name,
                showlegend=name not in in_legend,
                hovertext=f"{name} actual {item['actual_period']}: {item['actual_text']}<br>{item['actual_source']}",
                hoverinfo="text"))
            places.append(place)
            in_legend.add(name)
        targets = [item for item in rows if pd.notna(item["target"])]
        if targets:
            traces.append(go.Scatter(
                x=[t["council_name"] for t in targets], y=[t["target"] for t in targets], mode="markers",
                name="Target", marker={"symbol": "diamond-open", "size": 16, "color": "#000000", "line": {"width": 3}},
                legendgroup="target", showlegend="Target" not in in_legend,
                hovertext=[f"{t['council_name']} target {t['target_period']}: {t['target_text']}"
                           f"<br>{t['target_source']}" for t in targets],
                hoverinfo="text"))
            places.append(place)
            in_legend.add("Target")
    figure.add_traces(traces, rows=[row for row, _ in places], cols=[col for _, col in places])
    # Panel n (from 0, by row) has y axis n + 1; one update for all is cheaper than one per panel.
    figure.update_layout({f"yaxis{index + 1 if index else ''}": {"title": {"text": unit_label(rows[0]["unit"])}}
                          for index, rows in enumerate(by_code.values())})
    figure.update_annotations(font_size=BASE_FONT_SIZE - 2)
    return _layout(figure, "Shared indicators: latest actual (bar) and next target (◇), in each indicator's unit",
                   height=max(380, 340 * rows_needed))


# Colour, and a fill pattern so that colour is never alone; the words are in the legend and on hover.
_AGAINST_TARGET_STYLES = {
    "better": (RAG_STYLES["green"][0], ""),
    "same": (OKABE_ITO[4], "."),
    "worse": (RAG_STYLES["red"][0], "x"),
    "not_comparable": (RAG_STYLES["no_data"][0], "/"),
}


def _shared_against_target(counts: pd.DataFrame) -> go.Figure:
    labels = [f"{code} {_short(title, 40)} ({unit_label(unit)}, {polarity_words(polarity).lower()})"
              for code, title, unit, polarity in zip(counts["code"], counts["title"], counts["unit"],
                                                      counts["polarity"])]
    figure = go.Figure([
        go.Bar(x=counts[column], y=labels, orientation="h", name=AGAINST_TARGET_WORDS[column],
               marker={"color": colour, "pattern": {"shape": pattern, "fgcolor": "#000000"}},
               text=counts[column], textposition="inside", insidetextanchor="middle",
               hovertemplate="%{y}<br>%{x} indicators: " + AGAINST_TARGET_WORDS[column].lower() + "<extra></extra>")
        for column, (colour, pattern) in _AGAINST_TARGET_STYLES.items()])
    figure.update_layout(barmode="stack")
    figure.update_yaxes(autorange="reversed")
    figure.update_xaxes(title_text="Councils' indicators (count)")
    return _layout(figure, "Shared indicators: councils' latest actual against their own next target "
                           "(count of indicators)", height=max(360, 48 * len(counts) + 200))


def build_ambition_chart(ambition: pd.DataFrame, title: str) -> go.Figure:
    """Horizontal bars of target ambition in percent: right of zero asks for improvement,
    left of zero accepts a decline. The words are printed on each bar as well."""
    data = ambition.dropna(subset=["ambition_percent"]).sort_values("ambition_percent")
    if data.empty:
        return _layout(go.Figure(), title + ": nothing to measure", height=300)
    words = ["stretch" if v > 0 else "no change" if v == 0 else "accepts decline" for v in data["ambition_percent"]]
    colours = [OKABE_ITO[0] if v > 0 else "#6B6B6B" if v == 0 else OKABE_ITO[5] for v in data["ambition_percent"]]
    figure = go.Figure(go.Bar(
        x=data["ambition_percent"], y=data["label"], orientation="h", marker_color=colours,
        text=[f"{v:+.1f}% {w}" for v, w in zip(data["ambition_percent"], words)], textposition="auto",
        hovertext=data["hover"] if "hover" in data else None, hoverinfo="text" if "hover" in data else None,
    ))
    figure.update_xaxes(title_text="Change asked of the target, % of starting value (positive = improvement)",
                        zeroline=True, zerolinewidth=2, zerolinecolor="#000000")
    return _layout(figure, title, height=max(360, 34 * len(data) + 160))


def build_code_profiles(across: pd.DataFrame, code: str) -> go.Figure:
    """One national code across councils: a line per council and year through its quarterly
    targets, or a dotted level for a council that sets only an annual target."""
    figure = go.Figure()
    unit = across["unit"].dropna().iloc[0] if across["unit"].notna().any() else None
    groups = list(across.groupby(["council_name", "period"], sort=True))
    for index, ((council, period), rows) in enumerate(groups):
        colour = OKABE_ITO[index % len(OKABE_ITO)]
        quarterly = rows[rows["quarter"].notna()].sort_values("quarter")
        hover = [f"{council} {period} {'Q' + str(int(r.quarter)) if pd.notna(r.quarter) else 'annual'} target: "
                 f"<b>{r.value_text}</b><br>{r.source}" for r in (quarterly if len(quarterly) else rows).itertuples()]
        if len(quarterly):
            figure.add_trace(go.Scatter(
                x=[f"Q{int(q)}" for q in quarterly["quarter"]], y=quarterly["value"], mode="lines+markers",
                name=f"{council} {period} — quarterly target", line={"color": colour, "width": 3},
                marker={"symbol": "diamond-open", "size": 12}, hovertext=hover, hoverinfo="text"))
        else:
            level = rows.iloc[0]
            figure.add_trace(go.Scatter(
                x=["Q1", "Q4"], y=[level["value"]] * 2, mode="lines", name=f"{council} {period} — annual target",
                line={"color": colour, "width": 3, "dash": "dot"}, hovertext=hover * 2, hoverinfo="text"))
    figure.update_xaxes(categoryorder="array", categoryarray=["Q1", "Q2", "Q3", "Q4"], title_text="Quarter")
    figure.update_yaxes(title_text=unit_label(unit), rangemode="tozero")
    return _layout(figure, f"{code}: target profiles across councils ({unit_label(unit)})", height=480)
