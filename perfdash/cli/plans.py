"""The plan-data commands: build the extracts, check them against the data contract."""
from __future__ import annotations

import argparse
from pathlib import Path

from perfdash import paths


def cmd_build(args: argparse.Namespace) -> int:
    from perfdash.plans.build import BuildError, build
    from perfdash.plans.curated import CuratedDataError
    from perfdash.plans.document import CatalogueError

    try:
        counts = build(Path(args.out) if args.out else None)
    except (BuildError, CuratedDataError, CatalogueError) as error:
        print(f"build failed, nothing was written:\n{error}")
        return 1
    print("built " + ", ".join(f"{name} {count}" for name, count in counts.items()))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from perfdash.db.database import ExtractsUnreadable
    from perfdash.plans.check import check_extracts

    folder = Path(args.extracts) if args.extracts else paths.extracts_dir()
    try:
        problems = check_extracts(folder)
    except ExtractsUnreadable as error:
        print(f"check failed: {error}")
        return 1
    if problems:
        print(f"check failed: {len(problems)} problem(s) in {folder}:")
        for problem in problems:
            print(f"- {problem}")
        return 1
    print(f"check passed: the extracts in {folder} meet the data contract")
    return 0


def register(commands: argparse._SubParsersAction) -> None:
    """Add this group's subcommands to manage.py."""
    build = commands.add_parser("build", help="regenerate data/extracts from data/sources and data/curated")
    build.add_argument("--out", help="folder to write (default: the configured extracts folder)")
    build.set_defaults(handler=cmd_build)
    check = commands.add_parser("check", help="validate the extracts against the data contract")
    check.add_argument("--extracts", help="folder to check (default: the configured extracts folder)")
    check.set_defaults(handler=cmd_check)
