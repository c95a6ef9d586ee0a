"""What an indicator's panel says about it: its definition, unit, polarity and source. A national
code takes its definition from the national indicator dictionary (perfdash.plans.dictionary); a
local indicator's only definition is its plan's own wording."""
from __future__ import annotations

import pandas as pd

from perfdash.plans.dictionary import IndicatorDictionary, load_dictionary
from perfdash.polarity import polarity_words, unit_label

DEFINITION_COLUMNS = ["indicator_id", "code", "title", "national_title", "definition", "defined_by", "note",
                      "unit", "unit_words", "polarity", "polarity_words", "source", "plan_title"]
LOCAL = "Local indicator: the plan's own wording is its only definition."
NOT_IN_DICTIONARY = "The national indicator dictionary does not hold this code."


def _unit_words(unit) -> str:
    if not isinstance(unit, str) or not unit:
        return "not stated"
    label = unit_label(unit)
    return unit if label == unit else f"{label} ({unit})"


def definitions_for(indicators: pd.DataFrame, dictionary: IndicatorDictionary | None = None) -> pd.DataFrame:
    """One row per indicator (rows of queries/indicator_definitions.sql): its national title,
    definition and the documents it comes from, or words saying why there is none."""
    dictionary = dictionary or load_dictionary()
    rows = []
    for indicator in indicators.drop_duplicates("indicator_id").to_dict("records"):
        code = indicator.get("code") if isinstance(indicator.get("code"), str) else None
        entry = dictionary.get(code) or dictionary.lookup(code)
        if entry is None:
            definition = NOT_IN_DICTIONARY if code and code[:2] in ("BV", "NI") else LOCAL
            national_title, defined_by, note = None, f"{indicator.get('plan_title') or 'The plan'}", None
        else:
            definition = entry.definition or "No definition is given here: see the note."
            national_title, defined_by, note = entry.title, dictionary.short_citation(entry), entry.note
        rows.append({
            "indicator_id": indicator["indicator_id"], "code": code, "title": indicator.get("title"),
            "national_title": national_title, "definition": definition, "defined_by": defined_by, "note": note,
            "unit": indicator.get("unit"), "unit_words": _unit_words(indicator.get("unit")),
            "polarity": indicator.get("polarity"), "polarity_words": polarity_words(indicator.get("polarity")),
            "source": indicator.get("source"), "plan_title": indicator.get("plan_title"),
        })
    return pd.DataFrame(rows, columns=DEFINITION_COLUMNS)
