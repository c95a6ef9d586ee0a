"""The quarterly-cycle commands: import-actuals, status, demo-actuals."""
from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from perfdash import paths
from perfdash.cli.common import data_errors_plainly, financial_year, store_database


@data_errors_plainly("import failed, nothing was written: ")
def cmd_import_actuals(args: argparse.Namespace) -> int:
    from perfdash.outturns.catalogue import Catalogue
    from perfdash.outturns.import_file import validate_file
    from perfdash.outturns.table_reader import read_limited
    from perfdash.store.outturns import Outturn, StoreError, real_store

    file = Path(args.file)
    if not file.is_file():
        print(f"import failed, nothing was written: there is no file {file}", file=sys.stderr)
        return 1
    store = real_store(args.store)
    try:
        catalogue = Catalogue.from_connection(store_database(args, store))
        report = validate_file(read_limited(file), file.name, catalogue)
        if not report.ok:
            print(f"import failed, nothing was written: {report.summary()}", file=sys.stderr)
            for problem in report.problems:
                print(f"- {problem}", file=sys.stderr)
            return 1
        if report.needs_confirmation and not args.confirm:
            print(f"import stopped, nothing was written: {report.summary()}. Check these figures; if they are "
                  "right, run the command again with --confirm:", file=sys.stderr)
            for warning in report.warnings:
                print(f"- {warning}", file=sys.stderr)
            return 1
        outturns = [Outturn(o.indicator_id, o.council_id, o.year_start, o.quarter, o.value, o.value_text,
                            o.comment, source=f"import {file.name} row {o.row_number}") for o in report.outturns]
        result = store.record(outturns, args.user or getpass.getuser())
    except StoreError as error:
        print(f"import failed, nothing was written: {error}", file=sys.stderr)
        return 1
    print(f"{report.summary()}\n{result.summary()}\nstore: {store.describe()}")
    return 0


@data_errors_plainly()
def cmd_status(args: argparse.Namespace) -> int:
    from perfdash.rag import rule as rag
    from perfdash.rag import status as quarter_status
    from perfdash.rag.settings import load_rules
    from perfdash.store.outturns import DEMO, ActualsStore, StoreError, kind_on_disk

    store_path = args.store or str(paths.demo_store_path() if args.demo else paths.store_path())
    try:
        kind = kind_on_disk(store_path) or (DEMO if args.demo else "real")
        store = ActualsStore(store_path, kind)
        connection = store_database(args, store)
        rules = load_rules()
    except (StoreError, rag.RulesError) as error:
        print(error, file=sys.stderr)
        return 1
    from perfdash.db.database import run_named

    known = set(run_named(connection, "overview_council_summary")["council_id"])
    if args.council not in known:
        print(f"unknown council {args.council!r}; choose one of {', '.join(sorted(known))}", file=sys.stderr)
        return 2
    long = run_named(connection, "status_council_quarters", council=args.council, indicator_ids=None)
    table = quarter_status.status_table(quarter_status.assess_quarters(long, rules), args.year, args.quarter)
    if table.empty:
        print(f"{args.council} has no quarterly targets or outturns for "
              f"{quarter_status.quarter_label(args.year, args.quarter)}", file=sys.stderr)
        return 1
    shown = table[["indicator_id", "code", "title", "target", "actual", "rag", "direction", "gap", "basis"]]
    if kind == DEMO:
        print("DEMONSTRATION DATA: generated outturns, not real figures", file=sys.stderr)
    if args.format == "csv":
        from perfdash.exports import to_csv_bytes  # titles come from registers: no cell may run as a formula

        sys.stdout.write(to_csv_bytes(shown).decode("utf-8"))
    else:
        print(shown.to_string(index=False, na_rep="–", max_colwidth=48))
        tally = quarter_status.counts(table)
        print(", ".join(f"{rag.status_label(status)}: {count}" for status, count in tally.items()))
    return 0


@data_errors_plainly("nothing was written: ")
def cmd_demo_actuals(args: argparse.Namespace) -> int:
    from perfdash.db.database import run_named
    from perfdash.outturns import demo as demo_actuals
    from perfdash.store.outturns import StoreError, demo_store

    store = demo_store(args.store)
    try:
        connection = store_database(args, None)
        quarters = run_named(connection, "status_council_quarters", council=demo_actuals.DEMO_COUNCIL,
                             indicator_ids=None)
        result = store.record(demo_actuals.generate(quarters, args.seed), demo_actuals.DEMO_EDITOR)
    except StoreError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"DEMONSTRATION DATA: {result.summary()}\ndemo store: {store.describe()} (kept apart from real outturns)")
    return 0


def register(commands: argparse._SubParsersAction) -> None:
    """Add this group's subcommands to manage.py."""
    imports = commands.add_parser("import-actuals", help="validate a CSV or Excel file of quarterly outturns "
                                  "and record it all, or nothing")
    imports.add_argument("file", help="the CSV or .xlsx file (columns council_id, indicator, year, quarter, "
                         "value, comment)")
    imports.add_argument("--store", help="actuals store file (default: $PERFDASH_STORE or data/store/actuals.duckdb)")
    imports.add_argument("--user", help="name recorded as the writer (default: your login name)")
    imports.add_argument("--confirm", action="store_true",
                         help="record values flagged as unusual (over 3x or under a third of the previous "
                              "quarter or the target) after you have checked them")
    imports.add_argument("--extracts", help="extracts folder (default: the configured one)")
    imports.set_defaults(handler=cmd_import_actuals)

    status = commands.add_parser("status", help="one quarter's RAG status for every indicator of a council")
    status.add_argument("--council", required=True, help="council_id, e.g. nw-leicestershire")
    status.add_argument("--year", required=True, type=financial_year, help="financial year, e.g. 2007/08")
    status.add_argument("--quarter", required=True, type=int, choices=(1, 2, 3, 4), help="quarter 1-4")
    status.add_argument("--store", help="actuals store file (default: $PERFDASH_STORE or data/store/actuals.duckdb)")
    status.add_argument("--demo", action="store_true", help="read the demonstration store instead")
    status.add_argument("--format", choices=("table", "csv"), default="table")
    status.add_argument("--extracts", help="extracts folder (default: the configured one)")
    status.set_defaults(handler=cmd_status)

    demo = commands.add_parser("demo-actuals", help="fill the separate demo store with generated Q1-Q2 2007/08 "
                               "outturns for NW Leicestershire")
    demo.add_argument("--store", help="demo store file (default: $PERFDASH_DEMO_STORE or "
                      "data/store/demo-actuals.duckdb)")
    demo.add_argument("--seed", type=int, default=2007, help="random seed (default: 2007)")
    demo.add_argument("--extracts", help="extracts folder (default: the configured one)")
    demo.set_defaults(handler=cmd_demo_actuals)
