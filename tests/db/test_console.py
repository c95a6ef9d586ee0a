"""The read-only SQL console: loading, lock-down, the SELECT-only check, limits, examples and the CLI."""
from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from perfdash.cli import main as cli
from perfdash.db.console import (
    ConsoleResult,
    ExtractsUnavailable,
    QueryFailed,
    QueryRefused,
    QueryTimedOut,
    SqlConsole,
    list_examples,
)
from perfdash.plans.contract import TABLES

NWL = "nwl-delivery-2007"
CORPORATE = "Corporate health & value for money"
LEI = "leicester-bvpp-2003"

# A few rows per table: BV9 in two councils (on track in Leicester, behind its Q1 target in NW Leicestershire)
# and a lower-is-better sickness indicator above its target.
ROWS: dict[str, list[dict]] = {
    "councils": [
        {"council_id": "leicester", "name": "Leicester City Council", "tier": "unitary"},
        {"council_id": "leicestershire", "name": "Leicestershire County Council", "tier": "county"},
        {"council_id": "nw-leicestershire", "name": "North West Leicestershire District Council",
         "tier": "district", "parent_council_id": "leicestershire"},
        {"council_id": "melton", "name": "Melton Borough Council", "tier": "district",
         "parent_council_id": "leicestershire"},
    ],
    "plans": [
        {"plan_id": NWL, "council_id": "nw-leicestershire", "title": "Council Delivery Plan 2007-2010",
         "source_file": "nwl.txt", "start_year": 2007, "end_year": 2010},
        {"plan_id": LEI, "council_id": "leicester", "title": "Best Value Performance Plan 2003/04",
         "source_file": "lei.txt", "start_year": 2003, "end_year": 2004},
    ],
    "indicators": [
        {"indicator_id": f"{NWL}:BV9", "council_id": "nw-leicestershire", "plan_id": NWL, "ref": "BV9",
         "code": "BV9", "title": "Percentage of Council Tax Collected", "common_theme": CORPORATE,
         "unit": "percent", "polarity": "higher", "profile": "cumulative", "source": "nwl.txt:992"},
        {"indicator_id": f"{NWL}:BV12", "council_id": "nw-leicestershire", "plan_id": NWL, "ref": "BV12",
         "code": "BV12", "title": "Working days lost to sickness", "common_theme": CORPORATE,
         "unit": "days", "polarity": "lower", "profile": "cumulative", "source": "nwl.txt:994"},
        {"indicator_id": f"{LEI}:BV9", "council_id": "leicester", "plan_id": LEI, "ref": "BV 9",
         "code": "BV9", "title": "Council tax collected", "common_theme": CORPORATE,
         "unit": "percent", "polarity": "higher", "profile": None, "source": "lei.txt:10"},
        {"indicator_id": f"{LEI}:lc1", "council_id": "leicester", "plan_id": LEI, "ref": "LC1",
         "code": "LC1", "title": "Library visits", "common_theme": "Culture, leisure & sport",
         "unit": "count", "polarity": "higher", "profile": None, "source": "lei.txt:20"},
    ],
    "indicator_values": [
        {"indicator_id": f"{NWL}:BV9", "year_start": 2006, "quarter": None, "kind": "actual", "value": 94.09},
        {"indicator_id": f"{NWL}:BV9", "year_start": 2007, "quarter": None, "kind": "target", "value": 98.0},
        {"indicator_id": f"{NWL}:BV9", "year_start": 2007, "quarter": 1, "kind": "target", "value": 30.5},
        {"indicator_id": f"{NWL}:BV9", "year_start": 2007, "quarter": 2, "kind": "target", "value": 60.0},
        {"indicator_id": f"{NWL}:BV9", "year_start": 2007, "quarter": 3, "kind": "target", "value": 86.8},
        {"indicator_id": f"{NWL}:BV9", "year_start": 2007, "quarter": 4, "kind": "target", "value": 98.0},
        {"indicator_id": f"{NWL}:BV9", "year_start": 2007, "quarter": 1, "kind": "actual", "value": 29.0},
        {"indicator_id": f"{NWL}:BV12", "year_start": 2007, "quarter": None, "kind": "target", "value": 9.5},
        {"indicator_id": f"{NWL}:BV12", "year_start": 2007, "quarter": None, "kind": "actual", "value": 10.2},
        {"indicator_id": f"{LEI}:BV9", "year_start": 2003, "quarter": None, "kind": "target", "value": 95.0},
        {"indicator_id": f"{LEI}:BV9", "year_start": 2003, "quarter": None, "kind": "actual", "value": 96.0},
    ],
    "quality_findings": [
        {"finding_id": "f1", "council_id": "nw-leicestershire", "plan_id": NWL, "indicator_id": f"{NWL}:BV12",
         "category": "duplicate_row", "severity": "warning", "message": "BV12 is printed twice.",
         "source": "nwl.txt:994"},
        {"finding_id": "f2", "council_id": "nw-leicestershire", "plan_id": NWL, "indicator_id": f"{NWL}:BV9",
         "category": "duplicate_row", "severity": "warning", "message": "BV9 is printed twice.",
         "source": "nwl.txt:992"},
        {"finding_id": "f3", "council_id": "leicester", "plan_id": LEI, "indicator_id": None,
         "category": "garbled_region", "severity": "info", "message": "A table is garbled.", "source": "lei.txt:5"},
    ],
}


def _complete(table: str, row: dict) -> dict:
    """Fill the columns a fixture row leaves out, deriving the ones the contract needs."""
    row = dict(row)
    if table == "indicator_values":
        indicator = next(i for i in ROWS["indicators"] if i["indicator_id"] == row["indicator_id"])
        year = row["year_start"]
        row.setdefault("council_id", indicator["council_id"])
        row.setdefault("period", f"{year}/{(year + 1) % 100:02d}")
        row.setdefault("value_text", str(row["value"]))
        row.setdefault("source", indicator["source"])
    return {column: row.get(column) for column in TABLES[table].columns}


def write_extracts(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, spec in TABLES.items():
        rows = [_complete(name, row) for row in ROWS.get(name, [])]
        pq.write_table(pa.Table.from_pylist(rows, schema=spec.schema()), folder / f"{name}.parquet")
    return folder


@pytest.fixture
def extracts(tmp_path: Path) -> Path:
    return write_extracts(tmp_path / "extracts")


@pytest.fixture
def console(extracts: Path):
    with SqlConsole(extracts) as opened:
        yield opened


# Loading and lock-down

def test_loads_one_table_per_parquet_file_with_the_contract_columns(console: SqlConsole) -> None:
    assert set(console.tables) == set(TABLES)
    columns = console.table_columns()
    for name, spec in TABLES.items():
        assert [column for column, _ in columns[name]] == list(spec.columns)
    assert console.run("select count(*) as n from indicator_values").dataframe["n"][0] == \
        len(ROWS["indicator_values"])


def test_data_is_copied_in_so_queries_work_after_the_files_are_gone(extracts: Path) -> None:
    with SqlConsole(extracts) as console:
        for file in extracts.glob("*.parquet"):
            file.unlink()
        result = console.run("select name from councils order by name")
    assert result.dataframe["name"].tolist()[0] == "Leicester City Council"
    assert result.row_count == 4


def test_external_access_cannot_be_re_enabled(console: SqlConsole) -> None:
    with pytest.raises(QueryRefused, match="SET"):
        console.run("SET enable_external_access = true")
    # Even past the parser check, DuckDB itself refuses: the configuration is locked.
    raw = console._connection.cursor()
    try:
        for statement in ("SET enable_external_access = true", "RESET enable_external_access",
                          "SET lock_configuration = false"):
            with pytest.raises(duckdb.Error, match="locked"):
                raw.execute(statement)
        assert raw.execute("select current_setting('enable_external_access')").fetchone()[0] is False
    finally:
        raw.close()


@pytest.mark.parametrize("query", [
    "select * from read_csv('/etc/passwd')",
    "select * from read_text('/etc/passwd')",
    "select * from glob('/etc/*')",
])
def test_files_cannot_be_read(console: SqlConsole, query: str) -> None:
    with pytest.raises(QueryFailed, match="cannot read files"):
        console.run(query)


def test_a_real_parquet_file_cannot_be_read(console: SqlConsole, extracts: Path) -> None:
    real_file = extracts / "councils.parquet"
    assert real_file.exists()
    for query in (f"select * from read_parquet('{real_file}')", f"select * from '{real_file}'"):
        with pytest.raises(QueryFailed, match="cannot read files"):
            console.run(query)


def test_python_variables_are_not_visible(console: SqlConsole) -> None:
    hidden_frame = pd.DataFrame({"secret": [1]})  # noqa: F841 - a replacement scan would find it
    with pytest.raises(QueryFailed):
        console.run("select * from hidden_frame")


# The SELECT-only check

@pytest.mark.parametrize(("query", "named"), [
    ("COPY councils TO 'out.csv'", "COPY"),
    ("ATTACH ':memory:' AS other", "ATTACH"),
    ("INSTALL httpfs", "INSTALL"),
    ("LOAD httpfs", "LOAD"),
    ("CREATE TABLE copied AS SELECT * FROM councils", "CREATE"),
    ("INSERT INTO councils (council_id, name, tier) VALUES ('x', 'X', 'unitary')", "INSERT"),
    ("UPDATE councils SET name = 'X'", "UPDATE"),
    ("DELETE FROM councils", "DELETE"),
    ("PRAGMA database_list", "PRAGMA"),
    ("SET threads = 1", "SET"),
    ("EXPORT DATABASE 'dump'", "EXPORT"),
    ("DROP TABLE councils", "DROP"),
])
def test_non_select_statements_are_refused_by_name(console: SqlConsole, query: str, named: str) -> None:
    with pytest.raises(QueryRefused, match=named) as refused:
        console.run(query)
    assert "Only SELECT" in str(refused.value)
    assert console.run("select count(*) as n from councils").dataframe["n"][0] == 4


@pytest.mark.parametrize(("query", "step"), [
    ("with x as (delete from councils returning *) select count(*) from x", "DELETE"),
    ("with x as (update councils set name = 'X' returning *) select * from x", "UPDATE"),
    ("with x as (insert into councils (council_id, name, tier) values ('x', 'X', 'unitary') returning *) "
     "select * from x", "INSERT"),
    ("select * from (with x as (delete from councils returning *) select * from x)", "DELETE"),
])
def test_a_write_hidden_in_a_select_is_refused_and_changes_nothing(console: SqlConsole, query: str,
                                                                   step: str) -> None:
    with pytest.raises(QueryRefused, match=f"holds a {step} step"):
        console.run(query)
    assert console.run("select count(*) as n from councils").dataframe["n"][0] == 4
    assert console.run("select name from councils where council_id = 'leicester'").dataframe["name"][0] \
        == "Leicester City Council"


def test_the_console_database_refuses_writes_even_past_the_checks(console: SqlConsole) -> None:
    """Writes are impossible by construction: the console's own database is opened read-only."""
    cursor = console._cursor()
    try:
        with pytest.raises(duckdb.InvalidInputException, match="read-only"):
            cursor.execute("with x as (delete from councils returning *) select count(*) from x")
        with pytest.raises(duckdb.InvalidInputException, match="read-only"):
            cursor.execute("create table copied as select * from councils")
    finally:
        cursor.close()
    assert console.run("select count(*) as n from councils").dataframe["n"][0] == 4


def test_one_consoles_visitors_cannot_damage_what_another_sees(extracts: Path) -> None:
    with SqlConsole(extracts) as shared:
        with ThreadPoolExecutor(max_workers=4) as pool:
            attempts = list(pool.map(lambda q: _refusal_or_none(shared, q), [
                "with x as (delete from councils returning *) select count(*) from x",
                "delete from indicators", "drop table councils",
                "with x as (update indicators set title = 'hacked' returning *) select 1 from x"]))
        assert all(isinstance(attempt, QueryRefused) for attempt in attempts)
        assert shared.run("select count(*) as n from indicators where title = 'hacked'").dataframe["n"][0] == 0
        assert shared.run("select count(*) as n from councils").dataframe["n"][0] == 4


def _refusal_or_none(console: SqlConsole, query: str) -> Exception | None:
    try:
        console.run(query)
    except QueryRefused as refusal:
        return refusal
    return None


@pytest.mark.parametrize(("query", "word"), [("select 1 as load", "LOAD"), ("select 1 as returning", "RETURNING")])
def test_the_text_check_refuses_a_writing_word_outside_quotes(console: SqlConsole, query: str, word: str) -> None:
    with pytest.raises(QueryRefused, match=f"the word {word}"):
        console.run(query)


def test_writing_words_inside_strings_quotes_and_comments_are_allowed(console: SqlConsole) -> None:
    result = console.run("select 'delete from councils' as \"drop\" -- update everything\nfrom councils limit 1")
    assert result.dataframe.columns.tolist() == ["drop"]
    assert result.dataframe["drop"][0] == "delete from councils"


def test_several_statements_are_refused_and_none_runs(console: SqlConsole) -> None:
    with pytest.raises(QueryRefused, match="one statement") as refused:
        console.run("SELECT 1; DROP TABLE councils")
    assert "holds 2" in str(refused.value)
    assert "councils" in console.run("select table_name from information_schema.tables")\
        .dataframe["table_name"].tolist()


@pytest.mark.parametrize("query", ["", "   \n", ";", "-- only a comment"])
def test_empty_input_gets_a_clear_message(console: SqlConsole, query: str) -> None:
    with pytest.raises(QueryRefused, match="no query to run"):
        console.run(query)


def test_with_and_values_queries_run(console: SqlConsole) -> None:
    with_query = "with big as (select * from councils where tier = 'district') select count(*) as n from big"
    assert console.run(with_query).dataframe["n"][0] == 2
    assert console.run("values (1, 'a'), (2, 'b')").row_count == 2


def test_a_syntax_error_fails_with_a_plain_lead(console: SqlConsole) -> None:
    with pytest.raises(QueryFailed, match="could not read the query"):
        console.run("selec * form councils")


def test_an_unknown_table_lists_the_tables(console: SqlConsole) -> None:
    with pytest.raises(QueryFailed, match="does not exist") as failed:
        console.run("select * from council")
    assert "indicator_values" in str(failed.value)


# Limits

def test_results_are_capped_at_the_row_limit(extracts: Path) -> None:
    with SqlConsole(extracts, row_limit=5) as console:
        over = console.run("select * from range(20)")
        exact = console.run("select * from range(5)")
    assert (over.row_count, over.truncated, over.row_limit) == (5, True, 5)
    assert over.dataframe["range"].tolist() == [0, 1, 2, 3, 4]
    assert (exact.row_count, exact.truncated) == (5, False)
    assert "truncated" in over.summary() and "truncated" not in exact.summary()


def test_a_huge_result_is_not_materialised(extracts: Path) -> None:
    # Ten billion rows would not fit in memory or time; streaming stops after row_limit + 1.
    with SqlConsole(extracts, row_limit=100, timeout_s=5) as console:
        result = console.run("select range as n, 'row ' || range as label from range(10000000000)")
    assert result.row_count == 100 and result.truncated


def test_a_runaway_query_is_stopped_at_the_time_limit(extracts: Path) -> None:
    with SqlConsole(extracts, timeout_s=1) as console:
        started = time.monotonic()
        with pytest.raises(QueryTimedOut) as stopped:
            console.run("select count(*) from range(1000000) as a, range(1000000) as b")
        assert time.monotonic() - started < 1 + 5
        assert str(stopped.value) == "The query took longer than 1 s and was stopped."
        # The console is still usable after an interrupted query.
        assert console.run("select count(*) as n from plans").dataframe["n"][0] == 2


def test_queries_from_several_threads_run_on_their_own_cursors(console: SqlConsole) -> None:
    queries = [f"select count(*) + {index} as n from indicators" for index in range(16)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(console.run, queries))
    assert [result.dataframe["n"][0] for result in results] == [4 + index for index in range(16)]
    assert threading.active_count() < 50


def test_result_reports_elapsed_time(console: SqlConsole) -> None:
    result = console.run("select 1 as one")
    assert isinstance(result, ConsoleResult) and result.elapsed_ms >= 0
    assert result.summary() == "(1 row)"


def test_missing_or_empty_extracts_folder_is_reported(tmp_path: Path) -> None:
    with pytest.raises(ExtractsUnavailable, match="does not exist"):
        SqlConsole(tmp_path / "nowhere")
    (tmp_path / "empty").mkdir()
    with pytest.raises(ExtractsUnavailable, match="no Parquet"):
        SqlConsole(tmp_path / "empty")


@pytest.mark.parametrize("settings", [{"row_limit": 0}, {"timeout_s": 0}, {"timeout_s": float("nan")},
                                      {"timeout_s": float("inf")}])
def test_nonsense_limits_are_rejected(extracts: Path, settings: dict) -> None:
    with pytest.raises(ValueError):
        SqlConsole(extracts, **settings)


# Example queries

def test_every_example_parses_and_runs(console: SqlConsole) -> None:
    examples = list_examples()
    assert 4 <= len(examples) <= 6
    for title, sql in examples:
        assert title and not title.startswith("-")
        result = console.run(sql)
        assert len(result.dataframe.columns) > 0, title


def _example(title_start: str) -> str:
    return next(sql for title, sql in list_examples() if title.startswith(title_start))


def test_off_trajectory_example_reads_polarity(console: SqlConsole) -> None:
    frame = console.run(_example("Indicators off trajectory")).dataframe
    assert sorted(zip(frame["council_id"], frame["ref"])) == [("nw-leicestershire", "BV12"),
                                                              ("nw-leicestershire", "BV9")]
    bv9 = frame[frame["ref"] == "BV9"].iloc[0]
    assert (bv9["quarter"], bv9["actual"], bv9["target"]) == (1, 29.0, 30.5)


def test_shared_codes_and_bv9_profile_examples(console: SqlConsole) -> None:
    shared = console.run(_example("National indicator codes")).dataframe
    assert shared["code"].tolist() == ["BV9"] and shared["councils"].tolist() == [2]
    profile = console.run(_example("Quarterly profile of BV9")).dataframe
    quarterly_targets = profile[(profile["kind"] == "target") & profile["quarter"].notna()]
    assert quarterly_targets["value"].tolist() == [30.5, 60.0, 86.8, 98.0]


def test_examples_need_a_title_comment(tmp_path: Path) -> None:
    (tmp_path / "untitled.sql").write_text("select 1\n", encoding="utf-8")
    with pytest.raises(ValueError, match="untitled.sql"):
        list_examples(tmp_path)


# The CLI

def test_cli_prints_a_table_and_the_row_count(extracts: Path, capsys: pytest.CaptureFixture) -> None:
    code = cli.main(["sql", "select council_id, tier from councils order by council_id", "--extracts", str(extracts)])
    out = capsys.readouterr().out
    assert code == 0
    lines = out.strip().splitlines()
    assert lines[0].split() == ["council_id", "tier"]
    assert lines[1].split() == ["leicester", "unitary"]
    assert lines[-1] == "(4 rows)"


def test_cli_says_when_the_result_is_truncated(extracts: Path, capsys: pytest.CaptureFixture) -> None:
    code = cli.main(["sql", "select * from range(50)", "--extracts", str(extracts), "--limit", "7"])
    out = capsys.readouterr().out
    assert code == 0
    assert out.strip().splitlines()[-1] == "(7 rows shown; result truncated at the row limit)"


def test_cli_refusal_exits_2_with_the_message_on_stderr(extracts: Path, capsys: pytest.CaptureFixture) -> None:
    code = cli.main(["sql", "SELECT 1; DROP TABLE councils", "--extracts", str(extracts)])
    captured = capsys.readouterr()
    assert code == 2
    assert "one statement" in captured.err and captured.out == ""


def test_cli_refuses_a_write_hidden_in_a_cte(extracts: Path, capsys: pytest.CaptureFixture) -> None:
    code = cli.main(["sql", "with x as (delete from councils returning *) select count(*) from x",
                     "--extracts", str(extracts)])
    captured = capsys.readouterr()
    assert code == 2
    assert "DELETE step" in captured.err and captured.out == ""


@pytest.mark.parametrize("timeout", ["inf", "nan", "-1", "0", "1e9", "abc"])
def test_cli_accepts_only_positive_finite_timeouts_up_to_the_maximum(extracts: Path, timeout: str,
                                                                      capsys: pytest.CaptureFixture) -> None:
    with pytest.raises(SystemExit) as stopped:
        cli.main(["sql", "select 1", "--extracts", str(extracts), "--timeout", timeout])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert "--timeout" in err and "seconds" in err and "Traceback" not in err


def test_cli_rejects_a_zero_limit(extracts: Path, capsys: pytest.CaptureFixture) -> None:
    assert cli.main(["sql", "select 1", "--extracts", str(extracts), "--limit", "0"]) == 2
    assert "--limit" in capsys.readouterr().err


def test_cli_failure_exits_1(extracts: Path, capsys: pytest.CaptureFixture) -> None:
    code = cli.main(["sql", "select * from read_csv('/etc/passwd')", "--extracts", str(extracts)])
    assert code == 1
    assert "cannot read files" in capsys.readouterr().err


def test_cli_timeout_exits_1(extracts: Path, capsys: pytest.CaptureFixture) -> None:
    code = cli.main(["sql", "select count(*) from range(1000000) as a, range(1000000) as b",
                     "--extracts", str(extracts), "--timeout", "0.5"])
    assert code == 1
    assert "took longer than 0.5 s and was stopped" in capsys.readouterr().err


# The store's tables in the console

def test_cli_console_sees_the_stores_outturns_rag_status_and_imported_plans(tmp_path, capsys) -> None:
    from perfdash.store.outturns import ActualsStore, Outturn
    from perfdash.store.plans import PlanStore
    from tests.store.test_plans import register

    store = tmp_path / "store.duckdb"
    ActualsStore(store).record([Outturn("nwl-delivery-2007:BV9", "nw-leicestershire", 2007, 1, 28.0, "28%",
                                        "Backlog")], "alice")
    PlanStore(ActualsStore(store)).import_frames(register(), "register.csv", b"x", "carol")
    assert cli.main(["sql", "select indicator_id, value, comment, submitted_by from outturns",
                     "--store", str(store), "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "indicator_id,value,comment,submitted_by", "nwl-delivery-2007:BV9,28.0,Backlog,alice"]
    # BV9's Q1 target is 30.5% (line 992) and NW Leicestershire's tolerance is 5% of target: 28 is red.
    assert cli.main(["sql", "select target, actual, rag from rag_status where indicator_id = "
                            "'nwl-delivery-2007:BV9' and year_start = 2007 and quarter = 1",
                     "--store", str(store), "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines()[1:] == ["30.5,28.0,red"]
    assert cli.main(["sql", "select name from councils where council_id = 'huntingdonshire'",
                     "--store", str(store), "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines() == ["name", "Huntingdonshire District Council"]


def test_cli_csv_output_neutralises_formulas_and_keeps_numbers(tmp_path, capsys) -> None:
    assert cli.main(["sql", "select '=HYPERLINK(1)' as note, -5 as change", "--store",
                     str(tmp_path / "none.duckdb"), "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines() == ["note,change", "'=HYPERLINK(1),-5"]
