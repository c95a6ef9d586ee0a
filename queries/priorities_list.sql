-- Council priorities in each plan's own order ("order"; the source line where a register leaves it
-- empty), with the plan that states them.
-- Parameters: $councils (list of council_id, or NULL for every council), $theme (common theme or NULL).
-- Returns: priority_id, ref, council_id, council_name, plan_id, plan_title, plan_start_year, rank, title,
--          timeframe, theme, common_theme, source, source_line
select
    n.priority_id,
    n.ref,
    n.council_id,
    c.name as council_name,
    n.plan_id,
    pl.title as plan_title,
    pl.start_year as plan_start_year,
    n.rank,
    n.title,
    n.timeframe,
    n.theme,
    n.common_theme,
    n.source,
    n.source_line
from numbered_priorities() as n
join councils as c on c.council_id = n.council_id
join plans as pl on pl.plan_id = n.plan_id
where ($councils::varchar[] is null or list_contains($councils, n.council_id))
  and ($theme::varchar is null or n.common_theme = $theme)
order by c.name, pl.start_year, n.plan_id, n."order" nulls last, n.source_line, n.priority_id
