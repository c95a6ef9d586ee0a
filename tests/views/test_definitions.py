"""Each indicator's panel text: the national definition of its code, or its plan's own wording."""
import pandas as pd

from perfdash.plans.dictionary import load_dictionary
from perfdash.views.definitions import LOCAL, NOT_IN_DICTIONARY, definitions_for


def indicator(indicator_id, code, unit="days", polarity="lower"):
    return {"indicator_id": indicator_id, "council_name": "NWL", "code": code, "ref": code, "title": "As printed",
            "unit": unit, "polarity": polarity, "source": "nwl.txt:994", "plan_title": "NWL plan"}


def test_a_national_code_takes_the_dictionarys_title_definition_and_sources():
    entry = load_dictionary().get("BV12")
    [row] = definitions_for(pd.DataFrame([indicator("nwl:BV12", "BV12")])).to_dict("records")
    assert row["national_title"] == entry.title and row["definition"] == entry.definition
    assert row["defined_by"] == load_dictionary().short_citation(entry) and "BVPI guidance" in row["defined_by"]
    assert (row["title"], row["source"], row["plan_title"]) == ("As printed", "nwl.txt:994", "NWL plan")


def test_unit_and_polarity_are_the_indicators_own_in_words():
    [row] = definitions_for(pd.DataFrame([indicator("x", "BV9", unit="percent", polarity="higher")])).to_dict(
        "records")
    assert row["unit_words"] == "% (percent)" and row["polarity_words"] == "Higher is better"
    [row] = definitions_for(pd.DataFrame([indicator("y", None, unit=None, polarity=None)])).to_dict("records")
    assert row["unit_words"] == "not stated" and row["polarity_words"] == "Polarity not set"


def test_a_local_indicator_is_defined_by_its_plans_wording_and_an_unknown_national_code_says_so():
    rows = definitions_for(pd.DataFrame([indicator("a", None), indicator("b", "LCED13"), indicator("c", "BV999")]))
    by_id = rows.set_index("indicator_id")
    assert by_id.loc["a", "definition"] == LOCAL and by_id.loc["b", "definition"] == LOCAL
    assert by_id.loc["a", "defined_by"] == "NWL plan"
    assert by_id.loc["c", "definition"] == NOT_IN_DICTIONARY


def test_an_entry_without_a_definition_points_to_its_note():
    entry = next(e for e in load_dictionary().entries.values() if e.definition is None)
    [row] = definitions_for(pd.DataFrame([indicator("z", entry.code)])).to_dict("records")
    assert "see the note" in row["definition"] and row["note"] == entry.note
