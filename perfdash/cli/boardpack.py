"""manage.py board-pack: a council's quarter for its leadership team as PowerPoint and PDF."""
from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
from pathlib import Path

from perfdash import paths
from perfdash.cli.common import data_errors_plainly, financial_year, store_database

PANGO_HINT = ("the PDF needs Pango, which WeasyPrint loads: on Debian or Ubuntu, "
              "apt-get install libpango-1.0-0 libpangoft2-1.0-0 (scripts/install.sh does this)")


def _write_all(files: dict[Path, bytes]) -> None:
    """Every file written, or none: each goes to a temporary file beside it first; only when all
    are written are they moved into place, and if a move fails the files moved so far are taken
    back out and any earlier pack they replaced is put back."""
    mask = os.umask(0)
    os.umask(mask)
    written: list[tuple[Path, Path]] = []
    kept: dict[Path, Path] = {}
    moved: list[Path] = []
    try:
        for path, data in files.items():
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
            written.append((Path(temporary), path))
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.chmod(temporary, 0o666 & ~mask)  # as an ordinary new file, not mkstemp's owner-only
        for temporary, path in written:
            if path.exists():
                kept[path] = path.with_name(f".{path.name}.previous")
                os.replace(path, kept[path])
            os.replace(temporary, path)
            moved.append(path)
    except BaseException:
        for path in moved:
            path.unlink(missing_ok=True)
        for path, previous in kept.items():
            os.replace(previous, path)
        raise
    finally:
        for temporary, _ in written:
            temporary.unlink(missing_ok=True)
    for previous in kept.values():
        previous.unlink(missing_ok=True)


@contextlib.contextmanager
def _beside():
    """Forked worker processes, one per core, or None where fork is not offered (then the deck and
    the PDF are made here, one after the other)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    try:
        pool = ProcessPoolExecutor(max(3, os.cpu_count() or 1), mp_context=multiprocessing.get_context("fork"))
    except ValueError:
        pool = None
    try:
        yield pool
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)


@data_errors_plainly("no board pack was written: ")
def cmd_board_pack(args: argparse.Namespace) -> int:
    from perfdash.boardpack.pptx import pptx_bytes
    from perfdash.boardpack.source import NothingToReport, load_board_pack
    from perfdash.rag import rule as rag
    from perfdash.rag.settings import load_rules
    from perfdash.store.outturns import DEMO, ActualsStore, StoreError, kind_on_disk

    store_path = args.store or str(paths.demo_store_path() if args.demo else paths.store_path())
    try:
        kind = kind_on_disk(store_path) or (DEMO if args.demo else "real")
        connection = store_database(args, ActualsStore(store_path, kind))
        rules = load_rules()
    except (StoreError, rag.RulesError) as error:
        print(f"no board pack was written: {error}", file=sys.stderr)
        return 1
    try:
        pack = load_board_pack(connection, rules, args.council, args.year, args.quarter, args.group_by,
                               demo=kind == DEMO)
    except KeyError:
        from perfdash.boardpack.source import council_names

        print(f"unknown council {args.council!r}; choose one of {', '.join(sorted(council_names(connection)))}",
              file=sys.stderr)
        return 2
    except NothingToReport as error:
        print(f"no board pack was written: {error}", file=sys.stderr)
        return 1
    with _beside() as pool:
        # The deck is built in one worker while the others lay out the PDF's parts.
        deck_bytes = pool.submit(pptx_bytes, pack) if pool else None
        try:
            from perfdash.boardpack.pdf import pdf_bytes

            pdf = pdf_bytes(pack, pool)
        except OSError as error:  # WeasyPrint could not load Pango
            print(f"no board pack was written: {PANGO_HINT} ({error})", file=sys.stderr)
            return 1
        deck_bytes = deck_bytes.result() if deck_bytes else pptx_bytes(pack)
    out = Path(args.out)
    try:
        out.mkdir(parents=True, exist_ok=True)
        deck, document = out / f"{pack.file_stem}.pptx", out / f"{pack.file_stem}.pdf"
        _write_all({deck: deck_bytes, document: pdf})
    except OSError as error:
        print(f"no board pack was written: cannot write to {out}: {error.strerror or error}", file=sys.stderr)
        return 1
    if pack.demo:
        print("DEMONSTRATION DATA: generated outturns, not real figures", file=sys.stderr)
    reds = len(pack.reds)
    print(f"{pack.title}: {reds} red indicator{'' if reds == 1 else 's'}\n{deck}\n{document}")
    return 0


def register(commands: argparse._SubParsersAction) -> None:
    """Add this group's subcommands to manage.py."""
    pack = commands.add_parser(
        "board-pack", help="a council's quarter as a PowerPoint deck and a PDF for the leadership team",
        description="Writes <council>-<year>-Q<n>-board-pack.pptx and .pdf: headline counts, the scorecard by "
        "priority or theme, a slide for each red indicator with its corrective action, and an appendix of "
        "every indicator. Exit 1 when there is nothing to report or a file cannot be written, 2 for an "
        "unknown council.")
    pack.add_argument("--council", required=True, help="council_id, e.g. nw-leicestershire")
    pack.add_argument("--year", required=True, type=financial_year, help="financial year, e.g. 2007/08")
    pack.add_argument("--quarter", required=True, type=int, choices=(1, 2, 3, 4), help="quarter 1-4")
    pack.add_argument("--out", required=True, help="folder to write the two files to (made if missing)")
    pack.add_argument("--group-by", choices=("priority", "theme"), default="priority",
                      help="group the scorecard by council priority (default) or common theme")
    pack.add_argument("--store", help="actuals store file or PostgreSQL URL (default: $PERFDASH_STORE or "
                      "data/store/actuals.duckdb)")
    pack.add_argument("--demo", action="store_true", help="read the demonstration store instead")
    pack.add_argument("--extracts", help="extracts folder (default: the configured one)")
    pack.set_defaults(handler=cmd_board_pack)
