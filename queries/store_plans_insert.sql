-- Store write: append the versions of one register import that differ from the latest ones.
-- Runs inside the writer's transaction; rows come from the registered frame incoming_versions
-- (table_name, row_key, row_json, origin, row_order). Unchanged rows are skipped, so importing the
-- same register twice writes nothing.
-- Parameters: $import_id, $recorded_by, $recorded_at (timestamptz).
-- Returns: nothing
insert into plan_versions (
    import_id, table_name, row_key, row_json, origin, recorded_by, recorded_at, replaced_version_id
)
select
    $import_id, n.table_name, n.row_key, n.row_json, n.origin, $recorded_by, $recorded_at, l.version_id
from incoming_versions as n
left join (
    select * from plan_versions
    qualify row_number() over (partition by table_name, row_key order by version_id desc) = 1
) as l
    on l.table_name = n.table_name and l.row_key = n.row_key
where l.version_id is null or l.row_json <> n.row_json
order by n.row_order
