"""Byte-deterministic Parquet and CSV writing for extract tables."""
from __future__ import annotations

import csv
import io
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from perfdash.plans.contract import TableSpec


def _sort_key(spec: TableSpec):
    def key(row: dict):
        # None sorts first; mixed types never meet because each column has one type.
        return tuple((row.get(column) is not None, row.get(column) or 0 if spec.columns[column] != "string"
                      else row.get(column) or "") for column in spec.key)
    return key


def normalise_rows(spec: TableSpec, rows: list[dict]) -> list[dict]:
    """Rows restricted to the contract's columns, cast to its types, in key order."""
    cast = {"string": lambda v: None if v is None else str(v),
            "int": lambda v: None if v is None else int(v),
            "float": lambda v: None if v is None else float(v)}
    out = [{column: cast[kind](row.get(column)) for column, kind in spec.columns.items()} for row in rows]
    return sorted(out, key=_sort_key(spec))


def _csv_text(spec: TableSpec, rows: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(spec.columns)
    for row in rows:
        writer.writerow(["" if row[c] is None else repr(row[c]) if isinstance(row[c], float) else row[c]
                         for c in spec.columns])
    return buffer.getvalue()


def write_table(spec: TableSpec, rows: list[dict], folder: Path) -> None:
    rows = normalise_rows(spec, rows)
    table = pa.Table.from_pylist(rows, schema=spec.schema())
    pq.write_table(table, folder / f"{spec.name}.parquet", compression="zstd", write_statistics=False)
    (folder / f"{spec.name}.csv").write_text(_csv_text(spec, rows), encoding="utf-8")
