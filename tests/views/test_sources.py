"""The Sources page's rules: reading a document safely, the window of lines, the markers, escaping."""
import pandas as pd
import pytest

from perfdash.views.sources import (
    FINDING_MARKER,
    FOCUS_MARKER,
    USED_MARKER,
    SourceUnavailable,
    citation_counts,
    cited_lines,
    citing_rows,
    findings_table,
    line_window,
    markdown_source_link,
    parse_source,
    read_lines,
    render_lines,
    source_url,
    source_urls,
)


def test_citations_parse_and_link_to_the_sources_page():
    assert parse_source("nwl.txt:992") == ("nwl.txt", 992)
    assert parse_source("no line") is None and parse_source("../etc/passwd:1") is None
    assert source_url("nwl.txt:992") == "sources?file=nwl.txt&line=992#nwl.txt:992"
    assert source_url(None) is None
    assert markdown_source_link("a_b.txt:3") == "[a\\_b.txt:3](sources?file=a_b.txt&line=3#a_b.txt:3)"
    assert markdown_source_link("") == "source not recorded"


@pytest.mark.parametrize("total, focus, whole, expected", [
    (1330, 992, False, (952, 1032)),
    (1330, 10, False, (1, 50)),
    (1330, 1320, False, (1280, 1330)),
    (1330, 992, True, (1, 1330)),
    (1330, None, False, (1, 1330)),
    (1330, 5000, False, (1, 1330)),
])
def test_line_window_centres_on_the_line_or_shows_everything(total, focus, whole, expected):
    assert line_window(total, focus, whole=whole) == expected


def test_used_lines_carry_words_and_a_class_not_colour_alone():
    lines = ("heading", "BV9\tCouncil tax\t94.09%", "plain", "odd")
    out = render_lines(lines, 1, 4, used={2}, findings={4}, focus=2, caption="doc")
    rows = out.split("<tr id=")[1:]
    assert len(rows) == 4
    assert '"L2" class="used focus"' in rows[1] and FOCUS_MARKER in rows[1] and USED_MARKER in rows[1]
    assert USED_MARKER not in rows[0] and 'class=""' in rows[0]
    assert FINDING_MARKER in rows[3] and "used" in rows[3].split(">")[0]
    assert "BV9 │ Council tax │ 94.09%" in rows[1]


def test_html_in_a_source_line_is_escaped():
    lines = ('<p>STRATEGIC AIM</p><script>alert("x")</script>', "<ul><li>one</li></ul>")
    out = render_lines(lines, 1, 2, used=set())
    assert "<script>" not in out and "<p>STRATEGIC" not in out and "<ul><li>" not in out
    assert "&lt;p&gt;STRATEGIC AIM&lt;/p&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in out
    assert "&lt;ul&gt;&lt;li&gt;one" in out


def test_render_shows_only_the_window():
    lines = tuple(f"line {n}" for n in range(1, 101))
    out = render_lines(lines, 40, 60, used=set(), focus=50)
    assert out.count("<tr id=") == 21 and 'id="L40"' in out and 'id="L60"' in out and 'id="L61"' not in out


def test_only_catalogued_files_can_be_read(tmp_path):
    (tmp_path / "plan.txt").write_text("one\ntwo\n", encoding="utf-8")
    assert read_lines("plan.txt", ["plan.txt"], folder=tmp_path) == ("one", "two")
    with pytest.raises(SourceUnavailable, match="not one of the plan documents"):
        read_lines("../secret.txt", ["plan.txt"], folder=tmp_path)
    with pytest.raises(SourceUnavailable, match="cannot be read"):
        read_lines("gone.txt", ["gone.txt"], folder=tmp_path)


def test_real_documents_number_lines_as_the_extractors_do():
    from perfdash.plans.document import load_document

    document = load_document("nwl-delivery-2007")
    lines = read_lines(document.file_name, [document.file_name])
    assert lines[991] == document.line(992) and lines[991].startswith("BV9\t")


CITATIONS = pd.DataFrame({
    "line": [992, 992, 993],
    "extract": ["Indicator", "Indicator figure", "Data-quality finding"],
    "row_id": ["nwl:BV9", "nwl:BV9", "nwl-001"],
    "label": ["BV9 · Council tax", "BV9 · Council tax — actual 2005/06", "unit_mismatch: x"],
    "figure": [None, "94.09%", None],
    "unit": ["percent", "percent", None],
    "polarity": ["higher", "higher", None],
    "source": ["nwl.txt:992", "nwl.txt:992", "nwl.txt:993"],
})


def test_citing_rows_give_each_figure_its_unit_polarity_and_line():
    rows = citing_rows(CITATIONS, 992)
    assert rows["Extract"].tolist() == ["Indicator", "Indicator figure"]
    figure = rows.iloc[1]
    assert (figure["Figure as printed"], figure["Unit"], figure["Polarity"], figure["Source line"]) == \
        ("94.09%", "%", "Higher is better", "nwl.txt:992")
    assert citing_rows(CITATIONS, 1).empty


def test_cited_lines_split_extract_rows_from_findings():
    assert cited_lines(CITATIONS) == ({992}, {993})


def test_citation_counts_per_extract():
    counts = citation_counts(CITATIONS).set_index("Extract")
    assert counts.loc["Indicator figure", "Rows citing this document"] == 1
    assert citation_counts(CITATIONS.iloc[0:0]).empty


def test_findings_table_words_and_links():
    findings = pd.DataFrame({"severity": ["warning", "info"], "plan_title": ["P", "P"],
                             "category": ["unit_mismatch", "ambiguous_value"], "message": ["m1", "m2"],
                             "source": ["nwl.txt:5", "nwl.txt:6"]})
    table = findings_table(findings)
    assert table["Severity"].tolist() == ["▲ Warning", "ℹ Info"]  # noqa: RUF001
    assert table["Source line"].tolist()[0] == "sources?file=nwl.txt&line=5#nwl.txt:5"
    assert table["What it means"].str.len().gt(10).all()


def test_a_column_of_citations_gets_the_same_links_as_one_citation_at_a_time():
    citations = ["nwl_delivery_plan_2007.txt:992", None, "Melton plan (2009).txt:0012", "not a citation", "",
                 "dir/file.txt:3", "Plân d'été.txt:7", "file.txt:", "a.txt:12", "a.txt:12"]
    expected = [source_url(c) for c in citations]
    assert source_urls(pd.Series(citations)) == expected  # pandas reads the None as a missing string
    assert source_urls(pd.Series(citations, dtype=object)) == expected
    assert expected[0] == "sources?file=nwl_delivery_plan_2007.txt&line=992#nwl_delivery_plan_2007.txt:992"
    assert expected[2].endswith("&line=12#Melton%20plan%20%282009%29.txt:12") and expected[1] is None
    assert source_urls(pd.Series([], dtype=object)) == []
