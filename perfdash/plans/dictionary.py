"""The national indicator dictionary: the Best Value (BVPI), National Indicator (NI) and social
services (PAF) sets of about 2000-2010, in data/reference/national_indicators.csv, citing the
documents listed in data/reference/sources.yaml (data/reference/README.md says how it was made).

Loaded validated: a bad entry fails with the file, line and reason. `apply_dictionary` is a build
step: every indicator with a national code takes its unit and polarity from the dictionary unless
its plan prints otherwise (in its figures, its title or the sentence that names the code); then the
plan's value is kept and a quality finding says how the two differ.
"""
from __future__ import annotations

import csv
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from perfdash import paths
from perfdash.plans.contract import POLARITIES
from perfdash.plans.curated import load_taxonomy
from perfdash.plans.document import load_document

REFERENCE_DIR = paths.DATA_DIR / "reference"
DICTIONARY_FILE = REFERENCE_DIR / "national_indicators.csv"
SOURCES_FILE = REFERENCE_DIR / "sources.yaml"
COLUMNS = ("code", "set", "aliases", "title", "unit", "polarity", "definition", "definition_source", "checked",
           "note")
# Each set's codes, as the bundled plans normalise them (perfdash.plans.values.normalise_code).
SETS = {"BVPI": re.compile(r"BV\d+[a-z]*"), "NI": re.compile(r"NI\d+[a-z]*"), "PAF": re.compile(r"PAF[A-E]\d+")}
_EXAMPLES = {"BVPI": "BV109a", "NI": "NI157a", "PAF": "PAFC21"}


class DictionaryError(ValueError):
    """The dictionary or its sources file is malformed; the message names the file, line and reason."""


@dataclass(frozen=True)
class NationalIndicator:
    code: str
    set: str
    aliases: tuple[str, ...]
    title: str
    unit: str | None
    polarity: str | None
    definition: str | None
    sources: tuple[str, ...]
    checked: str
    note: str | None
    line: int


@dataclass(frozen=True)
class IndicatorDictionary:
    entries: Mapping[str, NationalIndicator]
    citations: Mapping[str, tuple[str, str]]
    by_alias: Mapping[str, str]

    def get(self, code: str | None) -> NationalIndicator | None:
        return self.entries.get(code) if isinstance(code, str) else None

    def lookup(self, printed: str | None, bare_numbers_are_bv: bool = False) -> NationalIndicator | None:
        """The entry for a code as a plan prints it: "BV 109(a)", "BVPI 109a", "NI 157a", "PAF C21";
        in a Best Value table a bare "82(a)(i)" too, with bare_numbers_are_bv."""
        if not isinstance(printed, str):
            return None
        folded = fold(printed)
        if bare_numbers_are_bv and folded[:1].isdigit():
            folded = "BV" + folded
        code = self.by_alias.get(folded)
        return self.entries[code] if code else None

    def citation(self, entry: NationalIndicator) -> str:
        """The full references of the documents the entry's definition comes from."""
        return " ".join(self.citations[key][1] for key in entry.sources)

    def short_citation(self, entry: NationalIndicator) -> str:
        """The short names of the documents the entry's definition comes from, for a panel."""
        return "; ".join(self.citations[key][0] for key in entry.sources)


def fold(printed: str) -> str:
    """A printed code reduced for matching: upper case, no spaces, brackets, dots, slashes or
    hyphens, "BVPI"/"BVP" read as "BV"; "BV 109(a)" and "BVPI 109a" both give "BV109A"."""
    text = re.sub(r"[\s().\-/*]", "", printed).upper()
    return re.sub(r"^BVPI?(?=\d)", "BV", text)


def _load_sources(file: Path) -> dict[str, tuple[str, str]]:
    """Source key -> (short name, full reference)."""
    try:
        sources = yaml.safe_load(file.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise DictionaryError(f"{file}: cannot be read as YAML ({error})") from error
    if not isinstance(sources, dict) or not sources:
        raise DictionaryError(f"{file}: expected a mapping of source key to its short name and reference")
    cited = {}
    for key, source in sources.items():
        for part in ("short", "reference"):
            text = source.get(part) if isinstance(source, dict) else None
            if not isinstance(text, str) or not text.strip():
                raise DictionaryError(f"{file}: {key}.{part}: needs the source's {part} name as text"
                                      if part == "short" else f"{file}: {key}.reference: needs the full reference")
        cited[str(key)] = (" ".join(source["short"].split()), " ".join(source["reference"].split()))
    return cited


def _entry(row: dict, line: int, where: str, citations: Mapping, units: tuple[str, ...]) -> NationalIndicator:
    def fail(reason: str):
        raise DictionaryError(f"{where}: {reason}")

    values = {key: (row.get(key) or "").strip() for key in COLUMNS}
    code, family = values["code"], values["set"]
    if family not in SETS:
        fail(f"set {family!r} is not one of {', '.join(SETS)}")
    if not SETS[family].fullmatch(code):
        fail(f"code {code!r} is not a {family} code like {_EXAMPLES[family]}")
    if not values["title"]:
        fail(f"{code} has no title")
    if values["unit"] and values["unit"] not in units:
        fail(f"{code}: unit {values['unit']!r} is not in the vocabulary of data/curated/taxonomy.yaml")
    if values["polarity"] and values["polarity"] not in POLARITIES:
        fail(f"{code}: polarity {values['polarity']!r} is not one of {', '.join(POLARITIES)}")
    if not values["definition"] and not values["note"]:
        fail(f"{code} has no definition and no note saying why")
    sources = tuple(key.strip() for key in values["definition_source"].split(";") if key.strip())
    if not sources:
        fail(f"{code} has no definition_source")
    unknown = [key for key in sources if key not in citations]
    if unknown:
        fail(f"{code}: definition_source {', '.join(unknown)} is not in the sources file")
    aliases = tuple(dict.fromkeys([code] + [a.strip() for a in values["aliases"].split("|") if a.strip()]))
    return NationalIndicator(code, family, aliases, values["title"], values["unit"] or None,
                             values["polarity"] or None, values["definition"] or None, sources,
                             values["checked"], values["note"] or None, line)


@lru_cache(maxsize=4)
def load_dictionary(file: Path = DICTIONARY_FILE, sources_file: Path = SOURCES_FILE) -> IndicatorDictionary:
    """The dictionary, every entry validated against the unit vocabulary, the polarities and the
    sources file; each alias names one code only."""
    citations = _load_sources(sources_file)
    units = load_taxonomy()["units"]
    entries: dict[str, NationalIndicator] = {}
    by_alias: dict[str, str] = {}
    try:
        with file.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            if tuple(reader.fieldnames or ()) != COLUMNS:
                raise DictionaryError(f"{file}, line 1: the header must be {','.join(COLUMNS)}")
            for row in reader:
                line = reader.line_num
                if None in row or any(value is None for value in row.values()):
                    raise DictionaryError(f"{file}, line {line}: expected {len(COLUMNS)} fields")
                entry = _entry(row, line, f"{file}, line {line}", citations, units)
                if entry.code in entries:
                    raise DictionaryError(f"{file}, line {line}: code {entry.code} is already defined on "
                                          f"line {entries[entry.code].line}")
                for alias in entry.aliases:
                    other = by_alias.setdefault(fold(alias), entry.code)
                    if other != entry.code:
                        raise DictionaryError(f"{file}, line {line}: alias {alias!r} of {entry.code} is "
                                              f"already an alias of {other}")
                entries[entry.code] = entry
    except OSError as error:
        raise DictionaryError(f"{file}: cannot be read ({error})") from error
    except (csv.Error, UnicodeDecodeError) as error:
        raise DictionaryError(f"{file}: cannot be read as UTF-8 CSV ({error})") from error
    return IndicatorDictionary(entries, citations, by_alias)


# --- the build step ---------------------------------------------------------------------------

# What a plan's own words say about a unit: in a printed figure, or in its title or sentence.
_FIGURE_UNITS = (
    ("percent", re.compile(r"%")), ("days", re.compile(r"\bdays?\b", re.IGNORECASE)),
    ("weeks", re.compile(r"\bweeks?\b", re.IGNORECASE)), ("gbp", re.compile(r"£")), ("kg", re.compile(r"\bkg\b", re.IGNORECASE)),
    ("tonnes", re.compile(r"\d\s*t\b|\btonnes?\b", re.IGNORECASE)),
    ("rate_per_1000", re.compile(r"per\s*1,?000\b|per\s*thousand", re.IGNORECASE)),
    ("rate_per_100000", re.compile(r"per\s*100,?000\b", re.IGNORECASE)), ("yes_no", re.compile(r"^\s*(yes|no)\s*$", re.IGNORECASE)),
    ("level", re.compile(r"^\s*level\s*\d", re.IGNORECASE)),
)
_TEXT_UNITS = (
    ("percent", re.compile(r"%|\bpercentage\b|\bper ?cent\b|\bproportion\b", re.IGNORECASE)),
    ("rate_per_1000", re.compile(r"per\s*1,?000\b|per\s*thousand", re.IGNORECASE)),
    ("rate_per_100000", re.compile(r"per\s*100,?000\b", re.IGNORECASE)),
    ("kg", re.compile(r"\bkg\b|\bkilograms?\b", re.IGNORECASE)), ("tonnes", re.compile(r"\btonnage\b|\btonnes\b", re.IGNORECASE)),
    ("days", re.compile(r"\bdays\b", re.IGNORECASE)), ("weeks", re.compile(r"\bweeks\b", re.IGNORECASE)),
    ("count", re.compile(r"\b(?:the |total )?(?:number|no\.?) of\b", re.IGNORECASE)),
)
_TEXT_POLARITIES = (
    ("lower", re.compile(r"\blow(?:er)? is (?:best|better)\b", re.IGNORECASE)),
    ("higher", re.compile(r"\bhigh(?:er)? is (?:best|better)\b", re.IGNORECASE)),
)


def _sentences(indicator: dict, entry: NationalIndicator, catalogue_path: Path) -> list[str]:
    """The parts of the indicator's source line (cells, then sentences) that name its code."""
    match = re.search(r":(\d+)$", indicator.get("source") or "")
    if not match:
        return []
    try:
        text = load_document(indicator["plan_id"], catalogue_path).line(int(match.group(1)))
    except (IndexError, LookupError, ValueError, OSError):
        return []
    names = {fold(alias) for alias in entry.aliases}
    parts = [part for cell in text.split("\t") for part in re.split(r"(?<=[.;])\s+", cell)]
    return [part for part in parts if any(name in fold(part) for name in names)]


def printed_evidence(indicator: dict, figures: list[str], sentences: list[str]) -> tuple[set[str], set[str]]:
    """The units and polarities the plan's own words give an indicator: its printed figures, its
    title and the sentences naming its code."""
    units = {unit for text in figures for unit, pattern in _FIGURE_UNITS if pattern.search(text or "")}
    words = [indicator.get("title") or "", *sentences]
    units |= {unit for text in words for unit, pattern in _TEXT_UNITS if pattern.search(text)}
    polarities = {polarity for text in words for polarity, pattern in _TEXT_POLARITIES if pattern.search(text)}
    return units, polarities


def _finding(indicator: dict, category: str, severity: str, message: str) -> dict:
    return {"council_id": indicator["council_id"], "plan_id": indicator["plan_id"],
            "indicator_id": indicator["indicator_id"], "category": category, "severity": severity,
            "message": message, "source": indicator["source"]}


def apply_dictionary(indicators: list[dict], values: list[dict], catalogue_path: Path = paths.CATALOGUE_FILE,
                     dictionary: IndicatorDictionary | None = None) -> tuple[list[dict], list[dict]]:
    """The indicators with unit and polarity from the dictionary, and the findings where they
    differ: kept as the plan prints them (national_definition_differs, a warning), or taken from
    the dictionary where the plan prints nothing to the contrary and the earlier reading differed
    (national_definition_applied, noted)."""
    dictionary = dictionary or load_dictionary()
    figures: dict[str, list[str]] = {}
    for row in values:
        figures.setdefault(row["indicator_id"], []).append(row.get("value_text") or "")
    result, findings = [], []
    for indicator in indicators:
        entry = dictionary.get(indicator.get("code"))
        if entry is None:
            result.append(indicator)
            continue
        indicator = dict(indicator)
        evidence = None
        for field in ("unit", "polarity"):
            national, current = getattr(entry, field), indicator.get(field)
            if national is None or current == national:
                continue
            if evidence is None:
                evidence = printed_evidence(indicator, figures.get(indicator["indicator_id"], []),
                                            _sentences(indicator, entry, catalogue_path))
            printed = evidence[0] if field == "unit" else evidence[1]
            said = f"{entry.code} ({entry.title})"
            note = f" {entry.note}" if entry.note else ""
            if current and current in printed:
                findings.append(_finding(
                    indicator, "national_definition_differs", "warning",
                    f"{said}: the plan gives its {field} as {current}, where the national definition's is "
                    f"{national}; the plan's {field} is kept.{note}"))
            else:
                indicator[field] = national
                if current:
                    findings.append(_finding(
                        indicator, "national_definition_applied", "info",
                        f"{said}: the plan does not state its {field}; the national definition's ({national}) is "
                        f"used in place of the earlier reading ({current})."))
        result.append(indicator)
    return result, findings
