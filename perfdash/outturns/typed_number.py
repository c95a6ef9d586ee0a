"""A figure as a council officer types it into an outturns file, read strictly.

Accepted: plain decimal numbers in the digits 0-9 (`1089000`, `2.4`, `.5`), with commas only
between groups of three digits (`1,089,000`); a `%` where the indicator is a percentage; the
indicator's own unit as the plans print it (`7.2 days`, `2.5 weeks`, `2700t`, `250kg`, `£50.91`);
and a leading `-` where the indicator can be negative (one that measures a change, increase or
reduction). Everything else is refused with the reason: other digits (١٢٣), a typographic minus
(−5), underscores (1_000), scientific notation (1e308), misplaced commas (1,00), a % on a count,
a minus on days lost, and figures no council would report: over 1,000 times the largest figure the
indicator's plan printed (targets and outturns), or over a trillion.
"""
from __future__ import annotations

import re
import unicodedata

LARGEST_PLAUSIBLE = 1e12  # more than any council's budget in pounds
TIMES_LARGEST_FIGURE = 1_000

_PLAIN = re.compile(r"(?P<minus>-)?(?P<pound>£)?(?P<number>[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?"
                    r"|\.[0-9]+)\s?(?P<mark>[^\s0-9,.][^0-9]*)?")
_SCIENTIFIC = re.compile(r"-?[0-9.,]*[0-9][eE][+-]?[0-9]+")
_MAY_BE_NEGATIVE = re.compile(r"\b(change|increase|decrease|reduction|difference|variance|net|growth)\b", re.IGNORECASE)
# The marks each unit may carry after the number, as the plans print them.
_MARKS = {"percent": {"%"}, "days": {"days", "day"}, "weeks": {"weeks", "week"}, "tonnes": {"t", "tonnes"},
          "kg": {"kg"}}
_POUNDS = {"gbp", "gbp_000"}
_DASHES = {"\u2212", "\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2015", "\ufe63", "\uff0d"}
_UNIT_WORDS = {"percent": "a percentage", "days": "days", "weeks": "weeks", "tonnes": "tonnes", "kg": "kilograms",
               "gbp": "pounds", "gbp_000": "thousands of pounds", "count": "a count", "score": "a score",
               "rate_per_1000": "a rate per 1,000", "level": "a level", "yes_no": "Yes or No"}


class NotAPlainNumber(ValueError):
    """The reason a cell is not a figure we take, in words for the person who typed it."""


def may_be_negative(indicator: dict | None) -> bool:
    """Whether the indicator can go below zero: it measures a change (or we do not know it)."""
    return indicator is None or bool(_MAY_BE_NEGATIVE.search(indicator.get("title") or ""))


def parse(text: str, unit: str | None, negative_allowed: bool) -> float:
    """The figure in `text`, or NotAPlainNumber saying why not. `unit` None accepts any unit's marks."""
    for character in text:
        if not character.isascii() and character != "£":  # a £ on the wrong unit is refused below
            raise NotAPlainNumber(_foreign(text, character))
    if "_" in text:
        raise NotAPlainNumber(f"{text!r} has '_' in it; write the figure as 1000 or 1,000")
    if _SCIENTIFIC.fullmatch(text):
        raise NotAPlainNumber(f"{text!r} is in scientific notation; write the figure out in plain digits")
    match = _PLAIN.fullmatch(text)
    if match is None:
        if re.fullmatch(r"-?£?[0-9][0-9,]*(\.[0-9]+)?\s?\S*", text) and "," in text:
            raise NotAPlainNumber(f"{text!r} has a comma out of place; commas may only separate thousands "
                                  "(1,089,000), and decimals take a point (2.5)")
        raise NotAPlainNumber(f"{text!r} is not a number")
    mark = (match.group("mark") or "").strip()
    if mark and mark.lower() not in _allowed_marks(unit):
        raise NotAPlainNumber(_wrong_mark(text, mark, unit))
    if match.group("pound") and unit is not None and unit not in _POUNDS:
        raise NotAPlainNumber(f"{text!r} has a £ sign, but this indicator is measured in {_words(unit)}")
    value = float(match.group("number").replace(",", ""))
    if match.group("minus"):
        value = -value
        if not negative_allowed and unit != "percent":  # a percentage's range check says why
            raise NotAPlainNumber(f"{text} is below zero, and this indicator ({_words(unit)}) cannot be negative")
    return value


def absurd(value: float, text: str, largest_figure: float | None) -> str | None:
    """Why a figure is too large for anyone to have meant it, or None."""
    if abs(value) > LARGEST_PLAUSIBLE:
        return f"{text} is larger than any figure a council reports (over 1,000,000,000,000); check the digits"
    if largest_figure and abs(value) > TIMES_LARGEST_FIGURE * abs(largest_figure):
        return (f"{text} is over {TIMES_LARGEST_FIGURE:,} times the largest target or outturn printed for this "
                f"indicator ({_figure(largest_figure)}); check the units and the decimal point")
    return None


def _allowed_marks(unit: str | None) -> set[str]:
    if unit is None:
        return set().union(*_MARKS.values())
    return _MARKS.get(unit, set())


def _wrong_mark(text: str, mark: str, unit: str | None) -> str:
    if mark == "%":
        return f"{text!r} has a % sign, but this indicator is measured in {_words(unit)}, not a percentage"
    allowed = sorted(_allowed_marks(unit))
    after = f" (only {' or '.join(repr(m) for m in allowed)} may follow it)" if allowed else ""
    return f"{text!r} has {mark!r} after the figure, but this indicator is measured in {_words(unit)}{after}"


def _foreign(text: str, character: str) -> str:
    name = unicodedata.name(character, f"U+{ord(character):04X}")
    if unicodedata.category(character) == "Nd":
        script = name.rsplit(" DIGIT ", 1)[0].title()
        return f"{text!r} is written in {script} digits; type the figure with the digits 0-9"
    if character in _DASHES:
        return f"{text!r} has a '{character}' ({name.lower()}) where a minus is typed as '-'"
    if character.isspace():
        return f"{text!r} has a {name.lower()} in it; write the figure without spaces, as in 1,089,000"
    return f"{text!r} has the character '{character}' ({name.lower()}), which is not part of a figure"


def _words(unit: str | None) -> str:
    return _UNIT_WORDS.get(unit or "", unit or "an unknown unit")


def _figure(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.4g}"
