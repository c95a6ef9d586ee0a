#!/usr/bin/env python
"""Command-line entry point: `python manage.py --help` lists the commands."""
from __future__ import annotations

import sys

from bench.cli import register as bench_commands
from perfdash.cli import main as cli

# The domain's commands, plus the bench, which drives the UI and so lives outside the domain package.
COMMAND_GROUPS = (bench_commands,)


def main(argv: list[str] | None = None) -> int:
    return cli.main(argv, extra_groups=COMMAND_GROUPS)


def parser():
    return cli.parser(extra_groups=COMMAND_GROUPS)


if __name__ == "__main__":
    sys.exit(main())
