"""The Sources page's rules: reading a plan document safely, choosing the lines to show,
marking the lines the extracts use, and shaping the rows that cite a line.

Pure functions apart from reading a file; no Streamlit here, so each is unit-tested directly.
"""
from __future__ import annotations

import html
import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

import pandas as pd

from perfdash import paths
from perfdash.plans.contract import FINDING_CATEGORIES
from perfdash.polarity import polarity_words, unit_label

WINDOW_RADIUS = 40
USED_MARKER = "▶ used"
FINDING_MARKER = "⚑ finding"
FOCUS_MARKER = "◆ cited line"
FINDING_EXTRACT = "Data-quality finding"  # as queries/sources_citations.sql names the findings
CELL_SEPARATOR = " │ "  # the documents are tab-separated tables; a visible separator keeps cells apart
SEVERITY_WORDS = {"error": "✖ Error", "warning": "▲ Warning", "info": "ℹ Info"}  # noqa: RUF001 - the info sign is meant

_CITATION = re.compile(r"^(?P<file>[^/\\:]+):(?P<line>[0-9]+)$")


class SourceUnavailable(LookupError):
    """A source document that is not in the catalogue or cannot be read; the message is for users."""


def parse_source(source: str | None) -> tuple[str, int] | None:
    """("file.txt", 992) from a citation "file.txt:992"; None when it is not a citation."""
    match = _CITATION.match(source or "")
    return (match.group("file"), int(match.group("line"))) if match else None


def source_url(source: str | None) -> str | None:
    """A link to the cited line on the Sources page, relative to the app. The citation itself is
    the fragment, so a table can print it as the link's text."""
    parsed = parse_source(source)
    if parsed is None:
        return None
    file, line = parsed
    return f"sources?file={quote(file)}&line={line}#{quote(file)}:{line}"


def source_urls(sources: pd.Series) -> list[str | None]:
    """source_url of each citation in a column, worked out column by column: an actions table at
    national scale has 14,000 of them on every rerun."""
    parts = sources.astype("string").str.extract(_CITATION)
    quoted = parts["file"].map({file: quote(file) for file in parts["file"].dropna().unique()}).astype("string")
    line = parts["line"].astype("Int64").astype("string")
    urls = "sources?file=" + quoted + "&line=" + line + "#" + quoted + ":" + line
    return [None if pd.isna(url) else url for url in urls]


def markdown_source_link(source: str | None) -> str:
    """A Markdown link "[file:line](sources?...)" for a table cell; plain words when not a citation."""
    url = source_url(source)
    if url is None:
        return "source not recorded"
    return f"[{source.replace('_', chr(92) + '_')}]({url})"


SOURCE_URL_TEXT = r"#(.+)$"  # the LinkColumn display_text that prints the citation of a source_url


@lru_cache(maxsize=16)
def _read(path: Path, modified: float) -> tuple[str, ...]:
    # Split on "\n" exactly as the extractors number lines (perfdash.plans.document); the
    # empty piece after a final newline is not a line of the document.
    lines = path.read_text(encoding="utf-8").split("\n")
    return tuple(lines[:-1] if lines and lines[-1] == "" else lines)


def read_lines(file_name: str, allowed: list[str] | tuple[str, ...] | set[str],
               folder: Path = paths.SOURCES_DIR) -> tuple[str, ...]:
    """The lines of a source document, numbered from 1 by position + 1. Only a file the plans
    table names can be opened, so a URL can never reach any other file."""
    if file_name not in set(allowed) or Path(file_name).name != file_name:
        raise SourceUnavailable(f"“{file_name}” is not one of the plan documents. Choose a document from the list.")
    path = folder / file_name
    try:
        return _read(path, path.stat().st_mtime)
    except (OSError, UnicodeDecodeError) as error:
        raise SourceUnavailable(f"The document {file_name} cannot be read ({type(error).__name__}). "
                                "Tell the dashboard team; the rest of the dashboard still works.") from error


def line_window(total: int, focus: int | None, radius: int = WINDOW_RADIUS, whole: bool = False) -> tuple[int, int]:
    """First and last line to show: the whole document, or `radius` lines either side of `focus`."""
    if total < 1:
        return (1, 0)
    if whole or focus is None or not 1 <= focus <= total:
        return (1, total)
    return (max(1, focus - radius), min(total, focus + radius))


def line_markers(number: int, used: set[int], findings: set[int], focus: int | None) -> str:
    """The words beside a line: whether the extracts use it, a finding is about it, it is the cited line."""
    marks = [FOCUS_MARKER] if number == focus else []
    if number in used:
        marks.append(USED_MARKER)
    if number in findings:
        marks.append(FINDING_MARKER)
    return " · ".join(marks)


_STYLE = """<style>
.src-doc{border-collapse:collapse;width:100%;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:0.8rem}
.src-doc caption{text-align:left;font-family:sans-serif;font-size:0.9rem;padding:0.25rem 0}
.src-doc th{text-align:left;border-bottom:2px solid #1A1A1A;padding:0.2rem 0.4rem;font-family:sans-serif}
.src-doc td{vertical-align:top;padding:0.1rem 0.4rem;border-bottom:1px solid #E3E7ED}
.src-doc td.n{text-align:right;color:#3B3B3B;white-space:nowrap}
.src-doc td.m{white-space:nowrap;font-family:sans-serif;font-weight:600}
.src-doc td.t{white-space:pre-wrap;overflow-wrap:anywhere}
.src-doc tr.used td{background:#FFF1C2}
.src-doc tr.focus td{background:#CFE3FF;font-weight:700;border-top:3px solid #0B3D91;border-bottom:3px solid #0B3D91}
</style>"""


def render_lines(lines: tuple[str, ...] | list[str], first: int, last: int, used: set[int],
                 findings: set[int] | None = None, focus: int | None = None, caption: str = "") -> str:
    """An HTML table of lines `first`..`last` (numbered from 1) with a marker column. Every piece
    of document text is escaped: the documents contain HTML such as <p> and <ul>, shown as text.
    A used line has a distinct background AND the words "▶ used"; never the colour alone."""
    findings = findings or set()
    rows = []
    for number in range(max(1, first), min(last, len(lines)) + 1):
        classes = " ".join(name for name, on in (("used", number in used or number in findings),
                                                 ("focus", number == focus)) if on)
        text = html.escape(lines[number - 1]).replace("\t", CELL_SEPARATOR)
        marker = html.escape(line_markers(number, used, findings, focus))
        rows.append(f'<tr id="L{number}" class="{classes}"><td class="n">{number}</td>'
                    f'<td class="m">{marker}</td><td class="t">{text}</td></tr>')
    head = ('<thead><tr><th scope="col">Line</th><th scope="col">Marks</th>'
            '<th scope="col">Text as printed</th></tr></thead>')
    return (f'{_STYLE}<table class="src-doc"><caption>{html.escape(caption)}</caption>{head}'
            f'<tbody>{"".join(rows)}</tbody></table>')


def cited_lines(citations: pd.DataFrame) -> tuple[set[int], set[int]]:
    """Lines that feed the extracts, and lines a data-quality finding is about."""
    finding = citations["extract"] == FINDING_EXTRACT
    return set(citations.loc[~finding, "line"].astype(int)), set(citations.loc[finding, "line"].astype(int))


def citing_rows(citations: pd.DataFrame, line: int) -> pd.DataFrame:
    """The extract rows that cite `line`, in the users' words, each figure with its unit and
    polarity. `citations` has the columns of queries/sources_citations.sql."""
    rows = citations[citations["line"] == line]
    return pd.DataFrame({
        "Extract": rows["extract"],
        "What": rows["label"],
        "Figure as printed": rows["figure"].fillna(""),
        "Unit": [unit_label(u) if isinstance(u, str) else "" for u in rows["unit"]],
        "Polarity": [polarity_words(p) if isinstance(p, str) else "" for p in rows["polarity"]],
        "Row": rows["row_id"],
        "Source line": rows["source"],
    }).reset_index(drop=True)


def citation_counts(citations: pd.DataFrame) -> pd.DataFrame:
    """How many rows of each extract cite the document, for the summary under the picker."""
    if citations.empty:
        return pd.DataFrame({"Extract": [], "Rows citing this document": [], "Lines cited": []})
    grouped = citations.groupby("extract").agg(rows=("row_id", "size"), lines=("line", "nunique")).reset_index()
    return grouped.rename(columns={"extract": "Extract", "rows": "Rows citing this document",
                                   "lines": "Lines cited"})


def findings_table(findings: pd.DataFrame) -> pd.DataFrame:
    """Data-quality findings for a table: severity in icon and words, the category explained, and
    a link to the line each finding is about. `findings` has queries/sources_findings.sql columns."""
    return pd.DataFrame({
        "Severity": [SEVERITY_WORDS.get(s, s) for s in findings["severity"]],
        "Finding": findings["message"],
        "Source line": [source_url(s) for s in findings["source"]],
        "Category": findings["category"],
        "What it means": [FINDING_CATEGORIES.get(c, "") for c in findings["category"]],
        "Plan": findings["plan_title"],
    }).reset_index(drop=True)
