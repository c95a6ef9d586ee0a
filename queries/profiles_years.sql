-- Financial years with a quarterly target profile, per council.
-- Parameters: $councils (list of council_id).
-- Returns: council_id, year_start, period, indicators
select
    v.council_id,
    v.year_start,
    min(v.period) as period,
    count(distinct v.indicator_id) as indicators
from indicator_values as v
where v.quarter is not null
  and v.kind = 'target'
  and list_contains($councils, v.council_id)
group by v.council_id, v.year_start
order by v.council_id, v.year_start
