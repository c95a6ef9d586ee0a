"""Replicas: an app process sees another process's write on its next rerun, on either store, and
an imported register shows up without a restart."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.app_pages.helpers import assert_drawn_cleanly, run_page

ROOT = Path(__file__).resolve().parents[2]
NWL = "nw-leicestershire"


@pytest.fixture(params=["duckdb", "postgres"])
def shared_store(request, tmp_path, monkeypatch):
    location = (str(tmp_path / "actuals.duckdb") if request.param == "duckdb"
                else request.getfixturevalue("postgres_cluster").new_database())
    monkeypatch.setenv("PERFDASH_STORE", location)
    return location


def other_process(*arguments: str, files: dict[str, str] | None = None, folder: Path | None = None) -> None:
    """Run manage.py in a process of its own, as another replica or an officer's command would."""
    for name, text in (files or {}).items():
        (folder / name).write_text(text, encoding="utf-8")
    finished = subprocess.run([sys.executable, "manage.py", *arguments], cwd=ROOT, capture_output=True, text=True,
                              timeout=300)
    assert finished.returncode == 0, finished.stderr


def test_an_outturn_written_by_another_process_shows_on_the_next_rerun(shared_store, tmp_path):
    app = run_page("app_pages/exceptions.py", council_q=NWL, year="2007", quarter="1")
    assert_drawn_cleanly(app)
    assert any("No outturns are recorded for Q1 2007/08" in info.value for info in app.info)

    other_process("import-actuals", str(tmp_path / "q1.csv"), "--store", shared_store, "--user", "replica-b",
                  files={"q1.csv": "council_id,indicator,year,quarter,value,comment\n"
                                   "nw-leicestershire,BV9,2007/08,1,25.0%,Billing outage\n"}, folder=tmp_path)
    app.run()
    assert_drawn_cleanly(app)
    headings = [m.value for m in app.markdown if m.value.startswith("####")]
    assert len(headings) == 1 and "BV9" in headings[0]
    assert any(t.value.startswith("Billing outage — replica-b, ") for t in app.text)


def test_a_register_imported_by_another_process_shows_on_the_next_rerun(shared_store, tmp_path):
    app = run_page("app_pages/record.py", council_q=NWL, year="2007", quarter="1")
    assert "Charnwood Borough Council" not in app.selectbox(key="council_q").options
    register = ("council_id,council_name,tier,parent_council_id,plan_id,plan_title,ref,code,title,unit,polarity,"
                "theme,profile,year,annual_target,q1_target,q2_target,q3_target,q4_target,baseline_year,"
                "baseline_value,source,common_theme\n"
                "charnwood,Charnwood Borough Council,district,leicestershire,charnwood-kpi-2024,KPIs,HB02,NI181,"
                "Benefit days,days,lower,,snapshot,2024/25,18,,,,,,,Test register,Corporate health & value for money\n")
    other_process("import-plan", str(tmp_path / "register.csv"), "--store", shared_store,
                  files={"register.csv": register}, folder=tmp_path)
    app.run()
    assert_drawn_cleanly(app)
    assert "Charnwood Borough Council" in app.selectbox(key="council_q").options
