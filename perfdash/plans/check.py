"""`manage.py check`: the extracts against the data contract, in plain English."""
from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from perfdash.db.database import ExtractsUnreadable
from perfdash.plans.contract import TABLES
from perfdash.plans.curated import load_taxonomy

_SOURCE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+)$")


def _unique_problems(name: str, rows: list[dict]) -> list[str]:
    spec = TABLES[name]
    counts = Counter(tuple(row.get(c) for c in spec.key) for row in rows)
    return [f"{name}: key ({', '.join(spec.key)}) = {key} appears {n} times"
            for key, n in sorted(counts.items(), key=str) if n > 1][:20]


def _row_problems(name: str, rows: list[dict], known: dict[str, set]) -> list[str]:
    spec = TABLES[name]
    problems = []
    themes = set(load_taxonomy()["common_themes"])
    units = set(load_taxonomy()["units"])
    for index, row in enumerate(rows):
        where = f"{name} row {index + 1} ({row.get('source') or row.get(spec.key[0])})"
        for column in spec.not_null:
            if row.get(column) in (None, ""):
                problems.append(f"{where}: {column} is empty")
        for column, allowed in spec.allowed.items():
            if row.get(column) is not None and row[column] not in allowed:
                problems.append(f"{where}: {column} {row[column]!r} is not one of {', '.join(map(str, allowed))}")
        if "common_theme" in spec.columns and row.get("common_theme") and row["common_theme"] not in themes:
            problems.append(f"{where}: common_theme {row['common_theme']!r} is not in the taxonomy")
        if name == "indicators" and row.get("unit") and row["unit"] not in units:
            problems.append(f"{where}: unit {row['unit']!r} is not in the controlled vocabulary")
        for column, table in spec.references.items():
            if row.get(column) is not None and row[column] not in known[table]:
                problems.append(f"{where}: {column} {row[column]!r} is not in {table}")
        source = row.get("source")
        if "source" in spec.columns and source is not None:
            match = _SOURCE.match(source)
            if not match or match.group("file") not in known["source_files"]:
                problems.append(f"{where}: source {source!r} is not '<source file>:<line>' of a known plan")
    return problems


def check_tables(tables: dict[str, list[dict]]) -> list[str]:
    """Every contract problem in a set of tables; empty when they are sound."""
    problems = [f"table {name} is missing" for name in TABLES if name not in tables]
    if problems:
        return problems
    # Referential integrity: every referenced table's key values (each has a one-column key).
    referenced = {table for spec in TABLES.values() for table in spec.references.values()}
    known = {table: {r[TABLES[table].key[0]] for r in tables[table]} for table in referenced}
    known["source_files"] = {r["source_file"] for r in tables["plans"]}
    for name, rows in tables.items():
        problems += _unique_problems(name, rows)
        problems += _row_problems(name, rows, known)
    for row in tables["indicator_values"]:
        if row.get("value") is None and row.get("value_text") in (None, ""):
            problems.append(f"indicator_values {row.get('source')}: neither a value nor a value_text")
    return problems


def _first_line(error: BaseException) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__


def read_tables(folder: Path) -> tuple[dict[str, list[dict]], list[str]]:
    """The extract tables from Parquet, with problems in the files themselves. A file that cannot be
    read at all (cut short, damaged, not Parquet or not UTF-8) raises ExtractsUnreadable naming it."""
    tables, problems = {}, []
    for name, spec in TABLES.items():
        parquet, csv_file = folder / f"{name}.parquet", folder / f"{name}.csv"
        if not parquet.is_file() or not csv_file.is_file():
            problems.append(f"{name}: {parquet.name} and {csv_file.name} must both exist in {folder}")
            continue
        try:
            table = pq.read_table(parquet)
        except (pa.ArrowException, OSError) as error:
            raise ExtractsUnreadable(parquet, _first_line(error)) from error
        for column in spec.columns:
            if column not in table.schema.names:
                problems.append(f"{name}: required column {column} is missing")
            elif table.schema.field(column).type != spec.schema().field(column).type:
                problems.append(f"{name}.{column}: type {table.schema.field(column).type} should be "
                                f"{spec.schema().field(column).type}")
        try:
            with csv_file.open(encoding="utf-8", newline="") as handle:
                csv_rows = sum(1 for _ in csv.reader(handle)) - 1
        except (OSError, UnicodeDecodeError, csv.Error) as error:
            raise ExtractsUnreadable(csv_file, _first_line(error)) from error
        if csv_rows != table.num_rows:
            problems.append(f"{name}: the CSV has {csv_rows} rows but the Parquet file has {table.num_rows}")
        tables[name] = table.to_pylist()
    return tables, problems


def check_extracts(folder: Path) -> list[str]:
    tables, problems = read_tables(folder)
    return problems or check_tables(tables)
