-- The same national code across councils: quarterly target profiles where a council prints
-- one, and annual targets otherwise (only some plans profile their targets by quarter).
-- Parameters: $code (national code, e.g. BV9).
-- Returns: council_id, council_name, indicator_id, title, unit, polarity, profile, period, year_start,
--          quarter (NULL for an annual target), value, value_text, source
select
    i.council_id, c.name as council_name, i.indicator_id, i.title, i.unit, i.polarity, i.profile,
    v.period, v.year_start, v.quarter, v.value, v.value_text, v.source
from indicators as i
join councils as c on c.council_id = i.council_id
join indicator_values as v on v.indicator_id = i.indicator_id
where i.code = $code
  and v.kind = 'target'
  and v.value is not null
order by c.name, v.year_start, v.quarter nulls first
