"""manage.py's command line: each group of commands registers itself from its own module."""
from __future__ import annotations

import argparse
from collections.abc import Callable, Iterable

from perfdash.cli import (
    boardpack,
    cycle,
    editors,
    minutes,
    plans,
    register,
    spc,
    sql,
    store,
)

CommandGroup = Callable[[argparse._SubParsersAction], None]
DOMAIN_GROUPS: tuple[CommandGroup, ...] = (plans.register, sql.register, cycle.register, editors.register,
                                          spc.register, store.register, register.register, minutes.register,
                                          boardpack.register)


def parser(extra_groups: Iterable[CommandGroup] = ()) -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="manage.py", description="Council performance dashboard tools.")
    commands = root.add_subparsers(dest="command", required=True)
    for add_group in (*DOMAIN_GROUPS, *extra_groups):
        add_group(commands)
    return root


def main(argv: list[str] | None = None, extra_groups: Iterable[CommandGroup] = ()) -> int:
    """Run one command; each handler returns the process exit code."""
    args = parser(extra_groups).parse_args(argv)
    return args.handler(args)
