import pytest

from perfdash.plans.values import (
    heading_scale,
    in_thousands,
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


@pytest.mark.parametrize("printed, number", [
    ("2.62m", 2_620_000.0), ("£500k", 500_000.0), ("£4M", 4_000_000.0), ("£1.5million", 1_500_000.0),
    ("£0.718m", 718_000.0), ("£7.5k", 7_500.0), ("£800K", 800_000.0),
])
def test_a_printed_multiplier_is_part_of_the_value(printed, number):
    # Exactly, not approximately: 2.62 x 1,000,000 must not become 2620000.0000000005.
    assert parse_number(printed) == number


def test_a_unit_is_not_read_as_a_multiplier():
    assert parse_number("453kg") == 453.0 and parse_number("4955t") == 4955.0


@pytest.mark.parametrize("heading, scale", [("£'000", 1000), ("£000", 1000), ("£ '000", 1000), ("£m", 1_000_000),
                                            ("Expenditure", 1), ("", 1)])
def test_heading_scale_reads_the_multiplier_a_heading_prints(heading, scale):
    assert heading_scale(heading) == scale


@pytest.mark.parametrize("printed, scale, thousands", [
    ("£14.2m", 1, 14200.0), ("£1.5million", 1, 1500.0), ("£500k", 1, 500.0), ("£300", 1, 0.3),
    ("170", 1000, 170.0), ("(1,234)", 1000, -1234.0), ("£0.5m", 1, 500.0),
])
def test_in_thousands_for_the_finance_table(printed, scale, thousands):
    assert in_thousands(printed, scale) == thousands


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
