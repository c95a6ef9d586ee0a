"""Leicester BVPP 2003/04, Section 7: the revenue budget, capital programme and trading
operations tables (finance), and the quartile chart of Section 5 (quartile_summary).

Every figure keeps its column by position in the tab-separated row; a label that wraps onto
the next lines is joined back to the row that prints the figures.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from perfdash.plans.document import SourceDocument
from perfdash.plans.leicester_bvpp.common import cells, clean_text, finding
from perfdash.plans.values import (
    heading_scale,
    in_thousands,
    is_missing,
    parse_number,
    period_label,
    year_start,
)

# Words that leave a label unfinished, so the next label-only line carries on the same item.
_OPEN_ENDINGS = (",", "&", " to", " and")
_NOTE_MARK = re.compile(r"\s*(?:\*+|Note \d+)$")


@dataclass(frozen=True)
class Column:
    position: int  # cell index in the tab-separated row
    year: int
    kind: str  # actual / budget / estimated_outturn
    measure: str | None = None  # for tables with several measures per year (trading operations)


def _kind(header: str) -> str:
    words = header.lower()
    if "outturn" in words or "forecast" in words:
        return "estimated_outturn"
    if "budget" in words:
        return "budget"
    if "actual" in words:
        return "actual"
    raise ValueError(f"no finance kind in column header {header!r}")


def header_columns(header_line: str) -> list[Column]:
    """Columns from a header such as 'Department<TAB>Actual 2001/2002<TAB>Budget 2002/2003 ...'."""
    return [Column(position, year_start(text), _kind(text))
            for position, text in enumerate(cells(header_line)) if position > 0 and text]


def _is_figure_row(row: list[str], columns: list[Column]) -> bool:
    return any(c.position < len(row) and not is_missing(row[c.position]) and
               re.search(r"\d", row[c.position]) for c in columns)


def _line_item(label: str) -> str:
    return _NOTE_MARK.sub("", clean_text(label) or "").strip()


def table_rows(document: SourceDocument, first: int, last: int, columns: list[Column]):
    """(line item, figure line, cells) for each row of a table between two lines.

    A label-only line continues the row above when that label is unfinished or the line
    starts in lower case ('Highways, Roads' / 'and Transport' / 'services'); a label-only
    line starting 'TOTAL' opens the next figure row; any other label-only line is a heading.
    """
    items: list[list] = []
    pending = ""
    for number, text in document.numbered(first, last):
        row = cells(text)
        label = clean_text(row[0]) or ""
        if _is_figure_row(row, columns):
            items.append([(pending + " " + label).strip() or "Total (unlabelled row)", number, row])
            pending = ""
        elif label:
            previous = items[-1][0] if items else ""
            if items and not pending and (previous.endswith(_OPEN_ENDINGS) or label[:1].islower()):
                items[-1][0] = f"{previous} {label}"
            elif label.upper().startswith("TOTAL"):
                pending = label
    return [(_line_item(label), number, row) for label, number, row in items]


def finance_rows(document: SourceDocument, table_name: str, first: int, last: int,
                 columns: list[Column], scale: float = 1000) -> tuple[list[dict], list[dict]]:
    """finance rows (amounts in £'000) and unparseable-value findings for one table. `scale` is the
    multiplier the table's heading prints for its figures (1000 for "£'000"); a figure that prints its
    own ("£7.1m") carries it in its text."""
    rows, findings = [], []
    for item, number, row in table_rows(document, first, last, columns):
        for column in columns:
            text = row[column.position] if column.position < len(row) else ""
            if is_missing(text):
                continue
            value = in_thousands(text, scale)
            line_item = f"{item} – {column.measure}" if column.measure else item
            if value is None:
                findings.append(finding(document, number, "unparseable_value", "warning",
                                        f"{table_name}: '{text}' for {line_item} is not a number."))
            rows.append({
                "council_id": document.council_id, "plan_id": document.plan_id, "table_name": table_name,
                "line_item": line_item, "year_start": column.year, "kind": column.kind,
                "amount_gbp_000": value,
                "value_text": text, "source": document.source(number)})
    return rows, findings


def revenue_tables(document: SourceDocument) -> tuple[list[dict], list[dict]]:
    """The two General Fund revenue tables of Section 7, printed in £'000."""
    title = document.find("General Fund Revenue Budget")
    by_department = document.find("Department\tActual", title)
    by_service = document.find("Service\tActual", by_department)
    department_end = document.find("TOTALS", by_department)
    service_end = document.find("The pie chart", by_service) - 1
    # The line under each header prints the columns' scale ("£'000").
    rows, findings = finance_rows(document, "General Fund Revenue Budget", by_department + 2, department_end,
                                  header_columns(document.line(by_department)),
                                  heading_scale(document.line(by_department + 1)))
    more_rows, more_findings = finance_rows(
        document, "General Fund Revenue Budget by service (Best Value Accounting Code format)",
        by_service + 2, service_end, header_columns(document.line(by_service)),
        heading_scale(document.line(by_service + 1)))
    return rows + more_rows, findings + more_findings


def capital_programme(document: SourceDocument) -> tuple[list[dict], list[dict]]:
    """The capital programme by service: one 2003/04 column printed in £m."""
    title = document.find("Capital Programme 2003/04")
    header = document.find("Service\tExamples of Schemes\t2003/04", title)
    end = document.find("Total Programme", header)
    year = year_start(cells(document.line(header))[2])
    # The plan calls these the sums it 'plans to spend': a budget. Each figure prints its £m ("£7.1m").
    return finance_rows(document, clean_text(document.line(title)), header + 1, end,
                        [Column(2, year, "budget")], scale=1)


def trading_operations(document: SourceDocument) -> tuple[list[dict], list[dict]]:
    """Trading operations: 2001/02 actual expenditure, income and net, and a last net column
    whose header prints no year: read from the table title as the 2002/03 forecast."""
    title = document.find("Trading operations forecast turnover")
    year_line = document.find("2001/02", title)
    measures_line = document.find("Expenditure\tIncome", year_line)
    end = document.find("TOTAL\t", measures_line)
    actual_year = year_start(cells(document.line(year_line))[1])
    actual_kind = _kind(cells(document.line(year_line + 1))[1])
    # Both net columns print 'Net (surplus)/ Deficit' (case differs): one line item name for both years.
    measures = [(clean_text(m) or "").replace("/ ", "/") for m in cells(document.line(measures_line))]
    forecast_year = year_start(document.line(title))
    columns = [Column(1, actual_year, actual_kind, measures[1]), Column(2, actual_year, actual_kind, measures[2]),
               Column(3, actual_year, actual_kind, measures[3]),
               Column(4, forecast_year, "estimated_outturn", measures[3])]
    rows, findings = finance_rows(document, clean_text(document.line(title)), measures_line + 2, end, columns,
                                  heading_scale(document.line(measures_line + 1)))
    findings.append(finding(
        document, measures_line, "ambiguous_value", "info",
        f"Trading operations: the last column is headed only '{measures[4]}' with no year; it is read as "
        f"the {period_label(forecast_year)} forecast (estimated outturn) from the table title "
        f"'{clean_text(document.line(title))}'."))
    return rows, findings


def quartile_summary(document: SourceDocument) -> list[dict]:
    """Share of indicators in each quartile band, one row per year column of the chart."""
    header = document.find("% of Indicators in 2001/02")
    years = [year_start(text) for text in cells(document.line(header))[1:] if text]
    rows = []
    for number, text in document.numbered(header + 1, header + 3):
        band, *shares = cells(text)
        for year, share in zip(years, shares):
            rows.append({"council_id": document.council_id, "plan_id": document.plan_id, "band": band,
                         "period": period_label(year), "year_start": year, "share_percent": parse_number(share),
                         "value_text": share, "source": document.source(number)})
    return rows


def extract_finance(document: SourceDocument) -> tuple[list[dict], list[dict]]:
    rows, findings = [], []
    for table in (revenue_tables, capital_programme, trading_operations):
        more_rows, more_findings = table(document)
        rows += more_rows
        findings += more_findings
    return rows, findings
