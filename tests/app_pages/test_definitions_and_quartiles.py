"""On the bundled plans: every indicator panel on Profiles and Trends carries its definition, unit,
polarity and source; Yes/No profiles show their answers; quartile bands on Compare and Trends."""
from perfdash.plans.dictionary import load_dictionary
from tests.app_pages.helpers import assert_drawn_cleanly, chart_specs, run_page


def national_definition(code):
    return load_dictionary().get(code).definition


def unescape(text):
    return text.replace("\\", "")


def test_yes_no_profiles_show_their_answers_not_an_empty_chart(committed_tables):
    yes_no = {row["indicator_id"] for row in committed_tables["indicators"] if row["unit"] == "yes_no"
              and row["council_id"] == "nw-leicestershire"}
    assert yes_no, "the bundled NW Leicestershire plan has Yes/No indicators"
    app = run_page("app_pages/profiles.py", pc="nw-leicestershire", year="2007")
    assert_drawn_cleanly(app)
    empty = [spec["layout"]["title"]["text"] for spec in chart_specs(app)
             if not any(trace.get("x") for trace in spec["data"])]
    assert empty == []
    panels = [spec for spec in chart_specs(app) if spec["layout"]["yaxis"].get("title", {}).get("text") ==
              "Answer (Yes/No)"]
    assert panels, "the first page holds Yes/No panels"
    for spec in panels:
        answers = [text for trace in spec["data"] for text in trace.get("text") or []]
        assert any("Yes" in text or "No" in text for text in answers), spec["layout"]["title"]["text"]
    codes = {row["code"] for row in committed_tables["indicators"] if row["indicator_id"] in yes_no}
    assert not codes & set(app.selectbox(key="pcode").options), "no empty chart across councils either"


def test_every_profile_panel_has_its_definition_unit_polarity_and_source():
    app = run_page("app_pages/profiles.py", pc="nw-leicestershire", year="2007")
    assert_drawn_cleanly(app)
    panels = [c.value for c in app.caption if c.value.startswith("**")]
    charts = [spec for spec in chart_specs(app)]
    assert len(panels) == len(charts) > 0
    for text in panels:
        assert "Definition" in text and "Unit: " in text and "Polarity: " in text and "Source: " in text
    bv12 = unescape(next(text for text in panels if text.startswith("**BV12 ")))
    assert national_definition("BV12") in bv12 and "nw-leicestershire_council-delivery-plan_2007-10.txt:" in bv12


def test_trend_panels_carry_definitions_and_the_councils_quartile_bands():
    app = run_page("app_pages/trends.py", ind="nwl-delivery-2007:BV12")
    assert_drawn_cleanly(app)
    [definitions] = [e for e in app.expander if e.label.startswith("Definitions, units, polarity and sources")]
    text = unescape(" ".join(m.value for m in definitions.markdown))
    assert national_definition("BV12") in text and "Unit: days" in text and "Lower is better" in text
    bands = [spec for spec in chart_specs(app) if "quartile band" in spec["layout"]["title"]["text"]]
    assert [spec["layout"]["title"]["text"].split(":")[0] for spec in bands] == [
        "North West Leicestershire District Council"]
    texts = [text for trace in bands[0]["data"] for text in trace["text"]]
    assert texts and all(text.endswith(("%", "not split")) for text in texts)
    assert all("2005/06" in hover for trace in bands[0]["data"] for hover in trace["hovertext"])


def test_compare_shows_each_councils_quartile_bands_with_year_and_source(committed_tables):
    app = run_page("app_pages/compare.py", tab="Quartile position")
    assert_drawn_cleanly(app)
    spec = next(spec for spec in chart_specs(app) if spec["layout"]["title"]["text"].startswith("Quartile position"))
    positions = {where for trace in spec["data"] for where in trace["y"]}
    printed = {(row["council_id"], row["period"]) for row in committed_tables["quartile_summary"]}
    assert len(positions) == len(printed)
    sources = {row["source"] for row in committed_tables["quartile_summary"]}
    hovers = " ".join(hover for trace in spec["data"] for hover in trace["hovertext"])
    assert all(source in hovers for source in sources)
