-- Every row of one plan table as the dashboard sees it (bundled extracts and imported registers),
-- for checking a new register against what is already known. __table__ is a contract table from
-- the allow-list (perfdash.db.sql_files.load_table_sql), never user text.
-- Parameters: none.
-- Returns: every column of the table
select * from __table__
