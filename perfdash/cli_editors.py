"""The add-editor command: local editors with salted password hashes."""
from __future__ import annotations

import argparse


def register(commands: argparse._SubParsersAction) -> None:
    """Add this group's subcommands to manage.py."""
