"""Concurrent users, in real headless Chromium: N browser sessions spread over the app's pages each
flip the sidebar's demonstration switch at nearly the same moment, and each click is timed until
that session's script is idle again (the in-page counters of bench/clicks.py, never a sleep).

The same rounds run against one server and against as many servers as the machine has cores, the
sessions shared out between them as a sticky load balancer would: one Streamlit process runs every
session's script in a thread of its own under one interpreter lock, so the second figure says how
much more a second replica on the same machine serves. The browser shares the machine's cores with
the servers, so every figure here is pessimistic.
"""
from __future__ import annotations

import os
import time

from bench.browser import browser_missing, chromium
from bench.clicks import CLICK_COUNTER, change_control, read_runs, serve, stop, wait_idle
from bench.measure import app_pages, percentile

SWITCH = ("sidebar", "toggle", "Show demonstration outturns")  # on every page, one click, a full rerun
WARM_UP_ROUNDS = 1


def _round(pages: list, step: int, timeout_s: float) -> list[float]:
    """Every session clicks once, as close together as one driver can; then each click is timed."""
    seen = [read_runs(page)["finished"] for page in pages]
    for page in pages:
        change_control(page, SWITCH, step, timeout_s)
    elapsed = []
    for page, before in zip(pages, seen):
        wait_idle(page, before, timeout_s)
        runs = read_runs(page)
        elapsed.append(round(max(runs["paintedAt"], runs["domFinishedAt"] or 0) - runs["pointerAt"], 1))
    return elapsed


def _sessions(browser, urls: list[str], users: int, rounds: int, timeout_s: float) -> dict:
    contexts = []
    try:
        pages = []
        for number in range(users):
            context = browser.new_context(viewport={"width": 1280, "height": 800})
            context.add_init_script(CLICK_COUNTER)
            contexts.append(context)
            page = context.new_page()
            page.goto(urls[number % len(urls)], timeout=timeout_s * 1000)
            pages.append(page)
        for page in pages:
            wait_idle(page, 0, timeout_s)
        timed = []
        for step in range(WARM_UP_ROUNDS + rounds):
            clicks = _round(pages, step, timeout_s)
            if step >= WARM_UP_ROUNDS:
                timed.extend(clicks)
        return {"clicks": len(timed), "p50_ms": round(percentile(timed, 50), 1),
                "p95_ms": round(percentile(timed, 95), 1), "max_ms": max(timed)}
    finally:
        for context in contexts:
            context.close()


def concurrent_users(extra_env: dict, users: tuple[int, ...], rounds: int = 5, timeout_s: float = 180) -> dict:
    """{"measured": True, "pages": [...], "by_replicas": {"1": {"<users>": {p50_ms, p95_ms, ...}}, "2": ...}},
    or {"measured": False, "reason": ...} when the browser cannot run."""
    if missing := browser_missing():
        return {"measured": False, "reason": missing}
    from playwright.sync_api import Error as PlaywrightError

    paths = [p["url_path"] for p in app_pages() if p["name"] != "record"]  # record asks to sign in first
    env = {**os.environ, **extra_env}
    replica_counts = sorted({1, max(1, os.cpu_count() or 1)})
    result = {"measured": True, "control": dict(zip(("where", "kind", "label"), SWITCH)), "pages": paths,
              "rounds": rounds, "warm_up_rounds": WARM_UP_ROUNDS, "cpus": os.cpu_count(), "by_replicas": {}}
    started = time.perf_counter()
    try:
        with chromium() as browser:
            for replicas in replica_counts:
                servers = [serve("app.py", env, timeout_s) for _ in range(replicas)]
                try:
                    urls = [f"{servers[i % replicas][1]}/{path}" for i, path in enumerate(paths)]
                    result["by_replicas"][str(replicas)] = {
                        str(n): _sessions(browser, urls, n, rounds, timeout_s) for n in users}
                finally:
                    for process, _ in servers:
                        stop(process)
    except (PlaywrightError, RuntimeError) as error:
        return {"measured": False, "reason": f"the app or browser did not keep up: {str(error).splitlines()[0]}"}
    result["seconds"] = round(time.perf_counter() - started, 1)
    return result
