"""Small registers written the way a council would write them, for the register tests."""
from __future__ import annotations

import csv
import io

import openpyxl

from perfdash.plans.register import read_register, validate_register
from perfdash.plans.register.columns import INDICATOR_COLUMNS, names

HEADER = names(c for c in INDICATOR_COLUMNS if c.required)
HUNTS = "huntingdonshire"
PLAN = "huntingdonshire-corporate-2024"


def row(**cells) -> dict:
    """A valid indicator row for a council not yet known, with `cells` changed."""
    base = {"council_id": HUNTS, "council_name": "Huntingdonshire District Council", "tier": "district",
            "parent_council_id": "", "plan_id": PLAN, "plan_title": "Corporate Plan 2023-2028", "ref": "KPI1",
            "code": "", "title": "Household waste recycled and composted", "unit": "percent",
            "polarity": "higher", "theme": "Environment", "profile": "snapshot", "year": "2024/25",
            "annual_target": "52%", "q1_target": "", "q2_target": "", "q3_target": "", "q4_target": "",
            "baseline_year": "", "baseline_value": "", "source": "Waste Data Flow"}
    base.update(cells)
    return base


def csv_bytes(rows: list[dict], header: tuple[str, ...] | None = None) -> bytes:
    header = header or tuple(dict.fromkeys([*HEADER, *(key for r in rows for key in r)]))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def xlsx_bytes(sheets: dict[str, list[dict]]) -> bytes:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        header = list(dict.fromkeys(key for r in rows for key in r))
        sheet.append(header)
        for r in rows:
            sheet.append([r.get(column) for column in header])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def check(rows: list[dict], known=None, name: str = "register.csv"):
    return validate_register(read_register([(name, csv_bytes(rows))]), known)


def where(report) -> list[tuple[int, str | None]]:
    return [(problem.line, problem.column) for problem in report.problems]
