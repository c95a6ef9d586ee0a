-- Store migration 2: imported plan registers. Every row a register brings (a council, plan,
-- indicator, target, priority, action or finding) is one version of one row of a contract table,
-- keyed by that table's key; nothing is updated or deleted, and the latest version wins.
-- Parameters: none.
-- Returns: nothing (creates tables register_imports, plan_versions)
create table if not exists register_imports (
    import_id varchar primary key,
    file_name varchar not null,
    file_sha256 varchar not null,
    imported_by varchar not null,
    imported_at timestamptz not null,
    rows_read integer not null,
    versions_written integer not null
);
create table if not exists plan_versions (
    version_id bigint primary key,
    import_id varchar not null,
    table_name varchar not null,
    row_key varchar not null,
    row_json varchar not null,
    origin varchar not null,
    recorded_by varchar not null,
    recorded_at timestamptz not null,
    replaced_version_id bigint
);
