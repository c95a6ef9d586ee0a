"""The KPI register commands: import-plan and register-template (docs/REGISTER.md)."""
from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path


def known_plan_tables(connection, tables: tuple[str, ...] | None = None) -> dict:
    """The plan tables a register is checked against: the bundled extracts and earlier imports."""
    from perfdash.db.database import execute, load_table_sql
    from perfdash.views.register_upload import KNOWN_TABLES, known_tables

    return known_tables(lambda table: execute(connection, load_table_sql("plans_table", table)),
                        tables or KNOWN_TABLES)


def _database(args: argparse.Namespace):
    from perfdash.db.store_database import open_with_store
    from perfdash.store.outturns import real_store

    store = real_store(args.store)
    return open_with_store(args.extracts, None, store), store


def cmd_import_plan(args: argparse.Namespace) -> int:
    from perfdash.db.database import DataUnavailable
    from perfdash.plans.register import (
        UnreadableRegister,
        read_register,
        validate_register,
    )
    from perfdash.store.errors import StoreError
    from perfdash.store.plans import PlanStore

    files = [Path(name) for name in args.files]
    absent = [str(file) for file in files if not file.is_file()]
    if absent:
        print(f"import failed, nothing was written: there is no file {', '.join(absent)}", file=sys.stderr)
        return 1
    contents = [(file.name, file.read_bytes()) for file in files]
    try:
        connection, store = _database(args)
        from perfdash.views.register_upload import CHECK_TABLES

        report = validate_register(read_register(contents), known_plan_tables(connection, CHECK_TABLES))
    except (UnreadableRegister, DataUnavailable, StoreError) as error:
        print(f"import failed, nothing was written: {error}", file=sys.stderr)
        return 1
    if not report.ok:
        print(f"import failed, nothing was written: {len(report.problems)} problem(s)", file=sys.stderr)
        for problem in report.problems:
            print(f"- {problem}", file=sys.stderr)
        return 1
    user = args.user or getpass.getuser()
    try:
        result = PlanStore(store).import_frames(report.frames, ", ".join(name for name, _ in contents),
                                                b"".join(data for _, data in contents), user)
    except StoreError as error:
        print(f"import failed, nothing was written: {error}", file=sys.stderr)
        return 1
    print(report.summary())
    print(f"{result.summary()}\nstore: {store.describe()}")
    return 0


def cmd_register_template(args: argparse.Namespace) -> int:
    from perfdash.db.database import DataUnavailable
    from perfdash.plans.register import register_template, template_bytes
    from perfdash.plans.values import period_label
    from perfdash.store.errors import StoreError

    try:
        connection, _ = _database(args)
        known = known_plan_tables(connection)
    except (DataUnavailable, StoreError) as error:
        print(f"no template was written: {error}", file=sys.stderr)
        return 1
    if args.council not in set(known["councils"]["council_id"]):
        print(f"no template was written: there is no council {args.council!r}; the councils are "
              f"{', '.join(sorted(known['councils']['council_id']))}", file=sys.stderr)
        return 1
    frame = register_template(known, args.council, args.year)
    data = template_bytes(frame, args.format)
    if args.out:
        Path(args.out).write_bytes(data)
        print(f"wrote {len(frame)} indicator(s) of {args.council} for {period_label(args.year)} to {args.out}")
    elif args.format == "csv":
        sys.stdout.write(data.decode("utf-8"))
    else:
        print("an Excel template needs --out FILE", file=sys.stderr)
        return 2
    return 0


def register(commands: argparse._SubParsersAction) -> None:
    """Add this group's subcommands to manage.py."""
    from perfdash.cli.common import financial_year

    where = "the store: a DuckDB file or a postgresql:// URL (default: $PERFDASH_STORE or data/store/actuals.duckdb)"
    load = commands.add_parser(
        "import-plan", help="check a KPI register (CSV or Excel) and import it into the store, all or nothing",
        description="Import a council's KPI register (docs/REGISTER.md). Every row is checked first; on any "
                    "problem each one is listed with its file line and column, and nothing is written.")
    load.add_argument("files", metavar="FILE", nargs="+",
                      help="the register (.csv or .xlsx); separate priorities and actions CSV files may follow")
    load.add_argument("--store", metavar="PATH|URL", help=where)
    load.add_argument("--user", metavar="NAME", help="who is importing (default: your login name)")
    load.add_argument("--extracts", help="the extracts folder (default: the configured one)")
    load.set_defaults(handler=cmd_import_plan)
    template = commands.add_parser(
        "register-template", help="write a register pre-filled with a council's indicators for a new year")
    template.add_argument("--council", required=True, metavar="ID", help="the council_id")
    template.add_argument("--year", required=True, type=financial_year, metavar="YYYY/YY",
                          help="the financial year the targets are for, e.g. 2008/09")
    template.add_argument("--format", choices=("csv", "xlsx"), default="csv", help="csv (default) or xlsx")
    template.add_argument("--out", metavar="FILE", help="where to write it (default: CSV to the screen)")
    template.add_argument("--store", metavar="PATH|URL", help=where)
    template.add_argument("--extracts", help="the extracts folder (default: the configured one)")
    template.set_defaults(handler=cmd_register_template)
