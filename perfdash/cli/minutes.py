"""`manage.py minutes`: draft minutes of a quarter's Board meeting, as .docx or .md, from the
quarter's exceptions and the decisions recorded against them (and last quarter's)."""
from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path

from perfdash import paths
from perfdash.cli.common import financial_year

USAGE_ERROR, DATA_ERROR = 2, 1


def _fail(message: str, code: int) -> int:
    print(f"no minutes were written: {message}", file=sys.stderr)
    return code


def cmd_minutes(args: argparse.Namespace) -> int:
    from perfdash.db.database import DataUnavailable, run_named
    from perfdash.db.store_database import open_with_store
    from perfdash.minutes.content import build_minutes
    from perfdash.minutes.writers import SUFFIXES, write_minutes
    from perfdash.rag import rule as rag
    from perfdash.rag import status as quarter_status
    from perfdash.rag.settings import load_rules
    from perfdash.store.decisions import DecisionStore
    from perfdash.store.errors import StoreError
    from perfdash.store.outturns import REAL, ActualsStore, kind_on_disk
    from perfdash.views.decisions import last_quarter

    out = Path(args.out)
    if out.suffix.lower() not in SUFFIXES:
        return _fail(f"{out.name} must end in .docx (Word) or .md (Markdown)", USAGE_ERROR)
    location = args.store or paths.store_path()
    label = quarter_status.quarter_label(args.year, args.quarter)
    try:
        found_kind = kind_on_disk(location)
        if found_kind not in (None, REAL):
            return _fail(f"{location} is a {found_kind} store; minutes come from real outturns only", DATA_ERROR)
        store = ActualsStore(location)
        connection = open_with_store(args.extracts, store)
        known = run_named(connection, "overview_council_summary").set_index("council_id")
        if args.council not in known.index:
            return _fail(f"unknown council {args.council!r}; choose one of {', '.join(sorted(known.index))}",
                         USAGE_ERROR)
        long = run_named(connection, "status_council_quarters", council=args.council, indicator_ids=None)
        assessed = quarter_status.assess_quarters(long, load_rules())
        table = quarter_status.status_table(assessed, args.year, args.quarter)
        if table.empty or table["actual"].isna().all():
            return _fail(f"{args.council} has no outturns recorded for {label}", DATA_ERROR)
        found = quarter_status.exceptions(assessed, args.year, args.quarter)
        decisions = DecisionStore(store)
        decided = decisions.latest(args.council, args.year, args.quarter)
        decided_before = decisions.latest(args.council, *last_quarter(args.year, args.quarter))
    except (StoreError, DataUnavailable, rag.RulesError) as error:
        return _fail(str(error), DATA_ERROR)
    generated = f"{datetime.now(UTC):%d %b %Y %H:%M} UTC"
    minutes = build_minutes(str(known.loc[args.council, "name"]), args.year, args.quarter, table, found, decided,
                            decided_before, generated)
    try:
        written = write_minutes(minutes, out)
    except OSError as error:
        return _fail(f"{out} could not be written: {error.strerror or error}", DATA_ERROR)
    print(f"draft minutes for {minutes.council}, {label}: {len(minutes.items)} exception(s), "
          f"{minutes.decision_count} decision(s) this quarter, {len(decided_before)} from {minutes.previous_quarter}"
          f"\nwritten to {written}")
    return 0


def register(commands: argparse._SubParsersAction) -> None:
    """Add this group's subcommand to manage.py."""
    minutes = commands.add_parser("minutes", help="draft minutes of a quarter's Board meeting (.docx or .md): "
                                  "attendees, then each exception with its figures, commentary and decisions")
    minutes.add_argument("--council", required=True, help="council_id, e.g. nw-leicestershire")
    minutes.add_argument("--year", required=True, type=financial_year, help="financial year, e.g. 2007/08")
    minutes.add_argument("--quarter", required=True, type=int, choices=(1, 2, 3, 4), help="quarter 1-4")
    minutes.add_argument("--out", required=True, help="the file to write: a .docx (Word) or .md (Markdown) name")
    minutes.add_argument("--store", help="store file or postgresql:// URL (default: $PERFDASH_STORE or "
                         "data/store/actuals.duckdb)")
    minutes.add_argument("--extracts", help="extracts folder (default: the configured one)")
    minutes.set_defaults(handler=cmd_minutes)
