"""Headline totals and the coverage table for the overview page."""
from __future__ import annotations

import pandas as pd

from perfdash.plans.values import period_label

HEADLINES = (
    ("councils", "Councils", "Councils whose plans are loaded"),
    ("plans", "Plans", "Plan documents read"),
    ("indicators", "Indicators", "Performance indicators defined in the plans"),
    ("figures", "Figures", "Printed actuals, targets, baselines and estimates"),
    ("priorities", "Priorities", "Council priorities, in each plan's order"),
    ("actions", "Actions", "Actions and milestones"),
    ("findings", "Data-quality findings", "Inconsistencies flagged in the plans themselves"),
)


def headline_totals(summary: pd.DataFrame) -> list[tuple[str, int, str]]:
    """(label, total, help) for each headline card, summed over the councils shown."""
    totals = []
    for column, label, help_text in HEADLINES:
        total = len(summary) if column == "councils" else int(summary[column].sum())
        totals.append((label, total, help_text))
    return totals


def _years(first, last) -> str:
    if pd.isna(first):
        return "no figures"
    first_label, last_label = period_label(int(first)), period_label(int(last))
    return first_label if first_label == last_label else f"{first_label} to {last_label}"


def coverage_table(summary: pd.DataFrame) -> pd.DataFrame:
    """One row per council in the users' words."""
    return pd.DataFrame({
        "Council": summary["name"],
        "Tier": summary["tier"].str.title(),
        "Plans": summary["plans"],
        "Priorities": summary["priorities"],
        "Indicators": summary["indicators"],
        "Actions": summary["actions"],
        "Figures": summary["figures"],
        "Years covered": [_years(f, l) for f, l in zip(summary["first_year"], summary["last_year"])],
        "Data-quality findings": summary["findings"],
    })
