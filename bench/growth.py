"""How the pages a user filters by council grow with the number of councils: the synthetic dataset
at each size asked for (`--growth 10,100,350`), the same indicators and years, and every page that
has a council filter opened on one council, as a link would open it (?council=synthetic-001 and the
quarter picker's and profiles' own council parameters). Cold and warm, as the main run.

The growth is summed up as an exponent: time = a × councils^k between the smallest and the largest
size, so k = 1 is linear growth and k = 0 none; "far less than linear" is k at most 0.5.
"""
from __future__ import annotations

import math
import re
import time
from dataclasses import replace
from pathlib import Path

from bench import synthetic
from perfdash import paths

# The URL parameters of the council filters: the sidebar's, the quarter picker's and Profiles'.
COUNCIL_PARAMETERS = ("council", "council_q", "pc")
FILTERS = re.compile(r"\b(sidebar_filters|quarter_picker)\(")
SUBLINEAR_EXPONENT = 0.5


def filtered_pages(pages: list[dict]) -> list[dict]:
    """The pages whose script draws a council filter (the sidebar's or the quarter picker)."""
    return [p for p in pages if FILTERS.search((paths.ROOT / p["path"]).read_text(encoding="utf-8"))]


def exponent(small: tuple[int, float | None], large: tuple[int, float | None]) -> float | None:
    """k in time = a × councils^k through two (councils, ms) points; None without both times."""
    (n1, t1), (n2, t2) = small, large
    if not t1 or not t2 or n1 == n2:
        return None
    return round(math.log(t2 / t1) / math.log(n2 / n1), 2)


def measure_growth(work: Path, options, pages: list[dict], measure, say=print) -> dict:
    """`pages` (those of the run) measured by `measure(extracts, work, options, pages, query_params)`
    (bench.runner.measure_filtered) at each size of options.growth."""
    pages = filtered_pages(pages)
    sizes = sorted(set(options.growth))
    first = "synthetic-001"
    query_params = {name: first for name in COUNCIL_PARAMETERS}
    by_size = {}
    for councils in sizes:
        size = replace(options.size, councils=councils)
        extracts = work / "national" if size == options.size else work / f"growth-{councils}"
        if size != options.size:
            say(f"growth: generating {councils} councils ...")
            started = time.perf_counter()
            synthetic.generate(extracts, size, write_csv=False)
            say(f"growth: generated in {time.perf_counter() - started:.0f} s")
        say(f"growth: {len(pages)} council-filtered pages at {councils} councils ...")
        measured = measure(extracts, work, options, pages, query_params)
        by_size[str(councils)] = {
            "councils": councils, "indicator_values": synthetic.expected_rows(size)["indicator_values"],
            "memory_mb": measured["memory_mb"],
            "pages": {name: {key: page.get(key) for key in ("cold_p50_ms", "cold_p95_ms", "warm_p50_ms", "warm_p95_ms")}
                      | {"errors": page.get("errors", []), "not_measured": page.get("not_measured")}
                      for name, page in measured["pages"].items()}}
    small, large = str(sizes[0]), str(sizes[-1])
    exponents = {}
    for page in (p["name"] for p in pages):
        figures = {phase: exponent((sizes[0], by_size[small]["pages"][page][f"{phase}_p50_ms"]),
                                   (sizes[-1], by_size[large]["pages"][page][f"{phase}_p50_ms"]))
                   for phase in ("cold", "warm")}
        exponents[page] = figures
    return {"filter": query_params, "sizes": sizes, "by_councils": by_size, "exponents": exponents,
            "sublinear_exponent": SUBLINEAR_EXPONENT}
