-- Indicators with the same national code in more than one council: each council's latest
-- annual actual and the next annual target after it, with citations.
-- Parameters: $councils (list of council_id).
-- Returns: code, council_id, council_name, indicator_id, title, unit, polarity,
--          actual_period, actual, actual_text, actual_source,
--          target_period, target, target_text, target_source
with coded as (
    select i.*
    from indicators as i
    where i.code is not null and list_contains($councils, i.council_id)
),
shared as (
    select code from coded group by code having count(distinct council_id) > 1
),
latest_actual as (
    select v.indicator_id, v.period, v.year_start, v.value, v.value_text, v.source
    from indicator_values as v
    where v.kind = 'actual' and v.quarter is null and v.value is not null
    qualify row_number() over (partition by v.indicator_id order by v.year_start desc) = 1
),
next_target as (
    select v.indicator_id, v.period, v.value, v.value_text, v.source
    from indicator_values as v
    left join latest_actual as a on a.indicator_id = v.indicator_id
    where v.kind = 'target' and v.quarter is null and v.value is not null
      and (a.year_start is null or v.year_start > a.year_start)
    qualify row_number() over (partition by v.indicator_id order by v.year_start) = 1
)
select
    i.code, i.council_id, c.name as council_name, i.indicator_id, i.title, i.unit, i.polarity,
    a.period as actual_period, a.value as actual, a.value_text as actual_text, a.source as actual_source,
    t.period as target_period, t.value as target, t.value_text as target_text, t.source as target_source
from coded as i
join shared as s on s.code = i.code
join councils as c on c.council_id = i.council_id
left join latest_actual as a on a.indicator_id = i.indicator_id
left join next_target as t on t.indicator_id = i.indicator_id
order by i.code, c.name
