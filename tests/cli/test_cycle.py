"""The quarterly-cycle commands as a user runs them: manage.py import-actuals, status, demo-actuals.

Every command reads the committed extracts (data/extracts) and writes only to a store under
tmp_path. NW Leicestershire's delivery plan profiles 2007/08 by quarter: BV9 (council tax
collected) 30.5, 60.0, 86.8, 98.0 and BV10 (business rates) 32.6, 60.2, 87.7, 99.3, both
cumulative percentages where higher is better; its RAG rule is amber within 5% of target.
"""
from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from perfdash import paths
from perfdash.cli.main import main
from perfdash.store.outturns import DEMO, ActualsStore, kind_on_disk

NWL = "nw-leicestershire"
BV9 = "nwl-delivery-2007:BV9"
BV10 = "nwl-delivery-2007:BV10"
HEADER = ["council_id", "indicator", "year", "quarter", "value", "comment"]
GENERATED = "GENERATED DEMONSTRATION FIGURE, not a real outturn"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    """Even a command that forgot --store lands in tmp_path; extracts and rules are the committed ones."""
    monkeypatch.setenv(paths.STORE_ENV_VAR, str(tmp_path / "env" / "actuals.duckdb"))
    monkeypatch.setenv(paths.DEMO_STORE_ENV_VAR, str(tmp_path / "env" / "demo-actuals.duckdb"))
    monkeypatch.delenv(paths.EXTRACTS_ENV_VAR, raising=False)
    monkeypatch.delenv(paths.RAG_RULES_ENV_VAR, raising=False)


@pytest.fixture
def store_path(tmp_path):
    return tmp_path / "store" / "actuals.duckdb"


@pytest.fixture
def demo_path(tmp_path):
    return tmp_path / "store" / "demo-actuals.duckdb"


def run(capsys, *argv) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of one manage.py command."""
    code = main([str(arg) for arg in argv])
    out, err = capsys.readouterr()
    return code, out, err


def write_csv(folder, rows, name="outturns.csv"):
    path = folder / name
    with open(path, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([HEADER, *rows])
    return path


def import_rows(capsys, tmp_path, store_path, rows, user="alice", name="outturns.csv"):
    return run(capsys, "import-actuals", write_csv(tmp_path, rows, name), "--store", store_path, "--user", user)


def status(capsys, store, quarter=2, fmt="csv", council=NWL):
    return run(capsys, "status", "--council", council, "--year", "2007/08", "--quarter", quarter,
               "--store", store, "--format", fmt)


def status_rows(out: str) -> dict[str, dict]:
    return {row["indicator_id"]: row for row in csv.DictReader(io.StringIO(out))}


def assert_nothing_written(path, kind="real"):
    assert ActualsStore(path, kind).history().empty


# --- import-actuals: accepted ------------------------------------------------------------------

def test_a_good_csv_is_recorded_with_its_editor_and_comment(capsys, tmp_path, store_path):
    code, out, err = import_rows(capsys, tmp_path, store_path, [
        [NWL, "BV9", "2007/08", "1", "28.0%", "Billing system outage in May"],
        [NWL, "BV10", "2007/08", "1", "31.2", ""],
    ])
    assert (code, err) == (0, "")
    assert "2 rows ready: nw-leicestershire 2007/08 Q1" in out
    assert "recorded 2 outturn(s) as alice: 2 new, 0 revision(s)" in out
    assert str(store_path) in out
    history = ActualsStore(store_path).history().sort_values("indicator_id")
    assert history[["indicator_id", "council_id", "year_start", "quarter", "value", "value_text",
                    "submitted_by", "origin"]].values.tolist() == [
        [BV10, NWL, 2007, 1, 31.2, "31.2", "alice", "recorded"],
        [BV9, NWL, 2007, 1, 28.0, "28.0%", "alice", "recorded"]]
    assert history.set_index("indicator_id").loc[BV9, "comment"] == "Billing system outage in May"
    assert history.set_index("indicator_id").loc[BV9, "source"] == "import outturns.csv row 2"


def test_an_excel_workbook_is_recorded_too(capsys, tmp_path, store_path):
    workbook = openpyxl.Workbook()
    for row in [HEADER, [NWL, "BV9", "2007/08", 2, 29.0, "Backlog still clearing"],
                [NWL, "BV10", "2007/08", 2, 27.5]]:
        workbook.active.append(row)
    workbook.save(tmp_path / "outturns.xlsx")
    code, out, err = run(capsys, "import-actuals", tmp_path / "outturns.xlsx", "--store", store_path,
                         "--user", "bob")
    assert (code, err) == (0, "")
    assert "2 rows ready: nw-leicestershire 2007/08 Q2" in out
    latest = ActualsStore(store_path).latest()
    assert latest[["indicator_id", "quarter", "value", "submitted_by"]].values.tolist() == [
        [BV10, 2, 27.5, "bob"], [BV9, 2, 29.0, "bob"]]
    assert latest.set_index("indicator_id").loc[BV9, "comment"] == "Backlog still clearing"


def test_reimporting_a_revised_value_keeps_the_history(capsys, tmp_path, store_path):
    import_rows(capsys, tmp_path, store_path, [[NWL, "BV9", "2007/08", "1", "28.0", "first return"]])
    code, out, _ = import_rows(capsys, tmp_path, store_path,
                               [[NWL, "BV9", "2007/08", "1", "28.4", "corrected after audit"]], user="bob")
    assert code == 0
    assert "recorded 1 outturn(s) as bob: 0 new, 1 revision(s)" in out
    history = ActualsStore(store_path).history()  # newest first
    assert history["value"].tolist() == [28.4, 28.0]
    assert history["replaced_value"].iloc[0] == 28.0
    assert history["submitted_by"].tolist() == ["bob", "alice"]
    latest = ActualsStore(store_path).latest()
    assert latest[["value", "comment", "revisions"]].values.tolist() == [[28.4, "corrected after audit", 2]]


# --- import-actuals: refused, and nothing written ------------------------------------------------

def test_every_bad_row_is_listed_with_its_row_number_and_nothing_is_written(capsys, tmp_path, store_path):
    code, out, err = import_rows(capsys, tmp_path, store_path, [
        ["wigan", "BV9", "2007/08", "1", "28", ""],          # row 2
        [NWL, "BV999", "2007/08", "1", "28", ""],            # row 3
        [NWL, "BV9", "2007/08", "5", "28", ""],              # row 4
        [NWL, "BV9", "2009/10", "1", "28", ""],              # row 5: the plan profiles 2007/08 only
        [NWL, "BV9", "2007/08", "1", "abc", ""],             # row 6
        [NWL, "BV9", "2007/08", "2", "104%", ""],            # row 7
        [NWL, "BV10", "2007/08", "1", "30", ""],             # row 8: good on its own
        [NWL, "BV10", "2007/08", "Q1", "31", ""],            # row 9: the same quarter again
    ])
    assert code != 0
    assert out == ""
    # 7 problems (rows 2-7 and 9) among 8 data rows (rows 2-9).
    assert "import failed, nothing was written: 7 problems in 8 rows" in err
    listed = [line for line in err.splitlines() if line.startswith("- ")]
    assert len(listed) == 7
    for expected in ("- row 2, council_id: 'wigan' is not a council",
                     "- row 3, indicator: nw-leicestershire has no indicator 'BV999'",
                     "- row 4, quarter: '5' is not a quarter",
                     "- row 5, year: nw-leicestershire:BV9 has no target for 2009/10",
                     "- row 6, value: 'abc' is not a number",
                     "- row 7, value: 104% is outside 0–100 for a percentage",
                     "- row 9: repeats row 8 (nw-leicestershire:BV10 2007/08 Q1)"):
        assert any(line.startswith(expected) for line in listed), expected
    assert not store_path.exists()
    assert_nothing_written(store_path)


def test_one_bad_row_among_good_ones_writes_nothing(capsys, tmp_path, store_path):
    import_rows(capsys, tmp_path, store_path, [[NWL, "BV9", "2007/08", "1", "28", "already there"]])
    code, _, err = import_rows(capsys, tmp_path, store_path, [
        [NWL, "BV9", "2007/08", "2", "29", ""],
        [NWL, "BV10", "2007/08", "1", "twenty", ""],  # row 3
        [NWL, "BV10", "2007/08", "2", "27.5", ""],
    ])
    assert code != 0
    assert "1 problem in 3 rows" in err and "- row 3, value: 'twenty' is not a number" in err
    assert ActualsStore(store_path).history()["value"].tolist() == [28.0]  # only the earlier import


def test_a_file_that_is_not_a_table_is_refused_plainly(capsys, tmp_path, store_path):
    (tmp_path / "outturns.csv").write_bytes(PNG)
    code, out, err = run(capsys, "import-actuals", tmp_path / "outturns.csv", "--store", store_path,
                         "--user", "alice")
    assert code != 0 and out == ""
    assert "import failed, nothing was written" in err
    assert "outturns.csv is a PNG image, not a CSV or Excel file" in err
    assert_nothing_written(store_path)


def test_a_missing_file_is_refused(capsys, tmp_path, store_path):
    code, out, err = run(capsys, "import-actuals", tmp_path / "no-such.csv", "--store", store_path,
                         "--user", "alice")
    assert code != 0 and out == ""
    assert "there is no file" in err and "no-such.csv" in err
    assert_nothing_written(store_path)


# --- status ------------------------------------------------------------------------------------

def test_status_judges_a_cumulative_indicator_on_the_year_to_date(capsys, tmp_path, store_path):
    import_rows(capsys, tmp_path, store_path, [[NWL, "BV9", "2007/08", "1", "28", ""],
                                               [NWL, "BV9", "2007/08", "2", "29", ""]])
    code, out, err = status(capsys, store_path)
    assert code == 0
    assert "DEMONSTRATION" not in err
    rows = status_rows(out)
    assert {"indicator_id", "code", "title", "target", "actual", "rag", "direction"} <= set(rows[BV9])
    # Year to date 28 + 29 = 57 against 60.0: 3 short; 5% of 60 = 3, and exactly at the tolerance is amber.
    bv9 = rows[BV9]
    assert (bv9["code"], float(bv9["target"]), float(bv9["actual"]), bv9["rag"]) == ("BV9", 60.0, 57.0, "amber")
    # Against profile: Q1 was 28 - 30.5 = -2.5 off, Q2 57 - 60 = -3 off, so it is getting worse.
    assert bv9["direction"] == "Worsening"
    # Nothing recorded for BV10: its Q2 target (60.2) stands alone.
    assert (float(rows[BV10]["target"]), rows[BV10]["actual"], rows[BV10]["rag"]) == (60.2, "", "no_data")


def test_status_table_ends_with_the_tally(capsys, tmp_path, store_path):
    import_rows(capsys, tmp_path, store_path, [[NWL, "BV9", "2007/08", "1", "28", ""],
                                               [NWL, "BV9", "2007/08", "2", "29", ""]])
    _, out, _ = status(capsys, store_path)
    no_data = sum(row["rag"] == "no_data" for row in status_rows(out).values())
    code, out, _ = status(capsys, store_path, fmt="table")
    assert code == 0
    assert "BV9" in out and "Percentage of Council Tax Collected" in out
    tally = out.rstrip("\n").splitlines()[-1]
    # Only BV9 has outturns, and it is amber; every other indicator with a Q2 target has no data.
    assert tally.startswith("✔ On target: 0, ▲ Slightly off target: 1, ✖ Off target: 0, ○ No target: ")
    assert tally.endswith(f"– No data: {no_data}")


def test_status_refuses_an_unknown_council(capsys, store_path):
    code, out, err = status(capsys, store_path, council="wigan")
    assert code == 2 and out == ""
    assert "unknown council 'wigan'" in err and NWL in err


@pytest.mark.parametrize("year", ["2007", "2007/09", "07/08"])
def test_status_refuses_a_year_that_is_not_a_financial_year(capsys, store_path, year):
    with pytest.raises(SystemExit) as stopped:
        main(["status", "--council", NWL, "--year", year, "--quarter", "2", "--store", str(store_path)])
    assert stopped.value.code == 2
    assert "is not a financial year like 2007/08" in capsys.readouterr().err


# --- demo-actuals ------------------------------------------------------------------------------

def test_demo_actuals_fills_a_labelled_demo_store(capsys, demo_path):
    code, out, err = run(capsys, "demo-actuals", "--store", demo_path)
    assert (code, err) == (0, "")
    assert "DEMONSTRATION" in out and str(demo_path) in out
    assert kind_on_disk(demo_path) == "demo"
    history = ActualsStore(demo_path, DEMO).history()
    assert len(history) > 0
    assert set(history["council_id"]) == {NWL}
    assert set(history["year_start"]) == {2007}
    assert set(history["quarter"]) == {1, 2}
    assert set(history["origin"]) == {"demo"}
    assert set(history["comment"]) == {GENERATED}
    assert set(history["submitted_by"]) == {"demo-generator"}
    # Each figure is for its quarter alone, near that quarter's own target, 0.80-1.12 times it
    # (rounded to 0.1): Q1 30.5 -> 24.4..34.2; Q2 60.0 - 30.5 = 29.5 -> 23.6..33.0.
    bv9 = history[history["indicator_id"] == BV9].set_index("quarter")["value"]
    assert 24.4 <= bv9[1] <= 34.2
    assert 23.6 <= bv9[2] <= 33.0


def test_demo_actuals_with_the_same_seed_gives_the_same_figures(capsys, tmp_path):
    figures = []
    for name in ("first.duckdb", "second.duckdb"):
        assert run(capsys, "demo-actuals", "--store", tmp_path / name, "--seed", "11")[0] == 0
        latest = ActualsStore(tmp_path / name, DEMO).latest()
        figures.append(latest[["indicator_id", "quarter", "value", "value_text"]].values.tolist())
    assert figures[0] == figures[1]


def test_status_on_the_demo_store_says_it_is_demonstration_data(capsys, demo_path):
    run(capsys, "demo-actuals", "--store", demo_path)
    code, out, err = status(capsys, demo_path)
    assert code == 0
    assert "DEMONSTRATION DATA" in err
    assert status_rows(out)[BV9]["rag"] in ("green", "amber", "red")  # it has outturns to judge


def test_real_and_demo_figures_never_mix(capsys, tmp_path, store_path, demo_path):
    run(capsys, "demo-actuals", "--store", demo_path)
    before = len(ActualsStore(demo_path, DEMO).history())
    code, _, err = import_rows(capsys, tmp_path, demo_path, [[NWL, "BV9", "2007/08", "1", "28", ""]])
    assert code != 0
    assert "nothing was written" in err and "demo store" in err
    history = ActualsStore(demo_path, DEMO).history()
    assert len(history) == before and set(history["origin"]) == {"demo"}

    import_rows(capsys, tmp_path, store_path, [[NWL, "BV9", "2007/08", "1", "28", ""]])
    code, _, err = run(capsys, "demo-actuals", "--store", store_path)
    assert code != 0 and "real store" in err
    assert ActualsStore(store_path).history()["origin"].tolist() == ["recorded"]
