-- Store write: log one register import that changed something.
-- Parameters: $import_id, $file_name, $file_sha256, $imported_by, $imported_at, $rows_read, $versions_written.
-- Returns: nothing
insert into register_imports (
    import_id, file_name, file_sha256, imported_by, imported_at, rows_read, versions_written
) values ($import_id, $file_name, $file_sha256, $imported_by, $imported_at, $rows_read, $versions_written)
