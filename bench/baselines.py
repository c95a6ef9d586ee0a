"""The naive pandas baseline: the heaviest dashboard queries done by reading the Parquet files
with pandas and filtering and grouping in pandas, timed against the same query in DuckDB."""
from __future__ import annotations

import time
from pathlib import Path
from statistics import median

import duckdb
import pandas as pd

from perfdash.db import database as queries


def _read(folder: Path, table: str, columns: list[str]) -> pd.DataFrame:
    return pd.read_parquet(folder / f"{table}.parquet", columns=columns)


# --- overview_council_summary: counts of everything per council -------------------------------

def _overview_read(folder: Path) -> dict:
    return {"councils": _read(folder, "councils", ["council_id", "name", "tier", "parent_council_id"]),
            **{t: _read(folder, t, ["council_id"]) for t in ("plans", "priorities", "indicators", "actions",
                                                             "quality_findings")},
            "values": _read(folder, "indicator_values", ["council_id", "year_start"])}


def _overview(frames: dict) -> pd.DataFrame:
    summary = frames["councils"]
    for table, column in (("plans", "plans"), ("priorities", "priorities"), ("indicators", "indicators"),
                          ("actions", "actions"), ("quality_findings", "findings")):
        counts = frames[table].groupby("council_id").size().rename(column)
        summary = summary.merge(counts, left_on="council_id", right_index=True, how="left")
    figures = frames["values"].groupby("council_id")["year_start"].agg(figures="size", first_year="min",
                                                                       last_year="max")
    summary = summary.merge(figures, left_on="council_id", right_index=True, how="left")
    counted = ["plans", "priorities", "indicators", "actions", "figures", "findings"]
    summary[counted] = summary[counted].fillna(0).astype("int64")
    return summary.sort_values(["tier", "name"], ascending=[False, True], ignore_index=True)


# --- trends_indicator_picker: indicators with annual figures, labelled for the picker -----------

def _trend_picker_read(folder: Path) -> dict:
    return {"values": _read(folder, "indicator_values", ["indicator_id", "quarter", "value"]),
            "indicators": _read(folder, "indicators", ["indicator_id", "council_id", "code", "title"]),
            "councils": _read(folder, "councils", ["council_id", "name"])}


def _trend_picker(frames: dict) -> pd.DataFrame:
    values = frames["values"]
    annual = values.loc[values["quarter"].isna() & values["value"].notna(), "indicator_id"].unique()
    options = frames["indicators"][frames["indicators"]["indicator_id"].isin(annual)]
    options = options.merge(frames["councils"].rename(columns={"name": "council_name"}), on="council_id")
    code = options["code"].fillna("")
    options = options.assign(label=options["council_name"] + " · " + code.where(code == "", code + " · ")
                             + options["title"], matching=len(options))
    options = options.sort_values(["code", "council_name", "title", "indicator_id"], na_position="last",
                                  ignore_index=True)
    return options[["indicator_id", "label", "matching"]]


# --- profiles_years: years with a quarterly target profile, per council -----------------------

def _profile_years_read(folder: Path) -> dict:
    return {"values": _read(folder, "indicator_values", ["council_id", "year_start", "period", "quarter", "kind",
                                                         "indicator_id"])}


def _profile_years(frames: dict) -> pd.DataFrame:
    values = frames["values"]
    profiled = values[values["quarter"].notna() & (values["kind"] == "target")]
    grouped = profiled.groupby(["council_id", "year_start"]).agg(period=("period", "min"),
                                                                  indicators=("indicator_id", "nunique"))
    return grouped.reset_index()


# --- compare_shared_indicators: latest actual and next target for shared national codes -------

def _shared_read(folder: Path) -> dict:
    return {"indicators": _read(folder, "indicators", ["indicator_id", "council_id", "code", "title", "unit",
                                                       "polarity"]),
            "councils": _read(folder, "councils", ["council_id", "name"]),
            "values": _read(folder, "indicator_values", ["indicator_id", "period", "year_start", "quarter", "kind",
                                                         "value", "value_text", "source"])}


def _shared(frames: dict) -> pd.DataFrame:
    coded = frames["indicators"][frames["indicators"]["code"].notna()]
    councils_per_code = coded.groupby("code")["council_id"].nunique()
    coded = coded[coded["code"].isin(councils_per_code[councils_per_code > 1].index)]
    values = frames["values"]
    annual = values[values["quarter"].isna() & values["value"].notna()]
    actual = (annual[annual["kind"] == "actual"].sort_values("year_start", ascending=False)
              .drop_duplicates("indicator_id"))
    targets = annual[annual["kind"] == "target"].merge(actual[["indicator_id", "year_start"]], on="indicator_id",
                                                       how="left", suffixes=("", "_actual"))
    targets = targets[targets["year_start_actual"].isna() | (targets["year_start"] > targets["year_start_actual"])]
    target = targets.sort_values("year_start").drop_duplicates("indicator_id")
    shared = coded.merge(frames["councils"].rename(columns={"name": "council_name"}), on="council_id")
    shared = shared.merge(actual.add_prefix("actual_").rename(columns={"actual_indicator_id": "indicator_id"}),
                          on="indicator_id", how="left")
    shared = shared.merge(target.add_prefix("target_").rename(columns={"target_indicator_id": "indicator_id"}),
                          on="indicator_id", how="left")
    return shared.sort_values(["code", "council_name"], ignore_index=True)


def _all_councils(folder: Path) -> list[str]:
    return list(_read(folder, "councils", ["council_id"])["council_id"])


COMPARISONS = {
    # query name: (pandas read, pandas compute, DuckDB parameters given the folder)
    "overview_council_summary": (_overview_read, _overview, lambda folder: {}),
    "trends_indicator_picker": (_trend_picker_read, _trend_picker,
                                lambda folder: {"councils": _all_councils(folder), "theme": None, "search": "",
                                                "indicator_ids": None, "limit": None}),
    "profiles_years": (_profile_years_read, _profile_years, lambda folder: {"councils": _all_councils(folder)}),
    "compare_shared_indicators": (_shared_read, _shared,
                                  lambda folder: {"councils": _all_councils(folder), "top_codes": None}),
}


def _ms(started: float) -> float:
    return (time.perf_counter() - started) * 1000


def pandas_vs_duckdb(folder: Path | str, runs: int = 3) -> dict[str, dict]:
    """For each query: pandas read and compute time, DuckDB time (the app's own SQL on a view over
    the same files, connection already open), rows from each, and how many times faster DuckDB is."""
    folder = Path(folder)
    connection = queries.open_database(folder)
    results = {}
    try:
        for name, (read, compute, parameters) in COMPARISONS.items():
            try:
                results[name] = _compare(connection, folder, name, read, compute, parameters(folder), runs)
            except (duckdb.Error, queries.QueryNotFound, KeyError, ValueError) as error:
                # The query changed shape since this baseline was written: say so, measure the rest.
                results[name] = {"error": f"{type(error).__name__}: {str(error)[:200]}"}
    finally:
        connection.close()
    return results


def _compare(connection, folder: Path, name: str, read, compute, params: dict, runs: int) -> dict:
    read_ms, compute_ms, duckdb_ms = [], [], []
    for _ in range(runs):
        started = time.perf_counter()
        frames = read(folder)
        read_ms.append(_ms(started))
        started = time.perf_counter()
        by_pandas = compute(frames)
        compute_ms.append(_ms(started))
        del frames
        started = time.perf_counter()
        by_duckdb = queries.run_named(connection, name, **params)
        duckdb_ms.append(_ms(started))
    pandas_ms = median(r + c for r, c in zip(read_ms, compute_ms))
    return {
        "pandas_read_ms": round(median(read_ms), 1), "pandas_compute_ms": round(median(compute_ms), 1),
        "pandas_ms": round(pandas_ms, 1), "duckdb_ms": round(median(duckdb_ms), 1),
        "duckdb_speedup": round(pandas_ms / max(median(duckdb_ms), 0.01), 1),
        "rows_pandas": len(by_pandas), "rows_duckdb": len(by_duckdb), "same_rows": len(by_pandas) == len(by_duckdb),
    }
