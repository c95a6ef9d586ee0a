"""The glossary file: validated on load, and in step with the data contract's words."""
import pytest

from perfdash.plans.contract import POLARITIES, PROFILES
from perfdash.views.glossary import GlossaryError, load_glossary

REQUIRED = ("BVPI", "NI", "LAA", "CPA", "PSA", "RAG", "Polarity", "Quartile", "Cumulative profile",
            "Per-quarter profile", "Snapshot profile")


def entries():
    return {entry["term"]: entry for section in load_glossary() for entry in section["entries"]}


def test_the_glossary_explains_every_term_the_issue_asks_for():
    assert [term for term in REQUIRED if term not in entries()] == []


def test_the_profile_and_polarity_entries_name_every_value_the_data_uses():
    text = " ".join(entry["explanation"] for entry in entries().values())
    assert [value for value in (*PROFILES, *POLARITIES) if f"`{value}`" not in text] == []


def test_abbreviations_say_what_they_stand_for():
    for term in ("BVPI", "NI", "LAA", "CPA", "PSA", "RAG"):
        assert entries()[term]["stands_for"], term


def write(tmp_path, text):
    file = tmp_path / "glossary.yaml"
    file.write_text(text, encoding="utf-8")
    return load_glossary.__wrapped__(file)


@pytest.mark.parametrize("text, reason", [
    ("sections: []", "expected 'sections'"),
    ("sections:\n  - title: A\n    entries: []", r"sections\[0\]: a section needs a title and a list of entries"),
    ("sections:\n  - title: A\n    entries:\n      - {term: NI}", r"sections\[0\].entries\[0\] \(NI\): needs an explanation"),
    ("sections:\n  - title: A\n    entries:\n      - {term: NI, explanation: x, colour: red}",
     r"\(NI\): unknown key colour"),
    ("sections:\n  - title: A\n    entries:\n      - {term: NI, explanation: x}\n      - {term: ni, explanation: y}",
     r"entries\[1\]: ni is already explained at sections\[0\].entries\[0\]"),
    ("sections: [", "cannot be read as YAML"),
])
def test_a_bad_glossary_names_the_file_entry_and_reason(tmp_path, text, reason):
    with pytest.raises(GlossaryError, match=reason) as raised:
        write(tmp_path, text)
    assert str(raised.value).startswith(str(tmp_path / "glossary.yaml"))
