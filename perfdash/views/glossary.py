"""The glossary (data/reference/glossary.yaml) for the Glossary page, validated on load: a bad file
fails with the file, the entry and the reason."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from perfdash import paths

GLOSSARY_FILE = paths.DATA_DIR / "reference" / "glossary.yaml"
_TEXT_KEYS = ("stands_for", "explanation", "example")


class GlossaryError(ValueError):
    """The glossary file is malformed; the message names the file, entry and reason."""


@lru_cache(maxsize=2)
def load_glossary(file: Path = GLOSSARY_FILE) -> tuple[dict, ...]:
    """Sections in the file's order, each {title, entries: ({term, stands_for, explanation, example}, ...)}."""
    try:
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise GlossaryError(f"{file}: cannot be read as YAML ({error})") from error
    sections = data.get("sections") if isinstance(data, dict) else None
    if not isinstance(sections, list) or not sections:
        raise GlossaryError(f"{file}: expected 'sections', a list of sections with entries")
    seen: dict[str, str] = {}
    result = []
    for index, section in enumerate(sections):
        where = f"{file}: sections[{index}]"
        if not isinstance(section, dict) or not isinstance(section.get("title"), str) or \
                not isinstance(section.get("entries"), list) or not section["entries"]:
            raise GlossaryError(f"{where}: a section needs a title and a list of entries")
        entries = []
        for number, entry in enumerate(section["entries"]):
            key = f"{where}.entries[{number}]"
            if not isinstance(entry, dict) or not isinstance(entry.get("term"), str) or not entry["term"].strip():
                raise GlossaryError(f"{key}: an entry needs a term")
            term = entry["term"].strip()
            if not isinstance(entry.get("explanation"), str) or not entry["explanation"].strip():
                raise GlossaryError(f"{key} ({term}): needs an explanation")
            unknown = sorted(set(entry) - {"term", *_TEXT_KEYS})
            if unknown:
                raise GlossaryError(f"{key} ({term}): unknown key {', '.join(unknown)}")
            if term.lower() in seen:
                raise GlossaryError(f"{key}: {term} is already explained at {seen[term.lower()]}")
            seen[term.lower()] = key.removeprefix(f"{file}: ")
            entries.append({"term": term, **{name: " ".join(str(entry.get(name) or "").split()) or None
                                             for name in _TEXT_KEYS}})
        result.append({"title": section["title"], "entries": tuple(entries)})
    return tuple(result)
