"""docs/REGISTER.md is the format: its columns and vocabularies are the code's, and its worked
example parses into the figures the bundled extracts hold for North West Leicestershire."""
import re

import pytest

from perfdash.paths import ROOT
from perfdash.plans.contract import ACTION_STATUSES, POLARITIES, PROFILES, TIERS
from perfdash.plans.register import quarter_target, read_register, validate_register
from perfdash.plans.register.build import PLAN_TYPE
from perfdash.plans.register.columns import (
    GUIDANCE_COLUMNS,
    SHEETS,
    common_themes,
    names,
    units,
)
from tests.plans.register.helpers import check, row

DOC = (ROOT / "docs" / "REGISTER.md").read_text(encoding="utf-8")
EXAMPLE_IDS = ["nwl-delivery-2007:BV9", "nwl-delivery-2007:BV12", "nwl-delivery-2007:BV106"]


def _example() -> bytes:
    block = re.search(r"<!-- register-example -->\n```csv\n(.*?)```", DOC, flags=re.DOTALL)
    assert block, "docs/REGISTER.md has lost its register example block"
    return block.group(1).encode("utf-8")


def _fenced_after(words: str) -> str:
    return re.search(re.escape(words) + r".*?```\n(.*?)\n```", DOC, flags=re.DOTALL).group(1)


def test_every_column_of_every_table_is_documented():
    documented = set(re.findall(r"^\| `([a-z0-9_]+)` \|", DOC, flags=re.MULTILINE))
    indicator_columns = set(names(SHEETS["indicators"])) | set(GUIDANCE_COLUMNS)
    assert indicator_columns - documented == set()
    for table in ("priorities", "actions"):
        section = DOC.split("## Priorities and actions", 1)[1].split("\n## ", 1)[0]
        assert [c for c in names(SHEETS[table]) if f"`{c}`" not in section] == []


def test_every_vocabulary_word_is_documented():
    vocabularies = DOC.split("## Vocabularies", 1)[1].split("\n## ", 1)[0]
    for word in (*TIERS, *POLARITIES, *PROFILES, *ACTION_STATUSES, *units()):
        assert f"`{word}`" in vocabularies, word
    folded = " ".join(vocabularies.split())
    for theme in common_themes():
        assert theme in folded, theme


def test_the_worked_example_is_the_bundled_indicators_with_their_printed_figures(known):
    report = validate_register(read_register([("register.csv", _example())]), known)
    assert report.problems == [], report.summary()
    assert report.frames["indicators"].empty and report.frames["plans"].empty and report.frames["councils"].empty
    imported = report.frames["indicator_values"]
    assert imported["indicator_id"].drop_duplicates().tolist() == EXAMPLE_IDS
    bundled = known["indicator_values"]
    for indicator_id in EXAMPLE_IDS:
        ours = imported[imported["indicator_id"] == indicator_id]
        theirs = bundled[bundled["indicator_id"] == indicator_id]
        targets = theirs[(theirs["kind"] == "target") & (theirs["year_start"] == 2007)]
        got = ours[ours["kind"] == "target"]
        assert sorted(zip(got["quarter"].astype("float").fillna(0), got["value"])) == sorted(
            zip(targets["quarter"].astype("float").fillna(0), targets["value"])), indicator_id
        actual = theirs[(theirs["kind"] == "actual") & (theirs["year_start"] == 2005)]["value"].tolist()
        assert ours[ours["kind"] == "baseline"][["year_start", "value"]].values.tolist() == [[2005, actual[0]]]


def test_the_worked_examples_source_lines_are_the_plans_own(known):
    printed = _fenced_after("1015 of `data/sources/nw-leicestershire_council-delivery-plan_2007-10.txt`:")
    source = (ROOT / "data" / "sources" / "nw-leicestershire_council-delivery-plan_2007-10.txt").read_text(
        encoding="utf-8").split("\n")
    assert printed.split("\n") == [source[991], source[993], source[1014]]
    bundled = known["indicators"].set_index("indicator_id")["source"]
    assert [bundled[i].rsplit(":", 1)[1] for i in EXAMPLE_IDS] == ["992", "994", "1015"]


def test_the_worked_examples_warning_is_what_the_import_says(known):
    report = validate_register(read_register([("register.csv", _example())]), known)
    assert [str(w) for w in report.warnings] == [_fenced_after("(`nwl-delivery-2007-004`):")]


def test_the_worked_example_for_a_council_not_yet_known(known):
    county = known["councils"][known["councils"]["council_id"] == "leicestershire"]
    report = validate_register(read_register([("register.csv", _example())]), {"councils": county})
    assert report.ok
    assert report.frames["plans"][["plan_type", "period_label"]].values.tolist() == [[PLAN_TYPE, "2007/08"]]
    assert report.frames["councils"][["council_id", "tier", "parent_council_id"]].values.tolist() == [
        ["nw-leicestershire", "district", "leicestershire"]]
    themes = report.frames["indicators"].set_index("indicator_id")["common_theme"]
    assert themes.tolist() == ["Corporate health & value for money"] * 2 + ["Economy, jobs & regeneration"]
    nothing = validate_register(read_register([("register.csv", _example())]), {})
    assert str(nothing.problems[0]) == _fenced_after("because its parent is unknown:")


def test_the_documented_quarter_rule_for_bv9_alone():
    rule = DOC.split("## Quarters without quarterly targets", 1)[1].split("\n## ", 1)[0]
    shares = [float(x) for x in re.findall(r"against ([\d.]+)%", rule.split("BV9's annual 98% alone", 1)[1])]
    assert shares == [quarter_target(98, q, "cumulative", "percent")[0] for q in (1, 2, 3, 4)]


@pytest.mark.parametrize("profile, unit, expected", [
    ("cumulative", "percent", [24.5, 49.0, 73.5, 98.0]),
    ("cumulative", "count", [25.0, 50.0, 75.0, 100.0]),
    ("per_quarter", "count", [25.0] * 4),
    ("snapshot", "gbp_000", [25.0] * 4),
    ("snapshot", "percent", [100.0] * 4),
    (None, "days", [100.0] * 4),
    ("per_quarter", "rate_per_1000", [100.0] * 4),
    ("cumulative", "yes_no", [100.0] * 4),
])
def test_quarters_without_quarterly_targets_follow_the_documented_table(profile, unit, expected):
    annual = 98 if expected[-1] == 98.0 else 100
    assert [quarter_target(annual, q, profile, unit)[0] for q in (1, 2, 3, 4)] == pytest.approx(expected)
    with pytest.raises(ValueError):
        quarter_target(annual, 5, profile, unit)


@pytest.mark.parametrize("cells, documented", [
    ({"tier": "borough"}, "column tier: 'borough' is not a tier; write one of unitary, county, district"),
    ({"ref": ""}, "column ref: ref is missing"),
    ({"year": "2020-21"}, "column year: '2020-21' is not a financial year; write it like 2020/21"),
    ({"annual_target": "120%"}, "column annual_target: '120%' is a percentage outside 0-100"),
    ({"parent_council_id": "cambs"},
     "column parent_council_id: 'cambs' is not a known council, nor one this register describes"),
])
def test_the_documented_refusals_are_the_messages_given(known, cells, documented):
    refusals = DOC.split("## What is refused", 1)[1].split("\n## ", 1)[0]
    assert documented in refusals
    report = check([row(**{"ref": "KPI1", **cells})], known)
    assert any(str(problem).endswith(documented) for problem in report.problems), report.summary()
