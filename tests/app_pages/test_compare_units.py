"""Compare on the bundled plans: BV64 (a count in NW Leicestershire's plan, a percentage in
Leicester's) is drawn on two axes, one per unit, and the page says why."""
from perfdash.polarity import unit_label
from tests.app_pages.helpers import (
    assert_drawn_cleanly,
    chart_specs,
    run_compare_tab,
    table_with,
)


def test_a_code_printed_in_two_units_is_drawn_and_compared_apart(committed_tables):
    units = {row["unit"] for row in committed_tables["indicators"] if row.get("code") == "BV64"}
    assert len(units) > 1, "the bundled plans print BV64 in more than one unit"
    app = run_compare_tab("Shared indicators")
    assert_drawn_cleanly(app)
    [note] = [c.value for c in app.caption if "BV64 is printed in different units" in c.value]
    assert all(unit_label(unit) in note for unit in units)
    shared = next(spec for spec in chart_specs(app)
                  if spec["layout"].get("title", {}).get("text", "").startswith("Shared indicators"))
    titles = [axis.get("title", {}).get("text") for name, axis in shared["layout"].items() if name.startswith("yaxis")]
    panels = [a["text"] for a in shared["layout"]["annotations"] if a["text"].startswith("BV64")]
    assert len(panels) == len(units)
    assert {unit_label(unit) for unit in units} <= set(titles)
    table = table_with(app, "against_other_councils")
    bv64 = table[table["code"] == "BV64"]
    for unit, rows in bv64.groupby("unit"):
        if len(rows) == 1:
            assert rows["against_other_councils"].tolist() == ["Not comparable"], unit
