"""The add-editor command: local editors with salted password hashes."""
from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from perfdash import paths


class _BadInput(Exception):
    """Refused input; exit code 2."""


def register(commands: argparse._SubParsersAction) -> None:
    """Add this group's subcommands to manage.py."""
    add = commands.add_parser(
        "add-editor", help="allow someone to record outturns (a local name and password, or an email)",
        description="Add an editor who may record quarterly outturns, replace their password, or remove them. "
                    "Passwords are stored only as salted scrypt hashes.")
    add.add_argument("name", metavar="NAME", help="the editor's name (2-64 letters, digits, '.', '_', '-', '@'), "
                                                  "or an email with --oidc-email")
    add.add_argument("--editors", metavar="PATH",
                     help="editors file (default: $PERFDASH_EDITORS or data/store/editors.yaml)")
    mode = add.add_mutually_exclusive_group()
    mode.add_argument("--oidc-email", action="store_true",
                      help="NAME is an email that may record after signing in with the council account; no password")
    mode.add_argument("--password-stdin", action="store_true",
                      help="read the password from one line of standard input instead of prompting")
    add.add_argument("--remove", action="store_true", help="remove this editor (local name or email)")
    add.set_defaults(handler=cmd_add_editor)


def cmd_add_editor(args: argparse.Namespace) -> int:
    from perfdash.access import editors

    path = Path(args.editors) if args.editors else paths.editors_file()
    try:
        if args.remove:
            if args.password_stdin:
                raise _BadInput("--remove takes no password")
            if not editors.remove_editor(args.name.strip(), path):
                raise _BadInput(f"no editor named {args.name!r} in {path}; nothing was changed")
            print(f"removed editor {args.name.strip()} from {path}")
        elif args.oidc_email:
            email = editors.check_email(args.name)
            added = editors.add_oidc_editor(email, path)
            print(f"{email} {'may now' if added else 'could already'} record outturns after signing in "
                  f"with the council account ({path})")
        else:
            editors.check_name(args.name)
            password = _read_password(args.password_stdin)
            added = editors.add_editor(args.name, password, path)
            print(f"{'added editor' if added else 'replaced the password of editor'} {args.name} in {path}")
    except editors.EditorsFileError as error:
        print(error, file=sys.stderr)
        return 1
    except (editors.EditorsError, _BadInput) as error:
        print(f"add-editor refused: {error}", file=sys.stderr)
        return 2
    return 0


def _read_password(from_stdin: bool) -> str:
    from perfdash.access.editors import check_password

    try:
        if from_stdin:
            line = sys.stdin.readline()
            password = line[:-1] if line.endswith("\n") else line
            password = password[:-1] if password.endswith("\r") else password
        else:
            password = getpass.getpass("Password (at least 12 characters): ")
            check_password(password)
            if getpass.getpass("Password again: ") != password:
                raise _BadInput("the two passwords did not match; nothing was changed")
    except (EOFError, KeyboardInterrupt):
        raise _BadInput("no password was given; nothing was changed") from None
    check_password(password)
    return password
