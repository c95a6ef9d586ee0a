-- Store read: the migrations that have run, oldest first.
-- Parameters: none.
-- Returns: version, name, applied_at
select version, name, applied_at from schema_version order by version
