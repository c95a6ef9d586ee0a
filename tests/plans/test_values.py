import pytest

from perfdash.plans.values import (
    is_missing,
    is_yes_no,
    normalise_code,
    parse_number,
    period_label,
    year_start,
)


@pytest.mark.parametrize("printed, code", [
    ("BV 109(a)", "BV109a"), ("82(a)(i)", "BV82ai"), ("BVPI63", "BV63"), ("BV 63", "BV63"),
    ("BVP66c*", "BV66c"), ("BV9", "BV9"), ("216a", "BV216a"), ("BV 127b", "BV127b"),
    ("LC ED13", "LCED13"), ("PSA 7", "PSA7"), ("", None), (None, None),
])
def test_normalise_code_follows_the_contract(printed, code):
    assert normalise_code(printed) == code


def test_bare_numbers_need_not_be_best_value_codes():
    assert normalise_code("217", bare_numbers_are_bv=False) == "217"


@pytest.mark.parametrize("printed, number", [
    ("94.09%", 94.09), ("1,119,850", 1119850.0), ("4955t", 4955.0), ("£52.29", 52.29), ("-1.8%", -1.8),
    ("11.07 days", 11.07), ("20,000*", 20000.0), ("2.5 weeks", 2.5), ("453kg", 453.0), ("(1,234)", -1234.0),
])
def test_parse_number_reads_the_number_as_printed(printed, number):
    assert parse_number(printed) == pytest.approx(number)


@pytest.mark.parametrize("printed", ["N/A", "NA", "Not set", "Yes", "No", "", "97.40% Annual target", "(12", "to 40%"])
def test_parse_number_refuses_what_is_not_a_plain_number(printed):
    assert parse_number(printed) is None


def test_missing_and_yes_no_words():
    assert all(is_missing(text) for text in ["N/A", "NA", "Not set", " ", "-"])
    assert not is_missing("0")
    assert is_yes_no("Yes") and is_yes_no("No ") and not is_yes_no("Not set")


@pytest.mark.parametrize("label, year", [("2007/08", 2007), ("2007 / 2008", 2007), ("2003/4", 2003),
                                         ("2005-06", 2005), ("Actual 2001/02", 2001)])
def test_year_start_is_the_first_calendar_year(label, year):
    assert year_start(label) == year


def test_year_start_refuses_text_without_a_year():
    with pytest.raises(ValueError):
        year_start("Quarter 1")


def test_period_label_round_trips():
    assert period_label(2007) == "2007/08" and year_start(period_label(1999)) == 1999
