"""How a status is decided, in plain words, from the RAG rule and the tolerances configured now:
what the pages show under "How status is decided", so no page points readers at a file.

The words follow perfdash.rag.rule (statuses, polarity, Yes/No, the cumulative profile) and the
tolerances come from the loaded rules, so the explanation changes when the settings do.
No Streamlit here.
"""
from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from perfdash.rag import rule as rag


def _label(status: str) -> str:
    return rag.status_label(status)


def council_rule(rules: rag.RagRules, council_id: str) -> tuple[rag.Rule, bool]:
    """The rule a council's indicators follow unless one has its own, and whether it is the
    council's own setting (True) or the default (False)."""
    own = rules.councils.get(council_id)
    return (own, True) if own is not None else (rules.default, False)


def _tolerance_words(rule: rag.Rule) -> str:
    if rule.amber_tolerance == 0:
        return "no amber band: anything worse than target is off target"
    if rule.style == "absolute":
        amount = f"{rule.amber_tolerance:,.2f}".rstrip("0").rstrip(".")
        return (f"amber within {amount} of target, in the indicator's own units "
                "(percentage points for a percentage)")
    return rule.describe()


def how_status_is_decided(rules: rag.RagRules, council_id: str, council_name: str | None = None,
                          indicators: Iterable[tuple[str, str, str | None]] = ()) -> list[str]:
    """The rule in sentences, for one council. `indicators` are (indicator_id, name, unit) of the
    indicators on the page; any with a tolerance of their own is named."""
    name = council_name or council_id
    rule, own = council_rule(rules, council_id)
    whose = "the council's own setting" if own else "the dashboard's default; the council has no setting of its own"
    lines = [
        ("Each indicator's actual for the quarter is compared with that quarter's target from the plan, "
         "read with its polarity: whether higher or lower is better. Outturns are recorded for each quarter "
         "alone; where the plan's profile is a year-to-date total, the quarters so far are added up first."),
        f"{_label('green')}: the actual is on target or better.",
        f"{_label('amber')}: the actual is worse than target, but by no more than the tolerance.",
        f"{_label('red')}: the actual is worse than target by more than the tolerance.",
        f"{_label('no_target')}: the plan sets no target for the quarter.",
        (f"{_label('no_data')}: there is a target but no outturn to compare with it (for a year-to-date "
         "profile, any quarter of the year so far is missing)."),
        f"Tolerance for {name} ({whose}): {_tolerance_words(rule)}.",
    ]
    for indicator_id, label, unit in indicators:
        special = rules.indicators.get(indicator_id)
        if special is not None:
            lines.append(f"Tolerance for {label} (a setting for this indicator): {special.describe(unit)}.")
    lines += [
        (f"Where neither higher nor lower is better, nothing is worse, so the status is never {_label('red')}: "
         f"beyond the tolerance either way it is {_label('amber')}."),
        "A Yes/No indicator has no amber band: No against a target of Yes is off target.",
        ("The tolerances are the dashboard's settings. The councils' plans print no rule of their own, "
         "so they are illustrative until each council confirms the rule it has adopted."),
    ]
    return lines


def indicators_of(table: pd.DataFrame) -> list[tuple[str, str, str | None]]:
    """(indicator_id, "BV9 · title", unit) for each row of a status table, for how_status_is_decided."""
    return [(indicator_id, f"{code} · {title}" if isinstance(code, str) else str(title),
             unit if isinstance(unit, str) else None)
            for indicator_id, code, title, unit in zip(table["indicator_id"], table["code"], table["title"],
                                                        table["unit"])]
