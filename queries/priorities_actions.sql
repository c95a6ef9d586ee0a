-- Actions of the chosen councils, for linking to the priorities they serve.
-- Parameters: $councils (list of council_id).
-- Returns: item_id, council_id, plan_id, priority_id, title, common_theme, status, source, source_line
select
    a.action_id as item_id,
    a.council_id,
    a.plan_id,
    a.priority_id,
    a.title,
    a.common_theme,
    a.status,
    a.source,
    try_cast(split_part(a.source, ':', -1) as integer) as source_line
from actions as a
where list_contains($councils, a.council_id)
order by a.plan_id, source_line, a.action_id
