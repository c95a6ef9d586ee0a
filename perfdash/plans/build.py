"""`manage.py build`: every parser over its document, generic quality checks, then an
all-or-nothing, byte-deterministic write of Parquet and CSV extracts."""
from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

from perfdash import paths
from perfdash.plans import consistency, dictionary, quality
from perfdash.plans.contract import TABLES
from perfdash.plans.document import load_catalogue, load_document, load_parser
from perfdash.plans.writer import write_table


class BuildError(RuntimeError):
    """The build could not produce valid extracts; nothing was written."""


def catalogue_tables(catalogue: dict) -> dict[str, list[dict]]:
    councils = [{key: council[key] for key in TABLES["councils"].columns} for council in catalogue["councils"]]
    plans = []
    for plan in catalogue["plans"]:
        row = {key: plan.get(key) for key in TABLES["plans"].columns}
        row["source_file"] = plan["file"]
        plans.append(row)
    return {"councils": councils, "plans": plans}


def _line_number(source: str) -> int:
    match = re.search(r":(\d+)$", source or "")
    return int(match.group(1)) if match else 0


def number_findings(findings: list[dict]) -> list[dict]:
    """Give findings stable ids, in plan and line order."""
    ordered = sorted(findings, key=lambda f: (f["plan_id"], _line_number(f["source"]), f["category"],
                                              f.get("indicator_id") or "", f["message"]))
    counters: dict[str, int] = {}
    numbered = []
    for finding in ordered:
        counters[finding["plan_id"]] = counters.get(finding["plan_id"], 0) + 1
        numbered.append({**finding, "finding_id": f"{finding['plan_id']}-{counters[finding['plan_id']]:03d}"})
    return numbered


def extract_all(catalogue_path: Path = paths.CATALOGUE_FILE) -> dict[str, list[dict]]:
    """All extract tables in memory, before writing. Each plan is read by the parser its
    catalogue entry names (data/sources/catalogue.yaml, key `parser`)."""
    catalogue = load_catalogue(catalogue_path)
    tables = {name: [] for name in TABLES}
    tables.update(catalogue_tables(catalogue))
    for plan in catalogue["plans"]:
        parsed = load_parser(plan, catalogue_path)(load_document(plan["plan_id"], catalogue_path))
        for name, rows in parsed.items():
            if name not in TABLES or name in ("councils", "plans"):
                raise BuildError(f"Parser {plan['parser']} (plan {plan['plan_id']}) returned unknown "
                                 f"table {name!r}")
            tables[name].extend(rows)
    # Units and polarities from the national dictionary first: the generic checks read them.
    tables["indicators"], national = dictionary.apply_dictionary(tables["indicators"], tables["indicator_values"],
                                                                  catalogue_path)
    tables["quality_findings"].extend(national)
    tables["quality_findings"].extend(consistency.consistency_findings(tables, catalogue_path))
    tables["quality_findings"].extend(quality.generic_findings(tables["indicators"], tables["indicator_values"]))
    tables["quality_findings"] = number_findings(tables["quality_findings"])
    return tables


def build(out_dir: Path | None = None) -> dict[str, int]:
    """Regenerate the extracts. Writes to a scratch folder and swaps it in only when every
    table is written, so a failed build leaves the previous extracts untouched."""
    from perfdash.plans.check import check_tables

    out_dir = Path(out_dir or paths.extracts_dir())
    tables = extract_all()
    problems = check_tables(tables)
    if problems:
        raise BuildError("The parsed data breaks the contract:\n" + "\n".join(f"- {p}" for p in problems))
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=".extracts-", dir=out_dir.parent))
    try:
        for name, rows in tables.items():
            write_table(TABLES[name], rows, scratch)
        backup = out_dir.with_name(out_dir.name + ".previous")
        if backup.exists():
            shutil.rmtree(backup)
        if out_dir.exists():
            out_dir.rename(backup)
        scratch.rename(out_dir)
        if backup.exists():
            shutil.rmtree(backup)
    finally:
        if scratch.exists():
            shutil.rmtree(scratch)
    return {name: len(rows) for name, rows in tables.items()}
