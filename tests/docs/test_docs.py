"""Documentation drift: every table, column, unit, theme and finding category is documented."""
import re

import yaml

from perfdash.paths import ROOT, TAXONOMY_FILE
from perfdash.plans.contract import FINDING_CATEGORIES, TABLES

DATA_DOC = (ROOT / "docs" / "DATA.md").read_text(encoding="utf-8")


def test_every_table_and_column_is_in_the_data_dictionary():
    missing = []
    for name, spec in TABLES.items():
        section = DATA_DOC.split(f"### `{name}`", 1)
        if len(section) < 2:
            missing.append(name)
            continue
        body = section[1].split("### ", 1)[0]
        missing += [f"{name}.{column}" for column in spec.columns if f"| `{column}` |" not in body]
    assert missing == []


def test_every_unit_theme_and_finding_category_is_documented():
    taxonomy = yaml.safe_load(TAXONOMY_FILE.read_text(encoding="utf-8"))
    assert [u for u in taxonomy["units"] if f"| `{u}` |" not in DATA_DOC] == []
    assert [t for t in taxonomy["common_themes"] if f"- {t}" not in DATA_DOC] == []
    assert [c for c in FINDING_CATEGORIES if f"| `{c}` |" not in DATA_DOC] == []


def test_every_manage_command_is_in_the_readme():
    from perfdash.cli.main import parser

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = parser()._subparsers._group_actions[0].choices
    assert [c for c in commands if f"python manage.py {c}" not in readme] == []


def test_readme_quick_start_has_exactly_two_commands_and_ci_runs_the_second():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick_start = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```[a-z]*\n(.*?)```", quick_start, flags=re.S)
    assert len(blocks) == 2 and all(len(block.strip().splitlines()) == 1 for block in blocks)
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert blocks[1].strip() in ci


def test_every_source_note_is_linked_from_the_data_doc():
    notes = sorted(p.name for p in (ROOT / "docs" / "sources").glob("*.md"))
    assert notes and [n for n in notes if f"(sources/{n})" not in DATA_DOC] == []
