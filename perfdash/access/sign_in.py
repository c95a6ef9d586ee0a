"""One sign-in attempt with a local name and password: the name's throttle first, then the password.

Every attempt is logged to the "perfdash.access" logger: sign-ins at INFO, failures and locks at
WARNING. A name is logged only when it is an editor's; anything else is "an unknown name", because
people sometimes type their password into the name box. Passwords are never logged.
"""
from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass

from perfdash.access import editors
from perfdash.access.throttle import SignInThrottle, default_path

LOG = logging.getLogger("perfdash.access")


@dataclass(frozen=True)
class Outcome:
    accepted: bool
    stamp: str | None = None  # editors.password_stamp of the editor signed in
    locked_until: float | None = None  # Unix time the name's lock ends, when it is locked now
    checked: bool = True  # False when the name was locked, so the password was not even checked
    failures: int = 0  # failures in a row for this name, this one included


def sign_in(name: str, password: str, editors_path: str | os.PathLike | None = None,
            clock: Callable[[], float] = time.time) -> Outcome:
    """Try a name and password. Raises editors.EditorsError when the editors file cannot be read
    and throttle.ThrottleError when the failures file cannot be written (sign-in fails closed)."""
    name = name if isinstance(name, str) else ""
    throttle = SignInThrottle(default_path(editors_path), clock=clock)
    record, until = throttle.reserve(name)
    if until is not None:
        LOG.warning("sign-in refused without checking the password: %s is locked until %s",
                    _shown(name, editors_path), _iso(until))
        return Outcome(False, locked_until=until, checked=False, failures=record.failures)
    accepted = editors.verify(name, password, editors_path)
    stamp = editors.password_stamp(name, editors_path) if accepted else None
    if accepted and stamp is not None:
        throttle.succeeded(name)
        LOG.info("sign-in: %s signed in", name)
        return Outcome(True, stamp=stamp)
    until = record.locked(clock())
    LOG.warning("sign-in failed for %s (%d in a row)%s", _shown(name, editors_path), record.failures,
                f"; locked until {_iso(until)}" if until else "")
    return Outcome(False, locked_until=until, failures=record.failures)


def _shown(name: str, editors_path) -> str:
    try:
        return repr(name) if editors.is_editor(name, editors_path) else "an unknown name"
    except editors.EditorsError:
        return "a name (the editors file cannot be read)"


def _iso(moment: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S%z", time.localtime(moment))
