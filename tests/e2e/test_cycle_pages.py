"""The quarterly cycle in real Chromium: an editor signs in, uploads a quarter's outturns, checks
the preview and records them; the Board opens the exceptions report, prints it, and the demo
switch labels generated figures. Its own server, store and editors file in a temporary folder."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from perfdash.access import editors
from perfdash.store.outturns import ActualsStore
from tests.e2e.conftest import screenshot, start_app, wait_for_app
from tests.e2e.test_accessibility import serious_violations

pytestmark = pytest.mark.e2e

PASSWORD = "a long enough passphrase"
QUARTER_ONE = (b"council_id,indicator,year,quarter,value,comment\n"
               b"nw-leicestershire,BV9,2007/08,Q1,27.0%,Direct debit run failed in June\n"
               b"nw-leicestershire,BV 109(a),2007/08,1,70,\n")
BAD_ROW = b"nw-leicestershire,BV10,2007/08,1,lots,\n"


@pytest.fixture(scope="module")
def cycle_app(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cycle")
    editors.add_editor("jo.bloggs", PASSWORD, folder / "editors.yaml")
    env = {"PERFDASH_STORE": str(folder / "actuals.duckdb"), "PERFDASH_DEMO_STORE": str(folder / "demo.duckdb"),
           "PERFDASH_EDITORS": str(folder / "editors.yaml")}
    process, url = start_app(env)
    yield url, folder
    process.terminate()
    process.wait(timeout=10)


def no_exception(page):
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)


def sign_in(page, url, password=PASSWORD, query="council_q=nw-leicestershire&year=2007&quarter=1"):
    page.goto(f"{url}/record?{query}")
    wait_for_app(page)
    page.get_by_role("textbox", name="Name").fill("jo.bloggs")
    page.get_by_role("textbox", name="Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    wait_for_app(page)


def upload(page, name, content, label="Completed template (CSV or Excel)"):
    page.locator('[data-testid="stFileUploader"]').filter(has_text=label).locator('input[type="file"]') \
        .set_input_files(files=[{"name": name, "mimeType": "text/csv", "buffer": content}])
    wait_for_app(page)


REGISTER = (b"council_id,council_name,tier,parent_council_id,plan_id,plan_title,ref,code,title,unit,polarity,theme,"
            b"profile,year,annual_target,q1_target,q2_target,q3_target,q4_target,baseline_year,baseline_value,"
            b"source,common_theme\n")


def test_an_editor_imports_a_new_councils_register_and_records_its_first_quarter(cycle_app, page):
    url, _ = cycle_app
    sign_in(page, url)
    page.get_by_role("tab", name="Targets for a year (KPI register)").click()
    wait_for_app(page)
    bad = REGISTER + (b"charnwood,Charnwood Borough Council,district,leicestershire,charnwood-kpi-2024,KPIs,HB02,"
                      b"NI181,Benefit days,fortnights,lower,,snapshot,2024/25,18,,,,,,,Test register,"
                      b"Corporate health & value for money\n")
    upload(page, "register.csv", bad, label="A completed register")
    expect(page.get_by_text("problem(s); nothing will be imported").first).to_be_visible()
    expect(page.get_by_role("button", name="Import this register")).to_be_disabled()
    upload(page, "register.csv", bad.replace(b"fortnights", b"days"), label="A completed register")
    import_button = page.get_by_role("button", name="Import this register")
    expect(import_button).to_be_enabled()
    import_button.click()
    wait_for_app(page)
    no_exception(page)
    expect(page.get_by_text("imported as jo.bloggs").first).to_be_visible()

    sign_in(page, url, query="council_q=charnwood&year=2024&quarter=1")  # a new visit is a new session
    upload(page, "q1.csv", b"council_id,indicator,year,quarter,value,comment\ncharnwood,HB02,2024/25,1,17,\n")
    record = page.get_by_role("button", name="Record 1 outturns as jo.bloggs")
    expect(record).to_be_enabled()
    record.click()
    wait_for_app(page)
    expect(page.get_by_text("recorded 1 outturn(s) as jo.bloggs").first).to_be_visible()
    screenshot(page, "record-register-then-outturn")


def test_a_wrong_password_does_not_open_recording(cycle_app, page):
    url, _ = cycle_app
    sign_in(page, url, password="not the passphrase")
    no_exception(page)
    expect(page.get_by_text("Name or password not recognised")).to_be_visible()
    expect(page.locator('[data-testid="stFileUploader"]')).to_have_count(0)


def test_an_editor_signs_in_uploads_checks_and_records(cycle_app, page):
    url, folder = cycle_app
    sign_in(page, url)
    no_exception(page)
    expect(page.get_by_text("Signed in as").first).to_be_visible()

    upload(page, "q1-with-a-bad-row.csv", QUARTER_ONE + BAD_ROW)
    expect(page.get_by_text("'lots' is not a number").first).to_be_visible()
    expect(page.get_by_role("button", name="Record 2 outturns as jo.bloggs")).to_be_disabled()
    recorded = ActualsStore(folder / "actuals.duckdb").latest()
    assert recorded[recorded["council_id"] == "nw-leicestershire"].empty  # nothing of the bad file was kept
    screenshot(page, "record-preview-with-a-problem")

    upload(page, "q1.csv", QUARTER_ONE)
    record = page.get_by_role("button", name="Record 2 outturns as jo.bloggs")
    expect(record).to_be_enabled()
    assert serious_violations(page) == []
    record.click()
    wait_for_app(page)
    no_exception(page)
    expect(page.get_by_text("recorded 2 outturn(s) as jo.bloggs")).to_be_visible()
    latest = ActualsStore(folder / "actuals.duckdb").latest()
    recorded = latest[latest["council_id"] == "nw-leicestershire"]
    assert sorted(recorded["indicator_id"]) == ["nwl-delivery-2007:BV109a", "nwl-delivery-2007:BV9"]
    assert sorted(recorded["submitted_by"]) == ["jo.bloggs", "jo.bloggs"]
    screenshot(page, "record-recorded")


def test_the_board_sees_the_exception_and_a_print_layout(cycle_app, page):
    url, _ = cycle_app
    # Recorded by the previous test: BV9 27.0 against a Q1 profile of 30.5 is 3.5 short, beyond 5%.
    page.goto(f"{url}/exceptions?council_q=nw-leicestershire&year=2007&quarter=1")
    wait_for_app(page)
    no_exception(page)
    main = page.locator('[data-testid="stMain"]')
    expect(main.get_by_text("✖ Off target — BV9 · Percentage of Council Tax Collected")).to_be_visible()
    expect(main.get_by_text("Direct debit run failed in June")).to_be_visible()
    assert serious_violations(page) == []
    page.emulate_media(media="print")
    expect(page.locator('[data-testid="stSidebar"]')).to_be_hidden()
    expect(main.get_by_text("✖ Off target — BV9").first).to_be_visible()
    screenshot(page, "exceptions-print")
