"""The curated indicators of the Leicester Corporate Plan and their printed figures.

Which headline targets are indicators, and which printed figure belongs to which of them, is
judgement, so it lives in the plan's curated file (data/curated/<plan_id>.yaml). Here every such
figure is checked to stand in the named column of the named line, and its period is read from the
words around it (see phrases.read_when).
"""
from __future__ import annotations

import re

from perfdash.plans.curated import CuratedDataError
from perfdash.plans.document import SourceDocument
from perfdash.plans.leicester_corporate.phrases import (
    HORIZON,
    UNIT_WORDS,
    clean,
    first_figure,
    printed_unit,
    read_value,
    read_when,
)
from perfdash.plans.leicester_corporate.tables import Row, priority_rows, read_rows
from perfdash.plans.values import normalise_code, period_label, slug


class Extraction:
    """Builds the rows of one run, collecting findings as it goes."""

    def __init__(self, document: SourceDocument, curated: dict):
        self.document, self.curated = document, curated
        self.plan_id, self.council_id = document.plan_id, document.council_id
        themes = {entry["heading"]["line"]: clean(entry["aim"]["quote"]) for entry in curated["themes"]}
        self.rows = read_rows(document, themes)
        self.row_at = {line: row for row in self.rows for line in row.lines()}
        self.findings: list[dict] = []

    def finding(self, line: int, category: str, severity: str, message: str, indicator_id=None) -> None:
        self.findings.append({"council_id": self.council_id, "plan_id": self.plan_id, "indicator_id": indicator_id,
                              "category": category, "severity": severity, "message": message,
                              "source": self.document.source(line)})

    def priorities(self) -> list[dict]:
        return priority_rows(self.document, self.rows, self.curated["theme_map"])

    def row_for(self, entry: dict) -> Row:
        row = self.row_at.get(entry["line"])
        if row is None:
            raise CuratedDataError(f"{self.plan_id}.yaml: {entry['title']!r}: line {entry['line']} "
                                   "is not in a priority row")
        return row

    def printed(self, row: Row, column: str, spec: dict, what: str) -> str:
        """The curated text, checked to stand verbatim in `column` of its line."""
        if spec["quote"] not in row.cell(column, spec["line"]):
            raise CuratedDataError(f"{self.plan_id}.yaml: {what}: {spec['quote']!r} is not in the {column} column "
                                   f"of line {spec['line']}")
        return spec["quote"]

    def indicator(self, entry: dict) -> dict:
        row = self.row_for(entry)
        ref = entry["ref"]["quote"] if entry.get("ref") else None
        if ref is not None and ref not in self.document.line(entry["ref"]["line"]):
            raise CuratedDataError(f"{self.plan_id}.yaml: ref {ref!r} is not printed on line {entry['ref']['line']}")
        code = normalise_code(ref)
        return {"indicator_id": f"{self.plan_id}:{code or slug(entry['title'])}", "council_id": self.council_id,
                "plan_id": self.plan_id, "ref": ref, "code": code, "title": entry["title"], "theme": row.theme,
                "common_theme": entry["common_theme"], "unit": entry["unit"], "polarity": entry["polarity"],
                "profile": entry.get("profile"), "source": self.document.source(entry["line"]),
                "priority_id": f"{self.plan_id}:{row.key}"}

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
            raise CuratedDataError(f"{self.plan_id}.yaml: {indicator['indicator_id']}: no year for {value_text!r}")
        return self.value_rows(indicator, kind, value_text, years, spec["line"])

    def phrase_value(self, row: Row, indicator: dict, kind: str, spec: dict) -> list[dict]:
        """The figure in a target phrase such as "to 40% in 2005", dated by the words after it."""
        phrase = self.printed(row, "targets", spec, indicator["indicator_id"])
        figure = first_figure(phrase)
        if figure is None:
            raise CuratedDataError(f"{self.plan_id}.yaml: {indicator['indicator_id']}: no figure in {phrase!r}")
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
                         f"{label}: the {kind} '{value_text}' is printed as {UNIT_WORDS[unit]} but the "
                         f"indicator is measured as {UNIT_WORDS.get(indicator['unit'], indicator['unit'])}; "
                         f"kept as text with no value.", indicator["indicator_id"])
            value = None  # a figure in another unit would plot as if it were comparable
        return [{"indicator_id": indicator["indicator_id"], "council_id": self.council_id,
                 "period": period_label(year), "year_start": year, "quarter": None, "kind": kind,
                 "value": value, "value_text": value_text, "source": self.document.source(line)}
                for year in years]

    def curated_findings(self, known_ids: set[str]) -> None:
        for entry in self.curated.get("findings", []):
            indicator_id = f"{self.plan_id}:{entry['indicator']}" if entry.get("indicator") else None
            if indicator_id is not None and indicator_id not in known_ids:
                raise CuratedDataError(f"{self.plan_id}.yaml: finding names unknown indicator {indicator_id}")
            self.finding(entry["line"], entry["category"], entry["severity"], clean(entry["message"]), indicator_id)
