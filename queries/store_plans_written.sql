-- Store read, inside a write: how many versions one import wrote, by table.
-- Parameters: $import_id.
-- Returns: table_name, versions
select table_name, count(*) as versions from plan_versions where import_id = $import_id group by table_name
