"""Pure figure builders: data frame in, plotly Figure out. No Streamlit here, so each is
unit-tested directly. Every figure has a title and names its unit."""
from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from components.palette import BASE_FONT_SIZE, FONT_FAMILY, KIND_STYLES, OKABE_ITO, RAG_STYLES, SEQUENTIAL
from perfdash.performance import polarity_words, unit_label

PROFILE_WORDS = {
    "cumulative": "year to date",
    "per_quarter": "per quarter",
    "snapshot": "level at quarter end",
}


def _layout(figure: go.Figure, title: str, height: int = 520) -> go.Figure:
    figure.update_layout(
        title={"text": title, "x": 0, "xanchor": "left"},
        font={"family": FONT_FAMILY, "size": BASE_FONT_SIZE},
        height=height,
        template="plotly_white",
        legend={"orientation": "h", "yanchor": "top", "y": -0.15, "x": 0},
        margin={"l": 60, "r": 20, "t": 70, "b": 60},
        hoverlabel={"font_size": BASE_FONT_SIZE},
    )
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
    assessed quarters (perfdash.quarter_status.assess_quarters): the actual compared (year to date
    for cumulative profiles) and its status, drawn as a shape plus icon and words."""
    meta = profile.iloc[0].to_dict()
    figure = go.Figure()
    targets = profile[(profile["kind"] == "target") & profile["quarter"].notna() & profile["value"].notna()]
    figure.add_trace(_profile_trace(targets.sort_values("quarter"), meta.get("profile"), OKABE_ITO[0]))
    annual = profile[(profile["kind"] == "target") & profile["quarter"].isna() & profile["value"].notna()]
    if not annual.empty:
        first = annual.iloc[0]
        figure.add_trace(go.Scatter(
            x=["Q1", "Q4"], y=[first["value"]] * 2, mode="lines", name="Annual target",
            line={"color": "#000000", "dash": "dash", "width": 2}, showlegend=False,
            hovertext=[f"Annual target: <b>{first['value_text']}</b><br>{first['source']}"] * 2, hoverinfo="text"))
    if statuses is not None and not statuses.empty:
        for trace in _status_traces(statuses):
            figure.add_trace(trace)
    figure.update_xaxes(categoryorder="array", categoryarray=["Q1", "Q2", "Q3", "Q4"])
    figure.update_yaxes(title_text=unit_label(meta.get("unit")), rangemode="tozero")
    figure = _layout(figure, profile_title(meta), height=380)
    figure.update_layout(title_font_size=BASE_FONT_SIZE, margin={"t": 110, "b": 40})
    return figure


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


def build_shared_comparison(shared: pd.DataFrame) -> go.Figure:
    """For each shared national code, each council's latest actual (bar) and next target
    (diamond), one panel per code so each keeps its own unit."""
    codes = list(dict.fromkeys(shared["code"]))
    if not codes:
        return _layout(go.Figure(), "Shared indicators: none to compare", height=300)
    columns = min(3, len(codes))
    rows_needed = math.ceil(len(codes) / columns)
    first_titles = shared.drop_duplicates("code").set_index("code")
    figure = make_subplots(rows=rows_needed, cols=columns, subplot_titles=[
        f"{code} {_short(first_titles.loc[code, 'title'], 40)}<br><sup>{unit_label(first_titles.loc[code, 'unit'])}"
        f" · {polarity_words(first_titles.loc[code, 'polarity']).lower()}</sup>" for code in codes])
    councils = sorted(shared["council_name"].unique())
    colours = {name: OKABE_ITO[i % len(OKABE_ITO)] for i, name in enumerate(councils)}
    for index, code in enumerate(codes):
        row, col = index // columns + 1, index % columns + 1
        data = shared[shared["code"] == code]
        for item in data.itertuples():
            show = index == 0
            figure.add_trace(go.Bar(
                x=[item.council_name], y=[item.actual], name=f"{item.council_name} actual",
                marker_color=colours[item.council_name], legendgroup=item.council_name, showlegend=show,
                hovertext=f"{item.council_name} actual {item.actual_period}: {item.actual_text}<br>{item.actual_source}",
                hoverinfo="text"), row=row, col=col)
            if pd.notna(item.target):
                figure.add_trace(go.Scatter(
                    x=[item.council_name], y=[item.target], mode="markers", name="Target",
                    marker={"symbol": "diamond-open", "size": 16, "color": "#000000", "line": {"width": 3}},
                    legendgroup="target", showlegend=show and item.Index == data.index[0],
                    hovertext=f"{item.council_name} target {item.target_period}: {item.target_text}<br>{item.target_source}",
                    hoverinfo="text"), row=row, col=col)
        figure.update_yaxes(title_text=unit_label(first_titles.loc[code, "unit"]), row=row, col=col)
    figure.update_annotations(font_size=BASE_FONT_SIZE - 2)
    return _layout(figure, "Shared indicators: latest actual (bar) and next target (◇), in each indicator's unit",
                   height=max(380, 340 * rows_needed))


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
