"""The read-only SQL console on the command line: `manage.py sql`."""
from __future__ import annotations

import argparse
import math
from pathlib import Path

MAX_CONSOLE_TIMEOUT_S = 300.0


def _console_seconds(text: str) -> float:
    """A positive, finite number of seconds up to the maximum; 'inf', 'nan' and 0 are refused."""
    try:
        seconds = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not math.isfinite(seconds) or seconds <= 0 or seconds > MAX_CONSOLE_TIMEOUT_S:
        raise argparse.ArgumentTypeError(
            f"{text!r} must be a number of seconds more than 0 and at most {MAX_CONSOLE_TIMEOUT_S:g}")
    return seconds


def cmd_sql(args: argparse.Namespace) -> int:
    import sys

    from perfdash.db.console import (
        DEFAULT_ROW_LIMIT,
        DEFAULT_TIMEOUT_S,
        ConsoleError,
        QueryRefused,
        SqlConsole,
    )

    row_limit = DEFAULT_ROW_LIMIT if args.limit is None else args.limit
    timeout_s = DEFAULT_TIMEOUT_S if args.timeout is None else args.timeout
    if row_limit < 1:
        print("--limit must be at least 1", file=sys.stderr)
        return 2
    from perfdash.db.database import DataUnavailable
    from perfdash.rag.settings import RulesError
    from perfdash.store.errors import StoreError

    try:
        database, extra_tables = _store_backed(args)
        with SqlConsole(Path(args.extracts) if args.extracts else None, row_limit=row_limit, timeout_s=timeout_s,
                        database=database, extra_tables=extra_tables) as console:
            result = console.run(args.query)
    except QueryRefused as refusal:
        print(refusal, file=sys.stderr)
        return 2
    except (ConsoleError, DataUnavailable, StoreError, RulesError) as error:
        print(error, file=sys.stderr)
        return 1
    frame = result.dataframe
    if args.format == "csv":
        from perfdash.exports import to_csv_bytes

        sys.stdout.write(to_csv_bytes(frame).decode("utf-8"))
        if result.truncated:
            print(result.summary(), file=sys.stderr)
        return 0
    if frame.empty:
        print("  ".join(str(name) for name in frame.columns))
    else:
        print(frame.to_string(index=False, na_rep="NULL", max_colwidth=60))
    print(result.summary())
    return 0


def _store_backed(args: argparse.Namespace):
    """The dashboard's database (bundled and imported plans, recorded outturns) and the console's
    outturns and rag_status tables, from the store (--store, else the configured one)."""
    from perfdash.db.store_database import open_with_store
    from perfdash.rag.settings import load_rules
    from perfdash.store.outturns import real_store
    from perfdash.views.console_tables import outturns_table, rag_status_table

    store = real_store(args.store)
    database = open_with_store(args.extracts, store)
    return database, {"outturns": outturns_table(store.latest()),
                      "rag_status": rag_status_table(database, load_rules())}


def register(commands: argparse._SubParsersAction) -> None:
    """Add this group's subcommands to manage.py."""
    sql = commands.add_parser("sql", help="run one read-only SELECT query against the extracts and the store",
                              description="Run one read-only SELECT over the contract tables (bundled and "
                                          "imported plans), outturns and rag_status.")
    sql.add_argument("query", help='the SELECT query, in quotes: "select * from councils"')
    sql.add_argument("--extracts", help="folder to load (default: the configured extracts folder)")
    sql.add_argument("--store", metavar="PATH|URL",
                     help="the store whose imported plans and outturns to include "
                          "(default: $PERFDASH_STORE or data/store/actuals.duckdb)")
    sql.add_argument("--format", choices=("table", "csv"), default="table",
                     help="a table to read (default) or CSV to save")
    sql.add_argument("--limit", type=int, help="most rows to print (default: 5000)")
    sql.add_argument("--timeout", type=_console_seconds,
                     help=f"seconds before the query is stopped (default: 5, at most {MAX_CONSOLE_TIMEOUT_S:g})")
    sql.set_defaults(handler=cmd_sql)
