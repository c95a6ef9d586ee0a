"""A plan document as numbered lines, with the catalogue entry that describes it."""
from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from perfdash import paths


class CatalogueError(ValueError):
    """The sources catalogue is missing, malformed or points at a missing file."""


@dataclass(frozen=True)
class SourceDocument:
    plan_id: str
    council_id: str
    file_name: str
    lines: tuple[str, ...]

    def line(self, number: int) -> str:
        """Line `number`, counting from 1 as editors and citations do."""
        if not 1 <= number <= len(self.lines):
            raise IndexError(f"{self.file_name} has no line {number}")
        return self.lines[number - 1]

    def source(self, number: int) -> str:
        """The citation for a line: "<file name>:<line number>"."""
        self.line(number)
        return f"{self.file_name}:{number}"

    def find(self, text: str, start: int = 1) -> int:
        """Number of the first line at or after `start` that contains `text`."""
        for number in range(start, len(self.lines) + 1):
            if text in self.lines[number - 1]:
                return number
        raise LookupError(f"{text!r} not found in {self.file_name} from line {start}")

    def numbered(self, start: int = 1, end: int | None = None):
        """(line number, text) pairs from `start` to `end` inclusive."""
        last = len(self.lines) if end is None else min(end, len(self.lines))
        for number in range(start, last + 1):
            yield number, self.lines[number - 1]


REQUIRED_PLAN_KEYS = ("plan_id", "council_id", "title", "plan_type", "period_label",
                      "start_year", "end_year", "file", "original_file", "parser")
REQUIRED_COUNCIL_KEYS = ("council_id", "name", "tier", "parent_council_id")
# The catalogue names code to run, so only modules of the project's parser package are accepted.
PARSER_PACKAGE = "perfdash.plans"
_MODULE_NAME = re.compile(r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+")

Parser = Callable[[SourceDocument], dict]


def load_catalogue(path: Path = paths.CATALOGUE_FILE) -> dict:
    """The catalogue, validated: every plan names its council, an existing source file and a
    parser module with an extract(document) function."""
    catalogue = _read_catalogue(path)
    for plan in catalogue["plans"]:
        load_parser(plan, path)
    return catalogue


def load_parser(plan: dict, path: Path = paths.CATALOGUE_FILE) -> Parser:
    """The extract(document) function of the module a plan's `parser` key names."""
    where = f"{path}: plan {plan.get('plan_id')}, key 'parser'"
    name = plan.get("parser")
    if not isinstance(name, str) or not _MODULE_NAME.fullmatch(name):
        raise CatalogueError(f"{where}: {name!r} is not a module name like '{PARSER_PACKAGE}.melton.extract'")
    if not name.startswith(PARSER_PACKAGE + "."):
        raise CatalogueError(f"{where}: {name!r} is not a module of {PARSER_PACKAGE} (parsers live under "
                             f"{PARSER_PACKAGE.replace('.', '/')}/)")
    try:
        module = importlib.import_module(name)
    except ModuleNotFoundError as error:
        if error.name and (name == error.name or name.startswith(error.name + ".")):
            raise CatalogueError(f"{where}: there is no module {name} "
                                 f"(no file {name.replace('.', '/')}.py)") from error
        raise CatalogueError(f"{where}: module {name} cannot be imported ({error})") from error
    except Exception as error:  # a parser that fails to import is still the catalogue's problem to name
        raise CatalogueError(f"{where}: module {name} cannot be imported "
                             f"({type(error).__name__}: {error})") from error
    extract = getattr(module, "extract", None)
    if not callable(extract):
        raise CatalogueError(f"{where}: module {name} has no extract(document) function")
    return extract


def _read_catalogue(path: Path) -> dict:
    """The catalogue's structure checked, without importing its parsers."""
    try:
        catalogue = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise CatalogueError(f"{path}: cannot be read as YAML ({error})") from error
    if not isinstance(catalogue, dict):
        raise CatalogueError(f"{path}: expected a mapping with 'councils' and 'plans'")
    for section, keys in (("councils", REQUIRED_COUNCIL_KEYS), ("plans", REQUIRED_PLAN_KEYS)):
        entries = catalogue.get(section)
        if not isinstance(entries, list) or not entries:
            raise CatalogueError(f"{path}: '{section}' must be a non-empty list")
        for index, entry in enumerate(entries):
            missing = [key for key in keys if not isinstance(entry, dict) or key not in entry]
            if missing:
                named = f" ({entry[keys[0]]})" if isinstance(entry, dict) and keys[0] in entry else ""
                raise CatalogueError(f"{path}: {section}[{index}]{named} lacks {', '.join(missing)}")
    known = {council["council_id"] for council in catalogue["councils"]}
    for plan in catalogue["plans"]:
        if plan["council_id"] not in known:
            raise CatalogueError(f"{path}: plan {plan['plan_id']} names unknown council {plan['council_id']}")
        if not (path.parent / plan["file"]).is_file():
            raise CatalogueError(f"{path}: plan {plan['plan_id']} file {plan['file']} does not exist")
    return catalogue


def council_ids(path: Path = paths.CATALOGUE_FILE) -> tuple[str, ...]:
    """The councils the catalogue describes, in its order."""
    return tuple(council["council_id"] for council in _read_catalogue(path)["councils"])


@lru_cache(maxsize=16)
def load_document(plan_id: str, catalogue_path: Path = paths.CATALOGUE_FILE) -> SourceDocument:
    """The source document for a plan in the catalogue (its parser is not imported)."""
    catalogue = _read_catalogue(catalogue_path)
    for plan in catalogue["plans"]:
        if plan["plan_id"] == plan_id:
            text = (catalogue_path.parent / plan["file"]).read_text(encoding="utf-8")
            return SourceDocument(plan_id, plan["council_id"], plan["file"], tuple(text.split("\n")))
    raise CatalogueError(f"{catalogue_path}: no plan with plan_id {plan_id!r}")
