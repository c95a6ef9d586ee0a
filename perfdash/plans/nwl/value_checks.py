"""Findings about one printed indicator row of the NWL plan: what only the parser can see
(figures with words, unit marks that disagree, missing targets). Nothing here changes a figure;
the generic profile and direction checks live in quality.py."""
from __future__ import annotations

import re

from perfdash.plans.document import SourceDocument
from perfdash.plans.nwl.common import finding

# The mark a figure of each unit carries when the plan prints one.
UNIT_MARKS = {"percent": "%", "days": "days", "weeks": "weeks", "tonnes": "t", "kg": "kg", "gbp": "£"}


def unit_mark(text: str) -> str | None:
    """The unit printed with a figure: "63%" -> "%", "4955t" -> "t", "9.5 days" -> "days"."""
    for mark, pattern in (("%", r"%"), ("£", r"£"), ("days", r"\d\s*days?\b"), ("weeks", r"\d\s*weeks?\b"),
                          ("kg", r"\d\s*kg\b"), ("t", r"\d\s*t\b")):
        if re.search(pattern, text):
            return mark
    return None


def _listing(entries) -> str:
    return "; ".join(f"{column.label()} {text!r}" for column, text in entries)


def _unit_findings(document, line, indicator, label, printed) -> list[dict]:
    expected = UNIT_MARKS.get(indicator["unit"])
    # A zero reads the same in any unit, so it cannot disagree.
    figures = [(column, text, unit_mark(text)) for column, text, value, _ in printed if value not in (None, 0)]
    foreign = [(c, t) for c, t, mark in figures if mark is not None and mark != expected]
    marked = [(c, t) for c, t, mark in figures if expected is not None and mark == expected]
    bare = [(c, t) for c, t, mark in figures if mark is None]
    findings = []
    if foreign:
        findings.append(finding(document, line, "unit_mismatch", "warning",
                                f"{label}: figures printed with a unit other than {indicator['unit']}: "
                                f"{_listing(foreign)}.", indicator["indicator_id"]))
    if marked and bare:
        findings.append(finding(document, line, "unit_mismatch", "warning",
                                f"{label}: some figures are printed without the {expected!r} the others carry "
                                f"({_listing(bare)}; against {_listing(marked)}); all are read as "
                                f"{indicator['unit']}.", indicator["indicator_id"]))
    elif bare and not marked and indicator["unit"] == "percent":
        findings.append(finding(document, line, "ambiguous_value", "info",
                                f"{label}: no figure carries a % sign ({_listing(bare)}); they are read as "
                                f"percentages, as the indicator's wording defines it.", indicator["indicator_id"]))
    return findings


def _zero_until_q4(document, line, indicator, label, printed) -> list[dict]:
    """Q1-Q3 targets of 0 with the whole annual target in Q4: most likely 'measured at year end'."""
    quarters = {c.quarter: value for c, _, value, _ in printed if c.quarter is not None}
    if [quarters.get(q) for q in (1, 2, 3)] == [0, 0, 0] and quarters.get(4):
        return [finding(document, line, "ambiguous_value", "info",
                        f"{label}: the Q1-Q3 targets are printed as 0 and Q4 carries the annual target; read as "
                        f"printed (0), although they most likely mean the measure is only taken at year end.",
                        indicator["indicator_id"])]
    return []


def row_findings(document: SourceDocument, line: int, indicator: dict, printed: list[tuple],
                 footnote: tuple[int, str] | None) -> list[dict]:
    """printed: (column, text, value, note) for every non-empty cell of the row."""
    label = indicator["ref"] or indicator["title"]
    indicator_id = indicator["indicator_id"]
    findings = []
    for column, text, value, note in printed:
        if note == "prose":
            findings.append(finding(document, line, "ambiguous_value", "warning",
                                    f"{label}: the {column.label()} is printed as {text!r}; read as {value:g}, "
                                    f"the words are kept in value_text.", indicator_id))
        elif note == "unparseable":
            findings.append(finding(document, line, "unparseable_value", "warning",
                                    f"{label}: the {column.label()} {text!r} cannot be read as a number.",
                                    indicator_id))
        if "*" in text:
            explained = f"the note at line {footnote[0]} says {footnote[1]!r}" if footnote else \
                "no note in the section explains it"
            findings.append(finding(document, line, "ambiguous_value", "info",
                                    f"{label}: the {column.label()} is printed as {text!r} with an asterisk; "
                                    f"{explained}. Read as {value:g}." if value is not None else
                                    f"{label}: the {column.label()} {text!r} carries an asterisk; {explained}.",
                                    indicator_id))
    if not any(column.kind == "target" and column.quarter is None for column, *_ in printed):
        why = f" The note at line {footnote[0]} says: {footnote[1]!r}" if footnote else ""
        findings.append(finding(document, line, "missing_target", "warning",
                                f"{label}: no annual target is printed.{why}", indicator_id))
    findings += _unit_findings(document, line, indicator, label, printed)
    findings += _zero_until_q4(document, line, indicator, label, printed)
    return findings
