-- Store write: append the versions of one register import that differ from the latest ones.
-- Runs inside the writer's transaction, which holds the store's write lock; rows come from the
-- temporary table incoming_versions (table_name, row_key, row_json, origin, row_order). Unchanged
-- rows are skipped, so importing the same register twice writes nothing.
-- Parameters: $import_id, $recorded_by, $recorded_at (timestamptz).
-- Returns: nothing
insert into plan_versions (
    version_id, import_id, table_name, row_key, row_json, origin, recorded_by, recorded_at, replaced_version_id
)
select
    (select coalesce(max(version_id), 0) from plan_versions) + row_number() over (order by changed.row_order),
    $import_id, changed.table_name, changed.row_key, changed.row_json, changed.origin, $recorded_by,
    $recorded_at, changed.replaced_version_id
from (
    select n.*, l.version_id as replaced_version_id
    from incoming_versions as n
    left join (
        select v.table_name, v.row_key, v.version_id, v.row_json
        from plan_versions as v
        join (
            select table_name, row_key, max(version_id) as version_id
            from plan_versions
            group by table_name, row_key
        ) as newest on newest.version_id = v.version_id
    ) as l on l.table_name = n.table_name and l.row_key = n.row_key
    where l.version_id is null or l.row_json <> n.row_json
) as changed
