"""Leicestershire Annual Plan 2007-08: curated prose figures turned into rows."""
import pytest

from perfdash.plans.curated import CuratedDataError
from perfdash.plans.document import load_document
from perfdash.plans.leicestershire import extract as leicestershire

PLAN_ID = "leicestershire-annual-2007"


@pytest.fixture(scope="module")
def document():
    return load_document(PLAN_ID)


@pytest.fixture(scope="module")
def parsed(document):
    return leicestershire.extract(document)


def _line(row):
    return int(row["source"].rsplit(":", 1)[1])


def _value(parsed, title_start, kind, year):
    matches = [v for v in parsed["indicator_values"]
               if v["indicator_id"].startswith(f"{PLAN_ID}:{title_start}") and v["kind"] == kind
               and v["year_start"] == year]
    assert len(matches) == 1, matches
    return matches[0]


@pytest.mark.parametrize("text, thousands", [
    ("£14.2m", 14200.0), ("£1.5million", 1500.0), ("£8m", 8000.0), ("£500k", 500.0), ("£300", 0.3),
])
def test_money_to_thousands(text, thousands):
    assert leicestershire.money_to_thousands(text) == thousands


@pytest.mark.parametrize("text", ["14.2m", "£", "about £9m", "4%"])
def test_money_to_thousands_rejects_what_is_not_a_sum(text):
    assert leicestershire.money_to_thousands(text) is None


def test_a_figure_not_on_its_line_is_refused(document):
    with pytest.raises(CuratedDataError):
        leicestershire._require_on_line(document, "41.29%", 316, "test")
    assert leicestershire._require_on_line(document, "41.29%", 317, "test").endswith(":317")


def test_every_value_text_is_printed_on_its_line(document, parsed):
    for table in ("indicator_values", "finance"):
        for row in parsed[table]:
            assert row["value_text"] in document.line(_line(row)), row


def test_spot_checked_figures(parsed):
    recycling = _value(parsed, "county-wide-household-waste", "estimate", 2006)
    assert (recycling["value"], recycling["period"], _line(recycling)) == (41.29, "2006/07", 317)
    youth = _value(parsed, "young-people-involved", "target", 2007)
    assert (youth["value"], _line(youth)) == (50.0, 49)
    placements_target = _value(parsed, "placement-changes", "target", 2006)
    placements_estimate = _value(parsed, "placement-changes", "estimate", 2006)
    assert (placements_target["value"], placements_estimate["value"]) == (16.0, 14.0)
    council_tax = _value(parsed, "council-tax-increase", "actual", 2007)
    assert (council_tax["value_text"], _line(council_tax)) == ("4.25%", 442)
    roadworks_before = _value(parsed, "residents-satisfied-with-how-well", "actual", 2005)
    roadworks_after = _value(parsed, "residents-satisfied-with-how-well", "actual", 2006)
    assert (roadworks_before["value"], roadworks_after["value"]) == (51.0, 56.0)
    equality = _value(parsed, "level-of-the-equality-standard", "actual", 2006)
    assert (equality["value"], _line(equality)) == (2.0, 416)


def test_indicators_are_curated_completely(parsed):
    ids = [row["indicator_id"] for row in parsed["indicators"]]
    assert len(ids) == len(set(ids)) == 40
    for row in parsed["indicators"]:
        assert row["unit"] and row["polarity"] and row["common_theme"]
        assert row["ref"] is None and row["profile"] is None
    assert {v["indicator_id"] for v in parsed["indicator_values"]} == set(ids)


def test_priorities_two_levels_in_plan_order(parsed):
    rows = sorted(parsed["priorities"], key=lambda row: row["order"])
    ids = [row["priority_id"].split(":")[1] for row in rows]
    assert ids[:2] == ["1", "1.1"] and rows[1]["title"] == "Increase Academic Attainment"
    assert rows[1]["theme"] == "Children and Young People" and rows[1]["timeframe"] == "2007/08"
    # 1.2 comes before 1.10 and 1.14, and priority 2 only after the last of priority 1's.
    assert ids.index("1.2") < ids.index("1.9") < ids.index("1.10") < ids.index("1.14") < ids.index("2")
    assert [row["order"] for row in rows] == list(range(1, len(rows) + 1))
    roads = next(row for row in rows if row["title"] == "Reduce road casualties")
    assert (roads["priority_id"], _line(roads), roads["common_theme"]) == (f"{PLAN_ID}:2.3", 238,
                                                                            "Transport & highways")
    assert all(row["rank"] is None for row in rows)
    assert len(set(ids)) == len(ids)


def test_indicators_link_to_known_priorities(parsed):
    known = {row["priority_id"] for row in parsed["priorities"]}
    motorcycles = next(row for row in parsed["indicators"] if row["title"] == "Reduction in motorcycle casualties")
    assert motorcycles["priority_id"] == f"{PLAN_ID}:2.3"
    assert all(row["priority_id"] in known for row in parsed["indicators"] if row["priority_id"])


def test_finance_in_thousands(parsed):
    savings = next(row for row in parsed["finance"] if row["value_text"] == "£14.2m")
    assert (savings["amount_gbp_000"], savings["kind"], _line(savings)) == (14200.0, "budget", 381)
    emda = next(row for row in parsed["finance"] if row["value_text"] == "£1.5million")
    assert (emda["amount_gbp_000"], emda["year_start"]) == (1500.0, 2006)


def test_numbers_in_words_keep_their_text_and_are_flagged(parsed):
    fifteen = _value(parsed, "commercial-sector-workplaces", "target", 2007)
    assert fifteen["value"] is None and fifteen["value_text"] == "fifteen"
    flagged = [f for f in parsed["quality_findings"] if f["category"] == "unparseable_value"]
    assert fifteen["indicator_id"] in {f["indicator_id"] for f in flagged}


def test_curated_findings_name_existing_indicators(parsed):
    ids = {row["indicator_id"] for row in parsed["indicators"]}
    for finding in parsed["quality_findings"]:
        assert finding["indicator_id"] is None or finding["indicator_id"] in ids


def test_millions_of_passengers_are_stored_as_passengers(document, parsed):
    """Line 278 prints "... passengers on County Council bus services to 2.62m": the "m" is part of
    the figure, so the count is 2,620,000 passengers, with the printed text kept."""
    assert "bus services to 2.62m" in document.line(278)
    passengers = _value(parsed, "passengers-on-county-council-bus-services", "actual", 2006)
    assert (passengers["value"], passengers["value_text"], _line(passengers)) == (2_620_000.0, "2.62m", 278)
    unit = next(row["unit"] for row in parsed["indicators"] if row["indicator_id"] == passengers["indicator_id"])
    assert unit == "count"
    assert not any(f["category"] == "unit_mismatch" and _line(f) == 278 for f in parsed["quality_findings"])


@pytest.mark.parametrize("line, label", [(165, "International"), (169, "Regional"), (172, "Sub regional"),
                                         (174, "Leicestershire"), (181, "Places")])
def test_place_labels_are_not_priorities(document, parsed, line, label):
    """Under "Leading and Engaging Communities" the plan heads its work by the scale of place it is done
    at; the labels are kept on the actions, and the section heading is its one sub-priority."""
    assert document.line(line).strip() == label
    assert not any(_line(row) == line for row in parsed["priorities"])
    actions = [row for row in parsed["actions"] if row["key_priority"] == label]
    assert actions and {row["priority_id"] for row in actions} == {f"{PLAN_ID}:2.1"}
    assert all(_line(row) > line for row in actions)
    [section] = [row for row in parsed["priorities"] if row["priority_id"] == f"{PLAN_ID}:2.1"]
    assert (section["title"], _line(section)) == ("Leading and Engaging Communities", 160)


def test_economic_place_labels_keep_their_common_theme(parsed):
    china = next(row for row in parsed["actions"] if "links with China" in row["title"])
    assert (china["key_priority"], _line(china), china["common_theme"]) == ("International", 168,
                                                                             "Economy, jobs & regeneration")
    centres = next(row for row in parsed["actions"] if "Access Centres Programme" in row["title"])
    assert (centres["key_priority"], centres["common_theme"]) == ("Leicestershire", "Stronger & inclusive communities")


def test_every_what_we_will_do_bullet_is_an_action(document, parsed):
    actions = parsed["actions"]
    assert len(actions) == 84
    assert [row["action_id"] for row in actions] == [f"{PLAN_ID}:A{n:03d}" for n in range(1, 85)]
    for row in actions:
        printed = document.line(_line(row))
        assert printed.lstrip().startswith("·") and row["title"][:40] in printed, row
    known = {row["priority_id"] for row in parsed["priorities"]}
    assert all(row["priority_id"] in known and "." in row["priority_id"].split(":")[1] for row in actions)
    # None from an "Our achievements in 2006-07" part: those bullets report the past year.
    in_achievements, lines = False, set()
    for number, text in document.numbered():
        in_achievements = (in_achievements or text.startswith("Our achievements")) and \
            not text.startswith("What we will do")
        if in_achievements:
            lines.add(number)
    assert lines and not {_line(row) for row in actions} & lines


@pytest.mark.parametrize("line, milestones", [
    (266, "in November 2007"),                       # customer service centre
    (63, "from 2007 to 2009"),                        # vulnerable young people service
    (302, "by the end of June 2007"),                 # LATS invitation to tender
    (251, "in Autumn 2007; during 2007-08"),          # Earl Shilton bypass, Loughborough scheme
    (403, "by December 2007"),                        # Equality Standard Level 3
    (340, "during the course of 2007-08"),            # alcohol strategy; "in 2006-07" is the past
    (312, None),                                      # "Following our good results in 2006-07": no due date
])
def test_milestones_are_the_dates_each_bullet_prints(parsed, line, milestones):
    [action] = [row for row in parsed["actions"] if _line(row) == line]
    assert action["milestones"] == milestones


def test_most_actions_sit_under_their_printed_sub_heading(parsed):
    by_line = {_line(row): row for row in parsed["actions"]}
    assert by_line[247]["key_priority"] == "Tackle congestion and improve air quality"
    assert by_line[247]["priority_id"] == f"{PLAN_ID}:2.4" and by_line[247]["theme"] == "Transport"
    assert by_line[218]["priority_id"] == f"{PLAN_ID}:2.2"  # culture: the section is its sub-priority
    assert sum(1 for row in parsed["actions"] if row["milestones"]) == 23


def test_extract_is_deterministic(document, parsed):
    assert leicestershire.extract(document) == parsed
