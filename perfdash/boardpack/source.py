"""A board pack from the extracts and an actuals store, outside Streamlit (manage.py board-pack):
the same queries and views the Scorecard page reads through its caches."""
from __future__ import annotations

import duckdb

from perfdash.boardpack.content import BoardPack, build_board_pack
from perfdash.db.database import run_named
from perfdash.rag import rule as rag
from perfdash.rag import status as quarter_status
from perfdash.views import scorecard as sc


class NothingToReport(LookupError):
    """The council has no targets or outturns for the quarter."""


def council_names(connection: duckdb.DuckDBPyConnection) -> dict[str, str]:
    councils = run_named(connection, "overview_council_summary")
    return dict(zip(councils["council_id"], councils["name"]))


def load_board_pack(connection: duckdb.DuckDBPyConnection, rules: rag.RagRules, council_id: str, year_start: int,
                    quarter: int, grouping: str = sc.PRIORITY, demo: bool = False) -> BoardPack:
    """The pack for one council's quarter. Raises KeyError for an unknown council and
    NothingToReport when the quarter has no rows."""
    names = council_names(connection)
    if council_id not in names:
        raise KeyError(council_id)
    long = run_named(connection, "status_council_quarters", council=council_id, indicator_ids=None)
    assessed = quarter_status.assess_quarters(long, rules)
    card = sc.build_scorecard(assessed, run_named(connection, "scorecard_groups", council=council_id), council_id,
                              year_start, quarter, grouping)
    if card.rows.empty:
        raise NothingToReport(f"{names[council_id]} has no quarterly targets or outturns for "
                              f"{quarter_status.quarter_label(year_start, quarter)}")
    return build_board_pack(card, assessed, names[council_id], demo)
