"""The macros of queries/setup_macros.sql that mirror a Python rule in perfdash.polarity give the same
answer as that rule on the same cases, edge cases included: missing and NaN figures, figures equal
but for float noise, zero, signs, infinities, and every kind of polarity."""
from __future__ import annotations

import itertools
import math

import pytest

from perfdash import polarity
from perfdash.db import database as queries
from tests.fixtures import write_extracts

FIGURES = [None, math.nan, 0.0, 1.0, -1.0, 1.0 + 1e-12, 1.0 + 1e-6, 1e-10, -1e-10, 2e-9, 12.5, 1e12,
           1e12 + 100, 1e12 + 1e4, math.inf, -math.inf]
POLARITIES = [None, "higher", "lower", "neutral", "unknown"]
WORDS = {"Better": "better", "Same": "same", "Worse": "worse", "Not comparable": "not_comparable"}


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    return queries.open_database(write_extracts(tmp_path_factory.mktemp("extracts")))


def by_macro(database, expression: str, cases: list[tuple]) -> list:
    """The macro expression over (a, b, polarity) for each case, in order."""
    a, b, p = (list(column) for column in zip(*cases))
    rows = database.execute(
        f"select {expression} as answer from (select unnest($a::double[]) as a, unnest($b::double[]) as b, "
        "unnest($p::varchar[]) as p, unnest(range(len($a))) as n) order by n", {"a": a, "b": b, "p": p}).fetchall()
    return [row[0] for row in rows]


def test_the_figures_reach_sql_as_they_are_in_python(database):
    cases = [(x, 0.0, None) for x in FIGURES]
    back = by_macro(database, "a", cases)
    assert [x is None for x in back] == [x is None for x in FIGURES]
    assert [x is not None and math.isnan(x) for x in back] == [x is not None and math.isnan(x) for x in FIGURES]


def test_sql_verdicts_agree_with_better_or_worse(database):
    cases = list(itertools.product(FIGURES, FIGURES, POLARITIES))
    in_sql = by_macro(database, "better_or_worse(a, b, p)", cases)
    in_python = [WORDS[polarity.better_or_worse(a, b, p)] for a, b, p in cases]
    disagree = [(case, s, py) for case, s, py in zip(cases, in_sql, in_python) if s != py]
    assert not disagree, disagree[:10]
    assert {"better", "same", "worse", "not_comparable"} == set(in_sql)


def test_sql_figures_are_the_same_exactly_when_math_isclose_says_so(database):
    cases = [(a, b, None) for a, b in itertools.product(FIGURES, FIGURES) if a is not None and b is not None]
    in_sql = by_macro(database, "is_close(a, b)", cases)
    in_python = [math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9) for a, b, _ in cases]
    assert in_sql == in_python
    assert True in in_sql and False in in_sql


def test_sql_ambition_agrees_with_ambition_percent(database):
    cases = list(itertools.product(FIGURES, FIGURES, POLARITIES))
    in_sql = by_macro(database, "ambition_percent(a, b, p)", cases)
    in_python = [polarity.ambition_percent(a, b, p) for a, b, p in cases]
    disagree = []
    for case, s, py in zip(cases, in_sql, in_python):
        if py is None or s is None:
            if not (py is None and s is None):
                disagree.append((case, s, py))
        elif not (s == pytest.approx(py, nan_ok=True) or (math.isnan(s) and math.isnan(py))):
            disagree.append((case, s, py))
    assert not disagree, disagree[:10]
    assert any(s is not None and s > 0 for s in in_sql) and any(s is not None and s < 0 for s in in_sql)
