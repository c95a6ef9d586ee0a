"""The two small finance tables of the Financial Strategy (section 3.3): the General Fund's
additional funding for 2007/08 and the expected efficiency gains for 2006/07, both printed in
thousands of pounds; and the sums printed elsewhere (reserves, the action plan's resources,
funding obtained), curated with their lines."""
from __future__ import annotations

from perfdash.plans.document import SourceDocument
from perfdash.plans.nwl.common import cells, clean_text, finding
from perfdash.plans.values import heading_scale, in_thousands, is_missing, year_start

GROWTH_TABLE = "General Fund additional funding allocated"
EFFICIENCY_TABLE = "Expected annual efficiency gains"
CASHABLE_SUFFIX = " - of which cashable"


def _row(document: SourceDocument, table: str, item: str, year: int, text: str, line: int,
         scale: float) -> dict:
    return {"council_id": document.council_id, "plan_id": document.plan_id, "table_name": table,
            "line_item": item, "year_start": year, "kind": "budget",
            "amount_gbp_000": None if is_missing(text) else in_thousands(text, scale),
            "value_text": text, "source": document.source(line)}


def _table_lines(document: SourceDocument, header: int) -> list[tuple[int, list[str]]]:
    rows = []
    for number, text in document.numbered(header + 1):
        if not text.strip():
            break
        rows.append((number, cells(text, 3)))
    return rows


def _total_check(document: SourceDocument, table: str, items: list[dict], total: dict) -> list[dict]:
    """A printed total that the printed lines do not add up to."""
    amounts = [row["amount_gbp_000"] for row in items if row["amount_gbp_000"] is not None]
    if total["amount_gbp_000"] is None or abs(sum(amounts) - total["amount_gbp_000"]) < 0.5:
        return []
    line = int(total["source"].rsplit(":", 1)[1])
    return [finding(document, line, "ambiguous_value", "warning",
                    f"{table}: the lines add up to {sum(amounts):g} but the total is printed as "
                    f"{total['value_text']}.")]


def parse_growth_items(document: SourceDocument) -> tuple[list[dict], list[dict]]:
    """"£'000" table under "the following additional funding being allocated"; the plan's
    budget year is the 2007 - 2008 it has completed planning for. The total line has no label."""
    intro = document.find("the following additional funding being allocated")
    header = document.find("£'000", intro)
    planning = document.find("financial planning process for")
    year = year_start(document.line(planning).split("financial planning process for", 1)[1])
    scale = heading_scale(document.line(header))
    rows = []
    for number, (item, amount, _) in _table_lines(document, header):
        rows.append(_row(document, GROWTH_TABLE, clean_text(item) or "Total", year, amount, number, scale))
    return rows, _total_check(document, GROWTH_TABLE, rows[:-1], rows[-1])


def parse_efficiency_gains(document: SourceDocument) -> tuple[list[dict], list[dict]]:
    """"Expected Annual Efficiency Gains | Of which cashable", for the year the text above it
    names ("efficiency gains to be achieved in 2006 - 2007"). Cashable gains get their own
    line item so the key stays unique."""
    intro = document.find("anticipated efficiency gains to be achieved in")
    year = year_start(document.line(intro).split("achieved in", 1)[1])
    header = document.find("Expected Annual Efficiency Gains", intro)
    lines = _table_lines(document, header)
    # The table prints its scale only on its total line: "TOTAL (thousand)".
    if "(thousand)" not in lines[-1][1][0]:
        raise ValueError(f"{document.source(lines[-1][0])}: expected the total line to say '(thousand)'")
    gains, cashable = [], []
    for number, (item, gain, cash) in lines:
        item = clean_text(item)
        gains.append(_row(document, EFFICIENCY_TABLE, item, year, gain, number, 1000))
        cashable.append(_row(document, EFFICIENCY_TABLE, item + CASHABLE_SUFFIX, year, cash, number, 1000))
    findings = (_total_check(document, EFFICIENCY_TABLE, gains[:-1], gains[-1])
                + _total_check(document, EFFICIENCY_TABLE + " (cashable)", cashable[:-1], cashable[-1]))
    return [row for pair in zip(gains, cashable) for row in pair], findings


RESOURCES_CELL = 9  # "Resources Allocated", the last of the action tables' ten cells


def curated_finance(document: SourceDocument, curated: dict) -> list[dict]:
    """Sums of money printed outside the two tables (curated `finance`), each checked to stand on its
    line, and in the Resources Allocated cell where the entry says `cell: resources`."""
    rows = []
    for entry in curated.get("finance", []):
        line, text = entry["line"], entry["value_text"]
        printed = cells(document.line(line), RESOURCES_CELL + 1)[RESOURCES_CELL] if entry.get("cell") == "resources" \
            else document.line(line)
        amount = in_thousands(text) if text.startswith("£") else None
        if text not in printed or amount is None:
            raise ValueError(f"{document.file_name}: finance {entry['line_item']!r}: {text!r} is not a sum printed "
                             f"{'in the Resources Allocated cell ' if entry.get('cell') else ''}on line {line}")
        rows.append({"council_id": document.council_id, "plan_id": document.plan_id,
                     "table_name": entry["table_name"], "line_item": entry["line_item"], "year_start": entry["year"],
                     "kind": entry["kind"], "amount_gbp_000": amount, "value_text": text,
                     "source": document.source(line)})
    return rows


def parse_finance(document: SourceDocument, curated: dict | None = None) -> tuple[list[dict], list[dict]]:
    growth, growth_findings = parse_growth_items(document)
    gains, gain_findings = parse_efficiency_gains(document)
    return growth + gains + curated_finance(document, curated or {}), growth_findings + gain_findings
