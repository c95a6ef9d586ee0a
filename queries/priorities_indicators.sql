-- Indicators of the chosen councils, for linking to the priorities they measure.
-- Parameters: $councils (list of council_id).
-- Returns: item_id, council_id, plan_id, priority_id, code, title, unit, polarity, common_theme, source,
--          source_line
select
    i.indicator_id as item_id,
    i.council_id,
    i.plan_id,
    i.priority_id,
    i.code,
    i.title,
    i.unit,
    i.polarity,
    i.common_theme,
    i.source,
    try_cast(split_part(i.source, ':', -1) as integer) as source_line
from indicators as i
where list_contains($councils, i.council_id)
order by i.plan_id, source_line, i.indicator_id
