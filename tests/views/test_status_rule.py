""""How status is decided" is built from the rules configured now, not from a fixed text, and
names no file."""
from __future__ import annotations

import pandas as pd

from perfdash.rag import rule as rag
from perfdash.rag.settings import load_rules
from perfdash.views.status_rule import how_status_is_decided, indicators_of

RULES = rag.RagRules(
    default=rag.Rule("percent_of_target", 5),
    councils={"melton": rag.Rule("percent_of_target", 0), "leicester": rag.Rule("absolute", 2),
              "leicestershire": rag.Rule("percent_of_target", 10)},
    indicators={"nwl:BV9": rag.Rule("absolute", 0.5)})


def _tolerance(lines: list[str]) -> list[str]:
    return [line for line in lines if line.startswith("Tolerance for")]


def test_every_status_is_explained_with_its_icon_and_words():
    text = "\n".join(how_status_is_decided(RULES, "melton", "Melton Borough Council"))
    assert all(rag.status_label(status) in text for status in rag.STATUSES)


def test_each_council_is_told_its_own_tolerance_or_the_default():
    assert _tolerance(how_status_is_decided(RULES, "leicestershire", "Leicestershire County Council")) == [
        "Tolerance for Leicestershire County Council (the council's own setting): amber within 10% of target."]
    assert _tolerance(how_status_is_decided(RULES, "melton", "Melton Borough Council")) == [
        ("Tolerance for Melton Borough Council (the council's own setting): no amber band: anything worse than "
         "target is off target.")]
    assert "2 of target, in the indicator's own units" in _tolerance(how_status_is_decided(RULES, "leicester"))[0]
    assert _tolerance(how_status_is_decided(RULES, "nw-leicestershire", "NWL")) == [
        "Tolerance for NWL (the dashboard's default; the council has no setting of its own): amber within 5% of target."]


def test_an_indicator_with_its_own_tolerance_is_named():
    table = pd.DataFrame({"indicator_id": ["nwl:BV9", "nwl:VISITS"], "code": ["BV9", None],
                          "title": ["Council tax collected", "Leisure visits"], "unit": ["percent", "count"]})
    assert indicators_of(table) == [("nwl:BV9", "BV9 · Council tax collected", "percent"),
                                    ("nwl:VISITS", "Leisure visits", "count")]
    lines = _tolerance(how_status_is_decided(RULES, "nw-leicestershire", "NWL", indicators_of(table)))
    assert lines[1] == ("Tolerance for BV9 · Council tax collected (a setting for this indicator): "
                        "amber within 0.5 points of target.")
    assert len(lines) == 2  # Leisure visits follows the council's rule


def test_the_shipped_settings_are_explained_without_pointing_at_files():
    rules = load_rules()
    assert rules.councils  # the shipped file sets councils' tolerances
    for council, rule in rules.councils.items():
        lines = how_status_is_decided(rules, council)
        assert not [line for line in lines if "docs/" in line or ".md" in line or ".yaml" in line]
        amount = f"{rule.amber_tolerance:g}"
        expected = ("no amber band" if rule.amber_tolerance == 0 else
                    f"amber within {amount}% of target" if rule.style == "percent_of_target" else
                    f"amber within {amount} of target, in the indicator's own units")
        assert expected in _tolerance(lines)[0], (council, _tolerance(lines))
