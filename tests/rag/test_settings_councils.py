"""Which councils data/config/rag.yaml may name: councils are data (the sources catalogue and
the extracts in use), not a list in code."""
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from perfdash import paths
from perfdash.rag.rule import RagRules, Rule, RulesError
from perfdash.rag.settings import known_council_ids, load_rules

RUTLAND_RULE = "councils:\n  rutland:\n    style: absolute\n    amber_tolerance: 1\n"


def _extracts_with_councils(folder, *council_ids):
    folder.mkdir()
    pq.write_table(pa.table({"council_id": list(council_ids)}), folder / "councils.parquet")
    return folder


def test_a_council_only_in_the_extracts_in_use_may_have_a_rule(tmp_path, monkeypatch):
    monkeypatch.setenv(paths.EXTRACTS_ENV_VAR, str(_extracts_with_councils(tmp_path / "extracts", "rutland")))
    rules_file = tmp_path / "rag.yaml"
    rules_file.write_text(RUTLAND_RULE, encoding="utf-8")
    assert load_rules(rules_file).councils == {"rutland": Rule("absolute", 1)}


def test_a_council_neither_catalogued_nor_extracted_is_refused_with_the_known_ones(tmp_path, monkeypatch):
    monkeypatch.setenv(paths.EXTRACTS_ENV_VAR, str(_extracts_with_councils(tmp_path / "extracts", "oakham")))
    rules_file = tmp_path / "rag.yaml"
    rules_file.write_text(RUTLAND_RULE, encoding="utf-8")
    with pytest.raises(RulesError) as caught:
        load_rules(rules_file)
    message = str(caught.value)
    assert "councils.rutland: not a council id" in message
    assert "melton" in message and "oakham" in message  # the catalogue's councils and the extracts'


def test_the_known_councils_include_every_catalogued_council(monkeypatch, tmp_path):
    monkeypatch.setenv(paths.EXTRACTS_ENV_VAR, str(tmp_path / "no-extracts-here"))
    assert known_council_ids() == {"leicester", "leicestershire", "nw-leicestershire", "melton"}


def test_a_caller_can_say_which_councils_exist(tmp_path):
    rules_file = tmp_path / "rag.yaml"
    rules_file.write_text(RUTLAND_RULE, encoding="utf-8")
    assert load_rules(rules_file, councils={"rutland"}) == RagRules(
        default=Rule("percent_of_target", 5), councils={"rutland": Rule("absolute", 1)}, indicators={})
    with pytest.raises(RulesError, match="rutland: not a council id"):
        load_rules(rules_file, councils={"melton"})
