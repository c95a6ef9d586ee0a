"""Editors file: salted scrypt hashes, all-or-nothing writes, damaged files refused, and add-editor."""
from __future__ import annotations

import io
import os
import stat
import sys

import pytest
import yaml

from perfdash.access import editors
from perfdash.access.editors import EditorsError, EditorsFileError
from perfdash.cli import main as cli

PASSWORD = "correct horse battery"
OTHER_PASSWORD = "tr0ub4dor&3-staple"


@pytest.fixture
def editors_file(tmp_path):
    return tmp_path / "store" / "editors.yaml"


def run_cli(monkeypatch, capsys, *argv, stdin: str | None = None):
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = cli.main(["add-editor", *argv])
    out, err = capsys.readouterr()
    return code, out + err


def test_the_file_holds_salted_hashes_never_the_password(editors_file):
    assert editors.add_editor("jo.bloggs", PASSWORD, editors_file) is True
    text = editors_file.read_text(encoding="utf-8")
    assert PASSWORD not in text and PASSWORD.encode().hex() not in text
    record = yaml.safe_load(text)["editors"]["jo.bloggs"]
    assert record["algorithm"] == "scrypt" and (record["n"], record["r"], record["p"]) == (16384, 8, 1)
    assert len(bytes.fromhex(record["salt"])) == 16 and len(bytes.fromhex(record["hash"])) == 32
    assert record["added_at"].endswith("+00:00")


def test_the_file_is_private_to_its_owner_and_its_folder_is_created(editors_file):
    editors.add_editor("jo.bloggs", PASSWORD, editors_file)
    assert stat.S_IMODE(editors_file.stat().st_mode) == 0o600
    assert [p.name for p in editors_file.parent.iterdir()] == ["editors.yaml"]  # no temporary left behind


def test_two_editors_with_the_same_password_get_different_salts_and_hashes(editors_file):
    editors.add_editor("jo.bloggs", PASSWORD, editors_file)
    editors.add_editor("sam_smith", PASSWORD, editors_file)
    records = yaml.safe_load(editors_file.read_text(encoding="utf-8"))["editors"]
    assert records["jo.bloggs"]["salt"] != records["sam_smith"]["salt"]
    assert records["jo.bloggs"]["hash"] != records["sam_smith"]["hash"]


def test_verify_accepts_the_right_password_only(editors_file):
    editors.add_editor("jo.bloggs", PASSWORD, editors_file)
    assert editors.verify("jo.bloggs", PASSWORD, editors_file) is True
    assert editors.verify("jo.bloggs", PASSWORD + " ", editors_file) is False
    assert editors.verify("jo.bloggs", "", editors_file) is False
    assert editors.verify("JO.BLOGGS", PASSWORD, editors_file) is False
    assert editors.verify("nobody", PASSWORD, editors_file) is False


def test_an_unknown_name_still_costs_a_hash(editors_file, monkeypatch):
    editors.add_editor("jo.bloggs", PASSWORD, editors_file)
    calls = []
    real = editors._scrypt
    monkeypatch.setattr(editors, "_scrypt", lambda *a: calls.append(a[2:]) or real(*a))
    assert editors.verify("nobody", PASSWORD, editors_file) is False
    assert editors.verify("jo.bloggs", "wrong password!!", editors_file) is False
    assert calls == [(16384, 8, 1, 32)] * 2


def test_no_file_means_no_editors(editors_file):
    assert editors.list_editors(editors_file) == []
    assert editors.verify("jo.bloggs", PASSWORD, editors_file) is False
    assert not editors.is_editor("jo.bloggs", editors_file) and not editors_file.exists()


def test_replacing_a_password(editors_file):
    editors.add_editor("jo.bloggs", PASSWORD, editors_file)
    first_stamp = editors.password_stamp("jo.bloggs", editors_file)
    assert editors.add_editor("jo.bloggs", OTHER_PASSWORD, editors_file) is False
    assert editors.verify("jo.bloggs", OTHER_PASSWORD, editors_file) is True
    assert editors.verify("jo.bloggs", PASSWORD, editors_file) is False
    assert editors.password_stamp("jo.bloggs", editors_file) not in (None, first_stamp)
    assert [e.name for e in editors.list_editors(editors_file)] == ["jo.bloggs"]


def test_the_same_password_typed_in_two_unicode_forms_is_accepted(editors_file):
    editors.add_editor("jo.bloggs", "caf\u00e9 au lait, please", editors_file)
    assert editors.verify("jo.bloggs", "cafe\u0301 au lait, please", editors_file) is True


def test_short_passwords_are_refused(editors_file):
    with pytest.raises(EditorsError, match="at least 12 characters"):
        editors.add_editor("jo.bloggs", "elevenchars", editors_file)
    assert not editors_file.exists()


@pytest.mark.parametrize("name", ["j", "x" * 65, "jo bloggs", "jo/bloggs", "jo;rm", "", "jo\nbloggs", "zoë"])
def test_bad_names_are_refused(editors_file, name):
    with pytest.raises(EditorsError, match="not a valid editor name"):
        editors.add_editor(name, PASSWORD, editors_file)
    assert not editors_file.exists()


@pytest.mark.parametrize("name", ["jo", "x" * 64, "jo.bloggs", "jo_bloggs-2", "jo@council.gov.uk"])
def test_good_names_are_accepted(editors_file, name):
    assert editors.add_editor(name, PASSWORD, editors_file) is True
    assert editors.is_editor(name, editors_file)


@pytest.mark.parametrize("content, reason", [
    ("editors: [unclosed\n", "not valid YAML"),
    ("- just a list\n", "should be a mapping"),
    ("version: 2\neditors: {}\n", "'version' is 2"),
    ("version: 1\neditors:\n  jo.bloggs: {algorithm: md5, salt: '00', hash: '00'}\n", "expected 'scrypt'"),
    ("version: 1\neditors:\n  jo.bloggs: {algorithm: scrypt, n: 1073741824, r: 8, p: 1, "
     "salt: 00112233445566778899aabbccddeeff, hash: 00112233445566778899aabbccddeeff}\n", "out of range"),
    ("version: 1\noidc_editors: someone@council.gov.uk\n", "list of email addresses"),
    ("version: 1\neditors: {}\npasswords: {jo: secret}\n", "unexpected key"),
])
def test_a_damaged_file_is_refused_and_left_untouched(editors_file, content, reason):
    editors_file.parent.mkdir(parents=True)
    editors_file.write_text(content, encoding="utf-8")
    for attempt in (lambda: editors.add_editor("jo.bloggs", PASSWORD, editors_file),
                    lambda: editors.add_oidc_editor("someone@council.gov.uk", editors_file),
                    lambda: editors.remove_editor("jo.bloggs", editors_file),
                    lambda: editors.verify("jo.bloggs", PASSWORD, editors_file)):
        with pytest.raises(EditorsFileError, match=reason) as raised:
            attempt()
        assert str(editors_file) in str(raised.value)
    assert editors_file.read_text(encoding="utf-8") == content


def test_a_failed_write_leaves_the_old_file_intact(editors_file, monkeypatch):
    editors.add_editor("jo.bloggs", PASSWORD, editors_file)
    before = editors_file.read_bytes()

    def refuse(*_):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(EditorsFileError, match="disk full.*unchanged"):
        editors.add_editor("sam_smith", OTHER_PASSWORD, editors_file)
    assert editors_file.read_bytes() == before
    assert [p.name for p in editors_file.parent.iterdir()] == ["editors.yaml"]


def test_oidc_editors_are_emails_compared_without_case(editors_file):
    assert editors.add_oidc_editor("Someone@Council.gov.uk", editors_file) is True
    assert editors.add_oidc_editor("someone@council.gov.uk", editors_file) is False
    assert editors.is_oidc_editor("SOMEONE@council.gov.uk", editors_file)
    assert not editors.is_oidc_editor("someone.else@council.gov.uk", editors_file)
    assert not editors.is_oidc_editor(None, editors_file)
    assert not editors.is_editor("someone@council.gov.uk", editors_file)  # no local password
    assert [(e.name, e.kind) for e in editors.list_editors(editors_file)] == [("someone@council.gov.uk", "oidc")]
    with pytest.raises(EditorsError, match="not a valid email"):
        editors.add_oidc_editor("not an email", editors_file)


def test_remove_editor(editors_file):
    editors.add_editor("jo.bloggs", PASSWORD, editors_file)
    editors.add_oidc_editor("someone@council.gov.uk", editors_file)
    assert editors.remove_editor("jo.bloggs", editors_file) is True
    assert editors.remove_editor("jo.bloggs", editors_file) is False
    assert editors.remove_editor("Someone@council.gov.uk", editors_file) is True
    assert editors.list_editors(editors_file) == []


# ---- python manage.py add-editor --------------------------------------------------------------

def test_cli_adds_an_editor_from_stdin_without_echoing_the_password(editors_file, monkeypatch, capsys):
    code, output = run_cli(monkeypatch, capsys, "jo.bloggs", "--editors", str(editors_file), "--password-stdin",
                           stdin=PASSWORD + "\n")
    assert code == 0 and output.strip() == f"added editor jo.bloggs in {editors_file}"
    assert editors.verify("jo.bloggs", PASSWORD, editors_file)
    code, output = run_cli(monkeypatch, capsys, "jo.bloggs", "--editors", str(editors_file), "--password-stdin",
                           stdin=OTHER_PASSWORD + "\r\n")
    assert code == 0 and output.startswith("replaced the password of editor jo.bloggs")
    assert editors.verify("jo.bloggs", OTHER_PASSWORD, editors_file)
    assert PASSWORD not in editors_file.read_text(encoding="utf-8")


def test_cli_prompts_twice_and_refuses_a_mismatch(editors_file, monkeypatch, capsys):
    answers = iter([PASSWORD, OTHER_PASSWORD])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    code, output = run_cli(monkeypatch, capsys, "jo.bloggs", "--editors", str(editors_file))
    assert code == 2 and "did not match" in output and PASSWORD not in output
    assert not editors_file.exists()
    answers = iter([PASSWORD, PASSWORD])
    code, output = run_cli(monkeypatch, capsys, "jo.bloggs", "--editors", str(editors_file))
    assert code == 0 and PASSWORD not in output and editors.verify("jo.bloggs", PASSWORD, editors_file)


@pytest.mark.parametrize("argv, stdin, message", [
    (["jo.bloggs", "--password-stdin"], "short\n", "at least 12 characters"),
    (["jo.bloggs", "--password-stdin"], "", "at least 12 characters"),
    (["jo bloggs", "--password-stdin"], PASSWORD + "\n", "not a valid editor name"),
    (["not-an-email", "--oidc-email"], None, "not a valid email"),
    (["nobody", "--remove"], None, "no editor named 'nobody'"),
])
def test_cli_refuses_bad_input_with_exit_code_2(editors_file, monkeypatch, capsys, argv, stdin, message):
    code, output = run_cli(monkeypatch, capsys, *argv, "--editors", str(editors_file), stdin=stdin)
    assert code == 2 and message in output and output.count("\n") == 1
    assert not editors_file.exists()
    if stdin:
        assert stdin.strip() not in output


def test_cli_refuses_a_damaged_file_with_exit_code_1(editors_file, monkeypatch, capsys):
    editors_file.parent.mkdir(parents=True)
    editors_file.write_text("editors: [unclosed\n", encoding="utf-8")
    code, output = run_cli(monkeypatch, capsys, "jo.bloggs", "--editors", str(editors_file), "--password-stdin",
                           stdin=PASSWORD + "\n")
    assert code == 1 and str(editors_file) in output and PASSWORD not in output
    assert editors_file.read_text(encoding="utf-8") == "editors: [unclosed\n"


def test_cli_allows_an_oidc_email_and_removes_editors(editors_file, monkeypatch, capsys):
    code, output = run_cli(monkeypatch, capsys, "Someone@Council.gov.uk", "--oidc-email",
                           "--editors", str(editors_file))
    assert code == 0 and output.startswith("someone@council.gov.uk may now record")
    assert editors.is_oidc_editor("someone@council.gov.uk", editors_file)
    code, output = run_cli(monkeypatch, capsys, "someone@council.gov.uk", "--oidc-email",
                           "--editors", str(editors_file))
    assert code == 0 and "could already" in output
    run_cli(monkeypatch, capsys, "jo.bloggs", "--editors", str(editors_file), "--password-stdin", stdin=PASSWORD + "\n")
    code, output = run_cli(monkeypatch, capsys, "jo.bloggs", "--remove", "--editors", str(editors_file))
    assert code == 0 and output.strip() == f"removed editor jo.bloggs from {editors_file}"
    code, _ = run_cli(monkeypatch, capsys, "someone@council.gov.uk", "--remove", "--oidc-email",
                      "--editors", str(editors_file))
    assert code == 0 and editors.list_editors(editors_file) == []


def test_cli_uses_the_configured_editors_file(tmp_path, monkeypatch, capsys):
    configured = tmp_path / "elsewhere.yaml"
    monkeypatch.setenv("PERFDASH_EDITORS", str(configured))
    code, _ = run_cli(monkeypatch, capsys, "jo.bloggs", "--password-stdin", stdin=PASSWORD + "\n")
    assert code == 0 and editors.is_editor("jo.bloggs")
    assert editors.verify("jo.bloggs", PASSWORD, configured)
