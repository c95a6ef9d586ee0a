"""Normalising what the plans print: national codes, numbers and financial years."""
from __future__ import annotations

import re

_BV_REF = re.compile(r"^\s*(?:BVPI|BVP|BV)?\s*(\d+)\s*((?:\(?\s*[a-z]+\s*\)?\s*)*)\**\s*[-–:]?\s*$", re.I)
_NUMBER = re.compile(
    r"^\s*(?P<open>\()?\s*(?P<currency>£)?\s*(?P<number>[-+−–]?\s*(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?)"
    r"\s*(?P<unit>%|t|kg|k|m|days?|weeks?|pts?)?\s*(?P<close>\))?\s*\**\s*$",
    re.I,
)
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


def parse_number(text: str | None) -> float | None:
    """The number as printed: "94.09%" -> 94.09, "1,119,850" -> 1119850.0, "4955t" -> 4955.0,
    "£52.29" -> 52.29, "(1,234)" -> -1234.0. Anything else (N/A, Yes, prose) -> None."""
    if text is None:
        return None
    match = _NUMBER.match(text.replace("\u00a0", " "))
    if not match or not re.search(r"\d", match.group("number")):
        return None
    if bool(match.group("open")) != bool(match.group("close")):
        return None
    digits = re.sub(r"[\s,]", "", match.group("number")).replace("−", "-").replace("–", "-")
    value = float(digits)
    return -value if match.group("open") else value


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
