"""Who may record outturns: local editors with salted scrypt password hashes, and the emails of
editors who sign in through the council's OpenID Connect provider.

The file (default data/store/editors.yaml, never committed) looks like:

    version: 1
    editors:
      jo.bloggs: {algorithm: scrypt, n: 16384, r: 8, p: 1, salt: <hex>, hash: <hex>, added_at: <iso>}
    oidc_editors: [someone@council.gov.uk]

Passwords are never written, logged or returned. Streamlit-free, so the CLI and tests can use it.
"""
from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
import tempfile
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import yaml

from perfdash import paths
from perfdash.access.throttle import SignInThrottle, ThrottleError, default_path

FILE_VERSION = 1
MIN_PASSWORD_LENGTH = 12
SALT_BYTES = 16
HASH_BYTES = 32
# scrypt's interactive-login parameters: about 16 MiB and a few tens of milliseconds per check.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 16384, 8, 1
# Bounds on parameters read back from the file, so a tampered file cannot exhaust memory.
_MAX_N, _MAX_R, _MAX_P = 2**20, 32, 16
_MAXMEM = 256 * 1024 * 1024

NAME_PATTERN = re.compile(r"[A-Za-z0-9._@-]{2,64}")
EMAIL_PATTERN = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
MAX_EMAIL_LENGTH = 254
_HEX = re.compile(r"(?:[0-9a-f]{2})+")

# Hashed when a name is unknown, so an unknown name takes as long to refuse as a wrong password.
_DUMMY_SALT = bytes(SALT_BYTES)


class EditorsError(ValueError):
    """A bad name, email or password, or an editors file that cannot be read or written."""


class EditorsFileError(EditorsError):
    """The editors file cannot be read, is damaged, or cannot be written. It is left unchanged."""


@dataclass(frozen=True)
class Editor:
    name: str
    kind: str  # "local" (name and password) or "oidc" (email, signs in with the council account)
    added_at: str | None = None


# ---- checks ---------------------------------------------------------------------------------

def check_name(name: str) -> str:
    if not isinstance(name, str) or not NAME_PATTERN.fullmatch(name):
        raise EditorsError(
            f"{name!r} is not a valid editor name: use 2 to 64 letters, digits, '.', '_', '-' or '@'")
    return name


def check_email(email: str) -> str:
    """The email, lower-cased, as it is stored and compared."""
    cleaned = email.strip().lower() if isinstance(email, str) else ""
    if len(cleaned) > MAX_EMAIL_LENGTH or not EMAIL_PATTERN.fullmatch(cleaned):
        raise EditorsError(f"{email!r} is not a valid email address")
    return cleaned


def check_password(password: str) -> None:
    if not isinstance(password, str) or len(password) < MIN_PASSWORD_LENGTH:
        raise EditorsError(f"the password must be at least {MIN_PASSWORD_LENGTH} characters long")


# ---- hashing --------------------------------------------------------------------------------

def _scrypt(password: str, salt: bytes, n: int, r: int, p: int, length: int) -> bytes:
    # NFC, so the same password typed in a terminal and in a browser gives the same bytes.
    secret = unicodedata.normalize("NFC", password).encode("utf-8")
    return hashlib.scrypt(secret, salt=salt, n=n, r=r, p=p, maxmem=_MAXMEM, dklen=length)


def _new_record(password: str) -> dict:
    salt = secrets.token_bytes(SALT_BYTES)
    digest = _scrypt(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P, HASH_BYTES)
    return {"algorithm": "scrypt", "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P,
            "salt": salt.hex(), "hash": digest.hex(),
            "added_at": datetime.now(timezone.utc).replace(microsecond=0).isoformat()}


# ---- the file -------------------------------------------------------------------------------

def _path(path: str | os.PathLike | None) -> Path:
    return Path(path) if path is not None else paths.editors_file()


def _empty() -> dict:
    return {"version": FILE_VERSION, "editors": {}, "oidc_editors": []}


def _load(path: Path) -> dict:
    """The validated file; no editors if it does not exist. Anything odd raises EditorsError."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return _empty()
    except (OSError, UnicodeDecodeError) as error:
        raise EditorsFileError(f"cannot read the editors file {path}: {error}") from error
    if not text.strip():
        return _empty()
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise EditorsFileError(f"the editors file {path} is not valid YAML: {error}") from error
    _validate(data, path)
    data["editors"] = data.get("editors") or {}
    data["oidc_editors"] = data.get("oidc_editors") or []
    return data


def _validate(data, path: Path) -> None:
    def fail(reason: str):
        raise EditorsFileError(f"the editors file {path} is damaged: {reason}. "
                           "Fix or remove it by hand; it has not been changed.")

    if not isinstance(data, dict):
        fail("it should be a mapping with 'version', 'editors' and 'oidc_editors'")
    if data.get("version") != FILE_VERSION:
        fail(f"'version' is {data.get('version')!r}, expected {FILE_VERSION}")
    unknown = set(data) - {"version", "editors", "oidc_editors"}
    if unknown:
        fail(f"unexpected key(s) {sorted(unknown)}")
    editors = data.get("editors") or {}
    if not isinstance(editors, dict):
        fail("'editors' should be a mapping of name to password hash")
    for name, record in editors.items():
        if not isinstance(name, str) or not NAME_PATTERN.fullmatch(name):
            fail(f"editor name {name!r} is not valid")
        if not isinstance(record, dict):
            fail(f"editors.{name} should be a mapping")
        if record.get("algorithm") != "scrypt":
            fail(f"editors.{name}.algorithm is {record.get('algorithm')!r}, expected 'scrypt'")
        n, r, p = record.get("n"), record.get("r"), record.get("p")
        if not all(type(v) is int for v in (n, r, p)) or not (
                1 < n <= _MAX_N and n & (n - 1) == 0 and 0 < r <= _MAX_R and 0 < p <= _MAX_P):
            fail(f"editors.{name} has scrypt parameters out of range (n={n!r}, r={r!r}, p={p!r})")
        for key in ("salt", "hash"):
            value = record.get(key)
            if not isinstance(value, str) or not _HEX.fullmatch(value) or len(value) < 32:
                fail(f"editors.{name}.{key} should be lower-case hex, at least 16 bytes")
    oidc = data.get("oidc_editors") or []
    if not isinstance(oidc, list) or not all(isinstance(e, str) for e in oidc):
        fail("'oidc_editors' should be a list of email addresses")


def _save(path: Path, data: dict) -> None:
    """All or nothing: a temporary file in the same folder, fsync, then os.replace. Mode 0600."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = ("# Editors who may record outturns. Managed by `python manage.py add-editor`.\n"
            "# Salted scrypt hashes only; never commit this file.\n"
            + yaml.safe_dump(data, sort_keys=False, default_flow_style=False))
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp creates the file readable and writable by its owner only (0600).
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException as error:
        try:
            os.unlink(temporary)
        except FileNotFoundError:
            pass
        if isinstance(error, OSError):
            raise EditorsFileError(f"cannot write the editors file {path}: {error}; "
                               "the previous file is unchanged") from error
        raise
    _fsync_folder(path.parent)


def _fsync_folder(folder: Path) -> None:
    # Makes the rename itself durable. Not possible on every platform, so best effort.
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


# ---- the API --------------------------------------------------------------------------------

def add_editor(name: str, password: str, path: str | os.PathLike | None = None) -> bool:
    """Add a local editor, or replace their password. True if the editor is new."""
    check_name(name)
    check_password(password)
    target = _path(path)
    data = _load(target)
    is_new = name not in data["editors"]
    data["editors"][name] = _new_record(password)
    _save(target, data)
    try:  # a new password lifts a lock that failed sign-ins put on the name
        SignInThrottle(default_path(target)).clear(name)
    except ThrottleError:
        pass  # the lock runs out by itself; the password is replaced either way
    return is_new


def add_oidc_editor(email: str, path: str | os.PathLike | None = None) -> bool:
    """Allow an email signed in through the OpenID Connect provider to record. True if new."""
    cleaned = check_email(email)
    target = _path(path)
    data = _load(target)
    if cleaned in (e.lower() for e in data["oidc_editors"]):
        return False
    data["oidc_editors"].append(cleaned)
    _save(target, data)
    return True


def remove_editor(name: str, path: str | os.PathLike | None = None) -> bool:
    """Remove a local editor and/or an OIDC email of that name. True if anything was removed."""
    target = _path(path)
    data = _load(target)
    had_local = data["editors"].pop(name, None) is not None
    wanted = name.strip().lower()
    kept = [e for e in data["oidc_editors"] if e.lower() != wanted]
    had_oidc = len(kept) != len(data["oidc_editors"])
    if not (had_local or had_oidc):
        return False
    data["oidc_editors"] = kept
    _save(target, data)
    return True


def verify(name: str, password: str, path: str | os.PathLike | None = None) -> bool:
    """Whether the name is a local editor and the password is theirs. Always computes a hash."""
    record = _load(_path(path))["editors"].get(name) if isinstance(name, str) else None
    if not isinstance(password, str):
        password = ""
    if record is None:
        expected = bytes(HASH_BYTES)
        actual = _scrypt(password, _DUMMY_SALT, SCRYPT_N, SCRYPT_R, SCRYPT_P, HASH_BYTES)
        hmac.compare_digest(actual, expected)
        return False
    expected = bytes.fromhex(record["hash"])
    actual = _scrypt(password, bytes.fromhex(record["salt"]), record["n"], record["r"], record["p"],
                     len(expected))
    return hmac.compare_digest(actual, expected)


def password_stamp(name: str, path: str | os.PathLike | None = None) -> str | None:
    """An opaque value that changes whenever the editor's password is replaced (None if unknown).
    A signed-in session keeps it, so replacing a password signs out sessions that used the old one."""
    record = _load(_path(path))["editors"].get(name)
    return None if record is None else hashlib.sha256(bytes.fromhex(record["salt"])).hexdigest()[:16]


def is_editor(name: str, path: str | os.PathLike | None = None) -> bool:
    return isinstance(name, str) and name in _load(_path(path))["editors"]


def is_oidc_editor(email: str | None, path: str | os.PathLike | None = None) -> bool:
    if not isinstance(email, str) or not email.strip():
        return False
    wanted = email.strip().lower()
    return any(e.lower() == wanted for e in _load(_path(path))["oidc_editors"])


def list_editors(path: str | os.PathLike | None = None) -> list[Editor]:
    """Local editors by name, then OIDC emails. No hashes."""
    data = _load(_path(path))
    local = [Editor(name, "local", str(record.get("added_at")) if record.get("added_at") else None)
             for name, record in sorted(data["editors"].items())]
    return local + [Editor(email, "oidc") for email in sorted(data["oidc_editors"])]
