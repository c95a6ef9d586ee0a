"""manage.py board-pack as a user runs it: both files, named for the council, year and quarter, or
neither; plain messages and exit codes when there is nothing to write."""
from __future__ import annotations

import io

import pytest
from pptx import Presentation
from pypdf import PdfReader

from perfdash import paths
from perfdash.cli.main import main
from perfdash.outturns import demo
from perfdash.store.outturns import DEMO, ActualsStore
from tests.boardpack import stores

STEM = "nw-leicestershire-2007-08-Q2-board-pack"


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    monkeypatch.setenv(paths.STORE_ENV_VAR, str(tmp_path / "env" / "actuals.duckdb"))
    monkeypatch.setenv(paths.DEMO_STORE_ENV_VAR, str(tmp_path / "env" / "demo-actuals.duckdb"))
    monkeypatch.delenv(paths.EXTRACTS_ENV_VAR, raising=False)
    monkeypatch.delenv(paths.RAG_RULES_ENV_VAR, raising=False)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return stores.quarter_store(tmp_path_factory.mktemp("cli-store"))


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_it_writes_the_deck_and_the_pdf_named_for_council_year_and_quarter(capsys, tmp_path, store):
    out_dir = tmp_path / "packs" / "new"
    code, out, err = run(capsys, "board-pack", "--council", stores.NWL, "--year", "2007/08", "--quarter", 2,
                         "--store", store.location, "--out", out_dir)
    assert code == 0, err
    assert sorted(p.name for p in out_dir.iterdir()) == [f"{STEM}.pdf", f"{STEM}.pptx"]
    reds = stores.status_for(store).query("rag == 'red'")
    assert f"{len(reds)} red indicators" in out and str(out_dir / f"{STEM}.pptx") in out
    deck = Presentation(io.BytesIO((out_dir / f"{STEM}.pptx").read_bytes()))
    text = "\n".join(shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame)
    assert all(stores.comment_for(i) in text for i in reds["indicator_id"])
    pdf = PdfReader(out_dir / f"{STEM}.pdf")
    assert len(pdf.pages) > len(reds) and "Page 1 of" in pdf.pages[0].extract_text()
    assert "DEMONSTRATION" not in err


def test_by_theme_the_scorecard_is_grouped_by_common_theme(capsys, tmp_path, store):
    code, _, err = run(capsys, "board-pack", "--council", stores.NWL, "--year", "2007/08", "--quarter", 2,
                       "--store", store.location, "--out", tmp_path, "--group-by", "theme")
    assert code == 0, err
    deck = Presentation(tmp_path / f"{STEM}.pptx")
    titles = [slide.shapes.title.text_frame.text for slide in deck.slides]
    assert any(t.startswith("Scorecard by common theme") for t in titles)
    cells = {cell.text for slide in deck.slides for shape in slide.shapes if shape.has_table
             for row in shape.table.rows for cell in row.cells}
    themes = set(stores.indicators().query("council_id == @stores.NWL")["common_theme"])
    assert themes & cells and not any(c.startswith("Priority ") for c in cells)


def test_the_demo_store_is_labelled_as_demonstration(capsys, tmp_path):
    demo_store = ActualsStore(tmp_path / "demo.duckdb", DEMO)
    demo_store.record(stores.quarter_outturns(), demo.DEMO_EDITOR)
    code, _, err = run(capsys, "board-pack", "--council", stores.NWL, "--year", "2007/08", "--quarter", 2,
                       "--store", demo_store.location, "--out", tmp_path / "out")
    assert code == 0 and "DEMONSTRATION DATA" in err
    assert "DEMONSTRATION DATA" in PdfReader(tmp_path / "out" / f"{STEM}.pdf").pages[0].extract_text()


def test_an_unknown_council_is_refused_and_nothing_is_written(capsys, tmp_path, store):
    code, _, err = run(capsys, "board-pack", "--council", "atlantis", "--year", "2007/08", "--quarter", 2,
                       "--store", store.location, "--out", tmp_path / "out")
    assert code == 2 and "unknown council 'atlantis'" in err and "nw-leicestershire" in err
    assert not (tmp_path / "out").exists()


def test_a_quarter_with_nothing_to_report_writes_nothing(capsys, tmp_path, store):
    code, _, err = run(capsys, "board-pack", "--council", "leicester", "--year", "2007/08", "--quarter", 2,
                       "--store", store.location, "--out", tmp_path / "out")
    assert code == 1 and "no board pack was written" in err and "Q2 2007/08" in err
    assert not (tmp_path / "out").exists()


def test_a_bad_year_is_refused_in_words(capsys, tmp_path, store):
    with pytest.raises(SystemExit) as stopped:
        main(["board-pack", "--council", stores.NWL, "--year", "2007/09", "--quarter", "2", "--out", str(tmp_path)])
    assert stopped.value.code == 2 and "not a financial year like 2007/08" in capsys.readouterr().err


def test_when_the_pdf_cannot_be_made_neither_file_is_written(capsys, tmp_path, store, monkeypatch):
    from perfdash.boardpack import pdf

    def no_pango(pack, pool=None):
        raise OSError("cannot load library 'libpango-1.0-0'")

    monkeypatch.setattr(pdf, "pdf_bytes", no_pango)
    code, _, err = run(capsys, "board-pack", "--council", stores.NWL, "--year", "2007/08", "--quarter", 2,
                       "--store", store.location, "--out", tmp_path)
    assert code == 1 and "Pango" in err and "apt-get install libpango-1.0-0" in err
    assert list(tmp_path.iterdir()) == []


def test_a_failed_write_leaves_no_half_pack_and_keeps_the_last_one(capsys, tmp_path, store, monkeypatch):
    import perfdash.cli.boardpack as command

    earlier = {tmp_path / f"{STEM}.pptx": b"last quarter's deck", tmp_path / f"{STEM}.pdf": b"last quarter's pdf"}
    for path, data in earlier.items():
        path.write_bytes(data)
    real_replace = command.os.replace
    moved = []

    def replace_then_fail(source, target):
        if str(source).endswith(".part") and moved:
            raise OSError(28, "No space left on device")
        if str(source).endswith(".part"):
            moved.append(target)
        real_replace(source, target)

    monkeypatch.setattr(command.os, "replace", replace_then_fail)
    code, _, err = run(capsys, "board-pack", "--council", stores.NWL, "--year", "2007/08", "--quarter", 2,
                       "--store", store.location, "--out", tmp_path)
    assert code == 1 and "No space left on device" in err and moved
    assert sorted(tmp_path.iterdir()) == sorted(earlier)
    assert all(path.read_bytes() == data for path, data in earlier.items())
