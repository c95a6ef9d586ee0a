"""Shared pieces of the Leicester BVPP 2003/04 parser: text cleaning, cells and findings."""
from __future__ import annotations

import re

from perfdash.plans.document import SourceDocument

_HTML = re.compile(r"</?(?:p|br|i|b|u|sup|sub|ul|li|em|strong)\s*/?>", re.I)
_TICKS = re.compile(r"[✓√•·]")
# "Co- ordination", "multi- agency", "e- government": a hyphenated word the conversion split at a line end.
_SPLIT_HYPHEN = re.compile(r"(?<=[A-Za-z])- (?=[a-z])")


def clean_text(text: str | None) -> str | None:
    """Text as printed, without HTML remnants, markdown bold, tick bullets or runs of spaces."""
    if text is None:
        return None
    text = _HTML.sub(" ", text).replace("**", "")
    text = _TICKS.sub(" ", text)
    text = _SPLIT_HYPHEN.sub("-", text)
    text = re.sub(r"\s+", " ", text).strip(" ;")
    # A cell of only stray marks (', , ,' or '-') says nothing.
    return text if re.search(r"\w", text) else None


def cells(line: str) -> list[str]:
    """The tab-separated cells of a table line, each stripped."""
    return [cell.strip() for cell in line.split("\t")]


def finding(document: SourceDocument, line: int, category: str, severity: str, message: str,
            indicator_id: str | None = None) -> dict:
    return {"council_id": document.council_id, "plan_id": document.plan_id, "indicator_id": indicator_id,
            "category": category, "severity": severity, "message": message, "source": document.source(line)}
