"""The `order` column of the priorities table: each priority's position, 1 to n, in its plan's
own order.

A plan's refs are text ("1.10", "CSY.2"), and text sorts "1.10" before "1.2"; pages and queries
sort on `order` instead. Each parser lists its priorities in the plan's order and numbers them here.
"""
from __future__ import annotations

import re


def outline_key(ref: str) -> tuple:
    """A sort key that reads a ref's numbers as numbers: "1.2" < "1.10" < "2"; letters sort as text
    after any number at the same place ("2" < "2.a")."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part)
                 for part in re.split(r"[.\s]+", ref.strip()) if part)


def number_in_plan_order(rows: list[dict]) -> list[dict]:
    """The rows, in the order given, each with `order` 1, 2, 3... (a copy; the rows are not changed)."""
    return [{**row, "order": position} for position, row in enumerate(rows, start=1)]
