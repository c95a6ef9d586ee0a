"""`manage.py minutes` as the clerk runs it: a decision recorded in the store comes back in the draft
minutes (.docx read back with python-docx, .md read as text) beside its exception's figures and
commentary; next quarter's minutes carry it with whether it was done; refusals exit 1 or 2 and
write nothing. NW Leicestershire 2007/08: BV9 Q1 target 30.5%, BV10 32.6%, higher is better."""
from __future__ import annotations

import re
from datetime import date

import pytest
from docx import Document

from perfdash import paths
from perfdash.cli.main import main
from perfdash.minutes import writers
from perfdash.store.decisions import DONE, Decision, DecisionStore
from perfdash.store.outturns import DEMO, ActualsStore, Outturn

NWL = "nw-leicestershire"
BV9 = "nwl-delivery-2007:BV9"
BV10 = "nwl-delivery-2007:BV10"
HOSTILE = "![x](http://example.org/a.png) **bold** <b>html</b> [link](www.example.org)\n# Heading\n1. listed"


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    monkeypatch.setenv(paths.STORE_ENV_VAR, str(tmp_path / "env" / "actuals.duckdb"))
    monkeypatch.delenv(paths.EXTRACTS_ENV_VAR, raising=False)
    monkeypatch.delenv(paths.RAG_RULES_ENV_VAR, raising=False)


def quarter_one(location) -> ActualsStore:
    store = ActualsStore(location)
    store.record([Outturn(BV9, NWL, 2007, 1, 27.0, "27.0%", "Billing system outage in May"),
                  Outturn(BV10, NWL, 2007, 1, 12.25, "12.25%")], "jo.bloggs")
    return store


def decide(store, **changes):
    fields = {"council_id": NWL, "indicator_id": BV9, "year_start": 2007, "quarter": 1,
              "text": "Recruit two temporary staff for the billing backlog", "owner": "Head of Revenues",
              "due_date": date(2007, 9, 30)}
    return DecisionStore(store).record(Decision(**{**fields, **changes}), "sam.smith")


def minutes(store_location, out, quarter=1) -> int:
    return main(["minutes", "--council", NWL, "--year", "2007/08", "--quarter", str(quarter),
                 "--store", str(store_location), "--out", str(out)])


def docx_text(path) -> tuple[list[str], list[list[list[str]]]]:
    document = Document(str(path))
    paragraphs = [p.text for p in document.paragraphs]
    tables = [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]
    return paragraphs, tables


def section(paragraphs: list[str], heading: str) -> list[str]:
    start = next(n for n, text in enumerate(paragraphs) if text.startswith(heading))
    end = next((n for n in range(start + 1, len(paragraphs)) if re.match(r"^\d+\. ", paragraphs[n])), len(paragraphs))
    return paragraphs[start:end]


def test_a_recorded_decision_comes_back_in_the_word_minutes_beside_its_exception(tmp_path, capsys):
    store = quarter_one(tmp_path / "actuals.duckdb")
    decide(store)
    out = tmp_path / "minutes" / "q1.docx"
    assert minutes(store.location, out) == 0
    assert "2 exception(s), 1 decision(s) this quarter" in capsys.readouterr().out
    paragraphs, tables = docx_text(out)
    assert [p for p in paragraphs if p.split(":")[0] in ("Present", "Apologies", "In attendance")] == [
        f"Present: {writers.BLANK}", f"Apologies: {writers.BLANK}", f"In attendance: {writers.BLANK}"]
    # BV10 (12.25 against 32.6) is the worse red, so BV9 is the second exception.
    headings = [p for p in paragraphs if re.match(r"^\d+\. ", p)]
    assert headings == ["1. ✖ Off target — BV10 · Percentage of Business Rates Collected",
                        "2. ✖ Off target — BV9 · Percentage of Council Tax Collected"]
    bv9 = section(paragraphs, "2. ")
    assert any(p.startswith("Commentary: Billing system outage in May — jo.bloggs, ") for p in bv9)
    figure_tables = [table for table in tables if table[0] == ["Figure", "Value"]]
    decision_tables = [table for table in tables if table[0] == list(writers.DECISION_COLUMNS)]
    assert len(figure_tables) == 2 and len(decision_tables) == 1  # BV10 has no decision yet
    figures = dict(figure_tables[1])
    assert (figures["Actual"], figures["Gap"]) == ("27%", "3.5 points below target (11.5% of target)")
    assert figures["Unit and polarity"] == "% · Higher is better"
    assert figures["Target source"].startswith("nw-leicestershire_council-delivery-plan_2007-10.txt:")
    decision = decision_tables[0]
    assert decision[1][:4] == ["Recruit two temporary staff for the billing backlog", "Head of Revenues",
                               "due 30 Sep 2007", "○ Open"]
    assert decision[1][4].startswith("recorded by sam.smith, ")
    bv10 = section(paragraphs, "1. ")
    assert "Decision in Q1 2007/08: No decision recorded. To be agreed at the meeting." in bv10


def test_the_markdown_minutes_hold_the_same_decision_as_text(tmp_path):
    store = quarter_one(tmp_path / "actuals.duckdb")
    decide(store)
    out = tmp_path / "q1.md"
    assert minutes(store.location, out) == 0
    text = out.read_text(encoding="utf-8")
    assert text.index("## Attendees") < text.index("## Exceptions reviewed: 2") < text.index("BV10") < text.index(
        "### 2. ✖ Off target — BV9")
    bv9 = text.split("### 2. ")[1]
    assert "**Commentary:** Billing system outage in May — jo.bloggs, " in bv9
    assert "| Actual | 27% |" in bv9
    assert ("| Recruit two temporary staff for the billing backlog | Head of Revenues | due 30 Sep 2007 | ○ Open | "
            "recorded by sam.smith, ") in bv9


def test_next_quarters_minutes_carry_last_quarters_decision_and_whether_it_was_done(tmp_path):
    store = quarter_one(tmp_path / "actuals.duckdb")
    first = decide(store)
    store.record([Outturn(BV9, NWL, 2007, 2, 27.0, "27.0%", "Backlog still clearing")], "jo.bloggs")
    DecisionStore(store).mark(first.decision_id, DONE, "jo.bloggs")
    assert minutes(store.location, tmp_path / "q2.docx", quarter=2) == 0
    paragraphs, tables = docx_text(tmp_path / "q2.docx")
    assert "Decided in Q1 2007/08, and whether done: " in paragraphs
    carried = [table for table in tables if table[0] == list(writers.DECISION_COLUMNS)]
    assert carried[0][1][:4] == ["Recruit two temporary staff for the billing backlog", "Head of Revenues",
                                 "due 30 Sep 2007", "✔ Done"]
    assert "last changed by jo.bloggs" in carried[0][1][4]


def test_a_decision_on_an_indicator_back_on_target_is_still_followed_up(tmp_path):
    store = quarter_one(tmp_path / "actuals.duckdb")
    decide(store, indicator_id=BV10, text="Chase the ten largest ratepayers")
    # Q2 BV10 61 year to date against 60.2: on target, so not an exception in Q2.
    store.record([Outturn(BV10, NWL, 2007, 2, 48.75, "48.75%"), Outturn(BV9, NWL, 2007, 2, 27.0, "27.0%")],
                 "jo.bloggs")
    assert minutes(store.location, tmp_path / "q2.md", quarter=2) == 0
    text = (tmp_path / "q2.md").read_text(encoding="utf-8")
    follow_up = text.split("## Decided in Q1 2007/08 on indicators no longer red or amber")[1]
    assert "| BV10 · Percentage of Business Rates Collected | Chase the ten largest ratepayers |" in follow_up


def unescaped(markdown: str) -> str:
    """CommonMark's reading of backslash escapes: a backslash before ASCII punctuation is dropped."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown)


def test_typed_markdown_stays_inert_in_the_minutes(tmp_path):
    store = ActualsStore(tmp_path / "actuals.duckdb")
    store.record([Outturn(BV9, NWL, 2007, 1, 27.0, "27.0%", HOSTILE)], "jo.bloggs")
    assert minutes(store.location, tmp_path / "q1.md") == 0
    assert minutes(store.location, tmp_path / "q1.docx") == 0
    commentary = (tmp_path / "q1.md").read_text(encoding="utf-8").split("**Commentary:** ")[1].split("\n\n")[0]
    lines = commentary.split("  \n")
    assert unescaped("\n".join(lines)).startswith(HOSTILE)  # reads back as typed
    # Nothing left that could open an image, link, emphasis or tag, or start a heading or list.
    assert not re.search(r"(?<!\\)[\[\]*<`_]", commentary)
    assert "http://" not in commentary and "www." not in commentary
    assert lines[1].startswith("\\#") and lines[2].startswith("1\\.")
    paragraphs, _ = docx_text(tmp_path / "q1.docx")
    assert any(p.startswith(f"Commentary: {HOSTILE.splitlines()[0]}") for p in paragraphs)


def test_minutes_read_a_postgresql_store(tmp_path, postgres_cluster):
    store = quarter_one(postgres_cluster.new_database())
    decide(store)
    assert minutes(store.location, tmp_path / "q1.md") == 0
    assert "Recruit two temporary staff for the billing backlog" in (tmp_path / "q1.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("arguments, code, words", [
    (["--council", NWL, "--quarter", "1", "--out", "minutes.pdf"], 2, "must end in .docx (Word) or .md"),
    (["--council", "atlantis", "--quarter", "1", "--out", "minutes.md"], 2, "unknown council 'atlantis'"),
    (["--council", NWL, "--quarter", "3", "--out", "minutes.md"], 1, "no outturns recorded for Q3 2007/08"),
])
def test_a_refused_request_writes_nothing_and_says_why(tmp_path, capsys, arguments, code, words):
    store = quarter_one(tmp_path / "actuals.duckdb")
    out = tmp_path / arguments[-1]
    arguments[-1] = str(out)
    assert main(["minutes", "--year", "2007/08", "--store", str(store.location), *arguments]) == code
    assert words in capsys.readouterr().err
    assert not out.exists()


def test_a_demonstration_store_gives_no_minutes(tmp_path, capsys):
    demo = ActualsStore(tmp_path / "demo.duckdb", DEMO)
    demo.record([Outturn(BV9, NWL, 2007, 1, 27.0, "27.0%")], "demo")
    assert minutes(demo.location, tmp_path / "q1.md") == 1
    assert "minutes come from real outturns only" in capsys.readouterr().err
    assert not (tmp_path / "q1.md").exists()


def test_a_write_that_fails_leaves_no_file(tmp_path, monkeypatch, capsys):
    store = quarter_one(tmp_path / "actuals.duckdb")

    def disk_full(minutes, path):
        path.write_bytes(b"half a document")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(writers, "to_docx", disk_full)
    assert minutes(store.location, tmp_path / "q1.docx") == 1
    assert "No space left on device" in capsys.readouterr().err
    assert list(tmp_path.glob("*.docx*")) == [] and list(tmp_path.glob(".q1*")) == []
