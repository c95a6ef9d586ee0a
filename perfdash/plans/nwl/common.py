"""Shared helpers for the North West Leicestershire Council Delivery Plan parser."""
from __future__ import annotations

import re
from dataclasses import dataclass

from perfdash.plans.document import SourceDocument

_TAGS = re.compile(r"</?(?:p|br|i|b|em|strong|sup|sub|ul|ol|li|span)\b[^>]*>", re.I)


def clean_text(text: str | None) -> str | None:
    """Cell text without HTML remnants or markdown bold, whitespace collapsed; None when empty."""
    if text is None:
        return None
    text = _TAGS.sub(" ", text).replace("**", "")
    text = re.sub(r"\s+", " ", text).strip()
    return text or None


def cells(line: str, width: int) -> list[str]:
    """A tab-separated table line as exactly `width` stripped cells (short rows padded)."""
    parts = [part.strip() for part in line.split("\t")]
    return (parts + [""] * width)[:width]


def joined(first: str | None, second: str | None) -> str | None:
    """Two pieces of one wrapped cell, as one text."""
    return clean_text(" ".join(part for part in (first, second) if part)) if (first or second) else None


def name_key(text: str) -> str:
    """A priority's wording folded for matching: "Improve the Street Scene" == "Improve the Streetscene"."""
    return re.sub(r"[^a-z]", "", text.lower())


def finding(document: SourceDocument, line: int, category: str, severity: str, message: str,
            indicator_id: str | None = None) -> dict:
    return {"council_id": document.council_id, "plan_id": document.plan_id, "indicator_id": indicator_id,
            "category": category, "severity": severity, "message": message, "source": document.source(line)}


@dataclass(frozen=True)
class Block:
    """One "STRATEGIC AIM / CAT" section of the action plan, from its heading to the next."""
    theme: str
    theme_line: int
    priority_text: str | None
    first_line: int
    last_line: int


_CAT = re.compile(r"STRATEGIC AIM / CAT:\s*(.*?)\s*WHITE PAPER")
_PRIORITY = re.compile(r"COUNCIL PRIORIT(?:Y|IES):\s*(.*)")


def action_plan_blocks(document: SourceDocument) -> list[Block]:
    """The strategic-aim sections of section 3.4, "COUNCIL ACTION PLAN" to the BVPP chapter."""
    start = document.find("COUNCIL ACTION PLAN 2007")
    end = document.find("4. BEST VALUE PERFORMANCE PLAN", start) - 1
    headings = []
    for number, text in document.numbered(start, end):
        match = _CAT.search(clean_text(text) or "")
        if match:
            headings.append((number, match.group(1)))
    blocks = []
    for index, (number, theme) in enumerate(headings):
        last = headings[index + 1][0] - 1 if index + 1 < len(headings) else end
        priority = None
        for _, text in document.numbered(number, min(number + 3, last)):
            match = _PRIORITY.search(clean_text(text.split("\t")[0]) or "")
            if match:
                priority = clean_text(match.group(1))
                break
        blocks.append(Block(theme, number, priority, number, last))
    return blocks
