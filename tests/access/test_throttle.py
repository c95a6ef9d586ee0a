"""The sign-in throttle: failures per name kept in a file beside the editors file, locks that grow,
the same treatment for an unknown name and a wrong password, and a log of every attempt."""
from __future__ import annotations

import json
import logging
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from perfdash.access import editors, throttle
from perfdash.access.sign_in import sign_in
from perfdash.access.throttle import (
    NAME_POLICY,
    Policy,
    Record,
    SignInThrottle,
    ThrottleError,
)

PASSWORD = "correct horse battery"
ROOT = Path(__file__).resolve().parents[2]


class Clock:
    def __init__(self, now: float = 1_750_000_000.0):
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def editors_file(tmp_path):
    path = tmp_path / "store" / "editors.yaml"
    editors.add_editor("jo.bloggs", PASSWORD, path)
    return path


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def checks(monkeypatch):
    """How many times a password was actually checked."""
    calls = []
    real = editors.verify
    monkeypatch.setattr(editors, "verify", lambda *a, **k: calls.append(a[0]) or real(*a, **k))
    return calls


def fail(name, editors_file, clock, times=1):
    return [sign_in(name, "wrong password!!", editors_file, clock) for _ in range(times)][-1]


def test_policy_locks_after_five_failures_for_a_growing_time():
    assert [NAME_POLICY.lock_seconds(n) for n in range(1, 10)] == [0, 0, 0, 0, 60, 120, 240, 480, 960]
    assert NAME_POLICY.lock_seconds(40) == NAME_POLICY.max_lock_s == 3600


def test_two_hundred_wrong_passwords_check_only_five_and_the_right_one_waits(editors_file, clock, checks):
    outcomes = [sign_in("jo.bloggs", f"guess number {n:03d}", editors_file, clock) for n in range(200)]
    assert len(checks) == 5  # the other 195 were refused without hashing
    assert [o.checked for o in outcomes[:6]] == [True] * 5 + [False]
    assert outcomes[4].locked_until == clock.now + 60

    right = sign_in("jo.bloggs", PASSWORD, editors_file, clock)
    assert not right.accepted and not right.checked and right.locked_until == clock.now + 60
    clock.advance(61)
    assert sign_in("jo.bloggs", PASSWORD, editors_file, clock).accepted


def test_each_failure_after_a_lock_locks_for_twice_as_long(editors_file, clock):
    fail("jo.bloggs", editors_file, clock, times=5)
    for expected in (120, 240, 480):
        clock.advance(NAME_POLICY.max_lock_s)  # past any lock so far
        outcome = fail("jo.bloggs", editors_file, clock)
        assert outcome.checked and outcome.locked_until == clock.now + expected


def test_a_success_clears_the_count(editors_file, clock):
    fail("jo.bloggs", editors_file, clock, times=4)
    assert sign_in("jo.bloggs", PASSWORD, editors_file, clock).accepted
    assert fail("jo.bloggs", editors_file, clock, times=4).locked_until is None


def test_failures_are_forgotten_a_day_after_the_last(editors_file, clock):
    fail("jo.bloggs", editors_file, clock, times=4)
    clock.advance(NAME_POLICY.forget_after_s + 1)
    assert fail("jo.bloggs", editors_file, clock).failures == 1


def test_an_unknown_name_is_treated_exactly_like_a_wrong_password(editors_file, clock):
    known = [sign_in("jo.bloggs", "wrong password!!", editors_file, clock) for _ in range(6)]
    unknown = [sign_in("nobody.here", "wrong password!!", editors_file, clock) for _ in range(6)]
    assert known == unknown


def test_names_are_locked_separately(editors_file, clock):
    fail("someone.else", editors_file, clock, times=8)
    assert sign_in("jo.bloggs", PASSWORD, editors_file, clock).accepted


def test_the_count_survives_a_new_throttle_and_another_process(editors_file, clock):
    fail("jo.bloggs", editors_file, clock, times=4)
    # Another server process makes the fifth failure, with the same clock reading.
    script = ("import sys; from perfdash.access.sign_in import sign_in; "
              "o = sign_in('jo.bloggs', 'wrong password!!', sys.argv[1], lambda: float(sys.argv[2])); "
              "print(o.failures, o.locked_until)")
    done = subprocess.run([sys.executable, "-c", script, str(editors_file), str(clock.now)], cwd=ROOT,
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["5", str(clock.now + 60)]
    fresh = SignInThrottle(throttle.default_path(editors_file), clock=clock)
    assert fresh.locked_until("jo.bloggs") == clock.now + 60


def test_attempts_at_the_same_moment_all_count(editors_file, clock, checks):
    # Each attempt is counted before its password is checked, so a burst cannot slip past the limit.
    threads = [threading.Thread(target=fail, args=("jo.bloggs", editors_file, clock)) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(checks) == 5
    assert SignInThrottle(throttle.default_path(editors_file), clock=clock).locked_until("jo.bloggs")


def test_the_file_holds_no_names_and_is_private(editors_file, clock):
    fail("jo.bloggs", editors_file, clock)
    fail("my secret passphrase", editors_file, clock)  # a password typed into the name box
    path = throttle.default_path(editors_file)
    assert path == editors_file.with_name("editors-sign-in-failures.json")
    text = path.read_text(encoding="utf-8")
    assert "jo.bloggs" not in text and "secret" not in text
    assert len(json.loads(text)["names"]) == 2
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_damaged_failures_file_starts_afresh(editors_file, clock):
    path = throttle.default_path(editors_file)
    path.write_text("{not json", encoding="utf-8")
    assert fail("jo.bloggs", editors_file, clock).failures == 1
    assert json.loads(path.read_text(encoding="utf-8"))["version"] == throttle.FILE_VERSION


def test_an_unwritable_failures_file_refuses_sign_in(editors_file, clock, monkeypatch, checks):
    def refuse(*_):
        raise OSError("read-only file system")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(ThrottleError, match="sign-in failures file"):
        sign_in("jo.bloggs", PASSWORD, editors_file, clock)
    assert checks == []  # fails closed: no password is checked without counting it


def test_replacing_the_password_lifts_the_lock(editors_file, clock):
    fail("jo.bloggs", editors_file, clock, times=5)
    editors.add_editor("jo.bloggs", "a brand new passphrase", editors_file)
    assert sign_in("jo.bloggs", "a brand new passphrase", editors_file, clock).accepted


def test_the_file_keeps_a_bounded_number_of_names(editors_file, clock, monkeypatch):
    monkeypatch.setattr(throttle, "MAX_RECORDS", 3)
    fail("jo.bloggs", editors_file, clock, times=5)  # locked: kept
    for n in range(5):
        clock.advance(1)
        fail(f"made-up-{n}", editors_file, clock)
    data = json.loads(throttle.default_path(editors_file).read_text(encoding="utf-8"))
    assert len(data["names"]) == 3
    assert SignInThrottle(throttle.default_path(editors_file), clock=clock).locked_until("jo.bloggs")


def test_sign_ins_and_failures_are_logged_without_passwords(editors_file, clock, caplog):
    caplog.set_level(logging.INFO, logger="perfdash.access")
    fail("jo.bloggs", editors_file, clock, times=5)
    fail("jo.bloggs", editors_file, clock)
    fail("pasted secret passphrase", editors_file, clock)
    clock.advance(61)
    sign_in("jo.bloggs", PASSWORD, editors_file, clock)
    records = [r for r in caplog.records if r.name == "perfdash.access"]
    messages = [r.getMessage() for r in records]
    assert sum("sign-in failed for 'jo.bloggs'" in m for m in messages) == 5
    assert "locked until" in messages[4]
    assert "without checking the password" in messages[5]
    assert "sign-in failed for an unknown name" in messages[6]
    assert messages[-1] == "sign-in: jo.bloggs signed in" and records[-1].levelno == logging.INFO
    assert not any(PASSWORD in m or "wrong password" in m or "pasted secret" in m for m in messages)


def test_a_record_can_be_kept_for_a_session():
    policy = Policy(failures_before_lock=2, first_lock_s=10)
    record = Record().after_failure(policy, 100.0)
    assert record.locked(100.0) is None
    record = record.after_failure(policy, 101.0)
    assert record.locked(101.0) == 111.0 and record.locked(111.0) is None
