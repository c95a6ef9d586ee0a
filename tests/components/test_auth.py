"""Editor sign-in (components/auth.py) in AppTest: local names and passwords, the role re-checked
before a write, and the OpenID Connect path as far as AppTest can drive it."""
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from components import auth
from perfdash.access import editors

PASSWORD = "correct horse battery"
AUTH_SECRETS = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "placeholder-cookie-secret-for-tests",
    "client_id": "placeholder-client-id",
    "client_secret": "placeholder-client-secret",
    "server_metadata_url": "https://login.example.invalid/.well-known/openid-configuration",
}


def panel_script():
    """A page that draws the panel, then shows who it returned and what a write would record."""
    import streamlit as st

    from components.auth import NotAnEditor, require_editor, sign_in_panel

    st.markdown(f"panel returned: {sign_in_panel()}")
    try:
        st.markdown(f"writer: {require_editor()}")
    except NotAnEditor as refusal:
        st.markdown(f"refused: {refusal}")


@pytest.fixture
def editors_file(tmp_path, monkeypatch):
    path = tmp_path / "editors.yaml"
    monkeypatch.setenv("PERFDASH_EDITORS", str(path))
    return path


def open_panel(secrets: dict | None = None, user: dict | None = None) -> AppTest:
    app = AppTest.from_function(panel_script, default_timeout=30)
    if secrets:
        app.secrets["auth"] = secrets
    if user is not None:
        app.user = user
    return app.run()


def texts(app: AppTest) -> list[str]:
    return [m.value for m in app.markdown]


def sign_in(app: AppTest, name: str, password: str) -> AppTest:
    app.text_input(key="perfdash_sign_in_name").input(name)
    app.text_input(key="perfdash_sign_in_password").input(password)
    return app.button(key="FormSubmitter:perfdash_sign_in-Sign in").click().run()


def test_without_editors_the_panel_says_how_to_add_one(editors_file):
    app = open_panel()
    assert not app.exception
    assert "python manage.py add-editor NAME" in app.info[0].value
    assert not app.text_input and texts(app)[0] == "panel returned: None"


def test_the_sign_in_form_has_labelled_inputs_and_hides_the_password(editors_file):
    editors.add_editor("jo_bloggs", PASSWORD, editors_file)
    app = open_panel()
    assert not app.exception and not app.error
    assert [(t.label, t.proto.type) for t in app.text_input] == [
        ("Name", app.text_input[0].proto.DEFAULT), ("Password", app.text_input[1].proto.PASSWORD)]
    visibility = app.text_input[0].proto.label_visibility
    assert all(t.proto.label_visibility.value == visibility.VISIBLE for t in app.text_input)


def test_a_wrong_password_shows_an_error_and_signs_nobody_in(editors_file):
    editors.add_editor("jo_bloggs", PASSWORD, editors_file)
    app = sign_in(open_panel(), "jo_bloggs", "not the password")
    assert not app.exception
    assert [e.value for e in app.error] == ["Name or password not recognised."]
    assert "panel returned: None" in texts(app) and "perfdash_editor" not in app.session_state
    app = sign_in(app, "nobody", PASSWORD)
    assert [e.value for e in app.error] == ["Name or password not recognised."]
    assert "panel returned: None" in texts(app)


def test_the_right_password_signs_in_and_the_password_is_not_kept(editors_file):
    editors.add_editor("jo_bloggs", PASSWORD, editors_file)
    app = sign_in(open_panel(), " jo_bloggs ", PASSWORD)
    assert not app.exception and not app.error
    assert "panel returned: jo_bloggs" in texts(app) and "writer: jo_bloggs" in texts(app)
    assert app.session_state["perfdash_editor"] == "jo_bloggs"
    assert app.session_state["perfdash_sign_in_password"] == ""
    assert [b.label for b in app.button] == ["Sign out"]
    app = app.button(key="perfdash_sign_out").click().run()
    assert "panel returned: None" in texts(app) and "perfdash_editor" not in app.session_state


def test_the_role_is_checked_again_before_a_write(editors_file):
    editors.add_editor("jo_bloggs", PASSWORD, editors_file)
    editors.add_editor("sam_smith", PASSWORD, editors_file)
    app = sign_in(open_panel(), "jo_bloggs", PASSWORD)
    assert "writer: jo_bloggs" in texts(app)

    editors.remove_editor("jo_bloggs", editors_file)
    app.run()
    assert "panel returned: None" in texts(app)
    assert any(t.startswith("refused: Only a signed-in editor") for t in texts(app))
    assert "was signed out" in app.warning[0].value


def test_current_editor_and_require_editor_follow_the_file(editors_file):
    """The checks a record page makes just before writing, outside the panel."""
    editors.add_editor("jo_bloggs", PASSWORD, editors_file)
    app = sign_in(open_panel(), "jo_bloggs", PASSWORD)
    state = {key: app.session_state[key] for key in ("perfdash_editor", "perfdash_editor_stamp")}

    def check_with(session: dict):
        import streamlit as st

        from components.auth import NotAnEditor, current_editor, require_editor

        for key, value in session.items():
            st.session_state[key] = value
        st.markdown(f"current: {current_editor()}")
        try:
            require_editor()
        except NotAnEditor:
            st.markdown("require_editor raised NotAnEditor")

    check = AppTest.from_function(check_with, args=(state,), default_timeout=30).run()
    assert texts(check) == ["current: jo_bloggs"]
    editors.remove_editor("jo_bloggs", editors_file)
    check.run()
    assert texts(check) == ["current: None", "require_editor raised NotAnEditor"]


def test_replacing_a_password_signs_out_sessions_that_used_the_old_one(editors_file):
    editors.add_editor("jo_bloggs", PASSWORD, editors_file)
    app = sign_in(open_panel(), "jo_bloggs", PASSWORD)
    assert "writer: jo_bloggs" in texts(app)
    editors.add_editor("jo_bloggs", "a brand new passphrase", editors_file)
    app.run()
    assert "panel returned: None" in texts(app)


def test_a_damaged_editors_file_is_explained_without_details(editors_file):
    editors_file.write_text("editors: [unclosed\n", encoding="utf-8")
    app = open_panel()
    assert not app.exception
    assert "cannot be read" in app.error[0].value and str(editors_file) not in app.error[0].value
    assert "panel returned: None" in texts(app)


@pytest.fixture
def secrets_file(tmp_path, monkeypatch):
    """Where Streamlit looks for secrets.toml in this test: a fresh path, so the developer's own
    ~/.streamlit/secrets.toml cannot change the answer."""
    import streamlit as st
    from streamlit.runtime.secrets import Secrets
    from streamlit.testing.v1.util import patch_config_options

    path = tmp_path / "secrets.toml"
    monkeypatch.setattr(st, "secrets", Secrets())
    with patch_config_options({"secrets.files": [str(path)]}):
        yield path


def test_oidc_is_not_configured_without_a_secrets_file(editors_file, secrets_file):
    editors.add_editor("jo_bloggs", PASSWORD, editors_file)
    assert auth.oidc_configured() is False
    app = open_panel()
    assert not app.exception and [t.label for t in app.text_input] == ["Name", "Password"]


def test_a_damaged_secrets_file_means_no_oidc_rather_than_a_crash(secrets_file):
    secrets_file.write_text("[auth\nclient_id = ", encoding="utf-8")
    assert auth.oidc_configured() is False


def test_oidc_is_configured_from_a_real_secrets_file(secrets_file):
    secrets_file.write_text("[auth]\n" + "".join(f'{k} = "{v}"\n' for k, v in AUTH_SECRETS.items()),
                            encoding="utf-8")
    assert auth.oidc_configured() is True and auth.oidc_providers() == [None]


@pytest.mark.parametrize("secrets, expected", [
    (AUTH_SECRETS, [None]),
    ({"redirect_uri": "x", "cookie_secret": "y",
      "microsoft": {k: AUTH_SECRETS[k] for k in ("client_id", "client_secret", "server_metadata_url")}},
     ["microsoft"]),
    ({"redirect_uri": "x", "cookie_secret": "y", "client_id": "only-an-id"}, []),
])
def test_oidc_configured_reads_the_auth_section(secrets, expected):
    def script():
        import streamlit as st

        from components.auth import oidc_configured, oidc_providers

        st.markdown(f"{oidc_configured()} {oidc_providers()}")

    app = AppTest.from_function(script, default_timeout=30)
    app.secrets["auth"] = secrets
    assert texts(app.run()) == [f"{bool(expected)} {expected}"]


def test_oidc_signed_out_shows_a_login_button(editors_file, monkeypatch):
    # AppTest cannot complete st.login (no browser redirect, and st.login reads the real secrets
    # file, not AppTest's secrets), so this checks the button and that a failure is explained.
    monkeypatch.setattr(auth, "_authlib_installed", lambda: True)
    app = open_panel(AUTH_SECRETS, user={"is_logged_in": False})
    assert not app.exception and not app.text_input
    assert [b.label for b in app.button] == ["Sign in with your council account"]
    app = app.button[0].click().run()
    assert not app.exception and app.error[0].value.startswith("Sign-in did not start")


def test_oidc_without_authlib_says_so_plainly(editors_file, monkeypatch):
    monkeypatch.setattr(auth, "_authlib_installed", lambda: False)
    app = open_panel(AUTH_SECRETS, user={"is_logged_in": False})
    assert not app.exception and not app.button and "Authlib" in app.error[0].value


def test_oidc_editor_on_the_list_may_record(editors_file):
    editors.add_oidc_editor("someone@council.gov.uk", editors_file)
    app = open_panel(AUTH_SECRETS, user={"is_logged_in": True, "email": "Someone@Council.gov.uk"})
    assert not app.exception
    assert "writer: someone@council.gov.uk" in texts(app)
    assert [b.label for b in app.button] == ["Sign out"]
    app = app.button[0].click().run()  # st.logout
    assert "panel returned: None" in texts(app)


def test_oidc_user_not_on_the_list_is_told_they_can_only_view(editors_file):
    editors.add_oidc_editor("someone@council.gov.uk", editors_file)
    app = open_panel(AUTH_SECRETS, user={"is_logged_in": True, "email": "visitor@council.gov.uk"})
    assert "can view the dashboard but not record" in app.info[0].value
    assert "panel returned: None" in texts(app)
    assert any(t.startswith("refused:") for t in texts(app))


def test_oidc_ignores_a_local_sign_in_and_unverified_emails(editors_file):
    editors.add_editor("jo_bloggs", PASSWORD, editors_file)
    editors.add_oidc_editor("someone@council.gov.uk", editors_file)
    app = AppTest.from_function(panel_script, default_timeout=30)
    app.secrets["auth"] = AUTH_SECRETS
    app.user = {"is_logged_in": True, "email": "someone@council.gov.uk", "email_verified": False}
    app.session_state["perfdash_editor"] = "jo_bloggs"
    app.run()
    assert "panel returned: None" in texts(app) and "verified email" in app.info[0].value


# ---- the sign-in throttle in the form --------------------------------------------------------

class FixedClock:
    """14:00:30 UK summer time (13:00:30 UTC) on 1 July 2025, moved on by hand."""

    def __init__(self):
        self.now = 1_751_374_830.0

    def __call__(self):
        return self.now


@pytest.fixture
def clock(monkeypatch):
    fixed = FixedClock()
    monkeypatch.setattr(auth, "_clock", fixed)
    return fixed


def test_five_wrong_passwords_lock_the_name_and_say_when_to_try_again(editors_file, clock):
    editors.add_editor("jo_bloggs", PASSWORD, editors_file)
    app = open_panel()
    for _ in range(4):
        app = sign_in(app, "jo_bloggs", "not the password")
        assert [e.value for e in app.error] == ["Name or password not recognised."]
    app = sign_in(app, "jo_bloggs", "not the password")
    # Locked for a minute from 14:00:30; the time is rounded up so it is never too early.
    assert [e.value for e in app.error] == [(
        "Name or password not recognised. After too many failed attempts, sign-in is paused: "
        "try again after 14:02.")]
    app = sign_in(app, "jo_bloggs", PASSWORD)
    assert [e.value for e in app.error] == [
        "Too many failed sign-ins for this name: try again after 14:02. The password was not checked."]
    assert "panel returned: None" in texts(app) and "perfdash_editor" not in app.session_state
    clock.now += 61
    app = sign_in(app, "jo_bloggs", PASSWORD)
    assert not app.error and "writer: jo_bloggs" in texts(app)


def test_an_unknown_name_gets_the_same_words_at_every_step(editors_file, clock):
    editors.add_editor("jo_bloggs", PASSWORD, editors_file)
    known, unknown = open_panel(), open_panel()
    for _ in range(6):
        known = sign_in(known, "jo_bloggs", "not the password")
        unknown = sign_in(unknown, "no_such_editor", "not the password")
        assert [e.value for e in known.error] == [e.value for e in unknown.error]


def test_one_browser_session_is_limited_whatever_names_it_tries(editors_file, clock):
    editors.add_editor("jo_bloggs", PASSWORD, editors_file)
    app = open_panel()
    for n in range(auth.SESSION_POLICY.failures_before_lock):
        app = sign_in(app, f"made_up_{n}", "not the password")
    assert app.error[0].value.endswith("sign-in is paused: try again after 14:02.")
    app = sign_in(app, "jo_bloggs", PASSWORD)  # a name with no failures of its own
    assert [e.value for e in app.error] == ["Too many failed sign-ins from this browser: try again after 14:02."]
    assert "panel returned: None" in texts(app)
    # Another session is not held back by this one's failures.
    assert "writer: jo_bloggs" in texts(sign_in(open_panel(), "jo_bloggs", PASSWORD))


def test_sign_in_fails_closed_when_attempts_cannot_be_recorded(editors_file, clock):
    from perfdash.access import throttle

    editors.add_editor("jo_bloggs", PASSWORD, editors_file)
    throttle.default_path(editors_file).mkdir()  # a folder where the file should be: unwritable
    app = sign_in(open_panel(), "jo_bloggs", PASSWORD)
    assert not app.exception and "cannot record sign-in attempts" in app.error[0].value
    assert "panel returned: None" in texts(app)
