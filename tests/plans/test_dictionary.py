"""The national indicator dictionary: validated on load, covering every national code the bundled
plans print, and applied by the build (unit and polarity from the dictionary unless the plan
prints otherwise, then a finding)."""
import re
import shutil

import pytest

from perfdash.plans.dictionary import (
    COLUMNS,
    SETS,
    SOURCES_FILE,
    DictionaryError,
    apply_dictionary,
    load_dictionary,
)
from perfdash.plans.document import load_catalogue, load_document

NATIONAL = re.compile(r"^(BV|NI|PAF)")


def national(indicators):
    return [row for row in indicators if row.get("code") and NATIONAL.match(row["code"])]


def test_every_national_code_the_bundled_plans_print_is_in_the_dictionary(parsed_tables):
    dictionary = load_dictionary()
    codes = {row["code"] for row in national(parsed_tables["indicators"])}
    assert codes, "the bundled plans print national codes"
    assert sorted(code for code in codes if dictionary.get(code) is None) == []


def test_the_printed_references_of_the_bundled_plans_resolve_to_their_codes(parsed_tables):
    dictionary = load_dictionary()
    wrong = []
    for row in national(parsed_tables["indicators"]):
        if not row.get("ref"):
            continue
        entry = dictionary.lookup(row["ref"], bare_numbers_are_bv=True)
        if entry is None or entry.code != row["code"]:
            wrong.append((row["ref"], row["code"], entry and entry.code))
    assert wrong == []


@pytest.mark.parametrize("printed, code", [
    ("BV 109(a)", "BV109a"), ("BVPI 109a", "BV109a"), ("bv109A", "BV109a"), ("BVP66c*", "BV66c"),
    ("BV 82a(i)", "BV82ai"), ("NI 157(a)", "NI157a"), ("NI 155", "NI155"), ("PAF C21", "PAFC21"),
    ("PAF/A3", "PAFA3"),
])
def test_printed_forms_find_their_entry(printed, code):
    assert load_dictionary().lookup(printed).code == code


def test_a_bare_number_is_a_best_value_code_only_when_asked():
    dictionary = load_dictionary()
    assert dictionary.lookup("82(a)(i)") is None
    assert dictionary.lookup("82(a)(i)", bare_numbers_are_bv=True).code == "BV82ai"


def test_every_entry_fits_its_set_and_cites_known_sources():
    dictionary = load_dictionary()
    for entry in dictionary.entries.values():
        assert SETS[entry.set].fullmatch(entry.code)
        assert entry.definition or entry.note, entry.code
        assert dictionary.citation(entry)


def test_each_checked_entry_names_a_plan_line_that_prints_its_code():
    """The `checked` column claims a comparison with a plan's printed title: that line must exist
    and name the code (in any printed form)."""
    files = {plan["file"]: plan["plan_id"] for plan in load_catalogue()["plans"]}
    claims = 0
    for entry in load_dictionary().entries.values():
        match = re.fullmatch(r"title compared with (.+):(\d+)", entry.checked)
        if not match:
            assert entry.checked == "not checked against a document", entry.code
            continue
        claims += 1
        text = load_document(files[match.group(1)]).line(int(match.group(2)))
        number = re.search(r"\d+", entry.code).group(0)
        # The code as printed: after BV, BVPI, NI or PAF, or a bare number opening a table cell.
        printed = re.compile(rf"(?:\b(?:BVPI|BVP|BV|NI|PAF\s*[A-E])\s*|^|\t)\s*{number}(?![\d.,%])")
        assert printed.search(text), f"{entry.code}: line {match.group(2)} does not print it"
    assert claims > 0


# --- validation on load -----------------------------------------------------------------------

GOOD_ROW = {"code": "BV9", "set": "BVPI", "aliases": "BV9 | BV 9", "title": "Council Tax collected",
            "unit": "percent", "polarity": "higher", "definition": "The percentage collected.",
            "definition_source": "bvpi_guidance", "checked": "not checked against a document", "note": ""}


def write_dictionary(folder, rows, header=COLUMNS):
    import csv

    file = folder / "national_indicators.csv"
    with file.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow([row.get(column, "") for column in header] if isinstance(row, dict) else row)
    shutil.copy(SOURCES_FILE, folder / "sources.yaml")
    return file


def load(folder, rows, **kwargs):
    file = write_dictionary(folder, rows, **kwargs)
    return load_dictionary.__wrapped__(file, folder / "sources.yaml")


def test_a_sound_file_loads(tmp_path):
    dictionary = load(tmp_path, [GOOD_ROW, {**GOOD_ROW, "code": "NI155", "set": "NI", "aliases": "NI 155"}])
    assert set(dictionary.entries) == {"BV9", "NI155"}
    assert dictionary.get("BV9").line == 2 and dictionary.get("NI155").line == 3


@pytest.mark.parametrize("change, reason", [
    ({"unit": "furlongs"}, "unit 'furlongs' is not in the vocabulary"),
    ({"polarity": "up"}, "polarity 'up' is not one of"),
    ({"set": "XYZ"}, "set 'XYZ' is not one of"),
    ({"code": "NI155"}, "code 'NI155' is not a BVPI code"),
    ({"title": ""}, "BV9 has no title"),
    ({"definition": "", "note": ""}, "BV9 has no definition and no note"),
    ({"definition_source": "my_memory"}, "definition_source my_memory is not in the sources file"),
    ({"definition_source": ""}, "BV9 has no definition_source"),
])
def test_a_bad_entry_names_the_file_line_and_reason(tmp_path, change, reason):
    with pytest.raises(DictionaryError) as raised:
        load(tmp_path, [{**GOOD_ROW, "code": "BV10", "aliases": "BV10"}, {**GOOD_ROW, **change}])
    message = str(raised.value)
    assert message.startswith(f"{tmp_path / 'national_indicators.csv'}, line 3: ")
    assert reason in message


def test_a_duplicate_code_or_alias_names_both_lines(tmp_path):
    with pytest.raises(DictionaryError, match=r"line 3: code BV9 is already defined on line 2"):
        load(tmp_path, [GOOD_ROW, GOOD_ROW])
    with pytest.raises(DictionaryError, match=r"line 3: alias 'BV 9' of BV10 is already an alias of BV9"):
        load(tmp_path, [GOOD_ROW, {**GOOD_ROW, "code": "BV10", "aliases": "BV 9"}])


@pytest.mark.parametrize("sources, reason", [
    ("bvpi_guidance: just a string", "bvpi_guidance.short: needs the source's short name"),
    ("bvpi_guidance: {short: BVPI}", "bvpi_guidance.reference: needs the full reference"),
    ("[]", "expected a mapping of source key"),
])
def test_a_bad_sources_file_names_the_key_and_reason(tmp_path, sources, reason):
    file = write_dictionary(tmp_path, [GOOD_ROW])
    (tmp_path / "sources.yaml").write_text(sources, encoding="utf-8")
    with pytest.raises(DictionaryError, match=re.escape(reason)) as raised:
        load_dictionary.__wrapped__(file, tmp_path / "sources.yaml")
    assert str(raised.value).startswith(str(tmp_path / "sources.yaml"))


def test_a_wrong_header_or_row_length_is_refused(tmp_path):
    with pytest.raises(DictionaryError, match=r"line 1: the header must be code,set,aliases"):
        load(tmp_path, [], header=COLUMNS[:-1])
    with pytest.raises(DictionaryError, match=r"line 2: expected 10 fields"):
        load(tmp_path, [["BV9", "BVPI", "BV9"]])


# --- the build step ---------------------------------------------------------------------------

def indicator(code, unit=None, polarity=None, title="An indicator", source="nowhere"):
    return {"indicator_id": f"plan:{code}", "council_id": "c", "plan_id": "plan", "code": code, "title": title,
            "unit": unit, "polarity": polarity, "source": source}


def value(code, text):
    return {"indicator_id": f"plan:{code}", "value_text": text}


def test_an_indicator_without_unit_or_polarity_takes_the_dictionarys():
    entry = load_dictionary().get("NI155")
    rows, findings = apply_dictionary([indicator("NI155")], [value("NI155", "150")])
    assert (rows[0]["unit"], rows[0]["polarity"]) == (entry.unit, entry.polarity)
    assert findings == []


def test_a_plan_that_prints_another_unit_keeps_it_with_a_warning():
    entry = load_dictionary().get("BV64")
    assert entry.unit != "percent"
    rows, findings = apply_dictionary([indicator("BV64", "percent", entry.polarity)],
                                      [value("BV64", "5.63%")])
    assert rows[0]["unit"] == "percent"
    assert [(f["category"], f["severity"], f["indicator_id"]) for f in findings] == [
        ("national_definition_differs", "warning", "plan:BV64")]
    assert entry.unit in findings[0]["message"] and "percent" in findings[0]["message"]


def test_a_reading_the_plan_does_not_print_gives_way_to_the_dictionary_and_is_noted():
    entry = load_dictionary().get("BV12")
    rows, findings = apply_dictionary([indicator("BV12", "count", "higher", title="Sickness")],
                                      [value("BV12", "9.5")])
    assert (rows[0]["unit"], rows[0]["polarity"]) == (entry.unit, entry.polarity)
    assert sorted((f["category"], f["severity"]) for f in findings) == [
        ("national_definition_applied", "info")] * 2


def test_a_title_that_states_its_polarity_is_the_plan_saying_otherwise():
    entry = load_dictionary().get("BV9")
    opposite = "lower" if entry.polarity == "higher" else "higher"
    words = "Low is Best" if opposite == "lower" else "High is Best"
    rows, findings = apply_dictionary([indicator("BV9", entry.unit, opposite, title=f"Collected ({words})")], [])
    assert rows[0]["polarity"] == opposite
    assert [f["category"] for f in findings] == ["national_definition_differs"]


def test_local_codes_and_dictionary_gaps_are_left_alone():
    rows, findings = apply_dictionary([indicator("LCED13", "count", "higher"), indicator("BV184", "percent", "higher")],
                                      [])
    assert [(r["unit"], r["polarity"]) for r in rows] == [("count", "higher"), ("percent", "higher")]
    assert findings == []


def test_every_bundled_national_indicator_has_the_dictionarys_unit_and_polarity_or_a_finding(parsed_tables):
    dictionary = load_dictionary()
    flagged = {(f["indicator_id"], f["category"]) for f in parsed_tables["quality_findings"]}
    unexplained = []
    for row in national(parsed_tables["indicators"]):
        entry = dictionary.get(row["code"])
        for field in ("unit", "polarity"):
            wanted = getattr(entry, field)
            if wanted is not None and row[field] != wanted and \
                    (row["indicator_id"], "national_definition_differs") not in flagged:
                unexplained.append((row["indicator_id"], field, row[field], wanted))
    assert unexplained == []
