"""A damaged or missing extract: status, import-actuals, demo-actuals and check name the file and say
to run `python manage.py build`, with exit code 1 and no traceback. Each command reads a copy of the
committed extracts with indicators.parquet cut short."""
from __future__ import annotations

import shutil

import pytest

from perfdash import paths
from perfdash.cli.main import main

NWL = "nw-leicestershire"


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    monkeypatch.setenv(paths.STORE_ENV_VAR, str(tmp_path / "env" / "actuals.duckdb"))
    monkeypatch.setenv(paths.DEMO_STORE_ENV_VAR, str(tmp_path / "env" / "demo-actuals.duckdb"))
    monkeypatch.delenv(paths.EXTRACTS_ENV_VAR, raising=False)


@pytest.fixture
def truncated(tmp_path):
    folder = shutil.copytree(paths.DEFAULT_EXTRACTS_DIR, tmp_path / "extracts")
    file = folder / "indicators.parquet"
    file.write_bytes(file.read_bytes()[: file.stat().st_size // 3])
    return folder


def run(capsys, *argv) -> tuple[int, str]:
    code = main([str(arg) for arg in argv])
    out, err = capsys.readouterr()
    return code, out + err


def assert_plain(output: str, file) -> None:
    assert str(file) in output
    assert "python manage.py build" in output
    assert "Traceback" not in output and "Exception" not in output


def test_status_names_the_damaged_extract(capsys, truncated):
    code, output = run(capsys, "status", "--council", NWL, "--year", "2007/08", "--quarter", 1,
                       "--extracts", truncated)
    assert code == 1
    assert_plain(output, truncated / "indicators.parquet")


def test_import_actuals_names_the_damaged_extract_and_writes_nothing(capsys, tmp_path, truncated):
    outturns = tmp_path / "outturns.csv"
    outturns.write_text("council_id,indicator,year,quarter,value,comment\n"
                        f"{NWL},BV9,2007/08,1,30.1,\n", encoding="utf-8")
    store = tmp_path / "store" / "actuals.duckdb"
    code, output = run(capsys, "import-actuals", outturns, "--store", store, "--user", "alice",
                       "--extracts", truncated)
    assert code == 1
    assert output.startswith("import failed, nothing was written")
    assert_plain(output, truncated / "indicators.parquet")
    assert not store.exists()


def test_demo_actuals_names_the_damaged_extract(capsys, tmp_path, truncated):
    code, output = run(capsys, "demo-actuals", "--store", tmp_path / "demo.duckdb", "--extracts", truncated)
    assert code == 1
    assert_plain(output, truncated / "indicators.parquet")
    assert not (tmp_path / "demo.duckdb").exists()


def test_status_names_a_missing_extract(capsys, truncated):
    (truncated / "actions.parquet").unlink()
    code, output = run(capsys, "status", "--council", NWL, "--year", "2007/08", "--quarter", 1,
                       "--extracts", truncated)
    assert code == 1
    assert "missing actions" in output and "python manage.py build" in output and "Traceback" not in output


def test_check_names_the_damaged_extract(capsys, truncated):
    code, output = run(capsys, "check", "--extracts", truncated)
    assert code == 1
    assert output.startswith("check failed")
    assert_plain(output, truncated / "indicators.parquet")


def test_check_names_a_csv_that_is_not_text(capsys, tmp_path):
    folder = shutil.copytree(paths.DEFAULT_EXTRACTS_DIR, tmp_path / "sound")
    (folder / "plans.csv").write_bytes(b"plan_id,council_id\n\xff\xfe\x00broken\n")
    code, output = run(capsys, "check", "--extracts", folder)
    assert code == 1
    assert_plain(output, folder / "plans.csv")


def test_check_still_passes_on_a_sound_copy(capsys, tmp_path):
    folder = shutil.copytree(paths.DEFAULT_EXTRACTS_DIR, tmp_path / "sound")
    code, output = run(capsys, "check", "--extracts", folder)
    assert code == 0, output
