"""Editor sign-in: anyone may view; recording outturns needs an editor.

With an OpenID Connect provider in `.streamlit/secrets.toml` ([auth]), editors sign in with
`st.login` and their email must be on the editors list. Otherwise editors sign in with a name and
password from the local editors file. The rules live in perfdash/access (editors, sign_in, throttle);
this module draws. Sign-in is limited per name (perfdash/access/throttle.py) and per browser session (here).
"""
from __future__ import annotations

import importlib.util
import logging
import math
import re
import time
from collections.abc import Mapping
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import streamlit as st
from streamlit.errors import StreamlitAuthError

from perfdash.access import editors
from perfdash.access.editors import EditorsError
from perfdash.access.sign_in import sign_in
from perfdash.access.throttle import Policy, Record, ThrottleError

EDITOR_KEY = "perfdash_editor"
_STAMP_KEY = "perfdash_editor_stamp"
_NAME_KEY = "perfdash_sign_in_name"
_PASSWORD_KEY = "perfdash_sign_in_password"
_MESSAGE_KEY = "perfdash_sign_in_message"
_SESSION_FAILURES_KEY = "perfdash_sign_in_failures"
_PROVIDER_KEYS = ("client_id", "client_secret", "server_metadata_url")
_SHARED_KEYS = ("redirect_uri", "cookie_secret")
_LOG = logging.getLogger(__name__)
_ACCESS_LOG = logging.getLogger("perfdash.access")
# One browser session, whatever names it tries: 10 failures, then 1 minute, doubling up to an hour.
SESSION_POLICY = Policy(failures_before_lock=10)
NOT_RECOGNISED = "Name or password not recognised."
_THROTTLE_UNAVAILABLE = ("Editor sign-in is unavailable: the server cannot record sign-in attempts. "
                         "Tell the dashboard team. You can still view everything.")
_clock = time.time  # Unix seconds; tests replace it
try:
    _UK = ZoneInfo("Europe/London")
except ZoneInfoNotFoundError:  # no time zone database: the server's local time
    _UK = None
_UNREADABLE = ("Editor sign-in is unavailable: the editors file on the server cannot be read. "
               "Tell the dashboard team. You can still view everything.")
NO_EDITORS_HINT = "An administrator can add one on the server with `python manage.py add-editor NAME`."


class NotAnEditor(PermissionError):
    """Raised before a write when nobody with the editor role is signed in."""


# ---- OpenID Connect configuration -----------------------------------------------------------

def _auth_section() -> Mapping | None:
    # st.secrets raises when there is no secrets.toml; load_if_toml_exists() only answers.
    try:
        if not st.secrets.load_if_toml_exists():
            return None
        section = st.secrets.get("auth")
    except Exception:  # a damaged secrets file means no OIDC, not a crashed page
        return None
    return section if isinstance(section, Mapping) else None


def oidc_providers() -> list[str | None]:
    """Configured providers: None for the default ([auth] itself), else the [auth.<name>] names."""
    section = _auth_section()
    if section is None:
        return []
    found: list[str | None] = [None] if all(section.get(k) for k in _PROVIDER_KEYS) else []
    return found + [name for name, sub in section.items()
                    if isinstance(sub, Mapping) and all(sub.get(k) for k in _PROVIDER_KEYS)]


def oidc_configured() -> bool:
    """True when secrets.toml has an [auth] section with client_id, client_secret and
    server_metadata_url (itself or in a named provider subsection)."""
    return bool(oidc_providers())


def _authlib_installed() -> bool:
    # st.login needs Authlib (streamlit[auth]); without it the button could only fail.
    return importlib.util.find_spec("authlib") is not None


def _oidc_setup_problem() -> str | None:
    section = _auth_section() or {}
    missing = [k for k in _SHARED_KEYS if not section.get(k)]
    if missing:
        return f"the [auth] section of .streamlit/secrets.toml is missing {', '.join(missing)}"
    if not _authlib_installed():
        return "the server is missing the Authlib package (pip install 'Authlib>=1.3.2')"
    return None


# ---- who is signed in -----------------------------------------------------------------------

def _oidc_email() -> str | None:
    """The signed-in OIDC user's email, if the provider vouches for it."""
    if not st.user.get("is_logged_in"):
        return None
    email = st.user.get("email")
    if not isinstance(email, str) or not email.strip() or st.user.get("email_verified") is False:
        return None
    return email.strip().lower()


def current_editor() -> str | None:
    """The signed-in editor's name (or email), checked against the editors file now."""
    try:
        if oidc_configured():
            email = _oidc_email()
            return email if email and editors.is_oidc_editor(email) else None
        name = st.session_state.get(EDITOR_KEY)
        if not name:
            return None
        # The stamp changes when the password is replaced, which signs out the old sessions.
        stamp = editors.password_stamp(name)
        return name if stamp is not None and stamp == st.session_state.get(_STAMP_KEY) else None
    except EditorsError as error:
        _LOG.error("editors file unreadable: %s", error)
        return None  # an unreadable editors file grants nobody


def require_editor() -> str:
    """The editor to record as the writer. Call immediately before every write."""
    name = current_editor()
    if name is None:
        raise NotAnEditor("Only a signed-in editor can record outturns, and nobody with that role is "
                          "signed in now. Sign in as an editor and try again; nothing was saved.")
    return name


# ---- drawing --------------------------------------------------------------------------------

def sign_in_panel() -> str | None:
    """Draw the sign-in panel; return the signed-in editor's name, or None."""
    if oidc_configured():
        return _oidc_panel()
    return _local_panel()


def _oidc_panel() -> str | None:
    message = st.session_state.pop(_MESSAGE_KEY, None)
    if message:
        st.error(message, icon=":material/error:")
    if not st.user.get("is_logged_in"):
        problem = _oidc_setup_problem()
        if problem:
            st.error(f"Editor sign-in is not working: {problem}. Tell the dashboard team. "
                     "You can still view everything.", icon=":material/error:")
            return None
        st.write("Anyone can view the dashboard. Editors sign in to record outturns.")
        for provider in oidc_providers():
            label = "Sign in with your council account" if provider is None else f"Sign in with {provider}"
            st.button(label, key=f"perfdash_login_{provider or 'default'}", on_click=_login, args=(provider,),
                      icon=":material/login:")
        return None
    shown = st.user.get("email") or st.user.get("name") or "an unnamed account"
    st.markdown(f"Signed in as **{_escaped(shown)}**.")
    editor = current_editor()
    if editor is None:
        st.info(_oidc_refusal(), icon=":material/visibility:")
    st.button("Sign out", key="perfdash_logout", on_click=st.logout, icon=":material/logout:")
    return editor


def _oidc_refusal() -> str:
    if _oidc_email() is None:
        return ("You can view the dashboard but not record outturns: your account did not give a "
                "verified email address.")
    try:
        anyone = any(e.kind == "oidc" for e in editors.list_editors())
    except EditorsError as error:
        _LOG.error("editors file unreadable: %s", error)
        return _UNREADABLE
    if not anyone:
        return ("You can view the dashboard but not record outturns: no editors have been set up yet. "
                "An administrator can allow an email with "
                "`python manage.py add-editor someone@council.gov.uk --oidc-email`.")
    return ("You can view the dashboard but not record outturns: your email is not on the editors list. "
            "Ask the dashboard team to add you.")


def _login(provider: str | None) -> None:
    try:
        st.login(provider)
    except StreamlitAuthError as error:
        st.session_state[_MESSAGE_KEY] = f"Sign-in did not start: {error}"


def _local_panel() -> str | None:
    try:
        has_editors = any(e.kind == "local" for e in editors.list_editors())
    except EditorsError as error:
        _LOG.error("editors file unreadable: %s", error)
        st.error(_UNREADABLE, icon=":material/error:")
        return None
    if not has_editors:
        st.session_state.pop(EDITOR_KEY, None)
        st.info(f"No editors have been set up yet, so nobody can record outturns. {NO_EDITORS_HINT}",
                icon=":material/info:")
        return None

    editor = current_editor()
    if editor is not None:
        st.markdown(f"Signed in as editor **{_escaped(editor)}**.")
        st.button("Sign out", key="perfdash_sign_out", on_click=_sign_out, icon=":material/logout:")
        return editor

    lapsed = st.session_state.get(EDITOR_KEY)
    if lapsed:
        _sign_out()
        st.warning(f"{_escaped(lapsed)} was signed out: the editor's access was removed or their password changed.",
                   icon=":material/warning:")
    message = st.session_state.pop(_MESSAGE_KEY, None)
    if message:
        st.error(message, icon=":material/error:")
    with st.form("perfdash_sign_in", border=True):
        st.text_input("Name", key=_NAME_KEY, autocomplete="username")
        st.text_input("Password", key=_PASSWORD_KEY, type="password", autocomplete="current-password")
        st.form_submit_button("Sign in", on_click=_sign_in_from_form, icon=":material/login:")
    return None


def _sign_in_from_form() -> None:
    # Runs before the script, so the panel draws the outcome without a rerun.
    name = (st.session_state.get(_NAME_KEY) or "").strip()
    password = st.session_state.get(_PASSWORD_KEY) or ""
    st.session_state[_PASSWORD_KEY] = ""  # the password is not kept in the session
    now = _clock()
    session = (st.session_state.get(_SESSION_FAILURES_KEY) or Record()).current(SESSION_POLICY, now)
    until = session.locked(now)
    if until is not None:
        _ACCESS_LOG.warning("sign-in refused: this browser session is locked until %s", _time_of_day(until))
        st.session_state[_MESSAGE_KEY] = (f"Too many failed sign-ins from this browser: try again after "
                                          f"{_time_of_day(until)}.")
        return
    try:
        outcome = sign_in(name, password, clock=_clock)
    except EditorsError as error:
        _LOG.error("editors file unreadable: %s", error)
        st.session_state[_MESSAGE_KEY] = _UNREADABLE
        return
    except ThrottleError as error:
        _LOG.error("sign-in failures file unusable: %s", error)
        st.session_state[_MESSAGE_KEY] = _THROTTLE_UNAVAILABLE
        return
    if outcome.accepted:
        st.session_state[EDITOR_KEY] = name
        st.session_state[_STAMP_KEY] = outcome.stamp
        st.session_state.pop(_SESSION_FAILURES_KEY, None)
        return
    session = session.after_failure(SESSION_POLICY, _clock())
    st.session_state[_SESSION_FAILURES_KEY] = session
    st.session_state[_MESSAGE_KEY] = refusal_message(outcome, session.locked(_clock()))


def refusal_message(outcome, session_locked_until: float | None = None) -> str:
    """The same words for an unknown name and a wrong password; when to try again if locked."""
    if not outcome.checked and outcome.locked_until is not None:
        return (f"Too many failed sign-ins for this name: try again after {_time_of_day(outcome.locked_until)}. "
                "The password was not checked.")
    until = max(filter(None, (outcome.locked_until, session_locked_until)), default=None)
    if until is None:
        return NOT_RECOGNISED
    return (f"{NOT_RECOGNISED} After too many failed attempts, sign-in is paused: try again after "
            f"{_time_of_day(until)}.")


def _time_of_day(moment: float) -> str:
    """HH:MM in UK time, rounded up to the minute, so "after 14:05" is never too early."""
    return datetime.fromtimestamp(math.ceil(moment / 60) * 60, _UK).strftime("%H:%M")


def _sign_out() -> None:
    st.session_state.pop(EDITOR_KEY, None)
    st.session_state.pop(_STAMP_KEY, None)


def _escaped(text: str) -> str:
    """Names and emails shown literally, not as Markdown (jo_bloggs is not italic)."""
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|<>~$:])", r"\\\1", str(text))
