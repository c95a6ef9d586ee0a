"""The register's columns and vocabularies, and how its cells are read: docs/REGISTER.md pins them.

A column is `required` when the header must name it; `cell_required` when every row must fill it.
The vocabularies are the contract's (tiers, polarities, profiles, action statuses) and the curated
taxonomy's (units, common themes), so a register can only say what the extracts can hold.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from perfdash.plans.contract import ACTION_STATUSES, POLARITIES, PROFILES, TIERS
from perfdash.plans.curated import load_taxonomy
from perfdash.plans.values import is_missing, normalise_code


@dataclass(frozen=True)
class Column:
    name: str
    required: bool        # the header must name it
    cell_required: bool   # every row must fill it (some only for a council or plan not yet known)
    meaning: str


INDICATOR_COLUMNS = (
    Column("council_id", True, True, "the council's identifier, e.g. nw-leicestershire"),
    Column("council_name", True, False, "the council's name; needed for a council not yet known"),
    Column("tier", True, False, "unitary, county or district; needed for a council not yet known"),
    Column("parent_council_id", True, False, "the county a district sits in, if any"),
    Column("plan_id", True, True, "the plan (or register) the indicator belongs to"),
    Column("plan_title", True, False, "the plan's title; needed for a plan not yet known"),
    Column("ref", True, True, "the council's own reference, unique within the plan"),
    Column("code", True, False, "the national code (BV or NI), if any"),
    Column("title", True, True, "what the indicator measures"),
    Column("unit", True, True, "one of the taxonomy's units"),
    Column("polarity", True, True, "higher, lower or neutral"),
    Column("theme", True, False, "the council's own theme heading"),
    Column("profile", True, False, "cumulative, per_quarter or snapshot; blank when not profiled"),
    Column("year", True, True, "the financial year, written 2020/21"),
    Column("annual_target", True, False, "the target for the whole year"),
    Column("q1_target", True, False, "the Q1 target (optional)"),
    Column("q2_target", True, False, "the Q2 target (optional)"),
    Column("q3_target", True, False, "the Q3 target (optional)"),
    Column("q4_target", True, False, "the Q4 target (optional)"),
    Column("baseline_year", True, False, "the year of the baseline, written 2019/20"),
    Column("baseline_value", True, False, "the baseline figure"),
    Column("source", True, False, "where the figures come from, in free text"),
    Column("common_theme", False, False, "one of the taxonomy's common themes"),
    Column("priority", False, False, "the title of the priority the indicator measures"),
    Column("definition", False, False, "what is counted, and how"),
)
PRIORITY_COLUMNS = (
    Column("council_id", True, True, "the council"),
    Column("plan_id", True, True, "the plan"),
    Column("rank", True, False, "the priority's place in the plan's ranking, a whole number"),
    Column("title", True, True, "the priority as the plan words it"),
    Column("timeframe", True, False, "when it runs, as the plan says"),
    Column("theme", False, False, "the council's own theme heading"),
    Column("common_theme", False, False, "one of the taxonomy's common themes"),
)
ACTION_COLUMNS = (
    Column("council_id", True, True, "the council"),
    Column("plan_id", True, True, "the plan"),
    Column("ref", True, False, "the council's own reference for the action"),
    Column("title", True, True, "the action"),
    Column("due", True, False, "when it is due, as text (e.g. 2021-03-31 or Q3 2021/22)"),
    Column("owner", True, False, "who is responsible"),
    Column("status", True, False, "Completed, In progress, Not started, Delayed or Unknown"),
    Column("theme", False, False, "the council's own theme heading"),
    Column("common_theme", False, False, "one of the taxonomy's common themes"),
    Column("priority", False, False, "the title of the priority the action serves"),
)
SHEETS = {"indicators": INDICATOR_COLUMNS, "priorities": PRIORITY_COLUMNS, "actions": ACTION_COLUMNS}
# Columns a template carries for the person filling it in; the importer reads past them.
GUIDANCE_COLUMNS = {"last_annual_target": "the last annual target known for the indicator, and its year",
                    "notes": "anything the person filling in the register wants to say"}
QUARTER_COLUMNS = {1: "q1_target", 2: "q2_target", 3: "q3_target", 4: "q4_target"}
IDENTIFIER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_YEAR = re.compile(r"^((?:19|20)\d{2})/(\d{2})$")
_TARGET = re.compile(r"^(?P<sign>[-+]?)(?P<currency>£?)(?P<number>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)"
                     r"(?P<percent>%?)$")


def names(columns: tuple[Column, ...]) -> tuple[str, ...]:
    return tuple(column.name for column in columns)


def units() -> tuple[str, ...]:
    return load_taxonomy()["units"]


def common_themes() -> tuple[str, ...]:
    return load_taxonomy()["common_themes"]


VOCABULARIES = {"tier": TIERS, "polarity": POLARITIES, "profile": PROFILES, "status": ACTION_STATUSES}


def header_name(text: str) -> str:
    """A header as the register's column name: "Annual target " -> "annual_target"."""
    return re.sub(r"[\s-]+", "_", text.strip().lower())


def parse_year(text: str) -> int | None:
    """The start year of "2020/21"; None for anything else (2020-21, 2020/2021, 2020/22)."""
    match = _YEAR.match(text.strip())
    if not match or (int(match.group(1)) + 1) % 100 != int(match.group(2)):
        return None
    return int(match.group(1))


def is_blank(text: str | None) -> bool:
    return text is None or not text.strip()


# Words a figure may carry after its number, for the unit it belongs to ("9.5 days", "29.9 per 1,000").
UNIT_WORDS = {"days": ("day", "days"), "weeks": ("week", "weeks"), "tonnes": ("t", "tonnes"), "kg": ("kg",),
              "rate_per_1000": ("per1000", "per1,000"), "rate_per_100000": ("per100000", "per100,000")}


def parse_target(text: str, unit: str | None) -> tuple[float | None, str | None, str | None]:
    """(value, value_text, problem) for one target or baseline cell.

    A blank cell, or N/A, TBC, "not set", is no figure: (None, None, None). "98%", "1,200", "£52.29",
    "-3.5", "9.5 days" and "Level 2" are numbers. A % sign belongs only to a percentage, which must
    lie within 0-100; £ only to money; words only to their unit (days, weeks, t, kg, per 1,000).
    A Yes/No indicator takes Yes or No (value None, the answer in value_text, as in the extracts).
    """
    shown = text.strip()
    if is_missing(shown):
        return None, None, None
    if unit == "yes_no":
        if shown.lower() in ("yes", "no"):
            return None, shown.capitalize(), None
        return None, None, f"{shown!r} is not Yes or No, and the indicator's unit is yes_no"
    squashed = re.sub(r"\s+", "", shown).lower()
    if unit == "level" and squashed.startswith("level"):
        squashed = squashed[len("level"):]
    for word in sorted(UNIT_WORDS.get(unit, ()), key=len, reverse=True):
        if squashed.endswith(word) and squashed[:-len(word)][-1:].isdigit():
            squashed = squashed[:-len(word)]
            break
    match = _TARGET.match(squashed)
    if not match:
        return None, None, f"{shown!r} is not a number for a unit of {unit} (write it like 98%, 1,200 or 9.5)"
    value = float(match.group("sign") + match.group("number").replace(",", ""))
    if match.group("percent") and unit != "percent":
        return None, None, f"{shown!r} has a % sign but the indicator's unit is {unit}, not percent"
    if match.group("currency") and unit not in ("gbp", "gbp_000"):
        return None, None, f"{shown!r} has a £ sign but the indicator's unit is {unit}, not gbp or gbp_000"
    if unit == "percent" and not 0 <= value <= 100:
        return None, None, f"{shown!r} is a percentage outside 0-100"
    return value, shown, None


def national_code(text: str | None) -> str | None:
    """The code normalised as in the bundled plans: "BV 109(a)" -> "BV109a", "9" -> "BV9",
    "NI 195" -> "NI195"; other national sets keep their letters ("PAF C21" -> "PAFC21")."""
    code = normalise_code(text)
    if code and re.fullmatch(r"ni\d+[a-z]*", code, flags=re.IGNORECASE):
        code = "NI" + code[2:].lower()
    return code


def indicator_key(ref: str) -> str:
    """The part of an indicator_id after the plan, as the bundled plans build it: the normalised
    reference ("BV 9" -> "BV9", "BVP66c*" -> "BV66c", "CP 1.2" -> "CP1.2")."""
    return normalise_code(ref, bare_numbers_are_bv=False) or ref.strip()
