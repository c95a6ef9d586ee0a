"""The exceptions report's data: each red or amber indicator's figures in words, the report table
and its CSV, every indicator's status for the quarter, and the Board's what-if comparison.

Input is perfdash.rag.status's status table and exceptions; statuses are always icon and words
(perfdash.rag.rule.status_label), never colour alone. No Streamlit here.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from perfdash.exports import to_csv_bytes
from perfdash.polarity import DIRECTION_ICONS, format_value, polarity_words, unit_label
from perfdash.rag import rule as rag
from perfdash.rag import status as quarter_status
from perfdash.spc import verdicts
from perfdash.views.spc import with_quarter_verdicts

NO_COMMENT = "No comment recorded."
MISSING = "—"
OTHER_TOLERANCES, OTHER_COUNCILS = "Other tolerances", "Other councils' rules"
WHAT_IF_KINDS = (OTHER_TOLERANCES, OTHER_COUNCILS)

REPORT_COLUMNS = ["code", "title", "unit", "polarity", "rag", "spc_status", "target", "actual", "gap", "basis",
                  "direction", "direction_last_year", "off_target_since", "comment", "submitted_by", "history",
                  "rule", "target_source"]
STATUS_COLUMNS = ["code", "title", "unit", "polarity", "target", "actual", "rag", "direction", "basis",
                  "rag_reason", "target_source"]
# The words a reader sees above each column of the on-screen tables.
COLUMN_LABELS = {
    "code": "Code", "title": "Indicator", "unit": "Unit", "polarity": "Polarity", "rag": "Status",
    "target": "Target", "actual": "Actual", "gap": "Gap", "basis": "Compared", "direction": "Against last quarter",
    "direction_last_year": "Against the same quarter last year", "off_target_since": "Off target since",
    "comment": "Officer's comment", "submitted_by": "Submitted by", "history": "RAG history", "rule": "Rule",
    "rag_reason": "Why", "target_source": "Target source", "spc_status": "RAG and SPC",
}


def direction_label(direction: str) -> str:
    """Icon and words for a direction of travel, e.g. "▼ Worsening"."""
    return f"{DIRECTION_ICONS.get(direction, '–')} {direction}"


def _number(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def figure(value, unit: str | None) -> str:
    """A target or actual with its unit, as the cards and tables show it: Yes/No in words."""
    if unit == "yes_no" and not pd.isna(value):
        return "Yes" if value >= 0.5 else "No"
    return format_value(value, unit)


def gap_amount(gap, unit: str | None) -> str:
    """How far from target, in the indicator's units: a percentage is off by points."""
    if pd.isna(gap):
        return "–"
    if unit == "percent":
        return f"{_number(abs(gap))} {'point' if _number(abs(gap)) == '1' else 'points'}"
    return format_value(abs(gap), unit)


def gap_side(gap, target) -> str:
    """Which side of target, and how far as a share of it: "below target (11.5% of target)"."""
    if pd.isna(gap):
        return ""
    share = f" ({abs(gap) / abs(target) * 100:.1f}% of target)" if target else ""
    return f"{'above' if gap > 0 else 'below'} target{share}"


def gap_words(gap, target, unit: str | None) -> str:
    """The gap in one phrase, e.g. "3.5 points below target (11.5% of target)"."""
    return "–" if pd.isna(gap) else f"{gap_amount(gap, unit)} {gap_side(gap, target)}"


def comment_text(comment) -> str:
    """The officer's comment as typed, or words saying there is none."""
    return comment if isinstance(comment, str) and comment.strip() else NO_COMMENT


def submitted_words(submitted_by, submitted_at) -> str:
    """ — jo.bloggs, 03 Jun 2007 14:05" after a comment; empty for a figure printed in a plan."""
    if not isinstance(submitted_by, str):
        return ""
    return f" — {submitted_by}, {pd.Timestamp(submitted_at):%d %b %Y %H:%M}"


def with_spc(found: pd.DataFrame, assessed: pd.DataFrame, year_start: int, quarter: int) -> pd.DataFrame:
    """The exceptions with their SPC verdicts as at the quarter and the two-part status in words
    ("Off target | SPC: ..."): RAG against this quarter's target beside SPC's signal and assurance."""
    if found.empty:
        return found.assign(spc_status=pd.Series(dtype=object), variation=pd.Series(dtype=object),
                            assurance=pd.Series(dtype=object), variation_direction=pd.Series(dtype=int),
                            n_points=pd.Series(dtype=int), variation_words=pd.Series(dtype=object),
                            assurance_words=pd.Series(dtype=object), spc_available=pd.Series(dtype=bool))
    table = with_quarter_verdicts(found, assessed, year_start, quarter)
    table["spc_status"] = [verdicts.two_part_status(rag.STATUS_WORDS[status], variation, assurance, direction)
                           for status, variation, assurance, direction in zip(
                               table["rag"], table["variation"], table["assurance"], table["variation_direction"])]
    return table


def report_frame(found: pd.DataFrame) -> pd.DataFrame:
    """The exceptions, one row each, with statuses and directions in icons and words: the CSV's
    columns and numbers."""
    if "spc_status" not in found.columns:
        found = found.assign(spc_status=None)
    return found.assign(
        rag=found["rag"].map(rag.status_label), direction=found["direction"].map(direction_label),
        direction_last_year=found["direction_last_year"].map(direction_label),
    )[REPORT_COLUMNS]


def report_csv(found: pd.DataFrame) -> bytes:
    """The exceptions as the CSV download holds them, safe to open in a spreadsheet."""
    return to_csv_bytes(report_frame(found))


def _readable(frame: pd.DataFrame, missing: dict[str, str]) -> pd.DataFrame:
    """Units and polarities in words, figures with their units, and words where a cell is empty."""
    shown = frame.copy()
    for column in ("target", "actual"):
        if column in shown.columns:
            shown[column] = [missing.get(column, MISSING) if pd.isna(value) else figure(value, unit)
                             for value, unit in zip(frame[column], frame["unit"])]
    if "gap" in shown.columns:
        shown["gap"] = [gap_words(gap, target, unit) for gap, target, unit in
                        zip(frame["gap"], frame["target"], frame["unit"])]
    shown["unit"] = frame["unit"].map(lambda unit: unit_label(unit) or MISSING)
    shown["polarity"] = frame["polarity"].map(polarity_words)
    if "target_source" in shown.columns:
        shown["target_source"] = frame["target_source"].fillna("source not recorded")
    for column in shown.columns:
        shown[column] = shown[column].astype(object).where(shown[column].notna(), missing.get(column, MISSING))
    return shown


def report_table(found: pd.DataFrame) -> pd.DataFrame:
    """The report as the on-screen table shows it: no raw codes and no empty cells."""
    return _readable(report_frame(found), {"comment": NO_COMMENT})


def status_table(table: pd.DataFrame) -> pd.DataFrame:
    """Every indicator of the quarter, with its status, for the on-screen table."""
    everything = table.assign(rag=table["rag"].map(rag.status_label),
                              direction=table["direction"].map(direction_label))[STATUS_COLUMNS]
    return _readable(everything, {"actual": "not reported", "target": "no target"})


# --- the Board's what-if ----------------------------------------------------------------------

@dataclass(frozen=True)
class WhatIf:
    """The same outturns judged under several rules: how many of each status under each rule
    (rows are statuses, columns the rules), and each indicator's status under each rule."""
    scenarios: list[str]
    counts: pd.DataFrame
    statuses: pd.DataFrame


def what_if_scenarios(rules: rag.RagRules, kind: str) -> dict[str, rag.RagRules]:
    """The rules to compare: other tolerances for all, or each configured council's rule for all."""
    if kind not in WHAT_IF_KINDS:
        raise ValueError(f"kind must be one of {', '.join(WHAT_IF_KINDS)}, not {kind!r}")
    if kind == OTHER_TOLERANCES:
        return rag.tolerance_scenarios(rules)
    return {"As configured": rules, **rag.council_style_scenarios(rules)}


def what_if(assessed: pd.DataFrame, table: pd.DataFrame, rules: rag.RagRules, year_start: int, quarter: int,
            kind: str) -> WhatIf:
    """The chosen quarter's outturns judged under each scenario of `kind`. `table` is the quarter's
    status table, which names the indicators."""
    scenarios = what_if_scenarios(rules, kind)
    quarter_rows = assessed[(assessed["year_start"] == year_start) & (assessed["quarter"] == quarter)]
    compared = rag.what_if(quarter_rows, scenarios)
    named = compared.merge(table[["indicator_id", "code", "title"]], on="indicator_id").drop(columns="indicator_id")
    tally = {name: quarter_status.counts(compared.rename(columns={name: "rag"})) for name in scenarios}
    counts = pd.DataFrame({name: {rag.status_label(status): n for status, n in found.items()}
                           for name, found in tally.items()})
    statuses = named.assign(**{name: named[name].map(rag.status_label) for name in scenarios}).rename(
        columns={"code": "Code", "title": "Indicator"})[["Code", "Indicator", *scenarios]]
    return WhatIf(list(scenarios), counts, statuses)
