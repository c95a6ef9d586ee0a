-- Store read: the columns of one store table, in order (to check an export against the store).
-- Parameters: $table (a store table name).
-- Returns: column_name
select column_name from information_schema.columns
where table_schema = current_schema() and table_name = $table
order by ordinal_position
