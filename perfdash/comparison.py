"""Cross-council comparison rules: target ambition and polarity-aware verdicts."""
from __future__ import annotations

import pandas as pd

from perfdash.performance import ambition_percent, better_or_worse, format_value


def add_ambition(targets: pd.DataFrame) -> pd.DataFrame:
    """Rows of compare_target_ambition.sql with ambition_percent, words, a label and hover text."""
    frame = targets.copy()
    frame["ambition_percent"] = [
        ambition_percent(start, target, polarity)
        for start, target, polarity in zip(frame["start_value"], frame["target_value"], frame["polarity"])
    ]
    frame["ambition"] = [
        "Not measurable" if pd.isna(a) else "Stretch" if a > 0 else "No change" if a == 0 else "Accepts decline"
        for a in frame["ambition_percent"]
    ]
    frame["label"] = [
        f"{council} · {code if isinstance(code, str) else title[:38]}"
        for council, code, title in zip(frame["council_name"], frame["code"], frame["title"])
    ]
    frame["hover"] = [
        f"{r.title}<br>{r.start_kind} {r.start_period}: {r.start_text} ({r.start_source})"
        f"<br>target {r.target_period}: {r.target_text} ({r.target_source})"
        for r in frame.itertuples()
    ]
    return frame


def ambition_by_theme(ambition: pd.DataFrame) -> pd.DataFrame:
    """Median ambition and the count of stretching and declining targets per common theme."""
    measured = ambition.dropna(subset=["ambition_percent"])
    if measured.empty:
        return pd.DataFrame(columns=["common_theme", "targets", "median_ambition_percent", "stretch",
                                     "accepts_decline"])
    grouped = measured.groupby("common_theme")
    summary = pd.DataFrame({
        "targets": grouped.size(),
        "median_ambition_percent": grouped["ambition_percent"].median().round(1),
        "stretch": grouped["ambition_percent"].apply(lambda s: int((s > 0).sum())),
        "accepts_decline": grouped["ambition_percent"].apply(lambda s: int((s < 0).sum())),
    }).reset_index()
    return summary.sort_values("median_ambition_percent", ascending=False, ignore_index=True)


def shared_verdicts(shared: pd.DataFrame) -> pd.DataFrame:
    """Rows of compare_shared_indicators.sql with the actual against the target, and each
    council's actual against the best of the others, both read with the polarity."""
    frame = shared.copy()
    frame["against_target"] = [
        better_or_worse(actual, target, polarity)
        for actual, target, polarity in zip(frame["actual"], frame["target"], frame["polarity"])
    ]
    verdicts = []
    for row in frame.itertuples():
        others = frame[(frame["code"] == row.code) & (frame["council_id"] != row.council_id)]
        others = others[others["actual"].notna()]
        if others.empty or pd.isna(row.actual):
            verdicts.append("Not comparable")
            continue
        results = {better_or_worse(row.actual, other, row.polarity) for other in others["actual"]}
        verdicts.append("Better than the others" if results == {"Better"} else
                        "Worse than the others" if results == {"Worse"} else "Mixed")
    frame["against_other_councils"] = verdicts
    frame["actual_shown"] = [format_value(v, u, t) for v, u, t in zip(frame["actual"], frame["unit"],
                                                                       frame["actual_text"])]
    frame["target_shown"] = [format_value(v, u, t) for v, u, t in zip(frame["target"], frame["unit"],
                                                                       frame["target_text"])]
    return frame
