"""The build is deterministic and all-or-nothing."""
import filecmp

import pytest

from perfdash import paths
from perfdash.plans import build as build_module
from perfdash.plans.build import BuildError, build
from perfdash.plans.contract import TABLES


def test_a_rebuild_reproduces_the_committed_extracts_byte_for_byte(tmp_path):
    out = tmp_path / "extracts"
    build(out)
    names = [f"{name}.{ext}" for name in TABLES for ext in ("parquet", "csv")]
    match, mismatch, errors = filecmp.cmpfiles(paths.DEFAULT_EXTRACTS_DIR, out, names, shallow=False)
    assert mismatch == [] and errors == [], f"differ: {mismatch}, missing: {errors}"


def test_a_failing_build_leaves_the_previous_extracts_untouched(tmp_path, monkeypatch):
    out = tmp_path / "extracts"
    build(out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    real_extract_all = build_module.extract_all

    def broken_extract_all():
        tables = real_extract_all()
        tables["indicators"].append(dict(tables["indicators"][0]))  # a duplicate key
        return tables

    monkeypatch.setattr(build_module, "extract_all", broken_extract_all)
    with pytest.raises(BuildError, match="breaks the contract"):
        build(out)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert [p.name for p in tmp_path.iterdir()] == ["extracts"]


def test_build_command_reports_failure_plainly(monkeypatch, capsys):
    from perfdash.cli.main import main

    def refuse(out_dir=None):
        raise BuildError("The parsed data breaks the contract:\n- example")

    monkeypatch.setattr(build_module, "build", refuse)
    assert main(["build", "--out", "/nonexistent/never-written"]) == 1
    assert "build failed, nothing was written" in capsys.readouterr().out
