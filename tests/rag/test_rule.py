"""The RAG rule (perfdash/rag.py), its settings (data/config/rag.yaml) and its page (docs/RAG_RULE.md).

Every expected value below is worked out by hand from the rule, never by calling the code.
"""
import math

import pandas as pd
import pytest

from perfdash import paths
from perfdash.palette import RAG_STYLES
from perfdash.plans.document import council_ids
from perfdash.rag.rule import (
    STATUSES,
    RagRules,
    Rule,
    RulesError,
    assess,
    assess_frame,
    assess_quarter,
    council_style_scenarios,
    status_label,
    tolerance_scenarios,
    what_if,
    ytd_actual,
)
from perfdash.rag.settings import load_rules

P5 = Rule("percent_of_target", 5)
P10 = Rule("percent_of_target", 10)
ABS2 = Rule("absolute", 2)
STRICT = Rule("percent_of_target", 0)
NAN = float("nan")

# The shipped settings, written out by hand.
SHIPPED = RagRules(default=P5, councils={"nw-leicestershire": P5, "melton": STRICT, "leicester": ABS2,
                                         "leicestershire": P10}, indicators={})
RULE_DOC = (paths.ROOT / "docs" / "RAG_RULE.md").read_text(encoding="utf-8")


# --- profile x polarity -------------------------------------------------------------------------
# (profile, polarity, unit, quarter, in-quarter actuals, target, rule, status, compared actual, shortfall)
PROFILE_CASES = {
    # cumulative, higher: BV9 council tax collected, profile 30.5 / 60.0 / 86.8 / 98.0; 5% of target.
    "cum-higher-better": ("cumulative", "higher", "percent", 2, {1: 31.0, 2: 29.5}, 60.0, P5, "green", 60.5, 0),
    "cum-higher-amber": ("cumulative", "higher", "percent", 2, {1: 31.0, 2: 27.0}, 60.0, P5, "amber", 58.0, 2.0),
    "cum-higher-red": ("cumulative", "higher", "percent", 3, {1: 31.0, 2: 27.0, 3: 22.0}, 86.8, P5, "red", 80.0, 6.8),
    "cum-higher-q4-sum-noise": ("cumulative", "higher", "percent", 4, {1: 30.5, 2: 29.5, 3: 26.8, 4: 11.2}, 98.0,
                                STRICT, "green", 98.0, 0),
    # Q1's year to date is Q1 alone: 0.7 worse, within 5% of 30.5 = 1.525
    "cum-q1-alone": ("cumulative", "higher", "percent", 1, {1: 29.8}, 30.5, P5, "amber", 29.8, 0.7),
    # cumulative, lower: BV12 days lost to sickness, 2.4 / 4.8 / 7.2 / 9.5; 5% of 4.8 = 0.24, of 7.2 = 0.36.
    "cum-lower-green": ("cumulative", "lower", "days", 2, {1: 2.3, 2: 2.4}, 4.8, P5, "green", 4.7, 0),
    "cum-lower-amber": ("cumulative", "lower", "days", 2, {1: 2.3, 2: 2.6}, 4.8, P5, "amber", 4.9, 0.1),
    "cum-lower-red": ("cumulative", "lower", "days", 3, {1: 2.5, 2: 2.5, 3: 2.6}, 7.2, P5, "red", 7.6, 0.4),
    # cumulative, neutral: tolerance 5% of 20 = 1; never red.
    "cum-neutral-green-at-edge": ("cumulative", "neutral", "count", 2, {1: 10, 2: 11}, 20, P5, "green", 21, None),
    "cum-neutral-amber": ("cumulative", "neutral", "count", 2, {1: 5, 2: 10}, 20, P5, "amber", 15, None),
    # per quarter, higher: leisure centre visits, Q2 264,000; 5% = 13,200. Q1 is ignored.
    "perq-higher-green": ("per_quarter", "higher", "count", 2, {1: 200_000, 2: 270_000}, 264_000, P5, "green",
                          270_000, 0),
    "perq-higher-amber": ("per_quarter", "higher", "count", 2, {1: 200_000, 2: 255_000}, 264_000, P5, "amber",
                          255_000, 9_000),
    "perq-higher-red": ("per_quarter", "higher", "count", 2, {2: 250_000}, 264_000, P5, "red", 250_000, 14_000),
    # per quarter, lower: target 100, tolerance 5.
    "perq-lower-green": ("per_quarter", "lower", "count", 3, {3: 100}, 100, P5, "green", 100, 0),
    "perq-lower-amber": ("per_quarter", "lower", "count", 3, {3: 104}, 100, P5, "amber", 104, 4),
    "perq-lower-red": ("per_quarter", "lower", "count", 3, {3: 106}, 100, P5, "red", 106, 6),
    # per quarter, neutral: target 50, tolerance 2.5.
    "perq-neutral-green": ("per_quarter", "neutral", "count", 1, {1: 52}, 50, P5, "green", 52, None),
    "perq-neutral-amber": ("per_quarter", "neutral", "count", 1, {1: 47}, 50, P5, "amber", 47, None),
    # snapshot, higher: BV109a 67% every quarter; 5% of 67 = 3.35. Earlier quarters are not needed.
    "snap-higher-green": ("snapshot", "higher", "percent", 3, {3: 70}, 67, P5, "green", 70, 0),
    "snap-higher-amber": ("snapshot", "higher", "percent", 2, {1: 90, 2: 65}, 67, P5, "amber", 65, 2),
    "snap-higher-red": ("snapshot", "higher", "percent", 3, {1: 67, 2: 67, 3: 60}, 67, P5, "red", 60, 7),
    "snap-higher-absolute-edge": ("snapshot", "higher", "percent", 2, {2: 65}, 67, ABS2, "amber", 65, 2),
    # snapshot, lower: litter 10%; 5% of 10 = 0.5.
    "snap-lower-green": ("snapshot", "lower", "percent", 2, {2: 9}, 10, P5, "green", 9, 0),
    "snap-lower-amber": ("snapshot", "lower", "percent", 2, {2: 10.4}, 10, P5, "amber", 10.4, 0.4),
    "snap-lower-red": ("snapshot", "lower", "percent", 2, {2: 10.6}, 10, P5, "red", 10.6, 0.6),
    # snapshot, neutral: BV219a 21 conservation areas; 5% of 21 = 1.05.
    "snap-neutral-on": ("snapshot", "neutral", "count", 4, {4: 21}, 21, P5, "green", 21, None),
    "snap-neutral-within": ("snapshot", "neutral", "count", 4, {4: 22}, 21, P5, "green", 22, None),
    "snap-neutral-off": ("snapshot", "neutral", "count", 4, {4: 23}, 21, P5, "amber", 23, None),
    "snap-neutral-never-red": ("snapshot", "neutral", "count", 4, {4: 100}, 21, STRICT, "amber", 100, None),
    # no profile: the quarter's own figure
    "no-profile": (None, "higher", "count", 2, {1: 1, 2: 9}, 10, P5, "red", 9, 1),
}


@pytest.mark.parametrize("profile, polarity, unit, quarter, actuals, target, rule, status, compared, shortfall",
                         list(PROFILE_CASES.values()), ids=list(PROFILE_CASES))
def test_rule_for_each_profile_and_polarity(profile, polarity, unit, quarter, actuals, target, rule, status,
                                            compared, shortfall):
    result = assess_quarter(profile=profile, polarity=polarity, unit=unit, quarter=quarter, actuals=actuals,
                            target=target, rule=rule)
    assert result.status == status
    assert result.compared_actual == pytest.approx(compared)
    assert result.target == target
    assert result.gap == pytest.approx(compared - target, abs=1e-9)
    assert result.shortfall == (None if shortfall is None else pytest.approx(shortfall, abs=1e-9))
    assert result.basis == ({1: "year to date, Q1", 2: "year to date, Q1–Q2", 3: "year to date, Q1–Q3",
                             4: "year to date, Q1–Q4"}[quarter] if profile == "cumulative" else f"Q{quarter} alone")


def test_a_neutral_indicator_off_profile_says_why():
    result = assess(actual=15, target=12, polarity="neutral", unit="count", rule=P5)
    assert result.status == "amber" and "off profile; neither higher nor lower is better" in result.reason
    assert result.tolerance == pytest.approx(0.6)


# --- boundaries -----------------------------------------------------------------------------------
# (actual, target, polarity, rule, status): target 60 at 5% gives 3; target 40 absolute gives 2.
BOUNDARY_CASES = {
    "higher-exactly-at-tolerance": (57, 60, "higher", P5, "amber"),
    "higher-just-beyond": (56.99, 60, "higher", P5, "red"),
    "higher-float-above-target": (60.0000000001, 60, "higher", P5, "green"),
    "higher-float-below-target": (59.9999999999, 60, "higher", STRICT, "green"),
    "bv9-q4-float-noise": (98.0, 98.0000000001, "higher", STRICT, "green"),
    "higher-at-tolerance-float": (28.975, 30.5, "higher", P5, "amber"),  # tolerance 1.525, shortfall 1.525
    "lower-exactly-at-tolerance": (42, 40, "lower", ABS2, "amber"),
    "lower-just-beyond": (42.01, 40, "lower", ABS2, "red"),
    "lower-better": (30, 40, "lower", ABS2, "green"),
    "neutral-exactly-at-tolerance": (63, 60, "neutral", P5, "green"),
    "neutral-just-beyond": (63.01, 60, "neutral", P5, "amber"),
    "strict-any-shortfall": (59.9, 60, "higher", STRICT, "red"),
    "negative-target-uses-size": (-10.4, -10, "higher", P5, "amber"),  # tolerance 5% of |-10| = 0.5
}


@pytest.mark.parametrize("actual, target, polarity, rule, status", list(BOUNDARY_CASES.values()),
                         ids=list(BOUNDARY_CASES))
def test_boundaries(actual, target, polarity, rule, status):
    assert assess(actual=actual, target=target, polarity=polarity, unit="percent", rule=rule).status == status


def test_year_to_date_sums_are_compared_without_float_noise():
    # 0.1 + 0.2 is 0.30000000000000004 in floating point
    result = assess_quarter(profile="cumulative", polarity="lower", unit="rate_per_1000", quarter=2,
                            actuals={1: 0.1, 2: 0.2}, target=0.3, rule=STRICT)
    assert (result.status, result.gap, result.shortfall) == ("green", 0.0, 0.0)


def test_reason_in_words():
    result = assess(actual=59.5, target=60, polarity="higher", unit="percent", rule=P5, basis="year to date, Q1–Q2")
    assert result.reason == "59.5% against a target of 60%: 0.5 points worse, within the tolerance of 3 points"
    assert result.basis == "year to date, Q1–Q2"
    red = assess(actual=55, target=60, polarity="higher", unit="percent", rule=P5)
    assert red.reason == "55% against a target of 60%: 5 points worse, beyond the tolerance of 3 points"


# --- missing sides ------------------------------------------------------------------------------------
# (profile, quarter, actuals, target, status, reason)
MISSING_CASES = {
    "no-target": ("snapshot", 2, {2: 50}, None, "no_target", "no target for Q2"),
    "nan-target": ("per_quarter", 1, {1: 50}, NAN, "no_target", "no target for Q1"),
    "neither-side-is-no-target": ("snapshot", 2, {}, None, "no_target", "no target for Q2"),
    "no-actual": ("snapshot", 2, {1: 50, 2: None}, 60, "no_data", "no Q2 outturn"),
    "nan-actual": ("per_quarter", 3, {3: NAN}, 60, "no_data", "no Q3 outturn"),
    "cum-missing-q1": ("cumulative", 2, {2: 29.5}, 60, "no_data", "no Q1 outturn for the year to date"),
    "cum-missing-q2": ("cumulative", 2, {1: 31.0, 2: NAN}, 60, "no_data", "no Q2 outturn for the year to date"),
    "cum-missing-q1-q3": ("cumulative", 3, {2: 29.5}, 86.8, "no_data", "no Q1 or Q3 outturn for the year to date"),
    "cum-missing-three": ("cumulative", 4, {4: 11.2}, 98, "no_data",
                          "no Q1, Q2 or Q3 outturn for the year to date"),
}


@pytest.mark.parametrize("profile, quarter, actuals, target, status, reason", list(MISSING_CASES.values()),
                         ids=list(MISSING_CASES))
def test_a_missing_side_gives_no_target_or_no_data(profile, quarter, actuals, target, status, reason):
    result = assess_quarter(profile=profile, polarity="higher", unit="percent", quarter=quarter, actuals=actuals,
                            target=target, rule=P5)
    assert (result.status, result.reason) == (status, reason)
    assert result.compared_actual is None and result.gap is None and result.shortfall is None


def test_plain_assess_missing_sides():
    assert assess(actual=None, target=None, polarity="higher", unit="count", rule=P5).status == "no_target"
    assert assess(actual=NAN, target=5, polarity="higher", unit="count", rule=P5).status == "no_data"


@pytest.mark.parametrize("profile, quarter, actuals, expected", [
    ("cumulative", 2, {1: 30.5, 2: 29.5}, (60.0, "year to date, Q1–Q2")),
    ("cumulative", 1, {1: 30.5, 2: 29.5}, (30.5, "year to date, Q1")),
    ("cumulative", 2, {2: 29.5}, (None, "no Q1 outturn for the year to date")),
    ("per_quarter", 2, {1: 280_000, 2: 264_000}, (264_000, "Q2 alone")),
    ("snapshot", 4, {4: 67}, (67, "Q4 alone")),
    (None, 3, {}, (None, "no Q3 outturn")),
])
def test_ytd_actual(profile, quarter, actuals, expected):
    assert ytd_actual(profile, quarter, actuals) == expected


def test_ytd_actual_refuses_a_quarter_outside_the_year():
    with pytest.raises(ValueError):
        ytd_actual("cumulative", 5, {})


# --- Yes/No and zero targets ------------------------------------------------------------------------
# (actual, target, polarity, rule, status): 1 = Yes, 0 = No; the tolerance is always 0.
YES_NO_CASES = {
    "yes-vs-yes": (1, 1, "higher", P5, "green"),
    "no-vs-yes-is-red": (0, 1, "higher", P5, "red"),
    "no-vs-yes-red-even-with-wide-band": (0, 1, "higher", ABS2, "red"),
    "yes-vs-no-is-better": (1, 0, "higher", P5, "green"),
    "no-vs-no": (0, 0, "higher", P5, "green"),
}


@pytest.mark.parametrize("actual, target, polarity, rule, status", list(YES_NO_CASES.values()), ids=list(YES_NO_CASES))
def test_yes_no_indicators_are_never_amber(actual, target, polarity, rule, status):
    result = assess(actual=actual, target=target, polarity=polarity, unit="yes_no", rule=rule)
    assert (result.status, result.tolerance) == (status, 0.0)


def test_yes_no_reason_says_yes_and_no():
    result = assess(actual=0, target=1, polarity="higher", unit="yes_no", rule=P5)
    assert result.reason.startswith("No against a target of Yes")


# (actual, polarity, rule, status, tolerance) against a target of 0
ZERO_TARGET_CASES = {
    "percent-has-no-band": (1, "lower", P5, "red", 0.0),
    "absolute-keeps-its-band": (1, "lower", ABS2, "amber", 2.0),
    "on-zero": (0, "lower", P5, "green", 0.0),
    "neutral-moves-to-amber": (1, "neutral", P5, "amber", 0.0),
}


@pytest.mark.parametrize("actual, polarity, rule, status, tolerance", list(ZERO_TARGET_CASES.values()),
                         ids=list(ZERO_TARGET_CASES))
def test_a_zero_target(actual, polarity, rule, status, tolerance):
    result = assess(actual=actual, target=0, polarity=polarity, unit="count", rule=rule)
    assert (result.status, result.tolerance) == (status, tolerance)


def test_a_zero_target_says_why_it_has_no_band():
    assert "a target of 0 leaves no amber band" in assess(actual=1, target=0, polarity="lower", unit="count",
                                                           rule=P5).reason


# --- rules, precedence and descriptions -------------------------------------------------------------------

@pytest.mark.parametrize("rule, unit, words", [
    (P5, None, "amber within 5% of target"),
    (Rule("percent_of_target", 2.5), "percent", "amber within 2.5% of target"),
    (ABS2, None, "amber within 2 units of target"),
    (ABS2, "percent", "amber within 2 points of target"),
    (ABS2, "days", "amber within 2 days of target"),
    (STRICT, None, "no amber band"),
    (Rule("absolute", 0), "percent", "no amber band"),
    (P5, "yes_no", "no amber band"),
])
def test_rule_describes_itself(rule, unit, words):
    assert rule.describe(unit) == words


@pytest.mark.parametrize("style, tolerance", [("traffic_lights", 5), ("absolute", -1), ("absolute", "2")])
def test_a_rule_refuses_bad_settings(style, tolerance):
    with pytest.raises(ValueError):
        Rule(style, tolerance)


PRECEDENCE = RagRules(default=P5, councils={"leicester": ABS2, "melton": STRICT},
                      indicators={"leicester-bvpp:BV9": P10})


@pytest.mark.parametrize("council_id, indicator_id, rule", [
    ("leicester", "leicester-bvpp:BV9", P10),     # indicator beats council
    ("leicester", "leicester-bvpp:BV10", ABS2),   # council beats default
    ("leicestershire", "lcc:X", P5),              # default
    ("melton", "melton:Y", STRICT),
])
def test_precedence_indicator_then_council_then_default(council_id, indicator_id, rule):
    assert PRECEDENCE.rule_for(council_id, indicator_id) == rule


def test_with_default_drops_every_override():
    assert PRECEDENCE.with_default(P10) == RagRules(default=P10, councils={}, indicators={})


# --- the YAML file ---------------------------------------------------------------------------------------

def test_the_shipped_rules_load_and_name_real_councils():
    rules = load_rules(paths.DEFAULT_RAG_RULES_FILE)
    assert rules == SHIPPED
    assert set(rules.councils) == {"nw-leicestershire", "melton", "leicester", "leicestershire"}
    assert set(rules.councils) <= set(council_ids())


def test_the_shipped_file_says_the_council_rules_are_illustrative():
    text = paths.DEFAULT_RAG_RULES_FILE.read_text(encoding="utf-8")
    assert "prints a RAG rule of its own" in text and "illustrative" in text


def test_load_rules_follows_the_environment(tmp_path, monkeypatch):
    path = tmp_path / "rag.yaml"
    path.write_text("default: {style: absolute, amber_tolerance: 1}\n", encoding="utf-8")
    monkeypatch.setenv(paths.RAG_RULES_ENV_VAR, str(path))
    assert load_rules() == RagRules(default=Rule("absolute", 1), councils={}, indicators={})


BAD_YAML = """\
default:
  style: traffic_lights
  amber_tolerance: -5
colour: red
councils:
  melton:
    style: percent_of_target
    amber_tolerance: "five"
  leicester:
    amber_tolerance: true
    band: wide
  rutland:
    style: absolute
    amber_tolerance: 1
indicators:
  BV9:
    style: absolute
    amber_tolerance: 0.5
  nwl-delivery-2007:BV10: 5
"""


def test_a_bad_file_lists_every_problem_with_its_key(tmp_path):
    path = tmp_path / "rag.yaml"
    path.write_text(BAD_YAML, encoding="utf-8")
    with pytest.raises(RulesError) as caught:
        load_rules(path)
    message = str(caught.value)
    expected = [
        "default.style: must be one of percent_of_target, absolute",
        "default.amber_tolerance: must be a number >= 0",
        "colour: unknown key",
        "councils.melton.amber_tolerance: must be a number >= 0",
        "councils.leicester.band: unknown key",
        "councils.leicester.style: must be one of percent_of_target, absolute (missing)",
        "councils.leicester.amber_tolerance: must be a number >= 0",
        "councils.rutland: not a council id",
        "indicators.BV9: not an indicator id",
        "indicators.nwl-delivery-2007:BV10: must be a mapping with style and amber_tolerance",
    ]
    assert [line for line in expected if line not in message] == []
    assert str(path) in message and "10 problem(s)" in message


@pytest.mark.parametrize("text, words", [
    ("- default\n- councils\n", "(top level): must be a mapping"),
    ("", "(top level): must be a mapping"),
    ("default: [unclosed\n", "cannot read"),
    ("councils: [melton]\n", "councils: must be a mapping"),
])
def test_a_file_of_the_wrong_shape_is_refused(tmp_path, text, words):
    path = tmp_path / "rag.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RulesError) as caught:
        load_rules(path)
    assert words in str(caught.value)


def test_a_missing_file_is_refused(tmp_path):
    with pytest.raises(RulesError, match="cannot read"):
        load_rules(tmp_path / "absent.yaml")


# --- tables and the what-if ------------------------------------------------------------------------------

FRAME_COLUMNS = ["council_id", "indicator_id", "polarity", "unit", "profile", "quarter", "target",
                 "q1", "q2", "q3", "q4"]
ROWS = [
    # A: Leicester, snapshot % higher, 58.5 against 60 -> shortfall 1.5
    ("leicester", "leicester-x:A", "higher", "percent", "snapshot", 2, 60.0, NAN, 58.5, NAN, NAN),
    # B: Melton, per quarter count lower, 104 against 100 -> shortfall 4
    ("melton", "melton-x:B", "lower", "count", "per_quarter", 1, 100.0, 104.0, NAN, NAN, NAN),
    # C: NW Leicestershire BV9, year to date 31 + 27 + 22 = 80 against 86.8 -> shortfall 6.8
    ("nw-leicestershire", "nwl-delivery-2007:BV9", "higher", "percent", "cumulative", 3, 86.8, 31.0, 27.0, 22.0,
     NAN),
    # D: Leicestershire, snapshot % higher, 47 against 50 -> shortfall 3
    ("leicestershire", "lcc-x:D", "higher", "percent", "snapshot", 1, 50.0, 47.0, NAN, NAN, NAN),
    # E: no target
    ("leicester", "leicester-x:E", "higher", "count", None, 4, NAN, NAN, NAN, NAN, 5.0),
]


def indicator_frame():
    return pd.DataFrame(ROWS, columns=FRAME_COLUMNS, index=[10, 11, 12, 13, 14])


def test_assess_frame_adds_the_rag_columns():
    frame = indicator_frame()
    result = assess_frame(frame, SHIPPED)
    assert list(frame.columns) == FRAME_COLUMNS  # the input is not changed
    assert list(result.columns) == FRAME_COLUMNS + ["actual", "rag", "gap", "shortfall", "tolerance", "basis",
                                                    "rag_reason", "rule"]
    assert list(result.index) == [10, 11, 12, 13, 14]
    # A: Leicester absolute 2 -> amber; B: Melton strict -> red; C: 5% of 86.8 = 4.34 -> red;
    # D: 10% of 50 = 5 -> amber; E: no target.
    assert result["rag"].tolist() == ["amber", "red", "red", "amber", "no_target"]
    assert result["actual"].tolist()[:4] == pytest.approx([58.5, 104, 80, 47])
    assert math.isnan(result["actual"].iloc[4])
    assert result["shortfall"].tolist()[:4] == pytest.approx([1.5, 4, 6.8, 3])
    assert result["tolerance"].tolist()[:4] == pytest.approx([2, 0, 4.34, 5])
    assert result["basis"].tolist() == ["Q2 alone", "Q1 alone", "year to date, Q1–Q3", "Q1 alone", "Q4 alone"]
    assert result["rule"].tolist() == ["amber within 2 points of target", "no amber band",
                                       "amber within 5% of target", "amber within 10% of target",
                                       "amber within 2 units of target"]
    assert result.loc[14, "rag_reason"] == "no target for Q4"


def test_assess_frame_on_an_empty_frame():
    result = assess_frame(pd.DataFrame(columns=FRAME_COLUMNS), SHIPPED)
    assert result.empty and "rag" in result.columns


def test_what_if_under_other_tolerances():
    result = what_if(indicator_frame(), tolerance_scenarios(SHIPPED))
    assert list(result.columns) == ["indicator_id", "As configured", "No amber band for all",
                                    "5% of target for all", "10% of target for all"]
    assert list(result.index) == [10, 11, 12, 13, 14]
    # shortfalls A 1.5 / B 4 / C 6.8 / D 3; 5% bands 3 / 5 / 4.34 / 2.5; 10% bands 6 / 10 / 8.68 / 5
    assert result.to_dict("list") == {
        "indicator_id": ["leicester-x:A", "melton-x:B", "nwl-delivery-2007:BV9", "lcc-x:D", "leicester-x:E"],
        "As configured": ["amber", "red", "red", "amber", "no_target"],
        "No amber band for all": ["red", "red", "red", "red", "no_target"],
        "5% of target for all": ["amber", "amber", "red", "red", "no_target"],
        "10% of target for all": ["amber", "amber", "amber", "amber", "no_target"],
    }


def test_what_if_under_each_councils_style():
    scenarios = council_style_scenarios(SHIPPED)
    assert list(scenarios) == ["nw-leicestershire's rule for all", "melton's rule for all",
                               "leicester's rule for all", "leicestershire's rule for all"]
    assert scenarios["leicester's rule for all"] == RagRules(default=ABS2, councils={}, indicators={})
    result = what_if(indicator_frame(), scenarios)
    # Leicester's 2 (units) for all: A 1.5 amber, B 4 red, C 6.8 red, D 3 red
    assert result["leicester's rule for all"].tolist() == ["amber", "red", "red", "red", "no_target"]
    assert result["melton's rule for all"].tolist() == ["red", "red", "red", "red", "no_target"]
    assert result["nw-leicestershire's rule for all"].tolist() == ["amber", "amber", "red", "red", "no_target"]


# --- labels and the documentation --------------------------------------------------------------------------

def test_status_labels_match_the_palette():
    assert [status_label(s) for s in STATUSES] == ["✔ On target", "▲ Slightly off target", "✖ Off target",
                                                    "○ No target", "– No data"]
    assert {s: f"{icon} {words}" for s, (_, icon, words) in RAG_STYLES.items()} == \
        {s: status_label(s) for s in STATUSES}
    with pytest.raises(ValueError):
        status_label("purple")


def test_the_rule_page_matches_the_shipped_settings():
    rules = load_rules(paths.DEFAULT_RAG_RULES_FILE)
    rows = [f"| (default) | {rules.default.describe()} |"]
    rows += [f"| `{council}` | {rule.describe()} |" for council, rule in rules.councils.items()]
    assert [row for row in rows if row not in RULE_DOC] == []


def test_the_rule_page_names_every_status_style_and_scenario():
    scenarios = [*tolerance_scenarios(SHIPPED), *council_style_scenarios(SHIPPED)]
    wanted = [status_label(s) for s in STATUSES] + ["`percent_of_target`", "`absolute`", "perfdash/rag.py"]
    wanted += [name for name in scenarios if "nw-" not in name and "leicestershire's" not in name]
    assert [w for w in wanted if w not in RULE_DOC] == []


def test_the_worked_example_cites_the_real_bv9_line():
    line = (paths.SOURCES_DIR / "nw-leicestershire_council-delivery-plan_2007-10.txt").read_text(
        encoding="utf-8").splitlines()[992 - 1]
    assert line.startswith("BV9\t") and all(v in line for v in ("30.5%", "60.0%", "86.8%", "98.0%"))
    assert "nw-leicestershire_council-delivery-plan_2007-10.txt:992" in RULE_DOC
