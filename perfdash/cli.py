"""The manage.py commands. Each returns a process exit code."""
from __future__ import annotations

import argparse
from pathlib import Path

from perfdash import paths


def cmd_build(args: argparse.Namespace) -> int:
    from perfdash.extract.build import BuildError, build
    from perfdash.extract.curated import CuratedDataError
    from perfdash.extract.document import CatalogueError

    try:
        counts = build(Path(args.out) if args.out else None)
    except (BuildError, CuratedDataError, CatalogueError) as error:
        print(f"build failed, nothing was written:\n{error}")
        return 1
    print("built " + ", ".join(f"{name} {count}" for name, count in counts.items()))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from perfdash.extract.check import check_extracts

    folder = Path(args.extracts) if args.extracts else paths.extracts_dir()
    problems = check_extracts(folder)
    if problems:
        print(f"check failed: {len(problems)} problem(s) in {folder}:")
        for problem in problems:
            print(f"- {problem}")
        return 1
    print(f"check passed: the extracts in {folder} meet the data contract")
    return 0


def cmd_sql(args: argparse.Namespace) -> int:
    import sys

    from perfdash.sql_console import DEFAULT_ROW_LIMIT, DEFAULT_TIMEOUT_S, ConsoleError, QueryRefused, SqlConsole

    row_limit = DEFAULT_ROW_LIMIT if args.limit is None else args.limit
    timeout_s = DEFAULT_TIMEOUT_S if args.timeout is None else args.timeout
    if row_limit < 1:
        print("--limit must be at least 1", file=sys.stderr)
        return 2
    try:
        with SqlConsole(Path(args.extracts) if args.extracts else None, row_limit=row_limit,
                        timeout_s=timeout_s) as console:
            result = console.run(args.query)
    except QueryRefused as refusal:
        print(refusal, file=sys.stderr)
        return 2
    except ConsoleError as error:
        print(error, file=sys.stderr)
        return 1
    frame = result.dataframe
    if frame.empty:
        print("  ".join(str(name) for name in frame.columns))
    else:
        print(frame.to_string(index=False, na_rep="NULL", max_colwidth=60))
    print(result.summary())
    return 0


MAX_CONSOLE_TIMEOUT_S = 300.0


def _console_seconds(text: str) -> float:
    """A positive, finite number of seconds up to the maximum; 'inf', 'nan' and 0 are refused."""
    import math

    try:
        seconds = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not math.isfinite(seconds) or seconds <= 0 or seconds > MAX_CONSOLE_TIMEOUT_S:
        raise argparse.ArgumentTypeError(
            f"{text!r} must be a number of seconds more than 0 and at most {MAX_CONSOLE_TIMEOUT_S:g}")
    return seconds


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="manage.py", description="Council performance dashboard tools.")
    commands = root.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="regenerate data/extracts from data/sources and data/curated")
    build.add_argument("--out", help="folder to write (default: the configured extracts folder)")
    build.set_defaults(handler=cmd_build)
    check = commands.add_parser("check", help="validate the extracts against the data contract")
    check.add_argument("--extracts", help="folder to check (default: the configured extracts folder)")
    check.set_defaults(handler=cmd_check)
    sql = commands.add_parser("sql", help="run one read-only SELECT query against the extracts")
    sql.add_argument("query", help='the SELECT query, in quotes: "select * from councils"')
    sql.add_argument("--extracts", help="folder to load (default: the configured extracts folder)")
    sql.add_argument("--limit", type=int, help="most rows to print (default: 5000)")
    sql.add_argument("--timeout", type=_console_seconds,
                     help=f"seconds before the query is stopped (default: 5, at most {MAX_CONSOLE_TIMEOUT_S:g})")
    sql.set_defaults(handler=cmd_sql)
    for register in _command_groups():
        register(commands)
    return root


def _command_groups():
    """Commands defined beside the feature they serve, one module per group."""
    from perfdash import cli_bench, cli_cycle, cli_editors

    return (cli_cycle.register, cli_editors.register, cli_bench.register)


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.handler(args)
