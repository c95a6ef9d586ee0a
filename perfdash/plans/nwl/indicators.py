"""The performance indicator tables of the action plan (section 3.4): "Ref no: | Performance
Indicator Description | Actual 2005 / 2006 | Actual 2006 / 2007 | Target 2007 / 2008 |
2007 / 2008 Quarter 1..4", one or more per strategic-aim section."""
from __future__ import annotations

import re
from dataclasses import dataclass

from perfdash.plans.contract import FINDING_CATEGORIES, SEVERITIES
from perfdash.plans.document import SourceDocument
from perfdash.plans.nwl.common import Block, cells, clean_text, finding
from perfdash.plans.nwl.priorities import priority_for
from perfdash.plans.nwl.value_checks import row_findings
from perfdash.plans.values import (
    is_missing,
    is_yes_no,
    normalise_code,
    parse_number,
    period_label,
    slug,
    year_start,
)

WIDTH = 9
_HEADER = re.compile(r"^Ref no:\tPerformance Indicator Description")
# "BV63 - Energy ...", "BV 66b- The ...", "BVP66c* - The ...", "BV126 Domestic ...": a BV reference
# printed at the start of the description when the Ref column is empty.
_REF_IN_TITLE = re.compile(r"^(BVP?I?\s?\d+[a-z]?\*?)\s*[-–]?\s*(?=[A-Z])(.*)$")
# "97.40% Annual target": a figure followed by words.
_NUMBER_THEN_WORDS = re.compile(r"^(\S+)\s+([A-Za-z].*)$")


@dataclass(frozen=True)
class Column:
    kind: str
    year: int
    quarter: int | None

    def label(self) -> str:
        quarter = f" Q{self.quarter}" if self.quarter else ""
        return f"{period_label(self.year)}{quarter} {self.kind}"


def header_columns(header: str, quarters: str) -> dict[int, Column]:
    """Cell index -> what the column holds, read from the two header lines. A "Quarter n"
    column belongs to the year printed over the quarter group and holds targets."""
    columns, year = {}, None
    for index, (top, bottom) in enumerate(zip(cells(header, WIDTH), cells(quarters, WIDTH))):
        if re.search(r"(?:19|20)\d{2}", top):
            year = year_start(top)
        quarter = re.fullmatch(r"Quarter ([1-4])", bottom)
        if quarter:
            columns[index] = Column("target", year, int(quarter.group(1)))
        elif top.startswith(("Actual", "Target")):
            columns[index] = Column("actual" if top.startswith("Actual") else "target", year, None)
    return columns


def read_value(text: str) -> tuple[float | None, str | None]:
    """(value, note): note is "prose" for a figure followed by words, "unparseable" for a cell
    that is neither a number nor a recognised non-value (N/A, Not set, Yes/No)."""
    if is_missing(text) or is_yes_no(text):
        return None, None
    value = parse_number(text)
    if value is not None:
        return value, None
    match = _NUMBER_THEN_WORDS.match(text)
    if match and parse_number(match.group(1)) is not None:
        return parse_number(match.group(1)), "prose"
    return None, "unparseable"


def split_ref(ref_cell: str, description: str) -> tuple[str | None, str]:
    """(ref as printed, title): from the Ref column, or split off the start of the description."""
    description = clean_text(description) or ""
    if ref_cell:
        return ref_cell, description
    match = _REF_IN_TITLE.match(description)
    if match:
        return match.group(1), match.group(2).rstrip("*").strip()
    return None, description


def curated_finding(document: SourceDocument, line: int, indicator_id: str, spec: dict) -> dict:
    """A judgement recorded in the curated file (e.g. a title that contradicts its figures)."""
    if spec.get("category") not in FINDING_CATEGORIES or spec.get("severity") not in SEVERITIES:
        raise ValueError(f"curated finding for {indicator_id}: category and severity must be allowed values")
    return finding(document, line, spec["category"], spec["severity"], spec["message"], indicator_id)


def _footnote(document: SourceDocument, start: int, end: int) -> tuple[int, str] | None:
    for number, text in document.numbered(start, end):
        if text.startswith("* "):
            return number, clean_text(text[2:])
    return None


def parse_indicator_tables(document: SourceDocument, blocks: list[Block], curated: dict,
                           theme_map: dict[str, str], priorities: list[dict]) -> dict[str, list[dict]]:
    metadata = curated.get("indicators") or {}
    indicators, values, findings = [], [], []
    seen: dict[str, int] = {}
    for block in blocks:
        numbers = [n for n, text in document.numbered(block.first_line, block.last_line) if _HEADER.match(text)]
        for header in numbers:
            columns = header_columns(document.line(header), document.line(header + 1))
            for number, text in document.numbered(header + 2, block.last_line):
                if not text.strip():
                    break
                row = cells(text, WIDTH)
                ref, title = split_ref(row[0], row[1])
                code = normalise_code(ref)
                key = code or slug(title)
                indicator_id = f"{document.plan_id}:{key}"
                label = ref or title
                if key in seen:
                    findings.append(finding(
                        document, number, "duplicate_row", "warning",
                        f"{label!r} is printed again under {block.theme!r}; it was first printed at line "
                        f"{seen[key]} (2005/06 there: {cells(document.line(seen[key]), WIDTH)[2]!r}, here: "
                        f"{row[2]!r}). The first row is kept.", indicator_id))
                    continue
                seen[key] = number
                meta = metadata.get(key)
                if meta is None or meta.get("line") != number:
                    raise ValueError(f"{document.source(number)}: indicator {key!r} needs a curated entry "
                                     f"quoting line {number} in data/curated/{document.plan_id}.yaml")
                indicator = {
                    "indicator_id": indicator_id, "council_id": document.council_id, "plan_id": document.plan_id,
                    "ref": ref, "code": code, "title": title, "theme": block.theme,
                    "common_theme": meta.get("common_theme") or theme_map[block.theme],
                    "unit": meta["unit"], "polarity": meta["polarity"], "profile": meta.get("profile"),
                    "source": document.source(number),
                    "priority_id": priority_for(block.priority_text, priorities),
                }
                indicators.append(indicator)
                if meta.get("finding"):
                    findings.append(curated_finding(document, number, indicator_id, meta["finding"]))
                printed = []
                for index, column in sorted(columns.items()):
                    if not row[index]:
                        continue
                    value, note = read_value(row[index])
                    printed.append((column, row[index], value, note))
                    values.append({
                        "indicator_id": indicator_id, "council_id": document.council_id,
                        "period": period_label(column.year), "year_start": column.year,
                        "quarter": column.quarter, "kind": column.kind, "value": value,
                        "value_text": row[index], "source": document.source(number)})
                note = _footnote(document, number, block.last_line) if "*" in text else None
                findings += row_findings(document, number, indicator, printed, note)
    return {"indicators": indicators, "indicator_values": values, "quality_findings": findings}
