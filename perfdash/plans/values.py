"""Normalising what the plans print: national codes, numbers (with their printed multipliers) and
financial years."""
from __future__ import annotations

import re
from decimal import Decimal

_BV_REF = re.compile(r"^\s*(?:BVPI|BVP|BV)?\s*(\d+)\s*((?:\(?\s*[a-z]+\s*\)?\s*)*)\**\s*[-–:]?\s*$", re.I)
# A unit is tried before a multiplier, so "453kg" is 453 kilograms, not 453 thousand "g".
_NUMBER = re.compile(
    r"^\s*(?P<open>\()?\s*(?P<currency>£)?\s*(?P<number>[-+−–]?\s*(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?)"
    r"\s*(?:(?P<unit>%|kg|t|days?|weeks?|pts?)|(?P<multiplier>million|billion|bn|k|m))?"
    r"\s*(?P<close>\))?\s*\**\s*$",
    re.I,
)
# What a multiplier printed with a figure multiplies it by: "2.62m" is 2,620,000, "£500k" is 500,000.
MULTIPLIERS = {"k": 1_000, "m": 1_000_000, "million": 1_000_000, "bn": 1_000_000_000, "billion": 1_000_000_000}
# A column or table heading that scales every figure under it: "£'000" (or "£000") and "£m".
_SCALE_HEADING = re.compile(r"£\s*'?\s*(?P<scale>000|m|million)\b", re.I)
_MISSING = {"", "n/a", "na", "not set", "-", "–", "—", "nil", "tbc", "n.a.", "none"}
_YES_NO = {"yes", "no"}
_FINANCIAL_YEAR = re.compile(r"((?:19|20)\d{2})\s*[/\-–]\s*(\d{1,4})")


def normalise_code(ref: str | None, bare_numbers_are_bv: bool = True) -> str | None:
    """The national code for a printed reference.

    "BV 109(a)" -> "BV109a", "82(a)(i)" -> "BV82ai", "BVPI63" -> "BV63", "BVP66c*" -> "BV66c".
    Other references drop their spaces ("LC ED13" -> "LCED13"); an empty reference gives None.
    """
    if ref is None:
        return None
    text = ref.strip().rstrip("*").strip()
    if not text:
        return None
    is_bv = re.match(r"^(BVPI|BVP|BV)", text, re.I) is not None
    if is_bv or (bare_numbers_are_bv and text[:1].isdigit()):
        match = _BV_REF.match(text)
        if match:
            suffix = re.sub(r"[^a-z]", "", match.group(2).lower())
            return f"BV{int(match.group(1))}{suffix}"
    return re.sub(r"[\s()]", "", text).rstrip("*-–:")


def parse_number(text: str | None, scale: float = 1) -> float | None:
    """The number a figure stands for, in the base unit (pounds, people, tonnes): "94.09%" -> 94.09,
    "1,119,850" -> 1119850.0, "4955t" -> 4955.0, "£52.29" -> 52.29, "(1,234)" -> -1234.0.

    A multiplier printed with the figure is part of its value: "2.62m" -> 2620000.0, "£500k" ->
    500000.0, "£1.5million" -> 1500000.0. `scale` is a multiplier printed once for a whole column
    or table instead ("£'000" -> 1000, see heading_scale). Anything else (N/A, Yes, prose) -> None."""
    if text is None:
        return None
    match = _NUMBER.match(text.replace("\u00a0", " "))
    if not match or not re.search(r"\d", match.group("number")):
        return None
    if bool(match.group("open")) != bool(match.group("close")):
        return None
    digits = re.sub(r"[\s,]", "", match.group("number")).replace("−", "-").replace("–", "-")
    multiplier = MULTIPLIERS[match.group("multiplier").lower()] if match.group("multiplier") else 1
    # Decimal arithmetic, so "2.62m" is exactly 2620000 and not 2620000.0000000005.
    value = float(Decimal(digits) * Decimal(str(multiplier)) * Decimal(str(scale)))
    return -value if match.group("open") else value


def heading_scale(heading: str | None) -> float:
    """The multiplier a table or column heading prints for every figure under it: "£'000" and
    "£000" -> 1000, "£m" -> 1000000; 1 when the heading prints none."""
    match = _SCALE_HEADING.search(heading or "")
    if not match:
        return 1
    return 1000 if match.group("scale") == "000" else 1_000_000


def in_thousands(text: str | None, scale: float = 1) -> float | None:
    """A printed sum of money in thousands of pounds, the unit of the finance table: "£14.2m" ->
    14200.0, "£500k" -> 500.0, "£300" -> 0.3, and "170" under a "£'000" heading (scale 1000) ->
    170.0. None when the text is not a number."""
    value = parse_number(text, scale)
    return None if value is None else float(Decimal(str(value)) / 1000)


def is_missing(text: str | None) -> bool:
    """True for blanks and the plans' ways of saying "no figure" (N/A, Not set, NA, -)."""
    return text is None or text.strip().rstrip("*").strip().lower() in _MISSING


def is_yes_no(text: str | None) -> bool:
    return text is not None and text.strip().rstrip("*").strip().lower() in _YES_NO


def year_start(label: str) -> int:
    """First calendar year of a financial year: "2007/08", "2007 / 2008", "2007-08" -> 2007."""
    match = _FINANCIAL_YEAR.search(label)
    if match:
        return int(match.group(1))
    bare = re.search(r"(?:19|20)\d{2}", label)
    if bare:
        return int(bare.group(0))
    raise ValueError(f"no financial year in {label!r}")


def period_label(year: int) -> str:
    """The financial year label for a start year: 2007 -> "2007/08"."""
    return f"{year}/{(year + 1) % 100:02d}"


def slug(text: str, max_length: int = 48) -> str:
    """A lower-case, hyphenated identifier fragment."""
    words = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return words[:max_length].rstrip("-")
