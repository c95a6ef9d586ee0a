-- The printed target for one quarter of every indicator of a council that has a quarterly target
-- profile in that year: the rows of the outturns template. An indicator whose profile skips the
-- quarter still appears, with a NULL target.
-- Parameters: $council (council_id), $year (year_start), $quarter (1-4).
-- Returns: indicator_id, value, value_text, source
with profiled as (
    select distinct v.indicator_id
    from indicator_values as v
    where v.council_id = $council
      and v.year_start = $year
      and v.kind = 'target'
      and v.quarter is not null
),
quarter_targets as (
    select v.indicator_id, v.value, v.value_text, v.source
    from indicator_values as v
    where v.council_id = $council
      and v.year_start = $year
      and v.kind = 'target'
      and v.quarter = $quarter
)
select
    p.indicator_id,
    t.value,
    t.value_text,
    t.source
from profiled as p
left join quarter_targets as t on t.indicator_id = p.indicator_id
order by p.indicator_id
