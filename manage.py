#!/usr/bin/env python
"""Command-line entry point: `python manage.py --help` lists the commands."""
from __future__ import annotations

import sys

from perfdash.cli import main

if __name__ == "__main__":
    sys.exit(main())
