"""Reading the Leicester Corporate Plan's cell text: HTML clean-up, the figure in a target
phrase, the unit it is printed in, and the financial years the words around it date it to."""
from __future__ import annotations

import re

from perfdash.plans.values import is_missing, parse_number

# The plan runs April 2003 to March 2006 ("our key priorities until March 2006", line 19).
PLAN_YEARS = (2003, 2004, 2005)
HORIZON = PLAN_YEARS[-1]
# Value cells that say there is no figure yet: kept with a NULL value and not flagged.
NO_FIGURE_YET = ("new pi", "baseline data still being collected.")
UNIT_WORDS = {"percent": "a percentage", "rate_per_1000": "a rate per 1,000", "days": "days", "level": "a level",
              "gbp": "pounds", "gbp_000": "thousands of pounds",
              "count": "a count", "score": "a score", "yes_no": "Yes/No"}
# "by April 2004" means by the end of 2003/04; "by Autumn 2004" falls in 2004/05.
_MONTHS_CLOSING_A_YEAR = ("january", "february", "march", "april")

_HTML = re.compile(r"</?(?:p|br|i|b|u|sup|sub|ul|li|em|strong)\s*/?>", re.I)
_FULL_YEAR = re.compile(r"\b((?:19|20)\d{2})\s*/\s*(\d{2})\b")
_SHORT_YEAR = re.compile(r"\b(\d{2})/(\d{2})\b")
_RANGE = re.compile(r"\b((?:19|20)\d{2})\s*[-–]\s*((?:19|20)\d{2})\b")
_BY = re.compile(r"\bby\s+(?:the\s+year\s+)?(?:\d{1,2}\s*(?:st|nd|rd|th)?\s+)?(?:([a-z]+)\s+)?((?:19|20)\d{2})\b",
                 re.I)
YEAR = re.compile(r"\b((?:19|20)\d{2})\b")
_FIGURE = re.compile(r"level\s+\d+|XX(?:,\d{3})?\s?%?|£\s?\d[\d,]*(?:\.\d+)?\s?[mk]?\b"
                     r"|\d[\d,]*(?:\.\d+)?(?:\s?%|\s+per\s+1,?000)?", re.I)


def clean(text: str) -> str:
    """Cell text without HTML or markdown remnants, on one line."""
    text = _HTML.sub(" ", text).replace("**", "")
    text = re.sub(r"(?<=[a-z])- (?=[a-z])", "-", text)  # "anti- social": a hyphen the conversion split
    return re.sub(r"\s+", " ", text).strip()


def read_when(text: str) -> tuple[int, ...]:
    """Start years of the financial years a phrase dates a figure to; () when it names none.

    "by <year>" is a deadline: "by 2006" is the plan's end, March 2006, so 2005/06. A year on its
    own ("in 2005", "(2003)", "Interim 2004") is the financial year that starts in it.
    """
    if re.search(r"\beach year\b", text, re.I):
        return PLAN_YEARS
    if match := _FULL_YEAR.search(text):
        return (int(match.group(1)),)
    if match := _SHORT_YEAR.search(text):
        return (2000 + int(match.group(1)),)
    if match := _RANGE.search(text):
        return (int(match.group(2)) - 1,)  # a target for a span of years is due by its end
    if match := _BY.search(text):
        month = (match.group(1) or "").lower()
        year = int(match.group(2))
        return (year if month and month not in _MONTHS_CLOSING_A_YEAR else year - 1,)
    if match := YEAR.search(text):
        return (int(match.group(1)),)
    return ()


def first_figure(phrase: str) -> re.Match | None:
    """The first printed figure in a target phrase that is not a year."""
    for match in _FIGURE.finditer(phrase):
        if not YEAR.fullmatch(match.group(0).strip()):
            return match
    return None


def printed_unit(value_text: str) -> str | None:
    """The unit a figure carries in print, in the taxonomy's words (None for a bare number)."""
    text = value_text.strip().lower()
    if "%" in text:
        return "percent"
    if re.search(r"per\s+1,?000", text):
        return "rate_per_1000"
    if re.search(r"\bdays?\b", text):
        return "days"
    if text.startswith("level"):
        return "level"
    # "£4M" is pounds: its multiplier is part of the value (perfdash.plans.values.parse_number).
    return "gbp" if text.startswith("£") else None


def read_value(value_text: str) -> tuple[float | None, bool]:
    """(value, readable): the number a value cell prints; readable is False for a cell that is
    neither a figure nor a recognised way of saying there is none (e.g. the placeholder "XX%")."""
    text = value_text.strip()
    if is_missing(text) or text.lower() in NO_FIGURE_YET:
        return None, True
    if match := re.fullmatch(r"level\s+(\d+)", text, re.I):
        return float(match.group(1)), True
    text = re.sub(r"\s+per\s+1,?000$", "", text, flags=re.I)
    value = parse_number(text)
    return value, value is not None
