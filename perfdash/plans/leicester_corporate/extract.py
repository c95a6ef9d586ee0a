"""Leicester City Council, Interim Corporate Plan (for consultation), March 2003.

Part 2 of the plan prints one table per strategic aim with the columns
Our priorities | How we will achieve it | Headline Milestones and Targets | Baseline 2001/02 |
Interim 2004 | Benefits to Citizens. This module reads that structure: the theme heading above
each table, the priority rows and the continuation lines a wrapped cell spills onto.

Which headline targets are indicators, and which printed figure belongs to which of them, is
judgement, so it lives in data/curated/leicester-corporate-2003.yaml. Here every such figure is
checked to stand in the named column of the named line, and its period is read from the words
around it (see read_when).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from perfdash.plans.curated import CuratedDataError, load_curated
from perfdash.plans.document import SourceDocument
from perfdash.plans.values import (
    is_missing,
    normalise_code,
    parse_number,
    period_label,
    slug,
)

PLAN_ID = "leicester-corporate-2003"
COLUMNS = ("ref", "priority", "how", "targets", "baseline", "interim", "benefits")
# The plan runs April 2003 to March 2006 ("our key priorities until March 2006", line 19).
PLAN_YEARS = (2003, 2004, 2005)
HORIZON = PLAN_YEARS[-1]
# Value cells that say there is no figure yet: kept with a NULL value and not flagged.
NO_FIGURE_YET = ("new pi", "baseline data still being collected.")
_UNIT_WORDS = {"percent": "a percentage", "rate_per_1000": "a rate per 1,000", "days": "days", "level": "a level",
               "gbp": "pounds", "gbp millions": "millions of pounds", "gbp_000": "thousands of pounds",
               "count": "a count", "score": "a score", "yes_no": "Yes/No"}
# "by April 2004" means by the end of 2003/04; "by Autumn 2004" falls in 2004/05.
_MONTHS_CLOSING_A_YEAR = ("january", "february", "march", "april")

_HTML = re.compile(r"</?(?:p|br|i|b|u|sup|sub|ul|li|em|strong)\s*/?>", re.I)
_FULL_YEAR = re.compile(r"\b((?:19|20)\d{2})\s*/\s*(\d{2})\b")
_SHORT_YEAR = re.compile(r"\b(\d{2})/(\d{2})\b")
_RANGE = re.compile(r"\b((?:19|20)\d{2})\s*[-–]\s*((?:19|20)\d{2})\b")
_BY = re.compile(r"\bby\s+(?:the\s+year\s+)?(?:\d{1,2}\s*(?:st|nd|rd|th)?\s+)?(?:([a-z]+)\s+)?((?:19|20)\d{2})\b",
                 re.I)
_YEAR = re.compile(r"\b((?:19|20)\d{2})\b")
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
    if match := _YEAR.search(text):
        return (int(match.group(1)),)
    return ()


def first_figure(phrase: str) -> re.Match | None:
    """The first printed figure in a target phrase that is not a year."""
    for match in _FIGURE.finditer(phrase):
        if not _YEAR.fullmatch(match.group(0).strip()):
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
    if re.match(r"£\s?[\d.,]+\s?m\b", text):
        return "gbp millions"
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


@dataclass(frozen=True)
class Header:
    line: int
    baseline_year: int | None
    interim_year: int | None


@dataclass
class Row:
    """A priority row of a table with the continuation lines its cells wrap onto."""
    key: str
    theme: str
    header: Header
    first_line: int
    cells: dict[str, list[tuple[int, str]]] = field(default_factory=lambda: {c: [] for c in COLUMNS})

    def add(self, number: int, cells: list[str]) -> None:
        for column, text in zip(COLUMNS, cells):
            if text.strip():
                self.cells[column].append((number, text))

    def lines(self) -> set[int]:
        return {number for fragments in self.cells.values() for number, _ in fragments}

    def text(self, column: str) -> str:
        return clean(" ".join(text for _, text in self.cells[column]))

    def cell(self, column: str, number: int) -> str:
        return next((text for line, text in self.cells[column] if line == number), "")

    def after(self, column: str, number: int, printed: str) -> str:
        """The cell text after `printed`, read on into the next line when this one ends there."""
        fragments = self.cells[column]
        for index, (line, text) in enumerate(fragments):
            if line == number and printed in text:
                rest = text[text.index(printed) + len(printed):]
                if not rest.strip() and index + 1 < len(fragments):
                    rest = fragments[index + 1][1]
                return rest
        return ""


def _cells(text: str) -> list[str]:
    return (text.split("\t") + [""] * len(COLUMNS))[:len(COLUMNS)]


def _is_table_line(text: str) -> bool:
    return text.count("\t") >= len(COLUMNS) - 1


def _is_header(text: str) -> bool:
    return "our priorities" in text.lower() and "how we will achieve it" in text.lower()


def _header(document: SourceDocument, number: int) -> tuple[Header, int]:
    """The table header at `number` and its last line: lines 172-173 split "Baseline / 2001/02"."""
    cells, last = _cells(document.line(number)), number
    following = _cells(document.line(number + 1))
    if _is_table_line(document.line(number + 1)) and not any(c.strip() for c in following[:4]) \
            and _YEAR.search(following[4]):
        cells = [f"{a} {b}" for a, b in zip(cells, following)]
        last = number + 1
    years = [read_when(cells[index]) for index in (4, 5)]
    return Header(number, *(found[0] if found else None for found in years)), last


def _priority_key(printed_ref: str) -> str:
    key = re.sub(r"\s+", "", printed_ref)
    return re.sub(r"^Cl\.", "CI.", key)  # "Cl. 2" prints a letter l for the I of "CI"


def read_rows(document: SourceDocument, themes: dict[int, str]) -> list[Row]:
    """Every priority row of Part 2, in plan order. `themes` maps a heading's line to its theme."""
    start = document.find("Part 2 Priorities")
    end = document.find("Part 3 Delivering", start)
    rows: list[Row] = []
    theme = header = heading = None
    skip_to = 0
    for number, text in document.numbered(start + 1, end - 1):
        if number <= skip_to:
            continue
        if _is_header(text):
            if heading is not None:  # prose between two tables starts a new theme
                if heading not in themes:
                    raise CuratedDataError(f"{document.file_name}:{heading}: theme heading is not curated")
                theme = themes[heading]
            header, skip_to = _header(document, number)
            heading = None
        elif _is_table_line(text) and header is not None:
            cells = _cells(text)
            follows_sentence = bool(rows) and rows[-1].text("priority").endswith((".", "?", "!"))
            if cells[0].strip() or (cells[1].strip() and follows_sentence):
                key = _priority_key(cells[0]) if cells[0].strip() else str(len(rows) + 1)
                rows.append(Row(key, theme, header, number))
            if not rows:
                raise ValueError(f"{document.source(number)}: a continuation line before any priority")
            rows[-1].add(number, cells)
            heading = None
        elif text.strip() and not text.startswith("D:\\"):
            heading = number
    return rows


class _Extraction:
    """Builds the rows of one run, collecting findings as it goes."""

    def __init__(self, document: SourceDocument, curated: dict):
        self.document, self.curated = document, curated
        self.council_id = document.council_id
        themes = {entry["heading"]["line"]: clean(entry["aim"]["quote"]) for entry in curated["themes"]}
        self.rows = read_rows(document, themes)
        self.row_at = {line: row for row in self.rows for line in row.lines()}
        self.findings: list[dict] = []

    def finding(self, line: int, category: str, severity: str, message: str, indicator_id=None) -> None:
        self.findings.append({"council_id": self.council_id, "plan_id": PLAN_ID, "indicator_id": indicator_id,
                              "category": category, "severity": severity, "message": message,
                              "source": self.document.source(line)})

    def priorities(self) -> list[dict]:
        theme_map = self.curated["theme_map"]
        return [{"priority_id": f"{PLAN_ID}:{row.key}", "council_id": self.council_id, "plan_id": PLAN_ID,
                 "rank": None, "title": row.text("priority"), "timeframe": None, "theme": row.theme,
                 "common_theme": theme_map[row.theme], "source": self.document.source(row.first_line)}
                for row in self.rows]

    def row_for(self, entry: dict) -> Row:
        row = self.row_at.get(entry["line"])
        if row is None:
            raise CuratedDataError(f"{PLAN_ID}.yaml: {entry['title']!r}: line {entry['line']} is not in a priority row")
        return row

    def printed(self, row: Row, column: str, spec: dict, what: str) -> str:
        """The curated text, checked to stand verbatim in `column` of its line."""
        if spec["quote"] not in row.cell(column, spec["line"]):
            raise CuratedDataError(f"{PLAN_ID}.yaml: {what}: {spec['quote']!r} is not in the {column} column "
                                   f"of line {spec['line']}")
        return spec["quote"]

    def indicator(self, entry: dict) -> dict:
        row = self.row_for(entry)
        ref = entry["ref"]["quote"] if entry.get("ref") else None
        if ref is not None and ref not in self.document.line(entry["ref"]["line"]):
            raise CuratedDataError(f"{PLAN_ID}.yaml: ref {ref!r} is not printed on line {entry['ref']['line']}")
        code = normalise_code(ref)
        return {"indicator_id": f"{PLAN_ID}:{code or slug(entry['title'])}", "council_id": self.council_id,
                "plan_id": PLAN_ID, "ref": ref, "code": code, "title": entry["title"], "theme": row.theme,
                "common_theme": entry["common_theme"], "unit": entry["unit"], "polarity": entry["polarity"],
                "profile": entry.get("profile"), "source": self.document.source(entry["line"]),
                "priority_id": f"{PLAN_ID}:{row.key}"}

    def values(self, entry: dict, indicator: dict) -> list[dict]:
        row, rows = self.row_for(entry), []
        for kind, column in (("baseline", "baseline"), ("interim", "interim")):
            if entry.get(kind):
                rows += self.column_value(row, indicator, kind, column, entry[kind])
        for field_name, kind in (("from", "baseline"), ("target", "target")):
            if entry.get(field_name):
                rows += self.phrase_value(row, indicator, kind, entry[field_name])
        return rows

    def column_value(self, row: Row, indicator: dict, kind: str, column: str, spec: dict) -> list[dict]:
        """A figure printed in the Baseline or Interim column; a note such as "(02/03)" beside it
        dates it, otherwise the column heading does."""
        value_text = self.printed(row, column, spec, indicator["indicator_id"])
        note = re.match(r"\s*\(([^)]*)\)", row.after(column, spec["line"], value_text))
        heading_year = row.header.baseline_year if kind == "baseline" else row.header.interim_year
        noted = read_when(note.group(1)) if note else ()
        if noted and heading_year is not None and noted[0] != heading_year:
            self.finding(spec["line"], "ambiguous_value", "info",
                         f"{indicator['title']}: the {kind} column for {period_label(heading_year)} prints "
                         f"'{value_text} ({note.group(1)})'; the period is taken from the cell "
                         f"({period_label(noted[0])}).", indicator["indicator_id"])
        years = noted or ((heading_year,) if heading_year is not None else ())
        if not years:
            raise CuratedDataError(f"{PLAN_ID}.yaml: {indicator['indicator_id']}: no year for {value_text!r}")
        return self.value_rows(indicator, kind, value_text, years, spec["line"])

    def phrase_value(self, row: Row, indicator: dict, kind: str, spec: dict) -> list[dict]:
        """The figure in a target phrase such as "to 40% in 2005", dated by the words after it."""
        phrase = self.printed(row, "targets", spec, indicator["indicator_id"])
        figure = first_figure(phrase)
        if figure is None:
            raise CuratedDataError(f"{PLAN_ID}.yaml: {indicator['indicator_id']}: no figure in {phrase!r}")
        value_text = figure.group(0).strip()
        years = read_when(phrase[figure.end():])
        if not years:
            fallback = HORIZON if kind == "target" else row.header.baseline_year
            what = "the plan's horizon" if kind == "target" else "the baseline column's year"
            self.finding(spec["line"], "ambiguous_value", "info",
                         f"{indicator['title']}: '{phrase}' prints no year; the {kind} is read as {what}, "
                         f"{period_label(fallback)}.", indicator["indicator_id"])
            years = (fallback,)
        return self.value_rows(indicator, kind, value_text, years, spec["line"])

    def value_rows(self, indicator: dict, kind: str, value_text: str, years, line: int) -> list[dict]:
        value, readable = read_value(value_text)
        label = indicator["title"]
        if not readable:
            self.finding(line, "unparseable_value", "warning",
                         f"{label}: the {kind} '{value_text}' is not a figure (a placeholder the plan never filled "
                         f"in); kept as text.", indicator["indicator_id"])
        unit = printed_unit(value_text)
        if unit is not None and unit != indicator["unit"]:
            self.finding(line, "unit_mismatch", "warning",
                         f"{label}: the {kind} '{value_text}' is printed as {_UNIT_WORDS[unit]} but the "
                         f"indicator is measured as {_UNIT_WORDS.get(indicator['unit'], indicator['unit'])}; "
                         f"kept as text with no value.", indicator["indicator_id"])
            value = None  # a figure in another unit would plot as if it were comparable
        return [{"indicator_id": indicator["indicator_id"], "council_id": self.council_id,
                 "period": period_label(year), "year_start": year, "quarter": None, "kind": kind,
                 "value": value, "value_text": value_text, "source": self.document.source(line)}
                for year in years]

    def curated_findings(self, known_ids: set[str]) -> None:
        for entry in self.curated.get("findings", []):
            indicator_id = f"{PLAN_ID}:{entry['indicator']}" if entry.get("indicator") else None
            if indicator_id is not None and indicator_id not in known_ids:
                raise CuratedDataError(f"{PLAN_ID}.yaml: finding names unknown indicator {indicator_id}")
            self.finding(entry["line"], entry["category"], entry["severity"], clean(entry["message"]), indicator_id)


def extract(document: SourceDocument) -> dict[str, list[dict]]:
    run = _Extraction(document, load_curated(PLAN_ID))
    indicators, values = [], []
    for entry in run.curated["indicators"]:
        indicator = run.indicator(entry)
        if any(existing["indicator_id"] == indicator["indicator_id"] for existing in indicators):
            raise CuratedDataError(f"{PLAN_ID}.yaml: {indicator['indicator_id']} is curated twice")
        indicators.append(indicator)
        values += run.values(entry, indicator)
    run.curated_findings({indicator["indicator_id"] for indicator in indicators})
    return {"priorities": run.priorities(), "indicators": indicators, "indicator_values": values,
            "quality_findings": run.findings}
