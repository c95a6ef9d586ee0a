"""Cross-council comparison rules: target ambition and polarity-aware verdicts, and how much of
a national-scale comparison the Compare page draws."""
from __future__ import annotations

import pandas as pd

from perfdash.polarity import ambition_percent, better_or_worse, format_value

# What the Compare page draws at once; the SQL picks the rows, so the page never holds more.
DETAIL_COUNCILS = 12  # most chosen councils the shared-indicator chart draws one by one
CHART_CODES = 12      # most national codes it draws: those shared by most of the chosen councils
CHART_BARS = 72       # most council bars in the one-by-one chart (each is a trace, and traces are slow)
CHART_TARGETS = 80    # most targets the ambition chart draws: those asking the largest change


def matrix_to_draw(matrix: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """The theme matrix's rows for the councils its heat map draws, the first DETAIL_COUNCILS by
    name, and how many councils the matrix holds: a row is 110 px tall, so 350 councils made a chart
    38,000 px high that the browser took seconds to draw. The table and CSV keep every council."""
    names = sorted(matrix["council_name"].unique())
    return matrix[matrix["council_name"].isin(names[:DETAIL_COUNCILS])], len(names)


def draws_each_council(councils: int) -> bool:
    """Whether the shared-indicator chart gives each of this many chosen councils its own bar."""
    return councils <= DETAIL_COUNCILS


def codes_to_draw(councils: int) -> int:
    """How many shared codes the chart draws for this many chosen councils: CHART_CODES, and no
    more than CHART_BARS council bars in all while each council has its own (at least one code)."""
    if not draws_each_council(councils):
        return CHART_CODES
    return min(CHART_CODES, max(1, CHART_BARS // max(councils, 1)))


AGAINST_TARGET_WORDS = {
    # column of compare_shared_against_target.sql: words for its count (better_or_worse's words
    # against the target), in the order they are stacked
    "better": "Better than target",
    "same": "Same as target",
    "worse": "Worse than target",
    "not_comparable": "Not comparable",
}


def add_ambition(targets: pd.DataFrame, hover: bool = True) -> pd.DataFrame:
    """Rows of compare_target_ambition.sql with ambition_percent, words, a label and (for a chart)
    hover text."""
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
    if hover:
        frame["hover"] = [
            f"{r.title}<br>{r.start_kind} {r.start_period}: {r.start_text} ({r.start_source})"
            f"<br>target {r.target_period}: {r.target_text} ({r.target_source})"
            for r in frame.itertuples()
        ]
    return frame


THEME_COLUMNS = ["common_theme", "targets", "median_ambition_percent", "stretch", "accepts_decline"]


def themes_of(top: pd.DataFrame) -> pd.DataFrame:
    """The per-theme summary that compare_ambition_top.sql gives on every row, as a table."""
    return pd.DataFrame(list(top["themes"].iloc[0]) if len(top) else [], columns=THEME_COLUMNS)


def ambition_by_theme(ambition: pd.DataFrame) -> pd.DataFrame:
    """Median ambition and the count of stretching and declining targets per common theme. The page
    reads the same from compare_ambition_top.sql (themes_of), which tests hold to this rule."""
    measured = ambition.dropna(subset=["ambition_percent"])
    if measured.empty:
        return pd.DataFrame(columns=THEME_COLUMNS)
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
    council's actual against the other councils that share the code, both read with the polarity:
    better than all of them, worse than all of them, or mixed. The SQL gives the others' highest
    and lowest actual; for other frames they are worked out here."""
    frame = shared.copy() if "others_highest" in shared else _with_others_range(shared)
    frame["against_target"] = [
        better_or_worse(actual, target, polarity)
        for actual, target, polarity in zip(frame["actual"], frame["target"], frame["polarity"])
    ]
    frame["against_other_councils"] = [
        _against_others(actual, highest, lowest, polarity)
        for actual, highest, lowest, polarity in zip(frame["actual"], frame["others_highest"],
                                                     frame["others_lowest"], frame["polarity"])
    ]
    frame["actual_shown"] = [format_value(v, u, t) for v, u, t in zip(frame["actual"], frame["unit"],
                                                                       frame["actual_text"])]
    frame["target_shown"] = [format_value(v, u, t) for v, u, t in zip(frame["target"], frame["unit"],
                                                                       frame["target_text"])]
    return frame


def _against_others(actual, highest, lowest, polarity: str | None) -> str:
    # Better than every other council is better than the best of them; worse than every other is
    # worse than the worst. Anything else (a tie included) is mixed.
    if pd.isna(actual) or pd.isna(highest):
        return "Not comparable"
    best, worst = (highest, lowest) if polarity == "higher" else (lowest, highest)
    if better_or_worse(actual, best, polarity) == "Better":
        return "Better than the others"
    if better_or_worse(actual, worst, polarity) == "Worse":
        return "Worse than the others"
    return "Mixed"


def _with_others_range(shared: pd.DataFrame) -> pd.DataFrame:
    """The frame with others_highest and others_lowest: the highest and lowest actual of the
    other councils with the same code in the same unit (a council may print a code twice), NaN
    when none has one. Figures in different units are never compared."""
    per_council = shared.groupby(["code", "unit", "council_id"])["actual"].agg(["max", "min"]).reset_index()
    pairs = per_council[["code", "unit", "council_id"]].merge(per_council, on=["code", "unit"],
                                                              suffixes=("", "_other"))
    pairs = pairs[pairs["council_id"] != pairs["council_id_other"]]
    others = pairs.groupby(["code", "unit", "council_id"]).agg(others_highest=("max", "max"),
                                                              others_lowest=("min", "min")).reset_index()
    return shared.merge(others, on=["code", "unit", "council_id"], how="left")


def codes_in_several_units(shared: pd.DataFrame) -> dict[str, list[str]]:
    """The codes the chosen councils print in more than one unit, each with its units: they are
    drawn and compared apart, one panel per unit, never on one axis."""
    units = shared.dropna(subset=["unit"]).groupby("code")["unit"].unique()
    return {code: sorted(found) for code, found in units.items() if len(found) > 1}
