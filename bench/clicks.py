"""Click to idle, in real headless Chromium: for each page, change one representative control and
time from the click until the page's script has finished again; the same for an empty page with one
selectbox. The p95 over the timed clicks goes in the JSON as
browser_clicks: {empty_page_p95_ms, pages: {<page>: <p95 ms>}}.

A script run is counted in the page itself with a MutationObserver on data-test-script-state, the
technique of tests/e2e/conftest.py wait_for_app: after a click the wait is for a run that finished
after it (this action's own rerun), never a fixed sleep. The click's time is the browser's own
pointerdown time stamp and the end is the moment the state went back to notRunning, both read in
the page, so Playwright's round trips are not counted.
"""
from __future__ import annotations

import os
import subprocess
import tempfile
import time
from pathlib import Path

from bench.browser import _free_port, _wait_healthy, browser_missing, chromium, streamlit_command
from bench.measure import app_pages, percentile
from perfdash import paths

# The control each page's clicks change: (where, kind, label), or several, tried in order until one
# can be changed (the bundled extracts have one council with quarterly profiles). A selectbox
# alternates between its first two options; a multiselect adds its first option, then takes it off
# again; a toggle flips. A page of app.py missing here is reported as not measured, with this table named.
THEME = ("sidebar", "selectbox", "Common theme")
CONTROLS = {
    "scorecard": ("main", "selectbox", "Quarter"),
    "overview": ("sidebar", "multiselect", "Councils"),
    "trends": ("sidebar", "multiselect", "Councils"),
    "profiles": [("main", "selectbox", "Council"), THEME],
    "exceptions": ("main", "selectbox", "Quarter"),
    "record": ("main", "selectbox", "Quarter"),
    "compare": ("sidebar", "multiselect", "Councils"),
    "priorities": ("sidebar", "multiselect", "Councils"),
    "actions": ("sidebar", "multiselect", "Councils"),
    "explore": ("main", "selectbox", "Table"),
    "sources": ("main", "selectbox", "Source document (file)"),
    "glossary": ("sidebar", "toggle", "Show demonstration outturns"),  # its only control
}
EMPTY_CONTROL = ("main", "selectbox", "Choice")
EMPTY_PAGE = ('import streamlit as st\n'
              'st.selectbox("Choice", ["First", "Second"], key="choice")\n')
WARM_UP_CLICKS = 2  # each state once, so the timed clicks are reruns a user repeats, not first visits

# Installed in every document before the app's own scripts. Script runs are counted twice over:
# - from the DOM, as in tests/e2e/conftest.py: data-test-script-state leaving and coming back to
#   notRunning, seen by a MutationObserver with the old values;
# - from the server's messages: the app's WebSocket is wrapped and each ForwardMsg's top-level
#   protobuf fields are read for script_finished (field 6; status 2, "finished early for a rerun",
#   is not an end). A run quicker than a frame flips the DOM state twice in one React render, so
#   the attribute never changes; the message is always there.
# A run's end is the later of the frame painted after its script_finished message and the DOM
# state going back to notRunning. pointerAt is the browser's time stamp of the last pointerdown.
CLICK_COUNTER = (Path(__file__).with_name("click_counter.js")).read_text(encoding="utf-8")
# Idle: a run finished after the `seen` count, its frame is painted, the DOM says notRunning, and
# neither the state nor the server's messages have changed for `settled` ms (st.rerun and
# st.switch_page end one run and start the next).
_IDLE = """
([seen, settled]) => {
  const runs = window.__benchRuns;
  const now = performance.now();
  return !!runs && runs.finished > seen && runs.paintedAt !== null && runs.state === "notRunning"
    && now - runs.changed >= settled && now - runs.messageAt >= settled;
}
"""
SETTLED_MS = 150


class ControlMissing(RuntimeError):
    """The page does not show the control its row of CONTROLS names."""


def wait_idle(page, seen: int, timeout_s: float) -> None:
    page.wait_for_function(_IDLE, arg=[seen, SETTLED_MS], timeout=timeout_s * 1000, polling=20)


def read_runs(page) -> dict:
    return page.evaluate("({...window.__benchRuns})")


def _scope(page, where: str):
    return page.locator('[data-testid="stSidebar"]' if where == "sidebar" else '[data-testid="stMain"]')


def change_control(page, control: tuple[str, str, str], step: int, timeout_s: float) -> None:
    """One click that changes the control (step counts clicks on this control, from 0)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    where, kind, label = control
    scope = _scope(page, where)
    timeout = timeout_s * 1000
    if kind == "toggle":
        scope.get_by_text(label, exact=True).click(timeout=timeout)
        return
    if kind == "multiselect" and step % 2 == 1:
        # Take the option added by the previous click off again with its tag's remove button.
        widget = scope.locator('[data-testid="stMultiSelect"]').filter(
            has=page.get_by_label(label, exact=True)).first
        widget.locator('button[aria-label^="Remove "]').first.click(timeout=timeout)
        return
    box = scope.get_by_label(label, exact=True).first
    try:
        box.wait_for(state="visible", timeout=timeout)
    except PlaywrightTimeout as error:
        raise ControlMissing(f"no control labelled {label!r} in the {where}") from error
    shown = box.input_value(timeout=timeout).strip() if kind == "selectbox" else ""
    box.click(timeout=timeout)
    options = page.get_by_role("option")
    options.first.wait_for(state="visible", timeout=timeout)
    names = [options.nth(i).inner_text(timeout=timeout).strip() for i in range(min(3, options.count()))]
    if kind == "multiselect":
        # The first option itself, not the list's "Select all" bulk action.
        index = next((i for i, name in enumerate(names) if not name.lower().startswith("select all")), None)
        if index is None:
            raise ControlMissing(f"the multiselect {label!r} has no option to add")
        options.nth(index).click(timeout=timeout)
        page.keyboard.press("Escape")  # close the list; it changes nothing
        return
    # A selectbox: the first of its first two options that is not the one shown (read before the
    # list opened: the list's own marks of the chosen option can come a frame late).
    names = names[:2]
    if len(names) < 2:
        raise ControlMissing(f"the selectbox {label!r} has fewer than two options")
    options.nth(1 if names[0] == shown else 0).click(timeout=timeout)


def time_clicks(page, control: tuple[str, str, str], clicks: int, timeout_s: float) -> dict:
    """Warm-up clicks, then `clicks` timed ones: ms from pointerdown until the script is idle again."""
    first, timed = [], []
    for step in range(WARM_UP_CLICKS + clicks):
        seen = read_runs(page)["finished"]
        change_control(page, control, step, timeout_s)
        wait_idle(page, seen, timeout_s)
        runs = read_runs(page)
        ended = max(runs["paintedAt"], runs["domFinishedAt"] or 0)
        elapsed = round(ended - runs["pointerAt"], 1)
        (first if step < WARM_UP_CLICKS else timed).append(elapsed)
    return {"first_clicks_ms": first, "clicks_ms": timed, "p50_ms": round(percentile(timed, 50), 1),
            "p95_ms": round(percentile(timed, 95), 1)}


def serve(script: str, env: dict, timeout_s: float) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(streamlit_command(script, port), cwd=paths.ROOT, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_healthy(url, process, timeout_s)
    except RuntimeError:
        process.kill()
        process.wait()
        raise
    return process, url


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _choices(entry) -> list[tuple[str, str, str]]:
    return list(entry) if isinstance(entry, list) else [entry]


def _measure_url(browser, url: str, entry, clicks: int, timeout_s: float) -> dict:
    """The clicks on the first control of `entry` that can be changed, in a fresh browser context."""
    for number, control in enumerate(_choices(entry), start=1):
        context = browser.new_context(viewport={"width": 1600, "height": 1000})
        context.add_init_script(CLICK_COUNTER)
        try:
            page = context.new_page()
            page.goto(url, timeout=timeout_s * 1000)
            wait_idle(page, 0, timeout_s)
            return {"control": dict(zip(("where", "kind", "label"), control)),
                    **time_clicks(page, control, clicks, timeout_s)}
        except ControlMissing:
            if number == len(_choices(entry)):
                raise
        finally:
            context.close()
    raise ControlMissing("no control to change")


def browser_clicks(extra_env: dict, pages: list[str] | None = None, clicks: int = 12,
                   timeout_s: float = 60) -> dict:
    """{"measured": True, "empty_page_p95_ms": ms, "pages": {name: p95 ms}, "details": {...}}, or
    {"measured": False, "reason": ...} when the browser cannot run. A page whose control could not
    be changed has None in "pages" and its reason in "not_measured"."""
    if missing := browser_missing():
        return {"measured": False, "reason": missing}
    from playwright.sync_api import Error as PlaywrightError

    chosen = [p for p in app_pages() if pages is None or p["name"] in pages]
    env = {**os.environ, **extra_env}
    result = {"measured": True, "clicks_per_page": clicks, "warm_up_clicks": WARM_UP_CLICKS,
              "empty_page_p95_ms": None, "pages": {}, "not_measured": {}, "details": {}}
    with tempfile.TemporaryDirectory(prefix="perfdash-clicks-") as folder:
        empty_script = Path(folder) / "empty_page.py"
        empty_script.write_text(EMPTY_PAGE, encoding="utf-8")
        started = time.perf_counter()
        try:
            with chromium() as browser:
                process, url = serve(str(empty_script), env, timeout_s)
                try:
                    empty = _measure_url(browser, url, EMPTY_CONTROL, clicks, timeout_s)
                finally:
                    stop(process)
                result["empty_page_p95_ms"] = empty["p95_ms"]
                result["details"]["empty page"] = empty
                process, url = serve("app.py", env, timeout_s)
                try:
                    for page in chosen:
                        result["pages"][page["name"]] = None
                        control = CONTROLS.get(page["name"])
                        if control is None:
                            result["not_measured"][page["name"]] = (
                                "no control chosen for this page in bench/clicks.py CONTROLS")
                            continue
                        try:
                            timed = _measure_url(browser, f"{url}/{page['url_path']}", control, clicks,
                                                 timeout_s)
                        except (PlaywrightError, ControlMissing) as error:
                            tried = " or ".join(f"the {kind} {label!r}" for _, kind, label in _choices(control))
                            result["not_measured"][page["name"]] = (
                                f"{tried} could not be changed: {str(error).splitlines()[0][:200]}")
                            continue
                        result["pages"][page["name"]] = timed["p95_ms"]
                        result["details"][page["name"]] = timed
                finally:
                    stop(process)
        except (PlaywrightError, RuntimeError) as error:
            return {"measured": False, "reason": f"the app or browser did not start: {error}"}
    result["seconds"] = round(time.perf_counter() - started, 1)
    return result
