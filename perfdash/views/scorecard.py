"""The leadership Scorecard's data: a council's quarter in headline counts (for the council and for
each priority or theme) and one table by priority or theme, with value, target, RAG, the short trend
(against last quarter), the long trend (against the same quarter last year) and the SPC variation
and assurance where there are enough points. The Scorecard page and the board pack both read it.

Inputs are the council's assessed quarters (perfdash.rag.status.assess_quarters) and its rows of
queries/scorecard_groups.sql. Statuses, trends and verdicts are always words (with an icon), never
colour alone. No Streamlit here.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from perfdash.polarity import polarity_words, unit_label
from perfdash.rag import rule as rag
from perfdash.rag import status as quarter_status
from perfdash.spc import xmr
from perfdash.views.exceptions import direction_label, figure
from perfdash.views.spc import with_quarter_verdicts

PRIORITY, THEME = "priority", "theme"
GROUPINGS = {PRIORITY: "Council priority", THEME: "Common theme"}
NOT_LINKED = "Not printed under a council priority"
NOT_REPORTED, NO_TARGET = "not reported", "no target"
NO_SOURCE = "source not recorded"

# The SPC verdicts in a few words, for table cells; the full words are in perfdash.spc.verdicts.
VARIATION_SHORT = {
    xmr.COMMON_CAUSE: "Common cause: no signal",
    xmr.IMPROVEMENT: "Special cause: improvement",
    xmr.CONCERN: "Special cause: concern",
    xmr.NEITHER: "Special cause: neither better nor worse",
    xmr.TOO_FEW_POINTS: "Too few points for SPC",
}
ASSURANCE_SHORT = {
    xmr.PASS: "Target reliably met",
    xmr.FAIL: "Target reliably missed",
    xmr.HIT_OR_MISS: "Target hit or miss",
    xmr.NO_ASSURANCE: "No assurance",
}

ROW_COLUMNS = ["group", "group_order", "indicator_id", "code", "title", "unit", "polarity", "profile", "target",
               "actual", "rag", "basis", "gap", "direction", "direction_last_year", "comment", "submitted_by",
               "submitted_at", "origin", "target_source", "actual_source", "indicator_source", "n_points",
               "variation", "variation_direction", "assurance", "variation_words", "assurance_words",
               "spc_available"]
# The on-screen table: words a reader sees above each column.
TABLE_LABELS = {
    "code": "Code", "title": "Indicator", "actual": "Value", "target": "Target", "rag": "Status",
    "direction": "Short trend (against last quarter)", "direction_last_year": "Long trend (against the same "
    "quarter last year)", "variation": "SPC variation", "assurance": "SPC assurance", "unit": "Unit",
    "polarity": "Polarity", "basis": "Compared", "actual_source": "Value source", "target_source": "Target source",
}


@dataclass(frozen=True)
class Scorecard:
    """One council's quarter: `rows` holds one row per indicator (ROW_COLUMNS), in group order
    and, within a group, in the plan's order."""
    council_id: str
    year_start: int
    quarter: int
    grouping: str
    rows: pd.DataFrame

    @property
    def label(self) -> str:
        return quarter_status.quarter_label(self.year_start, self.quarter)

    @property
    def groups(self) -> list[str]:
        return list(dict.fromkeys(self.rows["group"]))

    def counts(self) -> dict[str, int]:
        return quarter_status.counts(self.rows)

    def group_rows(self, group: str) -> pd.DataFrame:
        return self.rows[self.rows["group"] == group]

    def reds(self) -> pd.DataFrame:
        return self.rows[self.rows["rag"] == "red"]


def _numbers(column: pd.Series) -> pd.Series:
    return pd.to_numeric(column, errors="coerce").astype(float)


def _group_columns(groups: pd.DataFrame, grouping: str) -> pd.DataFrame:
    if grouping not in GROUPINGS:
        raise ValueError(f"grouping must be one of {', '.join(GROUPINGS)}, not {grouping!r}")
    frame = groups.drop_duplicates("indicator_id").copy()
    if grouping == THEME:
        themes = sorted(frame["common_theme"].dropna().unique())
        frame["group"] = frame["common_theme"].fillna("No theme")
        frame["group_order"] = frame["group"].map({t: i for i, t in enumerate(themes)}).fillna(len(themes))
    else:
        linked = frame["priority_id"].notna()
        frame["group"] = [f"Priority {ref}: {title}" if has else NOT_LINKED
                          for has, ref, title in zip(linked, frame["priority_ref"], frame["priority_title"])]
        # Priorities in the plan's order, then the indicators printed under none.
        frame["group_order"] = _numbers(frame["priority_line"]).where(linked, float("inf"))
    frame["line"] = _numbers(frame["indicator_line"])
    return frame[["indicator_id", "group", "group_order", "line"]]


def build_scorecard(assessed: pd.DataFrame, groups: pd.DataFrame, council_id: str, year_start: int,
                    quarter: int, grouping: str = PRIORITY) -> Scorecard:
    """The council's quarter: its status table joined to groups, sources and SPC verdicts."""
    table = quarter_status.status_table(assessed, year_start, quarter)
    chosen = assessed[(assessed["year_start"] == year_start) & (assessed["quarter"] == quarter)]
    extra = chosen[["indicator_id", "actual_source", "indicator_source"]].drop_duplicates("indicator_id")
    table = table.merge(extra, on="indicator_id", how="left")
    table = with_quarter_verdicts(table, assessed, year_start, quarter)
    grouped = table.merge(_group_columns(groups, grouping), on="indicator_id", how="left")
    grouped["group"] = grouped["group"].fillna(NOT_LINKED if grouping == PRIORITY else "No theme")
    grouped["group_order"] = grouped["group_order"].fillna(float("inf"))
    grouped = grouped.sort_values(["group_order", "group", "line", "code", "indicator_id"], kind="stable",
                                  na_position="last")
    return Scorecard(council_id, int(year_start), int(quarter), grouping,
                     grouped[ROW_COLUMNS].reset_index(drop=True))


def status_words(status: str) -> str:
    return rag.status_label(status)


def count_columns() -> dict[str, str]:
    """Each status and its heading in a counts table: icon and words."""
    return {status: rag.status_label(status) for status in rag.STATUSES}


def group_counts(card: Scorecard) -> pd.DataFrame:
    """One row per priority or theme: how many of its indicators have each status, and in all."""
    headings = count_columns()
    rows = []
    for group in card.groups:
        found = quarter_status.counts(card.group_rows(group))
        rows.append({GROUPINGS[card.grouping]: group, **{headings[s]: n for s, n in found.items()},
                     "Indicators": sum(found.values())})
    return pd.DataFrame(rows, columns=[GROUPINGS[card.grouping], *headings.values(), "Indicators"])


def value_words(value, unit) -> str:
    return NOT_REPORTED if pd.isna(value) else figure(value, unit)


def target_words(value, unit) -> str:
    return NO_TARGET if pd.isna(value) else figure(value, unit)


def variation_cell(row) -> str:
    return VARIATION_SHORT[row.variation] + (f" (values {'higher' if row.variation_direction > 0 else 'lower'})"
                                             if row.variation == xmr.NEITHER and row.variation_direction else "")


def assurance_cell(row) -> str:
    return ASSURANCE_SHORT[row.assurance] if row.spc_available else "–"


def source_words(source) -> str:
    return source if isinstance(source, str) and source.strip() else NO_SOURCE


def scorecard_table(rows: pd.DataFrame) -> pd.DataFrame:
    """Indicators as the on-screen table shows them: each number with its unit, status and trends
    in icon and words, SPC verdicts in words, and where each number comes from."""
    records = [{
        "code": row.code if isinstance(row.code, str) else "–", "title": row.title,
        "actual": value_words(row.actual, row.unit), "target": target_words(row.target, row.unit),
        "rag": rag.status_label(row.rag), "direction": direction_label(row.direction),
        "direction_last_year": direction_label(row.direction_last_year),
        "variation": variation_cell(row), "assurance": assurance_cell(row),
        "unit": unit_label(row.unit) or "–", "polarity": polarity_words(row.polarity),
        "basis": row.basis if isinstance(row.basis, str) else "–",
        "actual_source": source_words(row.actual_source) if not pd.isna(row.actual) else "–",
        "target_source": source_words(row.target_source) if not pd.isna(row.target) else "–",
    } for row in rows.itertuples()]
    return pd.DataFrame(records, columns=list(TABLE_LABELS))


def data_as_at(rows: pd.DataFrame) -> str:
    """When the quarter's newest recorded outturn was written, or that there is none."""
    stamps = pd.to_datetime(rows["submitted_at"], errors="coerce").dropna()
    if stamps.empty:
        return "no outturn recorded yet: plan figures only"
    return f"{stamps.max():%d %B %Y %H:%M}"


def data_as_at_line(rows: pd.DataFrame) -> str:
    """The "Data as at …" line that the Scorecard and its board pack show."""
    return f"Data as at {data_as_at(rows)}"
