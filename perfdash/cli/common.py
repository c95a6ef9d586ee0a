"""What several command groups share: the financial-year argument, the database with the store in
it, and plain messages instead of tracebacks when the data cannot be read."""
from __future__ import annotations

import argparse
import functools
import re
import sys

_YEAR = re.compile(r"^(\d{4})\s*[/-]\s*(\d{2}|\d{4})$")


def store_database(args: argparse.Namespace, store):
    """The extracts with the store's imported plans, and the outturns of `store` (None: the real
    store's plans and no outturns)."""
    from perfdash.db.store_database import open_with_store
    from perfdash.store.outturns import real_store

    return open_with_store(args.extracts, store, None if store is not None else real_store(args.store))


def data_errors_plainly(lead: str = ""):
    """A command that stops with the plain message, exit code 1, when an extract cannot be read or a
    query hits the database's time or memory limit, instead of a traceback."""
    def decorate(handler):
        @functools.wraps(handler)
        def run(args: argparse.Namespace) -> int:
            from perfdash.db.database import DataUnavailable

            try:
                return handler(args)
            except DataUnavailable as error:
                print(f"{lead}{error}", file=sys.stderr)
                return 1
        return run
    return decorate


def financial_year(text: str) -> int:
    """The first calendar year of a financial year written 2007/08 (or 2007-08, 2007/2008)."""
    match = _YEAR.match(text.strip())
    if not match or (int(match.group(1)) + 1) % 100 != int(match.group(2)) % 100:
        raise argparse.ArgumentTypeError(f"{text!r} is not a financial year like 2007/08")
    return int(match.group(1))
