-- The council priority and common theme of each of a council's indicators, for grouping the
-- Scorecard and the board pack. An indicator printed under no priority has NULL priority columns.
-- Parameters: $council (council_id).
-- Returns: indicator_id, common_theme, indicator_line, priority_id, priority_ref, priority_title,
--          priority_source, priority_line
select
    i.indicator_id,
    i.common_theme,
    source_line(i.source) as indicator_line,
    p.priority_id,
    p.ref as priority_ref,
    p.title as priority_title,
    p.source as priority_source,
    p.source_line as priority_line
from indicators as i
left join numbered_priorities() as p on p.priority_id = i.priority_id
where i.council_id = $council
order by i.indicator_id
