"""App start to first page drawn, in real headless Chromium: `streamlit run` is started, and the
clock stops when the default page's navigation and title are visible and its script has finished."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from statistics import median

from perfdash import paths

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
NAVIGATION = '[data-testid="stSidebarNav"]'
TITLE = '[data-testid="stMain"] h1'
FINISHED = '[data-testid="stApp"][data-test-script-state="notRunning"]'


def browser_missing() -> str | None:
    """Why Chromium cannot be driven here (for the JSON's "reason"), or None when it can."""
    if not Path(CHROMIUM).exists():
        return f"{CHROMIUM} is not installed (scripts/install.sh installs it)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed"
    return None


@contextmanager
def chromium():
    """Debian's headless Chromium through Playwright, closed afterwards."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def streamlit_command(script: str, port: int) -> list[str]:
    """`streamlit run` of `script` on a loopback port, headless and without usage statistics."""
    return [sys.executable, "-m", "streamlit", "run", script, "--server.headless", "true", "--server.port", str(port),
            "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_healthy(url: str, process: subprocess.Popen, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited early with code {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.02)
    raise RuntimeError(f"streamlit was not healthy within {timeout_s:.0f} s")


def _peak_mb(pid: int) -> float | None:
    """The process's peak resident memory (VmHWM), read before it stops."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return None


def _one_start(browser, env: dict, timeout_s: float) -> dict:
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    started = time.perf_counter()
    process = subprocess.Popen(streamlit_command("app.py", port), cwd=paths.ROOT, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    context = None
    try:
        _wait_healthy(url, process, timeout_s)
        ready_ms = (time.perf_counter() - started) * 1000
        context = browser.new_context(viewport={"width": 1600, "height": 1000})
        page = context.new_page()
        page.goto(url, timeout=timeout_s * 1000)
        page.wait_for_selector(NAVIGATION, state="visible", timeout=timeout_s * 1000)
        page.wait_for_selector(TITLE, state="visible", timeout=timeout_s * 1000)
        content_ms = (time.perf_counter() - started) * 1000
        page.wait_for_selector(FINISHED, timeout=timeout_s * 1000)
        drawn_ms = (time.perf_counter() - started) * 1000
        # The same page again in a new tab of the running server: what a load costs once the server
        # has imported everything and filled its caches, so the first load's extra is the server's.
        again = context.new_page()
        reloaded = time.perf_counter()
        again.goto(url, timeout=timeout_s * 1000)
        again.wait_for_selector(TITLE, state="visible", timeout=timeout_s * 1000)
        again.wait_for_selector(FINISHED, timeout=timeout_s * 1000)
        return {"server_ready_ms": round(ready_ms, 1), "title_visible_ms": round(content_ms, 1),
                "first_page_drawn_ms": round(drawn_ms, 1),
                "second_load_ms": round((time.perf_counter() - reloaded) * 1000, 1),
                "server_peak_mb": _peak_mb(process.pid)}
    finally:
        if context is not None:
            context.close()
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def app_start(extra_env: dict, runs: int = 3, timeout_s: float = 60) -> dict:
    """Median app start over `runs` fresh servers; {"measured": False, "reason": ...} when it cannot run."""
    if missing := browser_missing():
        return {"measured": False, "reason": missing}
    from playwright.sync_api import Error as PlaywrightError

    env = {**os.environ, **extra_env}
    try:
        with chromium() as browser:
            starts = [_one_start(browser, env, timeout_s) for _ in range(runs)]
    except (PlaywrightError, RuntimeError) as error:
        return {"measured": False, "reason": f"the app or browser did not start: {error}"}
    summary = {key: round(median(s[key] for s in starts), 1)
               for key in ("server_ready_ms", "title_visible_ms", "first_page_drawn_ms", "second_load_ms")}
    peaks = [s["server_peak_mb"] for s in starts if s["server_peak_mb"] is not None]
    return {"measured": True, "runs": len(starts), **summary,
            "first_page_drawn_max_ms": max(s["first_page_drawn_ms"] for s in starts),
            "server_peak_mb": max(peaks) if peaks else None}
