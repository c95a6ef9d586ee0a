"""import-plan and register-template: a council's KPI register in, next year's template out."""
from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from manage import main
from perfdash.db.database import execute, open_database
from perfdash.store.outturns import ActualsStore
from perfdash.store.plans import PlanStore

DOC = Path(__file__).resolve().parents[2] / "docs" / "REGISTER.md"
HEADER = ("council_id,council_name,tier,parent_council_id,plan_id,plan_title,ref,code,title,unit,polarity,theme,"
          "profile,year,annual_target,q1_target,q2_target,q3_target,q4_target,baseline_year,baseline_value,source,"
          "common_theme")
# A district that is not among the bundled four, with two indicators: one profiled by quarter, one
# with only an annual target. The figures are written for this test, not any council's published ones.
CHARNWOOD = [
    "charnwood,Charnwood Borough Council,district,leicestershire,charnwood-kpi-2024,Corporate KPI register,CS01,NI192,"
    "Household waste sent for reuse recycling and composting,percent,higher,Environment,snapshot,2024/25,45%,44%,45%,"
    "45%,46%,2023/24,43.1%,Test register written for this suite,\"Environment, waste & streetscene\"",
    "charnwood,Charnwood Borough Council,district,leicestershire,charnwood-kpi-2024,Corporate KPI register,HB02,NI181,"
    "Average days to process new benefit claims,days,lower,Corporate health,snapshot,2024/25,18,,,,,,,"
    "Test register written for this suite,Corporate health & value for money",
]


def write(path: Path, rows: list[str]) -> Path:
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def tables(store: Path) -> dict:
    return PlanStore(ActualsStore(store)).latest_tables()


@pytest.fixture
def store(tmp_path) -> Path:
    return tmp_path / "store.duckdb"


def test_a_new_councils_register_is_imported_and_seen_under_the_contract_tables(tmp_path, store, capsys):
    register = write(tmp_path / "charnwood.csv", CHARNWOOD)
    assert main(["import-plan", str(register), "--store", str(store), "--user", "officer"]) == 0
    out = capsys.readouterr().out
    assert "2 new indicators" in out and "imported as officer" in out
    connection = open_database(Path(__file__).resolve().parents[2] / "data" / "extracts",
                               plan_tables=tables(store))
    indicators = execute(connection, "select indicator_id, source, unit, polarity from indicators "
                                     "where council_id = 'charnwood' order by ref")
    assert indicators["source"].tolist() == ["charnwood.csv:2", "charnwood.csv:3"]
    assert indicators[["unit", "polarity"]].values.tolist() == [["percent", "higher"], ["days", "lower"]]
    targets = execute(connection, "select quarter, value from indicator_values where council_id = 'charnwood' "
                                  "and kind = 'target' order by indicator_id, quarter nulls first")
    assert targets["value"].tolist() == [45.0, 44.0, 45.0, 45.0, 46.0, 18.0]
    assert execute(connection, "select count(*) as n from councils where council_id = 'nw-leicestershire'")["n"][0] == 1


def test_every_bad_row_is_named_by_line_and_column_and_nothing_is_written(tmp_path, store, capsys):
    bad = [CHARNWOOD[0].replace(",district,", ",parish,"),
           CHARNWOOD[1].replace(",days,", ",fortnights,"),
           CHARNWOOD[0].replace(",2024/25,45%", ",2024-2025,45%").replace("CS01", "CS03"),
           CHARNWOOD[0].replace(",45%,44%", ",145%,44%").replace("CS01", "CS04"),
           CHARNWOOD[1].replace(",18,", ",eighteen,").replace("HB02", "HB05")]
    register = write(tmp_path / "bad.csv", bad)
    assert main(["import-plan", str(register), "--store", str(store)]) == 1
    err = capsys.readouterr().err
    assert "nothing was written" in err
    for line, column in ((2, "tier"), (3, "unit"), (4, "year"), (5, "annual_target"), (6, "annual_target")):
        assert f"bad.csv:{line}, column {column}" in err, err
    assert not store.exists() or all(frame.empty for frame in tables(store).values())


def test_importing_the_same_register_twice_changes_nothing(tmp_path, store, capsys):
    register = write(tmp_path / "charnwood.csv", CHARNWOOD)
    main(["import-plan", str(register), "--store", str(store)])
    before = PlanStore(ActualsStore(store)).history()
    assert main(["import-plan", str(register), "--store", str(store)]) == 0
    assert "nothing was written" in capsys.readouterr().out
    assert len(PlanStore(ActualsStore(store)).history()) == len(before)


def test_next_years_template_round_trip_adds_targets_to_the_same_indicators(tmp_path, store, capsys):
    main(["import-plan", str(write(tmp_path / "charnwood.csv", CHARNWOOD)), "--store", str(store)])
    template = tmp_path / "next.csv"
    assert main(["register-template", "--council", "charnwood", "--year", "2025/26", "--store", str(store),
                 "--out", str(template)]) == 0
    rows = list(csv.DictReader(io.StringIO(template.read_text(encoding="utf-8"))))
    assert [row["ref"] for row in rows] == ["CS01", "HB02"] and {row["year"] for row in rows} == {"2025/26"}
    assert rows[0]["last_annual_target"].startswith("45")
    for row, target in zip(rows, ("47%", "16")):
        row["annual_target"], row["source"] = target, "Set at the April 2025 performance board"
    with open(template, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    capsys.readouterr()
    assert main(["import-plan", str(template), "--store", str(store)]) == 0
    assert "0 new indicators" in capsys.readouterr().out
    imported = tables(store)
    assert len(imported["indicators"]) == 2
    targets = imported["indicator_values"].query("year_start == 2025 and kind == 'target'")
    assert sorted(targets["value"]) == [16.0, 47.0]
    assert set(targets["indicator_id"]) == set(imported["indicators"]["indicator_id"])


def test_the_worked_example_in_the_docs_imports_onto_the_bundled_indicators(tmp_path, store, capsys):
    example = DOC.read_text(encoding="utf-8").split("<!-- register-example -->")[1].split("```csv")[1].split("```")[0]
    register = tmp_path / "register.csv"
    register.write_text(example.strip() + "\n", encoding="utf-8")
    assert main(["import-plan", str(register), "--store", str(store)]) == 0
    out = capsys.readouterr().out
    assert "0 new indicators, 3 already known" in out and "worse than the 2005/06 baseline 74%" in out
    findings = tables(store)["quality_findings"]
    assert findings["indicator_id"].tolist() == ["nwl-delivery-2007:BV106"]


def test_a_template_for_an_unknown_council_is_refused(store, capsys):
    assert main(["register-template", "--council", "atlantis", "--year", "2025/26", "--store", str(store)]) == 1
    assert "there is no council 'atlantis'" in capsys.readouterr().err


def outturns_file(path: Path, rows: list[str]) -> Path:
    path.write_text("council_id,indicator,year,quarter,value,comment\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_a_new_council_runs_its_year_and_moves_on_to_the_next(tmp_path, store, capsys):
    """The whole cycle from the command line for a council that is not bundled."""
    main(["import-plan", str(write(tmp_path / "charnwood.csv", CHARNWOOD)), "--store", str(store)])
    q1 = outturns_file(tmp_path / "q1.csv", ["charnwood,NI192,2024/25,1,44.5%,On track",
                                             "charnwood,HB02,2024/25,1,21,Staff shortage"])
    assert main(["import-actuals", str(q1), "--store", str(store), "--user", "officer"]) == 0
    q2 = outturns_file(tmp_path / "q2.csv", ["charnwood,CS01,2024/25,2,41%,Garden waste down",
                                             "charnwood,charnwood-kpi-2024:HB02,2024/25,2,17.5,"])
    assert main(["import-actuals", str(q2), "--store", str(store), "--user", "officer"]) == 0
    capsys.readouterr()
    assert main(["status", "--council", "charnwood", "--year", "2024/25", "--quarter", "2", "--store", str(store),
                 "--format", "csv"]) == 0
    status = {row["code"]: row for row in csv.DictReader(io.StringIO(capsys.readouterr().out))}
    # NI192: 41% against Q2's 45% with higher better is more than 5% short; NI181: 17.5 days against the
    # annual 18 days (a duration: the annual target itself) with lower better is on target.
    assert (status["NI192"]["rag"], status["NI181"]["rag"]) == ("red", "green")
    assert status["NI192"]["direction"] == "Worsening" and status["NI181"]["direction"] == "Improving"

    next_year = [row.replace("2024/25", "2025/26").replace(",45%,44%,45%,45%,46%,", ",47%,,,,,")
                 for row in CHARNWOOD]
    assert main(["import-plan", str(write(tmp_path / "next.csv", next_year)), "--store", str(store)]) == 0
    q1_next = outturns_file(tmp_path / "q1-next.csv", ["charnwood,NI192,2025/26,1,46%,"])
    assert main(["import-actuals", str(q1_next), "--store", str(store)]) == 0


def test_an_unusual_value_is_recorded_only_once_confirmed(tmp_path, store, capsys):
    main(["import-plan", str(write(tmp_path / "charnwood.csv", CHARNWOOD)), "--store", str(store)])
    slip = outturns_file(tmp_path / "slip.csv", ["charnwood,HB02,2024/25,1,180,typed an extra zero"])
    assert main(["import-actuals", str(slip), "--store", str(store)]) == 1
    err = capsys.readouterr().err
    assert "nothing was written" in err and "more than 3 times this quarter's own target of 18" in err
    assert ActualsStore(store).latest().empty
    assert main(["import-actuals", str(slip), "--store", str(store), "--confirm"]) == 0
    assert ActualsStore(store).latest()["value"].tolist() == [180.0]


def test_status_csv_neutralises_a_title_that_a_spreadsheet_would_run(tmp_path, store, capsys):
    formula_title = [CHARNWOOD[0].replace("Household waste sent", "=1+2 Household waste sent")]
    assert main(["import-plan", str(write(tmp_path / "charnwood.csv", formula_title)), "--store", str(store)]) == 0
    capsys.readouterr()
    assert main(["status", "--council", "charnwood", "--year", "2024/25", "--quarter", "1", "--store", str(store),
                 "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [row["title"] for row in rows] == ["'=1+2 Household waste sent for reuse recycling and composting"]
    assert float(rows[0]["target"]) == 44.0  # numbers stay numbers
