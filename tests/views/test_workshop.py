"""The ranking workshop's scoring, order, tie-breaks, scenario files and the slope chart."""
import datetime as dt

import pandas as pd
import pytest
import yaml

from components.workshop_charts import build_rank_slope
from perfdash.views import workshop as ws
from perfdash.views import workshop_files as wf

COUNCIL = "nw-leicestershire"
IDS = [f"nwl:{n}" for n in (1, 2, 3)]
KNOWN = {COUNCIL: set(IDS), "leicester": {"lcc:1"}}


def rows(plan_ranks=(1, 2, 3)):
    return pd.DataFrame({"priority_id": IDS, "ref": ["1", "2", "3"], "title": ["Tenants", "Communities", "Value"],
                         "plan_rank": list(plan_ranks)})


def scenario(scores, criteria=None):
    return ws.Scenario(COUNCIL, criteria or {"Impact": 1.0, "Duty": 1.0}, scores)


def test_weighted_score_is_the_weighted_average_and_orders_highest_first():
    ranked = ws.rank_priorities(scenario({"nwl:2": {"Impact": 5, "Duty": 2}, "nwl:3": {"Impact": 1}},
                                         {"Impact": 3.0, "Duty": 1.0}), rows())
    assert ranked["priority_id"].tolist() == ["nwl:2", "nwl:3", "nwl:1"]
    assert ranked.loc[0, "weighted_score"] == pytest.approx((3 * 5 + 1 * 2) / 4)
    assert ranked["workshop_rank"].tolist() == [1, 2, 3]
    assert ranked.loc[0, "movement"] == "▲ up 1" and ranked.loc[2, "movement"] == "▼ down 2"


def test_a_weight_of_zero_leaves_a_criterion_out():
    weights = {"Impact": 1.0, "Duty": 0.0}
    ranked = ws.rank_priorities(scenario({"nwl:3": {"Duty": 5}, "nwl:1": {"Impact": 1}}, weights), rows())
    assert ranked["priority_id"].tolist() == ["nwl:1", "nwl:2", "nwl:3"]


def test_ties_keep_the_plans_own_order_and_say_so():
    # Equal scores: the plan's rank decides, whatever order the rows arrive in.
    shuffled = rows(plan_ranks=(3, 1, 2))
    ranked = ws.rank_priorities(scenario({p: {"Impact": 4, "Duty": 4} for p in IDS}), shuffled)
    assert ranked["priority_id"].tolist() == ["nwl:2", "nwl:3", "nwl:1"]
    assert (ranked["tied"] == "= tied: plan order kept").all()
    assert (ranked["movement"] == "= no change").all()


def test_scores_equal_to_six_places_count_as_a_tie():
    # 1/3-weighted sums that differ only by floating-point noise must not reorder.
    noisy = {"nwl:1": {"Impact": 0.1, "Duty": 0.2}, "nwl:2": {"Impact": 0.3, "Duty": 0.0}}
    ranked = ws.rank_priorities(scenario(noisy), rows(plan_ranks=(2, 1, 3)))
    assert ranked["priority_id"].tolist()[:2] == ["nwl:2", "nwl:1"]


def test_all_zero_or_negative_weights_cannot_rank():
    assert ws.weight_problems({"Impact": 0.0, "Duty": 0.0})
    assert "negative" in ws.weight_problems({"Impact": -1.0, "Duty": 2.0})[0]
    with pytest.raises(ValueError):
        ws.rank_priorities(scenario({}, {"Impact": 0.0}), rows())


def test_tables_round_trip_to_a_scenario_with_blanks_as_zero():
    base = scenario({"nwl:1": {"Impact": 2}})
    scores = ws.scores_table(base, rows())
    scores.loc[1, "Duty"] = None
    weights = ws.weights_table(base)
    back = ws.scenario_from_tables(COUNCIL, weights, scores, "note", dt.date(2008, 3, 1))
    assert back.scores["nwl:1"] == {"Impact": 2.0, "Duty": 0.0} and back.scores["nwl:2"]["Duty"] == 0.0
    assert back.criteria == {"Impact": 1.0, "Duty": 1.0}


def test_scenario_yaml_round_trip():
    original = ws.Scenario(COUNCIL, {"Community impact": 2.0, "Statutory duty": 0.5},
                           {"nwl:1": {"Community impact": 4.0, "Statutory duty": 1.5},
                            "nwl:3": {"Community impact": 0.0, "Statutory duty": 5.0}},
                           note="Cabinet away day", created=dt.date(2008, 1, 15))
    text = wf.scenario_to_yaml(original)
    assert yaml.safe_load(text)["format"] == wf.FORMAT
    restored, problems = wf.parse_scenario(text.encode(), KNOWN)
    assert problems == [] and restored == original


def test_created_date_may_be_omitted():
    text = wf.scenario_to_yaml(ws.default_scenario(COUNCIL))
    assert "created" not in yaml.safe_load(text)
    restored, problems = wf.parse_scenario(text.encode(), KNOWN)
    assert not problems and restored.created is None and list(restored.criteria) == list(ws.DEFAULT_CRITERIA)


def good(**changes):
    document = {"council": COUNCIL, "criteria": [{"name": "Impact", "weight": 1}], "scores": {"nwl:1": {"Impact": 3}}}
    document.update(changes)
    return yaml.safe_dump(document).encode()


@pytest.mark.parametrize("data, expected", [
    (b"x" * (wf.MAX_SCENARIO_BYTES + 1), "at most 64 KB"),
    (b"\xff\xfe council", "not UTF-8"),
    (b"council: [unclosed", "not valid YAML at line"),
    (b"- just\n- a list\n", "does not hold a scenario"),
    (good(colour="red"), "Unknown keys: colour"),
    (good(format="something-else/9"), "this dashboard reads"),
    (good(council="rutland"), "'rutland'"),
    (good(scores={"nwl:99": {"Impact": 1}}), "“nwl:99” is not a priority of nw-leicestershire"),
    (good(scores={"lcc:1": {"Impact": 1}}), "“lcc:1” is not a priority of nw-leicestershire"),
    (good(scores={"nwl:1": {"Impact": 6}}), "scores run from 0 to 5"),
    (good(scores={"nwl:1": {"Impact": -1}}), "scores run from 0 to 5"),
    (good(scores={"nwl:1": {"Impact": "high"}}), "is not a number"),
    (good(scores={"nwl:1": {"Reach": 2}}), "not a listed criterion"),
    (good(criteria=[{"name": "Impact", "weight": -2}]), "negative"),
    (good(criteria=[{"name": "Impact", "weight": 0}, {"name": "Duty", "weight": 0}]), "Every weight is 0"),
    (good(criteria=[{"name": "Impact", "weight": 1}, {"name": "Impact", "weight": 2}]), "more than once"),
    (good(criteria=[{"name": "Impact", "weight": "lots"}]), "not a number"),
    (good(criteria=[]), "must be a list of criteria"),
    (good(created="next Tuesday"), "YYYY-MM-DD"),
    (good(note=["not", "text"]), "“note” must be text"),
    (yaml.safe_dump({"council": COUNCIL}).encode(), "“criteria” is missing"),
])
def test_each_invalid_scenario_is_refused_with_a_plain_reason(data, expected):
    scenario_, problems = wf.parse_scenario(data, KNOWN)
    assert scenario_ is None
    assert any(expected in problem for problem in problems), problems


def test_every_problem_is_listed_at_once():
    _, problems = wf.parse_scenario(good(council="rutland", criteria=[{"name": "Impact", "weight": -1}],
                                         created="soon"), KNOWN)
    assert len(problems) == 3


def test_an_unknown_council_names_a_few_councils_not_every_one_in_the_country():
    national = {f"synthetic-{n:03d}": {f"synthetic-{n:03d}:P1"} for n in range(1, 351)}
    _, problems = wf.parse_scenario(good(council="rutland"), national)
    council = next(problem for problem in problems if "“council”" in problem)
    assert "synthetic-001, synthetic-002" in council and council.endswith("synthetic-010 and 340 more.")


def test_a_bad_upload_changes_nothing_in_the_session_state():
    state = {"wc": "leicester", "ws_version": 4, "ws_base": "the meeting's work"}
    before = dict(state)
    problems = wf.apply_upload(state, good(scores={"nwl:1": {"Impact": 9}}), KNOWN, "wc")
    assert problems and state == before


def test_a_good_upload_restores_the_scenario_and_moves_the_council_picker():
    state = {"wc": "leicester", "ws_version": 4}
    assert wf.apply_upload(state, good(), KNOWN, "wc") == []
    assert state["wc"] == COUNCIL and state["ws_version"] == 5 and state["ws_base"].scores == {"nwl:1": {"Impact": 3.0}}


def test_changing_criteria_keeps_kept_scores_and_starts_new_ones_at_zero():
    changed = ws.with_criteria(scenario({"nwl:1": {"Impact": 4, "Duty": 2}}, {"Impact": 2.0, "Duty": 1.0}),
                               ["Impact", "Cost"])
    assert changed.criteria == {"Impact": 2.0, "Cost": 1.0}
    assert changed.scores == {"nwl:1": {"Impact": 4}} and changed.score("nwl:1", "Cost") == 0.0
    assert ws.criteria_problems(["A", "A"]) and ws.criteria_problems([]) and not ws.criteria_problems(["A", "B"])


def test_criteria_typed_one_per_line_drop_blank_lines_and_spaces():
    assert ws.criteria_from_text("  Impact \n\n Cost\n   \n") == ["Impact", "Cost"]
    assert ws.criteria_from_text("") == []


def test_the_workshop_lists_only_councils_with_priorities_in_the_pickers_order():
    listed = pd.DataFrame({"council_id": ["melton", "leicester", "leicester"], "priority_id": ["m:1", "l:1", "l:2"]})
    assert ws.councils_with_priorities(listed, ["leicester", "rutland", "melton"]) == ["leicester", "melton"]
    assert ws.known_by_council(listed) == {"melton": {"m:1"}, "leicester": {"l:1", "l:2"}}


def test_workshop_rows_are_one_councils_priorities_in_the_plans_printed_order():
    table = pd.DataFrame({"council_id": ["a", "b", "a"], "priority_id": ["a:2", "b:1", "a:1"], "ref": ["2", "1", "1"],
                          "title": ["Second", "Other", "First"], "plan_rank": [2, 1, 1], "ranked_by_plan": [True] * 3,
                          "position": [2, 1, 1]})
    assert ws.workshop_rows(table, "a")["priority_id"].tolist() == ["a:1", "a:2"]


@pytest.mark.parametrize("ranked, words", [(True, ("Plan rank", "Plan's ranking")),
                                           (False, ("Plan order", "Plan's order"))])
def test_a_plan_without_ranks_is_called_an_order_not_a_ranking(ranked, words):
    assert ws.plan_order_words(rows().assign(ranked_by_plan=ranked)) == words


def test_the_ranking_table_has_labelled_columns_in_reading_order():
    ranked = ws.rank_priorities(scenario({"nwl:3": {"Impact": 5, "Duty": 5}}), rows())
    table = ws.ranking_table(ranked, "Plan's ranking")
    assert list(table.columns) == ["Workshop rank", "Ref", "Priority", "Weighted score (0-5)", "Plan's ranking",
                                   "Change from the plan", "Tie"]
    first = table.iloc[0]
    assert (first["Priority"], first["Plan's ranking"], first["Change from the plan"]) == ("Value", 3, "▲ up 2")


def test_slope_chart_draws_each_priority_from_plan_rank_to_workshop_rank():
    ranked = ws.rank_priorities(scenario({"nwl:3": {"Impact": 5, "Duty": 5}}), rows())
    figure = build_rank_slope(ranked)
    assert "rank, 1 = first priority" in figure.layout.title.text
    assert figure.layout.yaxis.title.text == "Plan's ranking (1 = first priority)"
    assert figure.layout.yaxis2.title.text == "Workshop rank (1 = first priority)"
    assert list(figure.layout.yaxis.range) == [3.5, 0.5]  # rank 1 at the top
    lines = {trace.hovertext[0].split("<br>")[0]: (list(trace.y), trace.line.dash)
             for trace in figure.data if trace.hovertext}
    assert lines["<b>3 · Value</b>"] == ([3, 1], "solid")
    assert lines["<b>1 · Tenants</b>"] == ([1, 2], "dash")
    # Movement is in words as well as colour: the legend and the right-hand names say it.
    assert {trace.name for trace in figure.data if trace.showlegend} == {"▲ Moved up", "▼ Moved down"}
    # Each priority is named at both ends, in the plan's order on the left and the workshop's on the right.
    assert list(figure.layout.yaxis.ticktext) == ["1. 1 · Tenants", "2. 2 · Communities", "3. 3 · Value"]
    assert list(figure.layout.yaxis2.ticktext) == ["1. 3 · Value ▲", "2. 1 · Tenants ▼", "3. 2 · Communities ▼"]


def test_slope_chart_names_a_plan_without_ranks_by_its_order():
    figure = build_rank_slope(ws.rank_priorities(scenario({}), rows()), left_label="Plan's order")
    assert figure.layout.title.text.startswith("Plan's order against the workshop's ranking")
    assert list(figure.layout.xaxis.ticktext) == ["Plan's order", "Workshop ranking"]
