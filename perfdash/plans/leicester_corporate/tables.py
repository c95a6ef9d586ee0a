"""The tables of Part 2 of the Leicester Corporate Plan: one per strategic aim, its header with the
baseline and interim years, and its priority rows with the continuation lines a wrapped cell
spills onto."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from perfdash.plans.curated import CuratedDataError
from perfdash.plans.document import SourceDocument
from perfdash.plans.leicester_corporate.phrases import YEAR, clean, read_when
from perfdash.plans.ordering import number_in_plan_order

COLUMNS = ("ref", "priority", "how", "targets", "baseline", "interim", "benefits")


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
            and YEAR.search(following[4]):
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


def priority_rows(document: SourceDocument, rows: list[Row], theme_map: dict) -> list[dict]:
    """The priorities table: one row per priority row of Part 2, in plan order."""
    return number_in_plan_order([{"priority_id": f"{document.plan_id}:{row.key}", "council_id": document.council_id,
             "plan_id": document.plan_id, "rank": None, "title": row.text("priority"), "timeframe": None,
             "theme": row.theme, "common_theme": theme_map[row.theme], "source": document.source(row.first_line)}
            for row in rows])
