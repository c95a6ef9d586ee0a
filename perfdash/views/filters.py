"""The choices of the shared pickers, shaped once from their query's rows (see shaped_query):
small lookups a rerun reads instead of filtering thousands of rows again."""
from __future__ import annotations

import pandas as pd


def council_labels(options: pd.DataFrame) -> dict[str, str]:
    """Council id to name, in the query's order (by name), from filters_options."""
    councils = options[options["kind"] == "council"]
    return dict(zip(councils["value"], councils["label"]))


def theme_values(options: pd.DataFrame) -> list[str]:
    """The common themes, sorted and each once, from filters_options."""
    return sorted(options.loc[options["kind"] == "theme", "value"].unique())


def years_by_council(years: pd.DataFrame) -> dict[str, list[int]]:
    """Each council's years with targets, earliest first, councils in the query's order, from
    cycle_target_years."""
    chosen: dict[str, list[int]] = {}
    for council, year in zip(years["council_id"], years["year_start"]):
        chosen.setdefault(council, []).append(int(year))
    return {council: sorted(set(found)) for council, found in chosen.items()}
