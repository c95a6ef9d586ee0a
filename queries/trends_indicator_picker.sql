-- Indicators with at least one annual figure, labelled for the trend picker, first $limit by code.
-- At national scale the filters can match 100,000 indicators, more than a picker can hold, so the
-- list is capped here and `matching` says how many there are in all.
-- Parameters: $councils (list of council_id), $theme (common theme or NULL), $search (text, may be ''),
--             $indicator_ids (list of indicator_id, or NULL for any: to label choices beyond the cap),
--             $limit (most rows returned, or NULL for all).
-- Returns: indicator_id, label ("council · code · title"), matching (rows before the cap)
with annual as (
    select distinct v.indicator_id
    from indicator_values as v
    where v.quarter is null
      and v.value is not null
)
select
    i.indicator_id,
    c.name || ' · ' || coalesce(i.code || ' · ', '') || i.title as label,
    count(*) over () as matching
from indicators as i
join councils as c on c.council_id = i.council_id
where list_contains($councils, i.council_id)
  and ($theme::varchar is null or i.common_theme = $theme)
  and indicator_matches($search, i.title, i.code, i.ref)
  and ($indicator_ids::varchar[] is null or list_contains($indicator_ids, i.indicator_id))
  and i.indicator_id in (select a.indicator_id from annual as a)
order by i.code nulls last, c.name, i.title, i.indicator_id
limit $limit
