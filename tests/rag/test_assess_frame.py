"""assess_frame works on whole columns; it must say exactly what assess_quarter says row by row,
for every status, reason, basis and rule, on frames with every kind of gap in them."""
import math
import random

import numpy as np
import pandas as pd
import pytest

from perfdash.rag.rule import RagRules, Rule, assess_frame, assess_quarter

RULES = RagRules(default=Rule("percent_of_target", 5),
                 councils={"abs": Rule("absolute", 2), "strict": Rule("percent_of_target", 0)},
                 indicators={"abs:special": Rule("percent_of_target", 10), "x:none": Rule("absolute", 0)})
UNITS = ["percent", "count", "days", "gbp", "gbp_000", "yes_no", "score", None, "rate_per_1000"]
POLARITIES = ["higher", "lower", "neutral", None]
PROFILES = ["cumulative", "per_quarter", "snapshot", None]
FIGURES = [0.0, -0.0, 1.0, 2.5, 10.0, 47.0, 47.5, 50.0, 52.5, 58.0, 58.5, 60.0, 62.0, 86.8, 100.0, 104.0,
           1234.5678, -3.5, 0.1, 0.2, 0.3]  # 47.5 and 52.5 sit on a 5% band round 50; 58 and 62 on 2 round 60


def _figure(rng: random.Random, gaps: bool):
    if gaps and rng.random() < 0.2:
        return rng.choice([None, math.nan, pd.NA])
    return rng.choice(FIGURES) if rng.random() < 0.7 else round(rng.uniform(-5, 120), rng.choice([0, 1, 3]))


def random_frame(seed: int, rows: int = 400) -> pd.DataFrame:
    rng = random.Random(seed)
    records = []
    for _ in range(rows):
        council = rng.choice(["abs", "strict", "x", "other"])
        records.append({
            "council_id": council, "indicator_id": f"{council}:{rng.choice(['special', 'none', 'a', 'b'])}",
            "unit": rng.choice(UNITS), "polarity": rng.choice(POLARITIES), "profile": rng.choice(PROFILES),
            "quarter": rng.randint(1, 4), "target": _figure(rng, True),
            **{f"q{q}": _figure(rng, True) for q in (1, 2, 3, 4)}})
    return pd.DataFrame(records)


def row_by_row(frame: pd.DataFrame) -> list[tuple]:
    expected = []
    for row in frame.itertuples(index=False):
        rule = RULES.rule_for(row.council_id, row.indicator_id)
        unit, polarity, profile = (None if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v))
                                   else v for v in (row.unit, row.polarity, row.profile))
        found = assess_quarter(profile=profile, polarity=polarity, unit=unit, quarter=int(row.quarter),
                               actuals={q: getattr(row, f"q{q}") for q in (1, 2, 3, 4)}, target=row.target,
                               rule=rule)
        expected.append((found.status, found.compared_actual, found.gap, found.shortfall, found.tolerance,
                         found.basis, found.reason, rule.describe(unit)))
    return expected


def _same(a, b) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        a = math.nan if a is None else a
        b = math.nan if b is None else b
        return (math.isnan(a) and math.isnan(b)) or (a == b and math.copysign(1, a) == math.copysign(1, b))
    return a == b


@pytest.mark.parametrize("seed", range(6))
def test_the_whole_table_agrees_with_the_rule_row_by_row(seed):
    frame = random_frame(seed)
    result = assess_frame(frame, RULES)
    columns = ["rag", "actual", "gap", "shortfall", "tolerance", "basis", "rag_reason", "rule"]
    got = list(result[columns].itertuples(index=False, name=None))
    for index, (mine, theirs) in enumerate(zip(got, row_by_row(frame))):
        assert all(_same(a, b) for a, b in zip(mine, theirs)), (index, frame.iloc[index].to_dict(), mine, theirs)
    assert set(result["rag"]) >= {"green", "amber", "red", "no_target", "no_data"}  # every branch was taken


def test_typed_columns_give_the_same_results_as_plain_objects():
    frame = random_frame(99, rows=200)
    typed = frame.astype({"quarter": "int64"}).assign(
        **{c: pd.array([None if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)) else v
                        for v in frame[c]], dtype="Float64") for c in ("target", "q1", "q2", "q3", "q4")},
        **{c: frame[c].astype("string") for c in ("unit", "polarity", "profile")})
    plain, fast = assess_frame(frame, RULES), assess_frame(typed, RULES)
    for column in ("rag", "basis", "rag_reason", "rule"):
        assert plain[column].tolist() == fast[column].tolist()
    for column in ("actual", "gap", "shortfall", "tolerance"):
        np.testing.assert_array_equal(plain[column].to_numpy(), fast[column].to_numpy())


def test_a_quarter_outside_the_year_is_refused_where_it_is_compared():
    frame = random_frame(1, rows=3).assign(quarter=[1, 5, 2], target=[1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="quarter must be 1 to 4, not 5"):
        assess_frame(frame, RULES)


def test_figures_on_the_edge_of_each_band_agree_row_by_row():
    # 5% of 50 is 2.5, absolute 2 round 60, 10% of 50 is 5: each actual sits on, inside or past a band edge.
    edges = [(50.0, a) for a in (45.0, 47.4, 47.5, 47.6, 50.0, 52.4, 52.5, 52.6, 55.0)] + \
            [(60.0, a) for a in (57.9, 58.0, 58.1, 61.9, 62.0, 62.1)] + [(0.0, 0.0), (0.0, 1.0), (1.0, 0.0)]
    frame = pd.DataFrame([
        {"council_id": council, "indicator_id": f"{council}:{key}", "unit": unit, "polarity": polarity,
         "profile": "snapshot", "quarter": 2, "target": target, "q1": None, "q2": actual, "q3": None, "q4": None}
        for council in ("abs", "strict", "other") for key in ("special", "a") for unit in ("percent", "yes_no", "days")
        for polarity in POLARITIES for target, actual in edges])
    got = list(assess_frame(frame, RULES)[["rag", "actual", "gap", "shortfall", "tolerance", "basis", "rag_reason",
                                            "rule"]].itertuples(index=False, name=None))
    for index, (mine, theirs) in enumerate(zip(got, row_by_row(frame))):
        assert all(_same(a, b) for a, b in zip(mine, theirs)), (index, frame.iloc[index].to_dict(), mine, theirs)
