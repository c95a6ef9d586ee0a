"""The Compare page's tables in the users' words: labelled columns, units and polarity in words,
and no None where a plan prints no figure."""
import pandas as pd

from components.compare_tables import column_config, readable


def shared_rows():
    return pd.DataFrame([
        {"code": "BV12", "council_id": "nwl", "council_name": "NWL", "indicator_id": "nwl:BV12",
         "title": "Sickness", "unit": "days", "polarity": "lower", "actual_period": "2006/07", "actual": 11.07,
         "actual_shown": "11.07 days", "target_period": None, "target": float("nan"), "target_shown": None,
         "against_target": "Not comparable"}])


def test_every_column_is_labelled_in_words_and_ids_are_hidden():
    config = column_config(shared_rows())
    assert config["council_id"] is None and config["indicator_id"] is None
    labels = [label for label in config.values() if label]
    assert "Council" in labels and "Next target" in labels and "Actual vs target" in labels
    assert not [label for label in labels if "_" in label]
    assert set(config) == set(shared_rows().columns)


def test_a_missing_figure_reads_not_reported_and_units_and_polarity_read_as_words():
    row = readable(shared_rows()).iloc[0]
    assert row["target_shown"] == "not reported" and row["target_period"] == "—"
    assert (row["unit"], row["polarity"]) == ("days", "Lower is better")
    assert row["actual_shown"] == "11.07 days"  # figures the plan prints are left as printed
    assert pd.isna(row["target"])  # numbers stay numbers, so the column still sorts as numbers
