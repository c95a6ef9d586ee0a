"""`manage.py spc` as a user runs it: on a CSV file of period,value, and on a council's stored series.

The stored series live in a small extracts folder (tests/fixtures.py) and a store under tmp_path.
Expected verdicts are worked by hand in the comments.
"""
from __future__ import annotations

import csv
import io
import json

import pytest

from perfdash import paths
from perfdash.cli.main import main
from perfdash.store.outturns import ActualsStore, Outturn, demo_store
from tests.fixtures import indicator, value, write_extracts

NWL = "nw-leicestershire"
QUARTERLY = "nwl:BV9"       # per-quarter profile, recorded outturns
CUMULATIVE = "nwl:BV10"     # cumulative profile: its quarterly targets are year to date
DEVIATIONS = [1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1]   # NHSRplotthedots' vignette
# Q1 2005/06 to Q4 2007/08. By hand: mean 140/12 = 11.667, mean moving range (10 × 2 + 10) / 11 = 2.727,
# limits 4.41 and 18.92: the last quarter's 20 lies above the upper limit.
QUARTER_VALUES = [10, 12, 10, 12, 10, 12, 10, 12, 10, 12, 10, 20]
QUARTERS = [(2005 + n // 4, n % 4 + 1) for n in range(12)]


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    monkeypatch.setenv(paths.STORE_ENV_VAR, str(tmp_path / "env" / "actuals.duckdb"))
    monkeypatch.setenv(paths.DEMO_STORE_ENV_VAR, str(tmp_path / "env" / "demo-actuals.duckdb"))
    monkeypatch.delenv(paths.EXTRACTS_ENV_VAR, raising=False)


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(arg) for arg in argv])
    out, err = capsys.readouterr()
    return code, out, err


def series_file(folder, values, periods=None, name="series.csv"):
    path = folder / name
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["period", "value"])
        for n, number in enumerate(values):
            writer.writerow([periods[n] if periods else f"2021-03-{22 + n:02d}", number])
    return path


# --- a file --------------------------------------------------------------------------------------

def test_json_gives_points_limits_verdicts_and_signals(capsys, tmp_path):
    code, out, err = run(capsys, "spc", series_file(tmp_path, DEVIATIONS), "--polarity", "higher",
                         "--target", "-4")
    assert (code, err) == (0, "")
    result = json.loads(out)
    # The vignette's published Excel-equivalent limits: UPL 6.95, mean 1.94, LPL -3.06.
    assert [round(result[k], 2) for k in ("lower_limit", "mean", "upper_limit")] == [-3.06, 1.94, 6.95]
    assert result["signals"] == [{"period": "2021-03-26", "value": 10.0, "rules": ["outside_limits"]}]
    assert result["variation"] == "common_cause"
    assert result["assurance"] == "pass"          # -4 lies below the whole band, and higher is better
    assert len(result["points"]) == 18 and result["points"][4]["point_type"] == "special_cause_improvement"


@pytest.mark.parametrize(("polarity", "target", "assurance"), [
    ("higher", "0", "hit_or_miss"), ("lower", "-4", "fail"), ("lower", "8", "pass"), ("neutral", "8", "none"),
])
def test_assurance_follows_target_and_polarity(capsys, tmp_path, polarity, target, assurance):
    code, out, _ = run(capsys, "spc", series_file(tmp_path, DEVIATIONS), "--polarity", polarity,
                       "--target", target)
    assert code == 0 and json.loads(out)["assurance"] == assurance


def test_screening_outliers_is_an_option(capsys, tmp_path):
    code, out, _ = run(capsys, "spc", series_file(tmp_path, DEVIATIONS), "--polarity", "higher",
                       "--screen-outliers")
    result = json.loads(out)
    assert code == 0 and result["screen_outliers"] is True
    assert (round(result["lower_limit"], 2), round(result["upper_limit"], 2)) == (-0.72, 4.6)


def test_csv_gives_one_row_per_point(capsys, tmp_path):
    code, out, _ = run(capsys, "spc", series_file(tmp_path, DEVIATIONS), "--polarity", "lower",
                       "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(rows) == 18
    assert [r["period"] for r in rows if r["special_cause"] == "yes"] == ["2021-03-26"]
    assert rows[4]["rules"] == "outside_limits" and rows[4]["point_type"] == "special_cause_concern"
    assert round(float(rows[0]["upper_limit"]), 2) == 6.95 and rows[0]["variation"] == "common_cause"


def test_under_ten_points_says_to_read_rag_instead(capsys, tmp_path):
    code, out, _ = run(capsys, "spc", series_file(tmp_path, list(range(1, 10))), "--polarity", "higher",
                       "--target", "0")
    result = json.loads(out)
    assert code == 0
    assert (result["variation"], result["assurance"]) == ("too_few_points", "none")
    assert result["lower_limit"] is None and result["upper_limit"] is None and result["signals"] == []
    assert "RAG status and the direction of travel" in result["fallback"]


def test_a_change_point_recalculates_the_limits(capsys, tmp_path):
    values = [10, 12] * 5 + [20, 22] * 5
    periods = [f"M{n + 1}" for n in range(20)]
    path = series_file(tmp_path, values, periods)
    _, whole, _ = run(capsys, "spc", path, "--polarity", "higher")
    _, rebased, _ = run(capsys, "spc", path, "--polarity", "higher", "--change-at", "M11")
    assert json.loads(whole)["variation"] == "special_cause_improvement"   # a shift of 10 above the mean 16
    assert json.loads(rebased)["variation"] == "common_cause"
    assert json.loads(rebased)["mean"] == pytest.approx(21) and json.loads(rebased)["change_points"] == ["M11"]


@pytest.mark.parametrize(("text", "message"), [
    ("", "is empty"),
    ("period,amount\na,1\n", "line 1: the header has no column value"),
    ("period,value\na,1\nb,two\n", "line 3, column 2 (value): 'two' is not a number"),
    ("period,value\na,1\nb,\n", "line 3, column 2 (value): the value is empty"),
])
def test_a_bad_file_is_refused_naming_its_line_and_column(capsys, tmp_path, text, message):
    path = tmp_path / "bad.csv"
    path.write_text(text, encoding="utf-8")
    code, out, err = run(capsys, "spc", path, "--polarity", "higher")
    assert (code, out) == (1, "")
    assert str(path) in err and message in err


def test_a_missing_file_is_refused(capsys, tmp_path):
    code, _, err = run(capsys, "spc", tmp_path / "nope.csv", "--polarity", "higher")
    assert code == 1 and "there is no file" in err


@pytest.mark.parametrize(("extra", "message"), [
    ([], "--polarity higher|lower|neutral is required"),
    (["--polarity", "higher", "--council", NWL, "--indicator", "BV9"], "either FILE or --council"),
    (["--polarity", "higher", "--frequency", "annual"], "stored series only"),
    (["--polarity", "higher", "--baseline", "5"], "at least 10 points"),
    (["--polarity", "higher", "--change-at", "1999"], "not one of the periods"),
])
def test_wrong_options_are_refused_with_exit_2(capsys, tmp_path, extra, message):
    code, out, err = run(capsys, "spc", series_file(tmp_path, DEVIATIONS), *extra)
    assert (code, out) == (2, "") and message in err


def test_a_target_that_is_not_a_number_is_refused(capsys, tmp_path):
    with pytest.raises(SystemExit) as raised:
        main(["spc", str(series_file(tmp_path, DEVIATIONS)), "--polarity", "higher", "--target", "nan"])
    assert raised.value.code == 2 and "finite number" in capsys.readouterr().err


# --- a stored series ---------------------------------------------------------------------------

@pytest.fixture
def extracts(tmp_path):
    indicators = [
        {**indicator(QUARTERLY, NWL, "nwl", "BV9", "Council tax collected", profile="per_quarter"), "ref": "CP 1"},
        indicator(CUMULATIVE, NWL, "nwl", "BV10", "Business rates collected", profile="cumulative"),
        indicator("nwl:dup-a", NWL, "nwl", "DUP", "One of two"),
        indicator("nwl:dup-b", NWL, "nwl", "DUP", "The other"),
        indicator("nwl:empty", NWL, "nwl", "EMPTY", "Nothing printed"),
    ]
    values = [
        value(QUARTERLY, NWL, 2005, "actual", 50.0), value(QUARTERLY, NWL, 2006, "actual", 55.0),
        value(QUARTERLY, NWL, 2008, "target", 60.0),
        value(QUARTERLY, NWL, 2007, "target", 4.0, quarter=4), value(QUARTERLY, NWL, 2007, "target", 30.0, quarter=3),
        value(QUARTERLY, NWL, 2005, "actual", 999.0, quarter=1),     # printed, superseded by the recorded 10
        *[value(CUMULATIVE, NWL, 2007, "target", 25.0 * q, quarter=q) for q in (1, 2, 3, 4)],
        value("nwl:dup-a", NWL, 2006, "actual", 1.0), value("nwl:dup-b", NWL, 2006, "actual", 2.0),
    ]
    return write_extracts(tmp_path / "extracts", indicators=indicators, indicator_values=values)


@pytest.fixture
def store_path(tmp_path):
    path = tmp_path / "store" / "actuals.duckdb"
    outturns = [Outturn(QUARTERLY, NWL, y, q, float(v), str(v)) for (y, q), v in zip(QUARTERS, QUARTER_VALUES)]
    outturns += [Outturn(CUMULATIVE, NWL, y, q, 25.0, "25") for y, q in QUARTERS]
    outturns.reverse()     # recorded newest first: the command must order them itself
    ActualsStore(path).record(outturns, "tester")
    return path


def stored(capsys, extracts, store_path, *extra):
    return run(capsys, "spc", "--council", NWL, "--extracts", extracts, "--store", store_path, *extra)


@pytest.mark.parametrize("ref", [QUARTERLY, "BV9", "bv9", "CP 1", " cp 1 "])
def test_a_stored_series_is_found_by_id_code_or_ref(capsys, extracts, store_path, ref):
    code, out, err = stored(capsys, extracts, store_path, "--indicator", ref)
    assert (code, err) == (0, "")
    assert json.loads(out)["indicator"]["indicator_id"] == QUARTERLY


def test_the_quarterly_outturns_run_in_year_and_quarter_order(capsys, extracts, store_path):
    code, out, _ = stored(capsys, extracts, store_path, "--indicator", "BV9")
    result = json.loads(out)
    assert code == 0 and result["frequency"] == "quarterly"
    assert [p["period"] for p in result["points"]][:5] == ["Q1 2005/06", "Q2 2005/06", "Q3 2005/06", "Q4 2005/06",
                                                          "Q1 2006/07"]
    assert [p["value"] for p in result["points"]] == QUARTER_VALUES          # the recorded 10, not the printed 999
    assert result["signals"] == [{"period": "Q4 2007/08", "value": 20.0, "rules": ["outside_limits"]}]
    assert result["variation"] == "special_cause_improvement"
    # The target printed for Q4 2007/08 is 4, below the lower limit 4.41: reliably met.
    assert (result["target"], result["target_period"], result["assurance"]) == (4.0, "Q4 2007/08", "pass")
    assert result["target_source"].endswith(".txt:2")


def test_annual_actuals_are_a_separate_series(capsys, extracts, store_path):
    code, out, _ = stored(capsys, extracts, store_path, "--indicator", "BV9", "--frequency", "annual")
    result = json.loads(out)
    assert code == 0 and result["frequency"] == "annual"
    assert [(p["period"], p["value"]) for p in result["points"]] == [("2005/06", 50.0), ("2006/07", 55.0)]
    assert (result["variation"], result["assurance"]) == ("too_few_points", "none")
    assert (result["target"], result["target_period"]) == (60.0, "2008/09")   # the next target after 2006/07


def test_a_cumulative_profile_s_targets_are_not_compared_with_single_quarters(capsys, extracts, store_path):
    code, out, _ = stored(capsys, extracts, store_path, "--indicator", "BV10")
    result = json.loads(out)
    assert code == 0 and result["target"] is None and result["assurance"] == "none"
    assert any("year to date" in note for note in result["notes"])
    _, given, _ = stored(capsys, extracts, store_path, "--indicator", "BV10", "--target", "20")
    assert json.loads(given)["assurance"] == "pass"       # a constant 25: the limits are 25 and 25


def test_without_outturns_the_command_uses_the_annual_actuals(capsys, extracts, tmp_path):
    code, out, _ = stored(capsys, extracts, tmp_path / "none" / "actuals.duckdb", "--indicator", "BV9")
    result = json.loads(out)
    # With no store, the only quarterly actual is the printed 999 for Q1 2005/06.
    assert code == 0 and result["frequency"] == "quarterly"
    assert [(p["period"], p["value"]) for p in result["points"]] == [("Q1 2005/06", 999.0)]


@pytest.mark.parametrize(("council", "ref", "message"), [
    ("wigan", "BV9", "unknown council 'wigan'"),
    (NWL, "BV999", "has no indicator 'BV999'"),
    (NWL, "DUP", "names 2 of nw-leicestershire's indicators; give one indicator_id: nwl:dup-a, nwl:dup-b"),
])
def test_an_unknown_or_ambiguous_indicator_is_refused(capsys, extracts, store_path, council, ref, message):
    code, out, err = run(capsys, "spc", "--council", council, "--indicator", ref, "--extracts", extracts,
                         "--store", store_path)
    assert (code, out) == (2, "") and message in err


def test_an_indicator_without_figures_is_refused(capsys, extracts, store_path):
    code, _, err = stored(capsys, extracts, store_path, "--indicator", "EMPTY")
    assert code == 1 and "no figures" in err


def test_council_and_indicator_go_together(capsys, extracts):
    code, _, err = run(capsys, "spc", "--council", NWL, "--extracts", extracts)
    assert code == 2 and "go together" in err


def test_demonstration_figures_are_labelled(capsys, extracts, tmp_path):
    demo = tmp_path / "store" / "demo.duckdb"
    demo_store(demo).record([Outturn(QUARTERLY, NWL, 2007, 1, 5.0, "5")], "demo")
    code, out, err = run(capsys, "spc", "--council", NWL, "--indicator", "BV9", "--extracts", extracts,
                         "--store", demo, "--demo")
    assert code == 0 and "DEMONSTRATION DATA" in err
    assert [p["value"] for p in json.loads(out)["points"]] == [999.0, 5.0]


def test_csv_neutralises_a_period_label_a_spreadsheet_would_run(capsys, tmp_path):
    periods = [f"=Q{n}" if n == 3 else f"2021-03-{22 + n:02d}" for n in range(12)]
    code, out, _ = run(capsys, "spc", series_file(tmp_path, list(range(12)), periods=periods), "--polarity",
                       "higher", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and [r["period"] for r in rows][2:5] == ["2021-03-24", "'=Q3", "2021-03-26"]
