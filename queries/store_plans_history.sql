-- Store read: every version of imported plan rows, newest first, with the version each replaced.
-- Parameters: $table (a contract table name or NULL for all), $key_prefix (start of row_key or NULL).
-- Returns: version_id, table_name, row_key, row_json, origin, import_id, file_name, recorded_by,
--          recorded_at, replaced_version_id, replaced_row_json
select
    v.version_id, v.table_name, v.row_key, v.row_json, v.origin, v.import_id, i.file_name,
    v.recorded_by, v.recorded_at::timestamp as recorded_at, v.replaced_version_id,
    r.row_json as replaced_row_json
from plan_versions as v
left join register_imports as i on i.import_id = v.import_id
left join plan_versions as r on r.version_id = v.replaced_version_id
where ($table::varchar is null or v.table_name = $table)
  and ($key_prefix::varchar is null or starts_with(v.row_key, $key_prefix::varchar))
order by v.version_id desc
