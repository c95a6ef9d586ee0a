-- Store read: the latest version of every imported plan row (later versions win).
-- Parameters: none.
-- Returns: table_name, row_key, row_json, origin, version_id, import_id, recorded_by, recorded_at,
--          versions (how many versions the row has had)
with ranked as (
    select
        v.*,
        row_number() over (partition by table_name, row_key order by version_id desc) as newest,
        count(*) over (partition by table_name, row_key) as versions
    from plan_versions as v
)
select
    table_name, row_key, row_json, origin, version_id, import_id, recorded_by,
    recorded_at::timestamp as recorded_at, versions
from ranked
where newest = 1
order by table_name, version_id
