-- Store setup: the table that records which migrations have run.
-- Parameters: none.
-- Returns: nothing (creates table schema_version)
create table if not exists schema_version (
    version integer primary key,
    name varchar not null,
    applied_at timestamptz not null
);
