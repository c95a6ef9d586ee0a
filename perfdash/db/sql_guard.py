"""Is this console input one plain SELECT? Three checks, each refusing with a message a policy
officer can act on: DuckDB's parser must report exactly one statement, of type SELECT; its parse
tree (json_serialize_sql) must hold only SELECT query nodes, so a DELETE or INSERT wrapped in a
CTE is refused; and, as a second line, its text must hold no writing keyword outside strings,
quoted names and comments. The console's database is read-only besides (perfdash.db.console)."""
from __future__ import annotations

import json
import re

import duckdb

# What each refused statement type is, in words a policy officer can act on.
_REFUSED_KINDS = {
    "INSERT": "an INSERT statement, which adds rows",
    "UPDATE": "an UPDATE statement, which changes rows",
    "DELETE": "a DELETE statement, which removes rows",
    "CREATE": "a CREATE statement, which makes tables, views or other objects",
    "CREATE_FUNC": "a CREATE FUNCTION statement, which makes a function",
    "DROP": "a DROP statement, which removes tables or other objects",
    "ALTER": "an ALTER statement, which changes a table",
    "COPY": "a COPY statement, which reads or writes files",
    "COPY_DATABASE": "a COPY FROM DATABASE statement, which copies a database",
    "EXPORT": "an EXPORT statement, which writes the database to files",
    "ATTACH": "an ATTACH statement, which opens another database",
    "DETACH": "a DETACH statement, which closes a database",
    "LOAD": "an INSTALL or LOAD statement, which adds extensions",
    "PRAGMA": "a PRAGMA statement, which reads or changes settings",
    "SET": "a SET, RESET or USE statement, which changes settings",
    "VARIABLE_SET": "a SET VARIABLE statement, which changes settings",
    "TRANSACTION": "a transaction statement (BEGIN, COMMIT or ROLLBACK)",
    "EXPLAIN": "an EXPLAIN statement",
    "CALL": "a CALL or CHECKPOINT statement; write SELECT * FROM the_function() instead",
    "PREPARE": "a PREPARE statement",
    "EXECUTE": "an EXECUTE statement",
    "VACUUM": "a VACUUM statement",
    "ANALYZE": "an ANALYZE statement",
    "MULTI": "a statement that runs several steps (such as a bare PIVOT); wrap it as SELECT * FROM (PIVOT ...)",
    "MERGE_INTO": "a MERGE statement, which changes rows",
}


# Query nodes of a plain SELECT in DuckDB's serialised parse tree; any other *_NODE (DELETE_QUERY_NODE,
# INSERT_QUERY_NODE, UPDATE_QUERY_NODE, ...) means the query would change data.
_READING_NODES = {"SELECT_NODE", "SET_OPERATION_NODE", "RECURSIVE_CTE_NODE", "CTE_NODE"}
# The second line: words that only a writing or settings statement uses, matched outside strings,
# quoted names and comments.
_WRITING_WORDS = re.compile(
    r"\b(insert|update|delete|merge|upsert|truncate|drop|create|alter|copy|attach|detach|install|load|"
    r"pragma|export|import|checkpoint|vacuum|call|returning)\b", re.IGNORECASE)
_QUOTED_OR_COMMENT = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|--[^\n]*|/\*.*?\*/", re.DOTALL)


class ConsoleError(Exception):
    """A problem the console reports to its user in plain English (the message is the report)."""


class QueryRefused(ConsoleError):
    """The input is not a single SELECT query, so it was not run."""


class QueryFailed(ConsoleError):
    """The query was run and DuckDB stopped it with an error."""




def checked_select(sql: str, cursor: duckdb.DuckDBPyConnection) -> duckdb.Statement:
    """The one SELECT statement in `sql`, as DuckDB parsed it; raises QueryRefused or QueryFailed."""
    try:
        statements = cursor.extract_statements(sql or "")
    except duckdb.Error as error:
        raise QueryFailed(f"DuckDB could not read the query; check its spelling and punctuation. {error}") \
            from error
    if not statements:
        raise QueryRefused("There is no query to run. Type one SELECT query, for example: "
                           "select * from councils")
    if len(statements) > 1:
        raise QueryRefused(f"Only one statement can run at a time, and this input holds {len(statements)}. "
                           "Run them one by one, without semicolons between them.")
    statement = statements[0]
    kind = statement.type.name
    if kind != "SELECT":
        what = _REFUSED_KINDS.get(kind, f"a {kind} statement")
        raise QueryRefused(f"Only SELECT queries can run here; this is {what}, so it was refused.")
    refuse_hidden_writes(sql, cursor)
    return statement


def refuse_hidden_writes(sql: str, cursor: duckdb.DuckDBPyConnection) -> None:
    """Refuse a SELECT whose parse tree or text holds a write, such as a DELETE inside a CTE."""
    try:
        serialised = cursor.execute("select json_serialize_sql($sql)", {"sql": sql}).fetchone()[0]
    except duckdb.Error as error:
        raise QueryRefused(f"DuckDB could not check that the query only reads, so it was refused. {error}") \
            from error
    tree = json.loads(serialised)
    if tree.get("error"):
        raise QueryRefused("DuckDB could not check that the query only reads, so it was refused. "
                           f"{tree.get('error_message', '')}".strip())
    writing = sorted(node for node in _query_node_types(tree) if node not in _READING_NODES)
    if writing:
        named = ", ".join(node.removesuffix("_QUERY_NODE").removesuffix("_NODE") for node in writing)
        raise QueryRefused(f"Only queries that read can run here; this one holds a {named} step "
                           "(for example inside a WITH clause), so it was refused.")
    word = _WRITING_WORDS.search(_QUOTED_OR_COMMENT.sub(" ", sql))
    if word:
        raise QueryRefused(f"Only queries that read can run here; the word {word.group(1).upper()} "
                           "belongs to a statement that changes data or settings, so it was refused. "
                           "Put it in quotes if it is a name or a value.")


def _query_node_types(tree: object) -> set[str]:
    """Every query node type ("SELECT_NODE", "DELETE_QUERY_NODE", ...) anywhere in a parse tree."""
    found: set[str] = set()
    stack = [tree]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            kind = item.get("type")
            if isinstance(kind, str) and kind.endswith("_NODE"):
                found.add(kind)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found
