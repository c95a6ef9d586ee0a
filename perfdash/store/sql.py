"""The store's SQL: queries/store_<name>.sql, or queries/store_<name>.<dialect>.sql where the two
dialects differ. Files are written with DuckDB's named parameters ($name); for PostgreSQL they
are turned into psycopg's %(name)s, outside quoted text, so one file serves both."""
from __future__ import annotations

import re
from functools import lru_cache

from perfdash import paths

QUERIES_DIR = paths.ROOT / "queries"
DIALECTS = ("duckdb", "postgres")
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_PARAMETER_OR_QUOTED = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|--[^\n]*|\$([a-z_][a-z0-9_]*)|%", re.I)


@lru_cache(maxsize=128)
def store_sql(name: str, dialect: str) -> str:
    if dialect not in DIALECTS:
        raise ValueError(f"unknown store dialect {dialect!r}")
    if not _NAME.match(name):
        raise ValueError(f"{name!r} is not a valid store query name")
    specific = QUERIES_DIR / f"store_{name}.{dialect}.sql"
    shared = QUERIES_DIR / f"store_{name}.sql"
    path = specific if specific.is_file() else shared
    text = path.read_text(encoding="utf-8")
    return to_psycopg(text) if dialect == "postgres" else text


_IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]*$")


def templated_store_sql(name: str, dialect: str, table: str, columns: list[str] | None = None) -> str:
    """A store query over one of the store's own tables (__table__, and __columns__ when given).
    Names are the callers' allow-listed identifiers; anything else is refused."""
    names = [table, *(columns or [])]
    if not all(_IDENTIFIER.match(part) for part in names):
        raise ValueError(f"not a store table or column name: {names}")
    text = store_sql(name, dialect).replace("__table__", table)
    return text.replace("__columns__", ", ".join(columns)) if columns is not None else text


def to_psycopg(sql: str) -> str:
    """$name -> %(name)s and a bare % -> %%, leaving quoted text and comments alone."""
    def replace(match: re.Match) -> str:
        token = match.group(0)
        if match.group(1):
            return f"%({match.group(1)})s"
        return token.replace("%", "%%")  # psycopg reads % everywhere, in quotes and comments too
    return _PARAMETER_OR_QUOTED.sub(replace, sql)
