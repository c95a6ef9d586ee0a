-- The years each plan printed a quarterly (Q1-Q4) target profile for: outturns can only be
-- imported for an indicator of a plan in one of its profile years.
-- Parameters: none.
-- Returns: plan_id, year_start
select distinct
    i.plan_id,
    v.year_start
from indicator_values as v
join indicators as i on i.indicator_id = v.indicator_id
where v.kind = 'target'
  and v.quarter is not null
order by i.plan_id, v.year_start
