-- Store write: note that one migration has run.
-- Parameters: $version, $name, $applied_at (timestamptz).
-- Returns: nothing
insert into schema_version (version, name, applied_at) values ($version, $name, $applied_at)
