"""How often a sign-in may be tried: failures counted per name, kept in a small file beside the
editors file, so the limit holds across browser sessions, server processes and restarts.

After FAILURES_BEFORE_LOCK failures for a name, the name is locked: for FIRST_LOCK_S after the
fifth failure, then twice as long after each further one, up to MAX_LOCK_S. While a name is locked
its password is not checked at all. A success clears the name's count. Failures are forgotten
FORGET_AFTER_S after the last one.

The same rule (with its own numbers) limits one browser session; components/auth.py keeps that
count in st.session_state, because a session is not a name.

The file (<editors file stem>-sign-in-failures.json, e.g. data/store/editors-sign-in-failures.json)
holds no names: each name is stored as a salted hash, because the name box sometimes gets a password
typed into it. It is written all or nothing (temporary file, fsync, os.replace), mode 0600, under an
exclusive lock on <file>.lock, so two sessions failing at once both count.
"""
from __future__ import annotations

import fcntl
import hashlib
import json
import os
import secrets
import tempfile
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from perfdash import paths

FILE_VERSION = 1
MAX_RECORDS = 10_000  # oldest unlocked records go first, so a spray of made-up names cannot fill the disk
_LOCK_WAIT_S = 5.0


class ThrottleError(OSError):
    """The failures file cannot be read or written, so sign-in is refused (it fails closed)."""


@dataclass(frozen=True)
class Policy:
    failures_before_lock: int = 5
    first_lock_s: float = 60.0
    max_lock_s: float = 3600.0
    forget_after_s: float = 24 * 3600.0

    def lock_seconds(self, failures: int) -> float:
        """How long a name (or session) is locked after its `failures`-th failure; 0 before the limit."""
        if failures < self.failures_before_lock:
            return 0.0
        return min(self.max_lock_s, self.first_lock_s * 2 ** min(failures - self.failures_before_lock, 32))


NAME_POLICY = Policy()


@dataclass(frozen=True)
class Record:
    failures: int = 0
    last_failure: float = 0.0
    locked_until: float = 0.0

    def current(self, policy: Policy, now: float) -> Record:
        """The record as it stands now: forgotten once the last failure is old enough."""
        if self.failures and now - self.last_failure > policy.forget_after_s and now >= self.locked_until:
            return Record()
        return self

    def locked(self, now: float) -> float | None:
        """When the lock ends (a Unix time), or None when not locked."""
        return self.locked_until if self.locked_until > now else None

    def after_failure(self, policy: Policy, now: float) -> Record:
        failures = self.current(policy, now).failures + 1
        lock = policy.lock_seconds(failures)
        return Record(failures, now, now + lock if lock else 0.0)

    def to_json(self) -> dict:
        return {"failures": self.failures, "last_failure": self.last_failure, "locked_until": self.locked_until}

    @classmethod
    def from_json(cls, data) -> Record | None:
        try:
            record = cls(int(data["failures"]), float(data["last_failure"]), float(data["locked_until"]))
        except (KeyError, TypeError, ValueError):
            return None
        return record if record.failures >= 0 else None


def default_path(editors_path: str | os.PathLike | None = None) -> Path:
    editors = Path(editors_path) if editors_path is not None else paths.editors_file()
    return editors.with_name(f"{editors.stem}-sign-in-failures.json")


class SignInThrottle:
    """Failures per name in a file. `clock` returns Unix seconds; tests pass their own."""

    def __init__(self, path: str | os.PathLike | None = None, policy: Policy = NAME_POLICY,
                 clock: Callable[[], float] = time.time):
        self.path = Path(path) if path is not None else default_path()
        self.policy = policy
        self.clock = clock

    # -- the API ---------------------------------------------------------------------------

    def locked_until(self, name: str) -> float | None:
        """When the name's lock ends, or None if it may be tried now."""
        with self._locked_file() as data:
            return self._record(data, name).current(self.policy, self.clock()).locked(self.clock())

    def reserve(self, name: str) -> tuple[Record, float | None]:
        """Count an attempt as a failure before its password is checked, so attempts made at the
        same moment all count; succeeded() takes it back. Returns (the record now, None), or
        (the record, when the lock ends) when the name is locked and must not be tried."""
        with self._locked_file(write=True) as data:
            now = self.clock()
            record = self._record(data, name).current(self.policy, now)
            until = record.locked(now)
            if until is not None:
                return record, until
            record = record.after_failure(self.policy, now)
            data["names"][self._key(data, name)] = record.to_json()
            return record, None

    def succeeded(self, name: str) -> None:
        """The right password: the name's failures are cleared."""
        self.clear(name)

    def clear(self, name: str) -> None:
        """Forget a name's failures (also used when an administrator replaces its password)."""
        if not self.path.exists():
            return
        with self._locked_file(write=True) as data:
            data["names"].pop(self._key(data, name), None)

    # -- the file --------------------------------------------------------------------------

    @staticmethod
    def _key(data: dict, name: str) -> str:
        return hashlib.sha256(bytes.fromhex(data["salt"]) + str(name).encode("utf-8")).hexdigest()[:32]

    def _record(self, data: dict, name: str) -> Record:
        return Record.from_json(data["names"].get(self._key(data, name))) or Record()

    @contextmanager
    def _locked_file(self, write: bool = False):
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with open(f"{self.path}.lock", "a+") as handle:
                _flock(handle, self.path)
                try:
                    data = self._load()
                    before = json.dumps(data, sort_keys=True)
                    yield data
                    if write and json.dumps(data, sort_keys=True) != before:
                        self._save(data)
                finally:
                    fcntl.flock(handle, fcntl.LOCK_UN)
        except OSError as error:
            if isinstance(error, ThrottleError):
                raise
            raise ThrottleError(f"cannot read or write the sign-in failures file {self.path}: {error}") from error

    def _load(self) -> dict:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            data = None
        except (UnicodeDecodeError, ValueError):
            data = None  # only counters: a damaged file starts afresh rather than locking everyone out
        if not (isinstance(data, dict) and data.get("version") == FILE_VERSION and isinstance(data.get("names"), dict)
                and isinstance(data.get("salt"), str) and len(data["salt"]) == 32):
            return {"version": FILE_VERSION, "salt": secrets.token_hex(16), "names": {}}
        try:
            bytes.fromhex(data["salt"])
        except ValueError:
            return {"version": FILE_VERSION, "salt": secrets.token_hex(16), "names": {}}
        return data

    def _save(self, data: dict) -> None:
        now = self.clock()
        kept = {key: Record.from_json(value) for key, value in data["names"].items()}
        kept = {key: record.current(self.policy, now) for key, record in kept.items() if record is not None}
        kept = {key: record for key, record in kept.items() if record.failures}
        if len(kept) > MAX_RECORDS:
            order = sorted(kept, key=lambda key: (kept[key].locked(now) is not None, kept[key].last_failure))
            kept = {key: kept[key] for key in order[len(kept) - MAX_RECORDS:]}
        data["names"] = {key: record.to_json() for key, record in kept.items()}
        descriptor, temporary = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent)
        try:
            with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
                json.dump(data, handle)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temporary, self.path)
        except BaseException:
            try:
                os.unlink(temporary)
            except FileNotFoundError:
                pass
            raise


def _flock(handle, path: Path) -> None:
    deadline = time.monotonic() + _LOCK_WAIT_S
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() > deadline:
                raise ThrottleError(f"the sign-in failures file {path} stayed locked by another process") from None
            time.sleep(0.01)

