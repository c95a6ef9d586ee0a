"""Quartile bands as the plans print them, with the share a plan does not split shown as such."""
import pandas as pd

from perfdash.views.quartiles import NOT_SPLIT, quartile_bands, quartile_table


def band(council, plan, year, name, order, share, text=None):
    return {"council_id": council, "council_name": council.title(), "plan_id": plan, "plan_title": f"{plan} plan",
            "band": name, "band_order": order, "period": f"{year}/{(year + 1) % 100:02d}", "year_start": year,
            "share_percent": share, "value_text": text or f"{share:g}%", "source": f"{plan}.txt:{year - 1990}"}


def test_a_year_whose_bands_add_up_to_the_whole_gets_no_extra_band():
    rows = pd.DataFrame([band("lcc", "bvpp", 2001, "Top quartile", 1, 39), band("lcc", "bvpp", 2001, "Middle", 2, 27),
                         band("lcc", "bvpp", 2001, "Bottom quartile", 3, 33)])  # 99%: the plan's rounding
    bands = quartile_bands(rows)
    assert len(bands) == 3 and bands["printed"].all()
    assert bands["band_order"].tolist() == [1, 2, 3]


def test_the_rest_of_a_year_the_plan_does_not_split_is_its_own_band_citing_the_printed_line():
    rows = pd.DataFrame([band("nwl", "delivery", 2005, "Top quartile", 1, 25)])
    bands = quartile_bands(rows)
    rest = bands[~bands["printed"]]
    assert rest["band"].tolist() == [NOT_SPLIT] and rest["share_percent"].tolist() == [75.0]
    assert rest["value_text"].isna().all(), "nothing is printed for the rest"
    assert rest["source"].tolist() == ["delivery.txt:15"] and rest["period"].tolist() == ["2005/06"]


def test_each_plan_and_year_is_completed_on_its_own():
    rows = pd.DataFrame([band("nwl", "delivery", 2005, "Top quartile", 1, 25),
                         band("nwl", "delivery", 2006, "Top quartile", 1, 30),
                         band("nwl", "delivery", 2006, "Bottom quartile", 3, 70)])
    bands = quartile_bands(rows)
    assert bands.groupby("year_start")["share_percent"].sum().tolist() == [100.0, 100.0]
    assert (~bands["printed"]).sum() == 1


def test_the_table_names_year_band_share_and_source():
    table = quartile_table(quartile_bands(pd.DataFrame([band("nwl", "delivery", 2005, "Top quartile", 1, 25)])))
    assert list(table.columns) == ["Council", "Year", "Quartile band", "Share of comparable indicators (%)",
                                   "As printed", "Source document", "Source line"]
    assert table["Year"].tolist() == ["2005/06", "2005/06"]


def test_no_rows_give_no_bands():
    assert quartile_bands(pd.DataFrame(columns=list(band("a", "b", 2001, "Top", 1, 1)))).empty
