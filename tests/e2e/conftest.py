"""Playwright in real headless Chromium against `streamlit run` on a free local port."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
import weakref
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Retrying assertions get as long as actions do (Playwright's own default is 5 s): on a busy
# machine a page's HTML or chart can take longer than that to appear after its run has finished.
EXPECT_TIMEOUT_MS = 30_000
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_healthy(url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited early with code {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("streamlit did not become healthy in time")


def start_app(extra_env: dict | None = None):
    port = _free_port()
    env = {**os.environ, **(extra_env or {})}
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, process)
    except RuntimeError:
        process.kill()
        raise
    return process, url


@contextmanager
def app_with_outturns(folder: Path, outturns: list, **extra_env: str):
    """A fresh server whose store under `folder` holds `outturns`, recorded by jo.bloggs; its URL."""
    from perfdash.store.outturns import ActualsStore

    ActualsStore(folder / "actuals.duckdb").record(outturns, "jo.bloggs")
    process, url = start_app({"PERFDASH_STORE": str(folder / "actuals.duckdb"),
                              "PERFDASH_DEMO_STORE": str(folder / "demo.duckdb"), **extra_env})
    try:
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="session")
def app_url():
    process, url = start_app()
    yield url
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="session", autouse=True)
def patient_expect():
    from playwright.sync_api import expect

    expect.set_options(timeout=EXPECT_TIMEOUT_MS)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (scripts/install.sh does)")
        pytest.skip(f"{CHROMIUM} is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    watch_script_runs(context)
    page = context.new_page()
    yield page
    context.close()


# Counts the app's script runs in the page itself, from the first moment of every document:
# `started` when data-test-script-state leaves notRunning, `finished` when it comes back. Every
# change is seen (a MutationObserver with the old values), so a run too quick to be polled counts.
RUN_COUNTER = """
(() => {
  if (window.__perfdashRuns) return;
  const runs = window.__perfdashRuns = {
    doc: Math.random().toString(36).slice(2), started: 0, finished: 0, state: null, changed: Date.now(),
    late: document.readyState === "complete"};
  const idle = (state) => state === null || state === "initial" || state === "notRunning";
  const step = (state) => {
    if (state === runs.state) return;
    if (idle(runs.state) && !idle(state)) runs.started += 1;
    if (!idle(runs.state) && state === "notRunning") runs.finished += 1;
    runs.state = state;
    runs.changed = Date.now();
  };
  const current = () => {
    const app = document.querySelector('[data-testid="stApp"]');
    return app ? app.getAttribute("data-test-script-state") : null;
  };
  new MutationObserver((records) => {
    const changes = records.filter((r) => r.type === "attributes");
    changes.forEach((record, i) => step(i + 1 < changes.length ? changes[i + 1].oldValue
                                                               : record.target.getAttribute(record.attributeName)));
    step(current());
  }).observe(document, {subtree: true, childList: true, attributes: true, attributeOldValue: true,
                        attributeFilter: ["data-test-script-state"]});
  step(current());
})();
"""

# After an action, a rerun that has not started within this long is taken as no rerun at all
# (a click that changes nothing on the server). A page load always has a run of its own.
NO_RERUN_GRACE_MS = 3_000
# The run's end must hold this long: st.switch_page and st.rerun end one run and start the next.
SETTLED_MS = 150

_APP_IDLE = """
([doc, seen, started, grace, settled]) => {
  const runs = window.__perfdashRuns;
  if (!runs || runs.state !== "notRunning" || Date.now() - runs.changed < settled) return false;
  const loaded = runs.doc !== doc;
  if (runs.finished > (loaded ? 0 : seen)) return true;
  if (loaded && !runs.late) return false;
  return Date.now() - started > grace;
}
"""


def watch_script_runs(context) -> None:
    """Count script runs in every page of this browser context (wait_for_app relies on it)."""
    context.add_init_script(RUN_COUNTER)


def wait_for_app(page, timeout: float = 30_000) -> None:
    """Wait for the script run that the last load or action caused, and for it to finish: a run
    that ends after the previous wait_for_app on this page. Not a fixed sleep: an action's rerun
    may start late on a busy machine, and the app reads notRunning until it does."""
    page.wait_for_selector('[data-testid="stApp"]', state="attached", timeout=timeout)
    started = page.evaluate(RUN_COUNTER + "; Date.now()")  # installs the counter if the context has none
    doc, seen = _SEEN.get(page, (None, 0))
    page.wait_for_function(_APP_IDLE, arg=[doc, seen, started, NO_RERUN_GRACE_MS, SETTLED_MS], timeout=timeout,
                           polling=50)
    _SEEN[page] = tuple(page.evaluate("[window.__perfdashRuns.doc, window.__perfdashRuns.finished]"))


_SEEN: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # page -> (document, runs finished)


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path

