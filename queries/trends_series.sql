-- Annual figures for the chosen indicators, one row per printed figure, with its citation.
-- Parameters: $indicator_ids (list of indicator_id).
-- Returns: indicator_id, council_id, council_name, code, title, unit, polarity, period, year_start,
--          kind, value, value_text, source, plan_title
select
    v.indicator_id,
    v.council_id,
    c.name as council_name,
    i.code,
    i.title,
    i.unit,
    i.polarity,
    v.period,
    v.year_start,
    v.kind,
    v.value,
    v.value_text,
    v.source,
    p.title as plan_title
from indicator_values as v
join indicators as i on i.indicator_id = v.indicator_id
join councils as c on c.council_id = v.council_id
join plans as p on p.plan_id = i.plan_id
where list_contains($indicator_ids, v.indicator_id)
  and v.quarter is null
order by v.indicator_id, v.year_start, v.kind
