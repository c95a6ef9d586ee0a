"""The Compare page's tables as users read them: every column labelled (st.dataframe's
column_config), units and polarity in words, and a figure a plan does not print shown as
"not reported" or "—" rather than None. Ids stay in the frames (and the CSVs) but are hidden."""
from __future__ import annotations

import pandas as pd

from perfdash.polarity import polarity_words, unit_label
from perfdash.views.compare import AGAINST_TARGET_WORDS

NOT_REPORTED = "not reported"
NONE_SHOWN = "—"

# column -> label, or None to hide the column (an id users never need to read).
LABELS = {
    "indicator_id": None, "council_id": None,
    "code": "Code", "council_name": "Council", "title": "Indicator", "unit": "Unit", "polarity": "Polarity",
    "tier": "Tier", "common_theme": "Common theme", "priorities": "Priorities", "indicators": "Indicators",
    "actions": "Actions", "total": "Total", "examples": "Examples",
    "actual_period": "Year of the actual", "actual": "Latest actual (number)", "actual_text": "Actual as printed",
    "actual_shown": "Latest actual", "actual_source": "Source of the actual",
    "target_period": "Year of the target", "target": "Next target (number)", "target_text": "Target as printed",
    "target_shown": "Next target", "target_source": "Source of the target",
    "others_highest": "Highest of the others", "others_lowest": "Lowest of the others",
    "councils_sharing": "Councils sharing the code", "shared_codes": "Codes shared", "units_of_code": None,
    "against_target": "Actual vs target", "against_other_councils": "Actual vs other councils",
    **AGAINST_TARGET_WORDS,
    "start_kind": "Starting point", "start_period": "Year of the start", "start_value": "Start (number)",
    "start_text": "Start as printed", "start_source": "Source of the start", "target_value": "Target (number)",
    "ambition_percent": "Change asked (%)", "ambition": "Ambition", "label": None,
}
# Figures a plan may leave out: "not reported"; any other empty cell: "—".
FIGURES = ("actual_shown", "target_shown", "actual_text", "target_text", "start_text")


def column_config(frame: pd.DataFrame) -> dict:
    """Labels for the frame's columns, for st.dataframe(column_config=...); a column without a
    label keeps its name, so a new column shows up rather than vanishing."""
    return {column: LABELS[column] for column in frame.columns if column in LABELS}


def readable(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame for display: units and polarity in words, and no None or NaN in a text column."""
    shown = frame.copy()
    if "unit" in shown:
        shown["unit"] = shown["unit"].map(unit_label)
    if "polarity" in shown:
        shown["polarity"] = shown["polarity"].map(polarity_words)
    for column in shown.columns:
        if shown[column].dtype == object or pd.api.types.is_string_dtype(shown[column]):
            shown[column] = shown[column].astype(object).where(shown[column].notna(),
                                                               NOT_REPORTED if column in FIGURES else NONE_SHOWN)
    return shown
