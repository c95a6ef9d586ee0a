"""The shared-indicator chart never puts two units on one axis: each unit of a code is its own panel."""
import pandas as pd

from components.compare_charts import build_shared_comparison
from perfdash.polarity import unit_label
from perfdash.views.compare import codes_in_several_units, shared_verdicts


def shared_rows():
    def row(council, unit, actual, target, text):
        return {"code": "BV64", "council_id": council.lower(), "council_name": council, "indicator_id": f"{council}:BV64",
                "title": "Empty homes back in use", "unit": unit, "polarity": "higher", "actual_period": "2005/06",
                "actual": actual, "actual_text": text, "actual_source": "a.txt:1", "target_period": "2007/08",
                "target": target, "target_text": f"{target:g}", "target_source": "a.txt:1"}
    return pd.DataFrame([row("NWL", "count", 4, 20, "4"), row("Melton", "count", 12, 10, "12"),
                         row("Leicester", "percent", 5.63, 4.5, "5.63%")])


def axis_titles(figure):
    return {"y" + name[5:]: axis["title"]["text"] for name, axis in figure.layout.to_plotly_json().items()
            if name.startswith("yaxis") and axis.get("title", {}).get("text")}


def test_a_code_in_two_units_is_two_panels_each_on_an_axis_of_its_own_unit():
    shared = shared_verdicts(shared_rows())
    assert codes_in_several_units(shared) == {"BV64": ["count", "percent"]}
    figure = build_shared_comparison(shared)
    titles = axis_titles(figure)
    assert sorted(titles.values()) == sorted([unit_label("count"), unit_label("percent")])
    unit_of = dict(zip(shared["council_name"], shared["unit"]))
    bars = [trace for trace in figure.data if trace.type == "bar"]
    assert len(bars) == 3
    for trace in bars:
        assert titles[trace.yaxis] == unit_label(unit_of[trace.name.removesuffix(" actual")]), trace.name


def test_a_code_in_one_unit_stays_one_panel():
    shared = shared_verdicts(shared_rows().assign(unit="count"))
    assert codes_in_several_units(shared) == {}
    assert list(axis_titles(build_shared_comparison(shared)).values()) == [unit_label("count")]
