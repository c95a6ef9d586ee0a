"""The SQL files in queries/: loading them by name, and telling from a query's text whether it reads
the actuals store.

A query "reads the store" when it names a table, view or macro that holds rows copied from the
actuals store. Those are found in the setup files themselves (queries/setup_*.sql), not kept in a
list: frames copied from the store are registered under names starting `store_` (e.g.
store_latest_rows), so any object a setup file creates from one of them is store-backed, and so is
any object a setup file creates over a store-backed one (a macro over recorded_actuals, say).
Caches use this to keep results that read only the extracts across store writes.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from perfdash import paths
from perfdash.plans.contract import TABLES

QUERIES_DIR = paths.ROOT / "queries"
STORE_FRAME_PREFIX = "store_"
_QUERY_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
# Comments and string literals hold words that are not names; a quoted name keeps its text.
_NOT_NAMES = re.compile(r"--[^\n]*|/\*.*?\*/|'(?:[^']|'')*'", re.DOTALL)
_NAME = re.compile(r'(?<![$\w])"?([a-z_][a-z0-9_]*)"?', re.IGNORECASE)
_CREATES = re.compile(
    r"^\s*create\s+(?:or\s+replace\s+)?(?:temp(?:orary)?\s+)?(?:table|view|macro|function)\s+"
    r"(?:if\s+not\s+exists\s+)?\"?([a-z_][a-z0-9_]*)\"?", re.IGNORECASE)


class QueryNotFound(LookupError):
    """No queries/<name>.sql file."""


def load_sql(name: str) -> str:
    """The text of queries/<name>.sql. Names are checked so a name can never leave the folder."""
    if not _QUERY_NAME.match(name):
        raise QueryNotFound(f"{name!r} is not a valid query name")
    path = QUERIES_DIR / f"{name}.sql"
    if not path.is_file():
        raise QueryNotFound(f"There is no query file queries/{name}.sql")
    return path.read_text(encoding="utf-8")


def load_table_sql(name: str, table: str) -> str:
    """A query over one extract table: the table name must be one of the contract's tables
    (an allow-list), so no user text ever becomes SQL."""
    if table not in TABLES:
        raise QueryNotFound(f"{table!r} is not one of the extract tables")
    return load_sql(name).replace("__table__", table)


def names_in(sql: str) -> frozenset[str]:
    """Every name a piece of SQL uses (tables, views, macros, columns, aliases), lower-cased;
    words in comments and strings, and $parameters, are not names."""
    return frozenset(match.lower() for match in _NAME.findall(_NOT_NAMES.sub(" ", sql)))


@lru_cache(maxsize=8)
def _setup_files(folder: Path, listed_at: int) -> tuple[Path, ...]:
    return tuple(sorted(folder.glob("setup_*.sql")))


@lru_cache(maxsize=8)
def _read_texts(state: tuple) -> tuple[str, ...]:
    return tuple(Path(file).read_text(encoding="utf-8") for file, _, _ in state)


def _setup_texts() -> tuple[str, ...]:
    """The setup files' text, read again only when one is added, removed or changed (checked by
    the folder's and the files' stamps, far cheaper than reading them for every query)."""
    files = _setup_files(QUERIES_DIR, QUERIES_DIR.stat().st_mtime_ns)
    state = tuple((str(file), *_stamp(file)) for file in files)
    return _read_texts(state)


def _stamp(file: Path) -> tuple[int, int]:
    stat = file.stat()
    return stat.st_mtime_ns, stat.st_size


@lru_cache(maxsize=8)
def _store_objects(setup_texts: tuple[str, ...]) -> frozenset[str]:
    created: dict[str, set[str]] = {}
    for text in setup_texts:
        for statement in _NOT_NAMES.sub(" ", text).split(";"):
            match = _CREATES.match(statement)
            if match:
                name = match.group(1).lower()
                created.setdefault(name, set()).update(names_in(statement[match.end():]) - {name})
    backed = {name for name, used in created.items() if any(n.startswith(STORE_FRAME_PREFIX) for n in used)}
    while True:  # objects over store-backed objects are store-backed too
        more = {name for name, used in created.items() if name not in backed and used & backed}
        if not more:
            return frozenset(backed)
        backed |= more


def store_objects() -> frozenset[str]:
    """The tables, views and macros the setup files fill from the actuals store, directly or not."""
    return _store_objects(_setup_texts())


@lru_cache(maxsize=1024)
def _reads_store(sql: str, setup_texts: tuple[str, ...]) -> bool:
    return bool(names_in(sql) & _store_objects(setup_texts))


def reads_store(sql: str) -> bool:
    """True when the query names anything filled from the actuals store, so its result can change
    with every store write; False when it reads only the extracts."""
    return _reads_store(sql, _setup_texts())
