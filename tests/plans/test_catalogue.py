"""Each plan's parser is named in data/sources/catalogue.yaml and checked when the catalogue loads:
adding a document takes its file, its catalogue entry and its parser module, and nothing else."""
import importlib
import sys

import pytest
import yaml

import perfdash.plans
from perfdash.plans.build import extract_all
from perfdash.plans.document import CatalogueError, load_catalogue, load_document

EXAMPLE_PARSER = "perfdash.plans.example_for_tests"


def _catalogue(folder, **plan_changes):
    """A one-council, one-plan catalogue beside its source file; `plan_changes` edits the plan
    entry (None removes a key)."""
    folder.mkdir(exist_ok=True)
    (folder / "rutland_example-plan_2020.txt").write_text("Example Plan\nBV9\t98.0%\n", encoding="utf-8")
    plan = {"plan_id": "example-2020", "council_id": "rutland", "title": "Example Plan", "plan_type": "annual_plan",
            "period_label": "2020/21", "start_year": 2020, "end_year": 2021,
            "file": "rutland_example-plan_2020.txt", "original_file": "example.txt", "parser": EXAMPLE_PARSER}
    for key, value in plan_changes.items():
        if value is None:
            plan.pop(key)
        else:
            plan[key] = value
    path = folder / "catalogue.yaml"
    path.write_text(yaml.safe_dump({
        "councils": [{"council_id": "rutland", "name": "Rutland County Council", "tier": "unitary",
                      "parent_council_id": None}],
        "plans": [plan]}), encoding="utf-8")
    return path


EXAMPLE_SOURCE = """
def extract(document):
    number = document.find("BV9")
    return {"indicators": [{"indicator_id": f"{document.plan_id}:BV9", "council_id": document.council_id,
                            "plan_id": document.plan_id, "ref": "BV9", "code": "BV9",
                            "title": "Council tax collected", "theme": None,
                            "common_theme": "Corporate health & value for money", "unit": "percent",
                            "polarity": "higher", "profile": None, "source": document.source(number),
                            "priority_id": None}]}
"""


@pytest.fixture
def parser_modules(tmp_path, monkeypatch):
    """A folder whose .py files are importable as perfdash.plans.<name>, as a new parser would be."""
    folder = tmp_path / "parsers"
    folder.mkdir()
    monkeypatch.setattr(perfdash.plans, "__path__", [*perfdash.plans.__path__, str(folder)])
    yield folder
    for name in [name for name in sys.modules if name.startswith("perfdash.plans.") and "_for_tests" in name]:
        del sys.modules[name]


@pytest.fixture
def example_parser(parser_modules):
    (parser_modules / "example_for_tests.py").write_text(EXAMPLE_SOURCE, encoding="utf-8")
    importlib.invalidate_caches()


def test_every_shipped_plan_names_a_parser_that_loads():
    plans = load_catalogue()["plans"]
    assert plans and all(plan["parser"].startswith("perfdash.plans.") for plan in plans)


def test_a_new_document_is_read_by_the_parser_its_entry_names(tmp_path, example_parser):
    tables = extract_all(_catalogue(tmp_path / "sources"))
    assert [row["plan_id"] for row in tables["plans"]] == ["example-2020"]
    assert [row["council_id"] for row in tables["councils"]] == ["rutland"]
    [indicator] = tables["indicators"]
    assert (indicator["indicator_id"], indicator["source"]) == ("example-2020:BV9", "rutland_example-plan_2020.txt:2")


@pytest.mark.parametrize("parser, reason", [
    (None, "lacks parser"),
    ("perfdash.plans.no_such_plan.extract",
     "there is no module perfdash.plans.no_such_plan.extract (no file perfdash/plans/no_such_plan/extract.py)"),
    ("perfdash.plans.values", "module perfdash.plans.values has no extract(document) function"),
    ("os.path", "'os.path' is not a module of perfdash.plans"),
    ("melton extract", "'melton extract' is not a module name"),
    (42, "42 is not a module name"),
])
def test_a_bad_parser_entry_is_refused_naming_the_file_the_plan_and_the_key(tmp_path, parser, reason):
    path = _catalogue(tmp_path / "sources", parser=parser)
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ") and "example-2020" in message and "parser" in message
    assert reason in message


def test_a_parser_that_fails_to_import_is_named_plainly(tmp_path, parser_modules):
    (parser_modules / "broken_for_tests.py").write_text("import no_such_library_anywhere\n", encoding="utf-8")
    (parser_modules / "typo_for_tests.py").write_text("def extract(document)\n", encoding="utf-8")
    importlib.invalidate_caches()
    for name, cause in (("broken_for_tests", "No module named 'no_such_library_anywhere'"),
                        ("typo_for_tests", "SyntaxError")):
        path = _catalogue(tmp_path / "sources", parser=f"perfdash.plans.{name}")
        with pytest.raises(CatalogueError) as caught:
            load_catalogue(path)
        assert f"plan example-2020, key 'parser': module perfdash.plans.{name} cannot be imported" in str(caught.value)
        assert cause in str(caught.value)


def test_reading_a_document_does_not_need_its_parser(tmp_path):
    path = _catalogue(tmp_path / "sources", parser="perfdash.plans.no_such_plan.extract")
    assert load_document("example-2020", path).line(2) == "BV9\t98.0%"
