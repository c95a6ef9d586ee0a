"""Small, hand-made extract folders for query and page tests."""
from __future__ import annotations

from pathlib import Path

from perfdash.plans.contract import TABLES
from perfdash.plans.writer import write_table

COUNCILS = [
    {"council_id": "leicester", "name": "Leicester City Council", "tier": "unitary", "parent_council_id": None},
    {"council_id": "leicestershire", "name": "Leicestershire County Council", "tier": "county",
     "parent_council_id": None},
    {"council_id": "nw-leicestershire", "name": "North West Leicestershire District Council", "tier": "district",
     "parent_council_id": "leicestershire"},
    {"council_id": "melton", "name": "Melton Borough Council", "tier": "district",
     "parent_council_id": "leicestershire"},
]
PLANS = [
    {"plan_id": "nwl", "council_id": "nw-leicestershire", "title": "NWL plan", "plan_type": "delivery_plan",
     "period_label": "2007-2010", "start_year": 2007, "end_year": 2010, "source_file": "nwl.txt",
     "original_file": "000.txt"},
    {"plan_id": "lcc", "council_id": "leicester", "title": "Leicester BVPP", "plan_type": "bvpp",
     "period_label": "2003/04", "start_year": 2003, "end_year": 2004, "source_file": "lcc.txt",
     "original_file": "004.txt"},
]


def indicator(indicator_id, council_id, plan_id, code, title, unit="percent", polarity="higher",
              profile=None, theme="Corporate health & value for money"):
    return {"indicator_id": indicator_id, "council_id": council_id, "plan_id": plan_id, "ref": code, "code": code,
            "title": title, "theme": "Local theme", "common_theme": theme, "unit": unit, "polarity": polarity,
            "profile": profile, "source": f"{plan_id}.txt:1"}


def value(indicator_id, council_id, year, kind, number, text=None, quarter=None, line=2):
    text = text if text is not None else f"{number:g}"
    return {"indicator_id": indicator_id, "council_id": council_id, "period": f"{year}/{(year + 1) % 100:02d}",
            "year_start": year, "quarter": quarter, "kind": kind, "value": number, "value_text": text,
            "source": f"{indicator_id.split(':')[0]}.txt:{line}"}


def write_extracts(folder: Path, **tables: list[dict]) -> Path:
    """A complete extracts folder: the given tables, the standard councils and plans, and empty
    tables for the rest."""
    folder.mkdir(parents=True, exist_ok=True)
    defaults = {"councils": COUNCILS, "plans": PLANS}
    for name, spec in TABLES.items():
        write_table(spec, tables.get(name, defaults.get(name, [])), folder)
    return folder
