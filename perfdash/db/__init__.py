"""DuckDB access: the SQL files, the query database over the extracts, and the read-only SQL console."""
