"""The two read-only tables the SQL console adds to the contract tables: `outturns` (the latest
value per council, indicator, year and quarter, with its comment, who and when) and `rag_status`
(every indicator-quarter with its target, actual, RAG and basis, as `manage.py status` computes it).
No Streamlit here."""
from __future__ import annotations

import pandas as pd

from perfdash.db.database import run_named
from perfdash.plans.values import period_label
from perfdash.rag import status as quarter_status

OUTTURN_COLUMNS = ["council_id", "indicator_id", "period", "year_start", "quarter", "value", "value_text",
                   "comment", "submitted_by", "submitted_at", "origin", "source", "revisions"]
RAG_STATUS_COLUMNS = ["council_id", "indicator_id", "code", "title", "unit", "polarity", "profile", "period",
                      "year_start", "quarter", "target", "target_basis", "actual", "rag", "basis", "gap",
                      "rag_reason", "rule", "comment", "submitted_by", "target_source"]


def outturns_table(latest: pd.DataFrame) -> pd.DataFrame:
    """The store's latest outturns (perfdash.store.outturns.ActualsStore.latest()) for the console."""
    frame = latest.copy()
    frame["period"] = [period_label(int(year)) for year in frame["year_start"]] if len(frame) else []
    for column in OUTTURN_COLUMNS:
        if column not in frame.columns:
            frame[column] = None
    return frame[OUTTURN_COLUMNS].reset_index(drop=True)


def rag_status_table(connection, rules) -> pd.DataFrame:
    """Every indicator-quarter of every council with a target or outturn, judged by the RAG rule."""
    frames = []
    for council in run_named(connection, "console_status_councils")["council_id"]:
        long = run_named(connection, "status_council_quarters", council=council, indicator_ids=None)
        assessed = quarter_status.assess_quarters(long, rules)
        if not assessed.empty:
            frames.append(assessed)
    if not frames:
        return pd.DataFrame(columns=RAG_STATUS_COLUMNS)
    assessed = pd.concat(frames, ignore_index=True)
    assessed["period"] = [quarter_status.quarter_label(y, q) for y, q in zip(assessed["year_start"],
                                                                              assessed["quarter"])]
    for column in RAG_STATUS_COLUMNS:
        if column not in assessed.columns:
            assessed[column] = None
    return assessed[RAG_STATUS_COLUMNS].reset_index(drop=True)
