"""Draft minutes as a Word document (python-docx) or as Markdown, from perfdash.minutes.content.

Both hold the same words in the same order: the title and notes, a place for attendees, then each
exception (heading, figures, commentary, last quarter's decisions, this quarter's decisions) and
the decisions about indicators no longer off target. Typed text stays plain: Word gets it as
literal runs; in Markdown every character that could start markup is escaped, so a comment
reads as typed and never becomes a link, an image or a heading.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

from perfdash.minutes.content import (
    ATTENDEE_ROLES,
    TO_BE_AGREED,
    DecisionEntry,
    Minutes,
)

SUFFIXES = (".docx", ".md")
DECISION_COLUMNS = ("Decision or action", "Owner", "Due", "Status", "Recorded")
_MARKUP = re.compile(r"([\\`*_\[\]<|~&])")
# What makes a line a heading, quote, list item or rule; and an ordered list's "1." or "1)".
_LINE_START = re.compile(r"^(\s*)([#>+=-])")
_ORDERED = re.compile(r"^(\s*\d+)([.)])(?=\s|$)")
BLANK = "________________________________"


# ---- Markdown ------------------------------------------------------------------------------------

def plain(text: str) -> str:
    """Typed text made inert in Markdown: markup characters escaped, each line's start too, and
    line breaks kept as hard breaks."""
    lines = []
    for line in str(text).splitlines() or [""]:
        escaped = _MARKUP.sub(r"\\\1", line).replace("://", "\\://").replace("www.", "www\\.")  # no autolinks
        escaped = _LINE_START.sub(lambda m: f"{m.group(1)}\\{m.group(2)}", escaped)
        lines.append(_ORDERED.sub(lambda m: f"{m.group(1)}\\{m.group(2)}", escaped))
    return "  \n".join(lines)


def _cell(text: str) -> str:
    return plain(text).replace("  \n", " ")


def _decision_rows(entries: list[DecisionEntry], indicator: list[str] | None = None) -> list[str]:
    head = (["Indicator"] if indicator else []) + list(DECISION_COLUMNS)
    rows = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for n, entry in enumerate(entries):
        first = [_cell(indicator[n])] if indicator else []
        rows.append("| " + " | ".join(first + [_cell(entry.text), _cell(entry.owner), entry.due, entry.status,
                                               _cell(entry.recorded)]) + " |")
    return rows


def to_markdown(minutes: Minutes) -> str:
    out = [f"# {plain(minutes.title)}", ""]
    out += [plain(note) + "\n" for note in minutes.notes]
    out += ["## Attendees", ""]
    out += [f"- **{role}:** {BLANK}" for role in ATTENDEE_ROLES]
    out += ["", f"## Exceptions reviewed: {len(minutes.items)}", ""]
    if not minutes.items:
        out += [f"No indicator was red or amber in {minutes.quarter}.", ""]
    for item in minutes.items:
        out += [f"### {item.number}. {plain(item.heading)}", "", "| Figure | Value |", "|---|---|"]
        out += [f"| {_cell(name)} | {_cell(value)} |" for name, value in item.figures]
        out += ["", f"**Commentary:** {plain(item.commentary)}", ""]
        if item.earlier:
            out += [f"**Decided in {minutes.previous_quarter}, and whether done:**", ""]
            out += _decision_rows(item.earlier) + [""]
        out += [f"**Decision in {minutes.quarter}:**", ""]
        if item.decisions:
            out += _decision_rows(item.decisions) + [""]
        else:
            out += [f"No decision recorded. {TO_BE_AGREED}", "", f"- **Decision or action:** {BLANK}",
                    f"- **Owner:** {BLANK}", f"- **Due date:** {BLANK}", ""]
    for heading, pairs in _other_sections(minutes):
        out += [f"## {heading}", ""]
        out += _decision_rows([entry for _, entry in pairs], [name for name, _ in pairs]) + [""]
    return "\n".join(out).rstrip() + "\n"


def _other_sections(minutes: Minutes) -> list[tuple[str, list]]:
    sections = []
    if minutes.other_decisions:
        sections.append((f"Other decisions recorded for {minutes.quarter}", minutes.other_decisions))
    if minutes.follow_ups:
        sections.append((f"Decided in {minutes.previous_quarter} on indicators no longer red or amber",
                         minutes.follow_ups))
    return sections


# ---- Word ----------------------------------------------------------------------------------------

def _table(document, header: list[str], rows: list[list[str]]):
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    for values in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, values):
            cell.text = str(text)  # a literal run: nothing typed is read as markup
    return table


def _decision_table(document, entries: list[DecisionEntry], indicators: list[str] | None = None) -> None:
    header = (["Indicator"] if indicators else []) + list(DECISION_COLUMNS)
    rows = [([indicators[n]] if indicators else []) + [e.text, e.owner, e.due, e.status, e.recorded]
            for n, e in enumerate(entries)]
    _table(document, header, rows)


def _labelled(document, label: str, text: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.add_run(f"{label} ").bold = True
    paragraph.add_run(text)


def to_docx(minutes: Minutes, path: Path) -> None:
    from docx import Document

    document = Document()
    document.core_properties.title = minutes.title
    document.core_properties.subject = f"Draft minutes, {minutes.council}, {minutes.quarter}"
    document.add_heading(minutes.title, level=0)
    for note in minutes.notes:
        document.add_paragraph(note)
    document.add_heading("Attendees", level=1)
    for role in ATTENDEE_ROLES:
        _labelled(document, f"{role}:", BLANK)
    document.add_heading(f"Exceptions reviewed: {len(minutes.items)}", level=1)
    if not minutes.items:
        document.add_paragraph(f"No indicator was red or amber in {minutes.quarter}.")
    for item in minutes.items:
        document.add_heading(f"{item.number}. {item.heading}", level=2)
        _table(document, ["Figure", "Value"], [list(pair) for pair in item.figures])
        _labelled(document, "Commentary:", item.commentary)
        if item.earlier:
            _labelled(document, f"Decided in {minutes.previous_quarter}, and whether done:", "")
            _decision_table(document, item.earlier)
        _labelled(document, f"Decision in {minutes.quarter}:", "" if item.decisions else
                  f"No decision recorded. {TO_BE_AGREED}")
        if item.decisions:
            _decision_table(document, item.decisions)
        else:
            for label in ("Decision or action:", "Owner:", "Due date:"):
                _labelled(document, label, BLANK)
    for heading, pairs in _other_sections(minutes):
        document.add_heading(heading, level=1)
        _decision_table(document, [entry for _, entry in pairs], [name for name, _ in pairs])
    document.save(str(path))


def write_minutes(minutes: Minutes, path: Path | str) -> Path:
    """Write the minutes to `path` as .docx or .md, chosen by its suffix."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ValueError(f"{path.name}: draft minutes are written as .docx or .md, not {path.suffix or 'no suffix'}")
    path.parent.mkdir(parents=True, exist_ok=True)
    # Written beside the target, then moved into place: a failed write leaves no half a file.
    partial = path.with_name(f".{path.name}.partial")
    try:
        if suffix == ".docx":
            to_docx(minutes, partial)
        else:
            partial.write_text(to_markdown(minutes), encoding="utf-8")
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return path
