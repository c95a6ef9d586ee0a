"""Downloads of a table as CSV, Excel or Parquet.

Excel is where a cell that begins with = + - or @ can run as a formula when a user opens the
file, so text cells that begin that way are neutralised with a leading apostrophe. CSV and
Parquet are for machines and keep the text exactly as printed.

A page offers the downloads with `downloads_of`, whose files are built only when a user asks for
one: Excel through openpyxl takes about a second for 5,000 rows, far too long to spend on every
run of a page for a button nobody may press.
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from functools import partial
from typing import Callable

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """A text value that Excel could read as a formula, made inert; anything else unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    return frame.to_csv(index=False).encode("utf-8")


def to_excel_bytes(frame: pd.DataFrame, sheet_name: str = "data") -> bytes:
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(neutralise)
        elif not (pd.api.types.is_numeric_dtype(safe[column]) or pd.api.types.is_bool_dtype(safe[column])):
            safe[column] = safe[column].astype(str).map(neutralise)
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        safe.to_excel(writer, index=False, sheet_name=sheet_name[:31])
    return buffer.getvalue()


def to_parquet_bytes(frame: pd.DataFrame) -> bytes:
    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False)
    return buffer.getvalue()


EXCEL_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Download:
    """One download of a table: `build` makes the file's bytes, and is called only on request."""
    label: str
    file_name: str
    mime: str
    build: Callable[[], bytes]

    @property
    def extension(self) -> str:
        return self.file_name.rsplit(".", 1)[-1]


def downloads_of(frame: pd.DataFrame, stem: str) -> list[Download]:
    """The CSV, Excel and Parquet downloads of a table, named `stem`, none of them built yet."""
    return [
        Download("CSV", f"{stem}.csv", "text/csv", partial(to_csv_bytes, frame)),
        Download("Excel", f"{stem}.xlsx", EXCEL_MIME, partial(to_excel_bytes, frame, stem)),
        Download("Parquet", f"{stem}.parquet", "application/octet-stream", partial(to_parquet_bytes, frame)),
    ]


def dictionary_rows(table: str) -> pd.DataFrame:
    """The data dictionary of one extract table, from the contract itself."""
    from perfdash.plans.contract import TABLES

    spec = TABLES[table]
    return pd.DataFrame([
        {"Column": column, "Type": kind, "Required": "yes" if column in spec.not_null else "",
         "Part of the key": "yes" if column in spec.key else "",
         "Allowed values": ", ".join(map(str, spec.allowed.get(column, ())))}
        for column, kind in spec.columns.items()
    ])
