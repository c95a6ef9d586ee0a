"""The committed extracts meet the data contract, and the checker catches what breaks it."""
import copy
import shutil

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from perfdash import paths
from perfdash.cli.main import main
from perfdash.plans.check import check_extracts, check_tables
from perfdash.plans.contract import TABLES


def test_committed_extracts_meet_the_contract():
    assert check_extracts(paths.DEFAULT_EXTRACTS_DIR) == []


def test_every_table_has_the_contract_columns_and_types(committed_tables):
    for name, spec in TABLES.items():
        schema = pq.read_schema(paths.DEFAULT_EXTRACTS_DIR / f"{name}.parquet")
        for column, kind in spec.columns.items():
            assert schema.field(column).type == spec.schema().field(column).type, (name, column)


def test_councils_are_the_four_with_their_tiers(committed_tables):
    tiers = {row["council_id"]: row["tier"] for row in committed_tables["councils"]}
    assert tiers == {"leicester": "unitary", "leicestershire": "county", "nw-leicestershire": "district",
                     "melton": "district"}


def test_every_plan_has_rows(committed_tables):
    plans_with_rows = {row["plan_id"] for name in ("indicators", "priorities", "actions", "finance")
                       for row in committed_tables[name]}
    assert plans_with_rows == {row["plan_id"] for row in committed_tables["plans"]}


def test_codes_are_normalised(committed_tables):
    for row in committed_tables["indicators"]:
        code = row["code"]
        assert code is None or (" " not in code and "(" not in code), row
        if code and code.startswith("BV"):
            assert code[2:3].isdigit() and code == code[:2] + code[2:].lower(), row


@pytest.fixture
def sound(parsed_tables):
    return copy.deepcopy(parsed_tables)


def test_checker_reports_a_duplicate_key(sound):
    sound["indicators"].append(dict(sound["indicators"][0]))
    assert any("appears 2 times" in problem for problem in check_tables(sound))


def test_checker_reports_a_value_outside_the_allowed_list(sound):
    sound["indicator_values"][0] = {**sound["indicator_values"][0], "kind": "forecast"}
    assert any("kind 'forecast' is not one of" in problem for problem in check_tables(sound))


def test_checker_reports_an_unknown_common_theme_and_unit(sound):
    sound["indicators"][0] = {**sound["indicators"][0], "common_theme": "Parks", "unit": "furlongs"}
    problems = check_tables(sound)
    assert any("'Parks' is not in the taxonomy" in p for p in problems)
    assert any("'furlongs' is not in the controlled vocabulary" in p for p in problems)


def test_checker_reports_a_dangling_reference_and_a_bad_source(sound):
    sound["indicator_values"][0] = {**sound["indicator_values"][0], "indicator_id": "nowhere:BV1",
                                    "source": "elsewhere.txt"}
    problems = check_tables(sound)
    assert any("'nowhere:BV1' is not in indicators" in p for p in problems)
    assert any("source 'elsewhere.txt' is not" in p for p in problems)


def test_checker_reports_a_council_that_is_not_in_councils(sound):
    sound["actions"][0] = {**sound["actions"][0], "council_id": "rutland"}
    sound["councils"][0] = {**sound["councils"][0], "parent_council_id": "nowhere"}
    problems = check_tables(sound)
    assert any("council_id 'rutland' is not in councils" in p for p in problems)
    assert any("parent_council_id 'nowhere' is not in councils" in p for p in problems)


def test_checker_accepts_any_council_in_councils_and_keeps_the_tier_vocabulary(sound):
    # A national dataset has hundreds of councils: an id is valid when councils has it.
    sound["councils"].append({"council_id": "rutland", "name": "Rutland County Council", "tier": "unitary",
                              "parent_council_id": None})
    sound["plans"][0] = {**sound["plans"][0], "council_id": "rutland"}
    assert not any("rutland" in p for p in check_tables(sound))
    sound["councils"][-1] = {**sound["councils"][-1], "tier": "metropolitan"}
    assert any("tier 'metropolitan' is not one of unitary, county, district" in p for p in check_tables(sound))


def test_every_reference_names_a_table_with_a_one_column_key():
    for spec in TABLES.values():
        for column, table in spec.references.items():
            assert column in spec.columns and len(TABLES[table].key) == 1, (spec.name, column)


def test_check_command_fails_in_plain_english_on_a_broken_folder(tmp_path, capsys):
    broken = tmp_path / "extracts"
    shutil.copytree(paths.DEFAULT_EXTRACTS_DIR, broken)
    (broken / "finance.csv").unlink()
    table = pq.read_table(broken / "indicators.parquet").drop_columns(["polarity"])
    pq.write_table(table, broken / "indicators.parquet")
    assert main(["check", "--extracts", str(broken)]) == 1
    out = capsys.readouterr().out
    assert "finance.parquet and finance.csv must both exist" in out
    assert "indicators: required column polarity is missing" in out


def test_check_command_passes_on_the_committed_extracts(capsys):
    assert main(["check"]) == 0
    assert "check passed" in capsys.readouterr().out


def test_checker_reports_a_wrong_column_type(tmp_path):
    folder = tmp_path / "extracts"
    shutil.copytree(paths.DEFAULT_EXTRACTS_DIR, folder)
    table = pq.read_table(folder / "indicator_values.parquet")
    index = table.schema.get_field_index("value")
    table = table.set_column(index, "value", table.column("value").cast(pa.string()))
    pq.write_table(table, folder / "indicator_values.parquet")
    assert any("indicator_values.value: type string should be double" in p for p in check_extracts(folder))
