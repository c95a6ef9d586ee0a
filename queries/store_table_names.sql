-- Store read: the tables in the store's own schema (main in DuckDB, public in PostgreSQL).
-- Parameters: none.
-- Returns: table_name
select table_name from information_schema.tables
where table_schema = current_schema()
order by table_name
