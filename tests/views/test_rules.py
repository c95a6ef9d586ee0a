"""Domain rules the pages rely on: polarity, direction of travel, ambition, verdicts."""
import pandas as pd
import pytest

from perfdash.polarity import (
    ambition_percent,
    better_or_worse,
    direction_of_travel,
    format_value,
    polarity_words,
)
from perfdash.views.compare import add_ambition, ambition_by_theme, shared_verdicts
from perfdash.views.overview import coverage_table, headline_totals
from perfdash.views.profiles import findings_by_indicator, page_count, page_of, profile_table
from perfdash.views.trends import direction_summary


@pytest.mark.parametrize("previous, current, polarity, expected", [
    (94.09, 98.0, "higher", "Improving"), (98.0, 94.09, "higher", "Worsening"),
    (11.07, 9.5, "lower", "Improving"), (9.5, 11.07, "lower", "Worsening"),
    (10, 10, "higher", "No change"), (10, 12, "neutral", "Not comparable"), (None, 12, "higher", "Not comparable"),
])
def test_direction_of_travel_reads_the_polarity(previous, current, polarity, expected):
    assert direction_of_travel(previous, current, polarity) == expected


def test_better_or_worse_and_polarity_words():
    assert better_or_worse(9.5, 11.07, "lower") == "Better"
    assert better_or_worse(94.0, 98.0, "higher") == "Worse"
    assert polarity_words("lower") == "Lower is better" and polarity_words(None) == "Polarity not set"


def test_ambition_is_positive_when_the_target_asks_for_improvement():
    assert ambition_percent(11.0, 10.0, "lower") == pytest.approx(100 / 11)
    assert ambition_percent(94.09, 98.0, "higher") == pytest.approx((98.0 - 94.09) / 94.09 * 100)
    assert ambition_percent(0.40, 0.50, "lower") < 0
    assert ambition_percent(0, 5, "higher") is None


def test_format_value_carries_the_unit():
    assert format_value(94.09, "percent") == "94.09%"
    assert format_value(1119850.0, "count") == "1,119,850"
    assert format_value(9.5, "days") == "9.5 days"
    assert format_value(None, "yes_no", "Yes") == "Yes"


def _series():
    rows = []
    for year, kind, v in [(2005, "actual", 11.07), (2006, "actual", 10.2), (2007, "target", 9.5)]:
        rows.append({"indicator_id": "n:BV12", "council_name": "NWL", "code": "BV12", "title": "Sickness",
                     "unit": "days", "polarity": "lower", "period": f"{year}/{(year + 1) % 100:02d}",
                     "year_start": year, "kind": kind, "value": v, "value_text": f"{v} days",
                     "source": f"f.txt:{year}", "plan_title": "Plan"})
    return pd.DataFrame(rows)


def test_direction_summary_uses_the_last_two_actuals():
    summary = direction_summary(_series()).iloc[0]
    assert summary["Direction of travel"] == "▲ Improving"
    assert summary["Latest actual"] == "10.2 days (2006/07)" and summary["Source of latest"] == "f.txt:2006"
    assert summary["Polarity"] == "Lower is better"


def test_ambition_table_and_theme_summary():
    frame = pd.DataFrame([
        {"council_name": "A", "code": "BV1", "title": "t1", "polarity": "lower", "start_value": 10.0,
         "target_value": 8.0, "start_kind": "actual", "start_period": "2006/07", "start_text": "10",
         "start_source": "a:1", "target_period": "2007/08", "target_text": "8", "target_source": "a:2",
         "common_theme": "Housing"},
        {"council_name": "B", "code": None, "title": "t2", "polarity": "higher", "start_value": 10.0,
         "target_value": 9.0, "start_kind": "baseline", "start_period": "2001/02", "start_text": "10",
         "start_source": "b:1", "target_period": "2005/06", "target_text": "9", "target_source": "b:2",
         "common_theme": "Housing"},
    ])
    ambition = add_ambition(frame)
    assert ambition["ambition"].tolist() == ["Stretch", "Accepts decline"]
    assert ambition["label"].tolist() == ["A · BV1", "B · t2"]
    theme = ambition_by_theme(ambition).iloc[0]
    assert (theme["targets"], theme["stretch"], theme["accepts_decline"]) == (2, 1, 1)


def test_the_shared_chart_is_bounded_in_codes_and_council_bars():
    from perfdash.views import compare as comparison

    assert comparison.draws_each_council(comparison.DETAIL_COUNCILS)
    assert not comparison.draws_each_council(comparison.DETAIL_COUNCILS + 1)
    assert comparison.codes_to_draw(4) == comparison.CHART_CODES  # the committed extracts: all three codes
    assert comparison.codes_to_draw(12) * 12 <= comparison.CHART_BARS
    assert comparison.codes_to_draw(350) == comparison.CHART_CODES  # counted per code, not a bar per council


def test_shared_verdicts_compare_with_target_and_other_councils():
    frame = pd.DataFrame([
        {"code": "BV12", "council_id": "a", "actual": 9.0, "target": 8.5, "polarity": "lower", "unit": "days",
         "actual_text": "9", "target_text": "8.5"},
        {"code": "BV12", "council_id": "b", "actual": 11.0, "target": 12.0, "polarity": "lower", "unit": "days",
         "actual_text": "11", "target_text": "12"},
    ])
    verdicts = shared_verdicts(frame).set_index("council_id")
    assert verdicts.loc["a", "against_target"] == "Worse" and verdicts.loc["b", "against_target"] == "Better"
    assert verdicts.loc["a", "against_other_councils"] == "Better than the others"
    assert verdicts.loc["b", "against_other_councils"] == "Worse than the others"
    assert verdicts.loc["a", "actual_shown"] == "9 days"


def test_overview_totals_and_coverage():
    summary = pd.DataFrame([{"name": "A", "tier": "district", "plans": 1, "priorities": 9, "indicators": 60,
                             "actions": 40, "figures": 300, "findings": 12, "first_year": 2005, "last_year": 2007},
                            {"name": "B", "tier": "county", "plans": 1, "priorities": 3, "indicators": 0,
                             "actions": 0, "figures": 0, "findings": 0, "first_year": None, "last_year": None}])
    totals = {label: total for label, total, _ in headline_totals(summary)}
    assert totals["Councils"] == 2 and totals["Priorities"] == 12 and totals["Figures"] == 300
    coverage = coverage_table(summary)
    assert coverage["Years covered"].tolist() == ["2005/06 to 2007/08", "no figures"]


def test_profile_table_paging_and_findings():
    profiles = pd.DataFrame([
        {"indicator_id": "x", "code": "BV9", "title": "Tax", "unit": "percent", "profile": "cumulative",
         "polarity": "higher", "quarter": q, "kind": "target", "value": v, "value_text": t, "source": "f:992"}
        for q, v, t in [(None, 98.0, "98.00%"), (1, 30.5, "30.5%"), (2, 60.0, "60.0%"), (3, 86.8, "86.8%"),
                        (4, 98.0, "98.0%")]])
    row = profile_table(profiles).iloc[0]
    assert [row["Annual target"], row["Q1 target"], row["Q4 target"]] == ["98.00%", "30.5%", "98.0%"]
    assert page_count(19) == 3 and page_of(list(range(19)), 3) == [18]
    findings = pd.DataFrame([{"indicator_id": "x", "severity": "warning", "message": "Q4 differs",
                              "source": "f:992"}])
    assert findings_by_indicator(findings).get("x") == ["⚠️ Q4 differs (f:992)"]
    assert "y" not in findings_by_indicator(findings)
