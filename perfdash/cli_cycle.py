"""The quarterly-cycle commands: import-actuals, status, demo-actuals."""
from __future__ import annotations

import argparse


def register(commands: argparse._SubParsersAction) -> None:
    """Add this group's subcommands to manage.py."""
