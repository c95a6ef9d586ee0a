"""An indicator's definition, unit, polarity and source beside its chart (rows of
perfdash.views.definitions.definitions_for). Titles and wording come from the plans, or from a
council's own register, so they are escaped: never read as Markdown, links or images."""
from __future__ import annotations

import re

import pandas as pd
import streamlit as st

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def escaped(text) -> str:
    """Text shown as typed inside Markdown: every character Markdown could read is escaped."""
    return _MARKDOWN.sub(r"\\\1", str(text)) if isinstance(text, str) else ""


def _text(value) -> str | None:
    return value if isinstance(value, str) and value else None


def definition_lines(row: dict) -> list[str]:
    """The panel's lines, in Markdown with every outside word escaped."""
    code, title = _text(row.get("code")), _text(row.get("title")) or ""
    lines = [f"**{escaped(f'{code} · {title}' if code else title)}**"]
    definition = escaped(_text(row.get("definition")) or "")
    if _text(row.get("national_title")):
        lines.append(f"Definition ({escaped(row['national_title'])}): {definition}")
        lines.append(f"Defined by: {escaped(_text(row.get('defined_by')) or '')}")
    else:
        lines.append(f"Definition: {definition}")
    if _text(row.get("note")):
        lines.append(f"Note: {escaped(row['note'])}")
    lines.append(f"Unit: {escaped(row['unit_words'])} · Polarity: {escaped(row['polarity_words'])}")
    where = ", ".join(part for part in (_text(row.get("plan_title")), _text(row.get("source"))) if part)
    lines.append(f"Source: {escaped(where or 'not recorded')}")
    return lines


def show_definition(row: dict) -> None:
    """One indicator's definition, unit, polarity and source, as a caption under its panel."""
    st.caption("  \n".join(definition_lines(row)))


def show_definitions(definitions: pd.DataFrame, key: str) -> None:
    """Every indicator of a chart, folded under one expander so the chart stays in view."""
    with st.expander(f"Definitions, units, polarity and sources ({len(definitions)})", expanded=False,
                     key=f"{key}-definitions"):
        for row in definitions.to_dict("records"):
            st.markdown("  \n".join(definition_lines(row)))
