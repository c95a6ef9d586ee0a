"""The whole cycle on a real PostgreSQL server gives the same results as on the default DuckDB
store: register, outturns, status, the console's rag_status."""
from __future__ import annotations

import pytest

from manage import main
from tests.cli.test_register_commands import CHARNWOOD, outturns_file, write

STEPS = [
    ["charnwood,NI192,2024/25,1,44.5%,On track", "charnwood,HB02,2024/25,1,21,Staff shortage"],
    ["charnwood,CS01,2024/25,2,41%,Garden waste down", "charnwood,HB02,2024/25,2,17.5,"],
]


def run_cycle(location: str, folder, capsys) -> dict[str, str]:
    assert main(["import-plan", str(write(folder / "charnwood.csv", CHARNWOOD)), "--store", location]) == 0
    for n, rows in enumerate(STEPS, start=1):
        assert main(["import-actuals", str(outturns_file(folder / f"q{n}.csv", rows)), "--store", location,
                     "--user", "officer"]) == 0
    capsys.readouterr()
    outputs = {}
    for quarter in ("1", "2"):
        assert main(["status", "--council", "charnwood", "--year", "2024/25", "--quarter", quarter,
                     "--store", location, "--format", "csv"]) == 0
        outputs[f"status Q{quarter}"] = capsys.readouterr().out
    assert main(["sql", "select indicator_id, period, target, actual, rag from rag_status "
                        "where council_id = 'charnwood' order by indicator_id, year_start, quarter",
                 "--store", location, "--format", "csv"]) == 0
    outputs["rag_status"] = capsys.readouterr().out
    return outputs


@pytest.mark.parametrize("backend", ["postgres"])
def test_postgres_gives_the_same_results_as_duckdb(backend, tmp_path, postgres_cluster, capsys):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    on_duckdb = run_cycle(str(tmp_path / "a" / "store.duckdb"), tmp_path / "a", capsys)
    on_postgres = run_cycle(postgres_cluster.new_database(), tmp_path / "b", capsys)
    assert on_postgres == on_duckdb
    assert "red" in on_duckdb["status Q2"] and "green" in on_duckdb["status Q2"]
    assert len(on_duckdb["rag_status"].splitlines()) == 1 + 8  # header, two indicators x four quarters
