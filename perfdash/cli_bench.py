"""The bench command: a synthetic national-scale dataset and timings for every page."""
from __future__ import annotations

import argparse


def register(commands: argparse._SubParsersAction) -> None:
    """Add this group's subcommands to manage.py."""
