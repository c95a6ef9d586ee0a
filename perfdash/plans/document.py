"""A plan document as numbered lines, with the catalogue entry that describes it."""
from __future__ import annotations

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
                      "start_year", "end_year", "file", "original_file")
REQUIRED_COUNCIL_KEYS = ("council_id", "name", "tier", "parent_council_id")


def load_catalogue(path: Path = paths.CATALOGUE_FILE) -> dict:
    """The catalogue, validated: every plan names its council and an existing source file."""
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
                raise CatalogueError(f"{path}: {section}[{index}] lacks {', '.join(missing)}")
    council_ids = {council["council_id"] for council in catalogue["councils"]}
    for plan in catalogue["plans"]:
        if plan["council_id"] not in council_ids:
            raise CatalogueError(f"{path}: plan {plan['plan_id']} names unknown council {plan['council_id']}")
        if not (path.parent / plan["file"]).is_file():
            raise CatalogueError(f"{path}: plan {plan['plan_id']} file {plan['file']} does not exist")
    return catalogue


@lru_cache(maxsize=16)
def load_document(plan_id: str, catalogue_path: Path = paths.CATALOGUE_FILE) -> SourceDocument:
    """The source document for a plan in the catalogue."""
    catalogue = load_catalogue(catalogue_path)
    for plan in catalogue["plans"]:
        if plan["plan_id"] == plan_id:
            text = (catalogue_path.parent / plan["file"]).read_text(encoding="utf-8")
            return SourceDocument(plan_id, plan["council_id"], plan["file"], tuple(text.split("\n")))
    raise CatalogueError(f"{catalogue_path}: no plan with plan_id {plan_id!r}")
